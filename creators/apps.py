from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreatorsConfig(AppConfig):
    name = "creators"
    verbose_name = _("Impact Creators and Assessors")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from creators.private_media import check_private_roots
        from creators.session_policy import session_start
        from creators.signals import connect_signals

        connect_signals()
        checks.register(check_private_roots, checks.Tags.security, deploy=False)
        user_logged_in.connect(session_start, dispatch_uid="creators.session_start")
