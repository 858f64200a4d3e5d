"""Public reads for the creator and assessor pages: their approved reports and a creator's Impact Performance.

Everything starts from ``ImpactReport.objects.public()`` and is summed by the database, so a profile with
thirty reports costs the same queries as one with a single report.
"""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet, Sum

from reports.models import ImpactReport
from reports.performance import ImpactPerformance, impact_performance
from taxonomy.models import SdgGoal

# A report "has results" when its frozen totals exist and something was invested (the ratio is defined).
WITH_RESULTS = Q(total_inputs__gt=0, present_value__isnull=False)
NEWEST = (F("first_published_at").desc(nulls_last=True), "-pk")


def _listing(reports: QuerySet[ImpactReport]) -> QuerySet[ImpactReport]:
    return (
        reports.select_related("sector", "owner__creator_profile", "owner__assessor_profile")
        .prefetch_related("provinces", "sdg_goals")
        .order_by(*NEWEST)
    )


def owner_public_reports(*, user_id: int) -> QuerySet[ImpactReport]:
    """Approved reports the account owns, newest approved first."""
    return _listing(ImpactReport.objects.public().filter(owner_id=user_id))


def assessor_public_reports(*, assessor_id: int, user_id: int) -> QuerySet[ImpactReport]:
    """Approved reports the assessor prepared for others or owns itself; one row per report (no join)."""
    return _listing(ImpactReport.objects.public().filter(Q(prepared_by_id=assessor_id) | Q(owner_id=user_id)))


def owner_performance(*, user_id: int) -> ImpactPerformance:
    """Impact Performance of the account's approved reports: two aggregate queries whatever their number."""
    reports = ImpactReport.objects.public().filter(owner_id=user_id)
    totals = reports.aggregate(
        count=Count("pk"),
        with_results=Count("pk", filter=WITH_RESULTS),
        inputs=Sum("total_inputs", filter=WITH_RESULTS),
        present_value=Sum("present_value", filter=WITH_RESULTS),
    )
    through = ImpactReport.sdg_goals.through
    goal_ids = through.objects.filter(impactreport__in=reports.values("pk")).values("sdggoal_id")
    goals = tuple(SdgGoal.objects.filter(pk__in=goal_ids).order_by("number")) if totals["count"] else ()
    return impact_performance(
        report_count=totals["count"],
        reports_with_results=totals["with_results"],
        total_inputs=totals["inputs"],
        total_present_value=totals["present_value"],
        sdg_goals=goals,
    )
