"""A changed report going live withdraws its assurance (imported once at start-up by core's app config)."""

from __future__ import annotations

from wagtail.signals import published

from assurance.services import assurance_withdraw_if_changed
from reports.models import ImpactReport


def report_published(sender, instance, **kwargs) -> None:
    assurance_withdraw_if_changed(report=instance)


published.connect(report_published, sender=ImpactReport, dispatch_uid="assurance.report-published")
