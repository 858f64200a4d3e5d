from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Impact Reports; reports/signals.py is imported at start-up by core's app config."""

    name = "reports"
    verbose_name = _("Impact Reports")
