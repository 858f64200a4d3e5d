"""Reports that use catalogue indicators, in every moderation state, for the Impact Data tests."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from reports.models import ImpactReport, ReportOutcome
from reports.services.submission import report_submit
from taxonomy.models import SdgGoal, SdgIndicator
from tests.creators.factories import decide, make_moderator
from tests.portal.test_directory_api import make_report, make_user

STATES = ("live", "draft", "pending", "rejected", "deleted")


def indicator(code: str) -> SdgIndicator:
    return SdgIndicator.objects.get(code=code)


def make_indicator_report(
    slug: str, uses: dict[str, str] | None = None, *, state: str = "live", sdgs=(), owner=None
) -> ImpactReport:
    """A report whose outcomes use the given indicators ({code: quantity}), in the given moderation state."""
    report = make_report(slug, live=False, sdgs=sdgs, owner=owner)
    outcomes = list(report.outcomes.all())
    template = outcomes[0]
    rows = []
    for position, (code, quantity) in enumerate((uses or {}).items()):
        row = ReportOutcome(
            stakeholder=template.stakeholder,
            outcome=f"ผลลัพธ์ {code}",
            indicator=template.indicator,
            quantity=Decimal(quantity),
            financial_proxy=template.financial_proxy,
            sdg_indicator=indicator(code),
            sort_order=position,
        )
        rows.append(row)
    report.outcomes = rows or outcomes
    report.save()
    if state == "live":
        report.save_revision().publish()
    elif state == "deleted":
        report.save_revision().publish()
        ImpactReport.objects.filter(pk=report.pk).update(deleted_at=timezone.now())
    elif state in ("pending", "rejected"):  # through the real workflow, as the wizard and moderators do
        report.save_revision(user=report.owner)
        report_submit(report=report, user=report.owner)
        if state == "rejected":
            decide(report, make_moderator(f"moderator-{slug}@example.org"), "reject", reason="โปรดแก้ไข")
    else:
        report.save_revision()
    return report


def bulk_reports(count: int, *, code: str, start: int = 0, goal: int | None = None) -> None:
    """Many live reports quickly (rows only, no revisions): each has one outcome of 10 on ``code``."""
    owner = make_user()
    reports = ImpactReport.objects.bulk_create(
        ImpactReport(owner=owner, slug=f"bulk-{start + n}", title_th=f"รายงาน {start + n}", live=True)
        for n in range(count)
    )
    used = indicator(code)
    ReportOutcome.objects.bulk_create(
        ReportOutcome(report=r, stakeholder="ชุมชน", outcome="o", indicator="i", quantity=10, sdg_indicator=used)
        for r in reports
    )
    if goal is not None:
        through = ImpactReport.sdg_goals.through
        goal_id = SdgGoal.objects.get(number=goal).pk
        through.objects.bulk_create(through(impactreport_id=r.pk, sdggoal_id=goal_id) for r in reports)
