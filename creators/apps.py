from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreatorsConfig(AppConfig):
    name = "creators"
    verbose_name = _("Impact Creators and Assessors")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.core import checks

        from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
        from creators.private_media import check_private_roots
        from creators.services.profiles import profile_record_decision
        from creators.session_policy import session_start
        from creators.signals import connect_signals
        from moderation.decisions import register_decision_handler

        def on_decision(profile, *, approved: bool, reason: str, decision_key: str) -> None:
            profile_record_decision(profile=profile, approved=approved, reason=reason, decision_key=decision_key)

        for model in (ImpactCreatorProfile, ImpactAssessorProfile):
            register_decision_handler(model, on_decision)

        connect_signals()
        checks.register(check_private_roots, checks.Tags.security, deploy=False)
        user_logged_in.connect(session_start, dispatch_uid="creators.session_start")
