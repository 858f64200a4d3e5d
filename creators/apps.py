from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreatorsConfig(AppConfig):
    name = "creators"
    verbose_name = _("Impact Creators and Assessors")

    def ready(self):
        from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
        from creators.services.profiles import profile_record_decision
        from moderation.decisions import register_decision_handler

        def on_decision(profile, *, approved: bool, reason: str, decision_key: str) -> None:
            profile_record_decision(profile=profile, approved=approved, reason=reason, decision_key=decision_key)

        for model in (ImpactCreatorProfile, ImpactAssessorProfile):
            register_decision_handler(model, on_decision)
