from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The PDPA lifecycle: delete on request, restore, purge, retention, a registrant's data export, erasure."""

    name = "privacy"
    verbose_name = _("Personal data")
