from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreatorsConfig(AppConfig):
    """Registrants and profiles; creators/checks.py and signals.py are imported at start-up by core's app config."""

    name = "creators"
    verbose_name = _("Impact Creators and Assessors")
