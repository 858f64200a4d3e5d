from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site: health and readiness probes, request ids and JSON logs, metrics, backups and restore."""

    name = "ops"
    verbose_name = _("Operations")
