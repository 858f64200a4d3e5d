from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Impact Reports")

    def ready(self):
        from moderation.decisions import register_decision_handler
        from reports.models import ImpactReport
        from reports.services.submission import report_record_decision

        def on_decision(report, *, approved: bool, reason: str, decision_key: str) -> None:
            report_record_decision(report=report, approved=approved, reason=reason, decision_key=decision_key)

        register_decision_handler(ImpactReport, on_decision)

        from reports.signals import connect_signals

        connect_signals()
