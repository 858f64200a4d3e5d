from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountSecurityConfig(AppConfig):
    name = "account_security"
    verbose_name = _("Account security")
