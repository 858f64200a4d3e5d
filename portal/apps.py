from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public site; its checks.py and signals.py are imported at start-up by core's app config."""

    name = "portal"
    verbose_name = _("Public site")
