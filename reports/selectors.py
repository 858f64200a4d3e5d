"""Reads for Impact Reports: ownership, the working copy the wizard edits, and status for the dashboard."""

from dataclasses import dataclass

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from reports.models import ImpactReport


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending approval")
    WITHDRAWN = "withdrawn", _("Approval request cancelled")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")
    APPROVED = "approved", _("Approved")
    CHANGES_PENDING = "changes_pending", _("Approved — changes pending")


@dataclass(frozen=True)
class ReportStatusInfo:
    status: ReportStatus
    due_date: object = None
    reason: str = ""

    @property
    def editable(self) -> bool:
        return self.status not in (ReportStatus.PENDING, ReportStatus.CHANGES_PENDING)

    @property
    def can_withdraw(self) -> bool:
        return self.status in (ReportStatus.PENDING, ReportStatus.CHANGES_PENDING)


def report_status(report: ImpactReport) -> ReportStatusInfo:
    if report.workflow_in_progress:
        status = ReportStatus.CHANGES_PENDING if report.live else ReportStatus.PENDING
        return ReportStatusInfo(status, due_date=report.due_date)
    if report.live:
        return ReportStatusInfo(ReportStatus.APPROVED, reason=report.rejection_reason)
    if report.rejection_reason:
        return ReportStatusInfo(ReportStatus.NEEDS_CHANGES, reason=report.rejection_reason)
    if report.withdrawn_at:
        return ReportStatusInfo(ReportStatus.WITHDRAWN)
    return ReportStatusInfo(ReportStatus.DRAFT)


def owned_report(*, user, pk: int) -> ImpactReport:
    """The user's own report, or 404: another user's report does not exist for them."""
    report = ImpactReport.objects.filter(pk=pk, owner_id=user.pk).select_related("owner").first()
    if report is None:
        raise Http404
    return report


def working_copy(report: ImpactReport) -> ImpactReport:
    """What the owner edits: the latest revision (which may be ahead of the live version), else the row."""
    return report.get_latest_revision_as_object() if report.latest_revision_id else report


def owner_reports(*, user) -> list[tuple[ImpactReport, ReportStatusInfo]]:
    reports = ImpactReport.objects.filter(owner_id=user.pk).order_by("-created_at")
    return [(report, report_status(report)) for report in reports]


def live_report(*, slug: str) -> ImpactReport | None:
    return (
        ImpactReport.objects.public()
        .filter(slug=slug)
        .select_related("owner", "sector", "prepared_by")
        .prefetch_related("provinces", "sdg_goals", "themes", "stakeholders", "inputs", "outcomes")
        .first()
    )


def can_start_reports(user) -> tuple[bool, str]:
    """Only approved Impact Creators and Assessors may build reports; others see why not."""
    profile = getattr(user, "profile", None)
    if profile is None:
        return False, str(_("Only registered Impact Creators and Impact Assessors can create Impact Reports."))
    if not profile.live:
        return False, str(
            _("Your account is not approved yet. You can create Impact Reports once a moderator has approved it.")
        )
    return True, ""
