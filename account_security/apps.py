from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountSecurityConfig(AppConfig):
    name = "account_security"
    verbose_name = _("Account security")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from account_security.session import note_login

        user_logged_in.connect(note_login, dispatch_uid="account_security.note_login")
