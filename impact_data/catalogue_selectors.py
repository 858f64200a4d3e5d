"""Reads for the Impact Data catalogue (SDG goal → target → indicator) and the public reports that use it.

A report uses an indicator when one of its outcomes names it (``ReportOutcome.sdg_indicator``); it uses a
target through that target's indicators, and a goal through its indicators or its own ``sdg_goals``.
"Beneficiaries" is the sum of ``quantity`` over the outcomes measured with the indicators in question (each
outcome in its own unit). Only public reports count (``ImpactReport.objects.public()``): pending, draft,
rejected and deleted reports never do. Every read is a fixed number of queries, whatever the number of
reports: counts and sums are database aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import DecimalField, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum

from core.numbers import plain_number
from reports.models import ImpactReport, ReportOutcome
from reports.public_selectors import directory_reports
from taxonomy.models import SdgGoal, SdgIndicator, SdgTarget

ZERO = Decimal(0)
QUANTITY = DecimalField(max_digits=24, decimal_places=4)
GoalThrough = ImpactReport.sdg_goals.through


@dataclass(frozen=True)
class Usage:
    """How many public reports use a goal, target or indicator, and the beneficiaries they report."""

    reports: int = 0
    beneficiaries: Decimal = ZERO

    @property
    def beneficiaries_display(self) -> str:
        return plain_number(self.beneficiaries)


class _CountRows(Func):
    """COUNT(*) of a correlated subquery without GROUP BY (Django's Count would group by the outer key)."""

    function = "COUNT"
    template = "%(function)s(*)"
    output_field = IntegerField()


class _CountDistinct(Func):
    """COUNT(DISTINCT x) of a correlated subquery without GROUP BY."""

    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _public_outcomes() -> QuerySet[ReportOutcome]:
    return ReportOutcome.objects.filter(
        report__in=ImpactReport.objects.public().values("pk"), sdg_indicator__isnull=False
    )


def _with_usage(queryset: QuerySet, outcome_key: str) -> QuerySet:
    """Annotate report_count and beneficiaries through outcomes whose ``outcome_key`` is the row's pk.

    Correlated subqueries (one SQL statement for the whole list) that read the outcomes through their indicator
    index and check the report against one list of public reports: linear in the number of outcomes.
    """
    outcomes = _public_outcomes().filter(**{outcome_key: OuterRef("pk")}).order_by()
    reports = outcomes.annotate(n=_CountDistinct(F("report_id"))).values("n")
    total = outcomes.annotate(total=Func(F("quantity"), function="SUM")).values("total")
    return queryset.annotate(report_count=Subquery(reports), beneficiaries=Subquery(total, output_field=QUANTITY))


def _attach_usage(items) -> None:
    for item in items:
        item.usage = Usage(item.report_count or 0, item.beneficiaries or ZERO)


def _reports_using_goal_filter(goal_ref) -> Q:
    """Reports using the goal: through an outcome's indicator, or naming it (IN lists, not per-report lookups)."""
    via_indicators = ReportOutcome.objects.filter(sdg_indicator__target__goal_id=goal_ref).values("report_id")
    via_goals = GoalThrough.objects.filter(sdggoal_id=goal_ref).values("impactreport_id")
    return Q(pk__in=via_indicators) | Q(pk__in=via_goals)


# --- Goals -----------------------------------------------------------------------------------------------


def catalogue_goals() -> list[SdgGoal]:
    """The 17 goals, each with target_count, indicator_count and usage (public reports, beneficiaries)."""
    targets = SdgTarget.objects.filter(goal_id=OuterRef("pk")).order_by().annotate(n=_CountRows()).values("n")
    indicators = (
        SdgIndicator.objects.filter(target__goal_id=OuterRef("pk")).order_by().annotate(n=_CountRows()).values("n")
    )
    goals = list(
        _with_usage(SdgGoal.objects.all(), "sdg_indicator__target__goal_id")
        .annotate(target_count=Subquery(targets), indicator_count=Subquery(indicators))
        .order_by("number")
    )
    report_counts = _goal_report_counts()
    for goal in goals:  # a goal is used through its indicators or named by the report itself
        goal.usage = Usage(report_counts.get(goal.pk, 0), goal.beneficiaries or ZERO)
    return goals


def _goal_report_counts() -> dict[int, int]:
    """Public reports per goal, through indicators or ``sdg_goals``: distinct (goal, report) pairs, one query."""
    public = ImpactReport.objects.public().values("pk")
    via_indicators = (
        ReportOutcome.objects.filter(report__in=public, sdg_indicator__isnull=False)
        .annotate(goal_ref=F("sdg_indicator__target__goal_id"), report_ref=F("report_id"))
        .values_list("goal_ref", "report_ref")
        .order_by()
    )
    via_goals = (
        GoalThrough.objects.filter(impactreport_id__in=public)
        .annotate(goal_ref=F("sdggoal_id"), report_ref=F("impactreport_id"))
        .values_list("goal_ref", "report_ref")
        .order_by()
    )
    sql, params = via_indicators.union(via_goals).query.sql_with_params()  # UNION drops duplicate pairs
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT goal_ref, COUNT(*) FROM ({sql}) pairs GROUP BY goal_ref", params)  # noqa: S608
        return dict(cursor.fetchall())


def catalogue_goal(*, number: int) -> tuple[SdgGoal | None, list[SdgTarget]]:
    """The goal and its targets, each target with its indicators and every one with its usage."""
    targets = list(
        _with_usage(
            SdgTarget.objects.select_related("goal").filter(goal__number=number), "sdg_indicator__target_id"
        ).order_by("sort_key", "number")
    )
    goal = targets[0].goal if targets else SdgGoal.objects.filter(number=number).first()
    return goal, _with_indicators(goal, targets) if goal is not None else []


def _with_indicators(goal: SdgGoal, targets: list[SdgTarget]) -> list[SdgTarget]:
    indicators = list(
        _with_usage(SdgIndicator.objects.filter(target__goal=goal), "sdg_indicator_id").order_by("sort_key", "code")
    )
    _attach_usage(targets)
    _attach_usage(indicators)
    by_target: dict[int, list[SdgIndicator]] = {target.pk: [] for target in targets}
    for indicator in indicators:
        by_target[indicator.target_id].append(indicator)
    for target in targets:
        target.goal = goal
        target.indicator_list = by_target[target.pk]
    return targets


def goal_beneficiaries(targets: list[SdgTarget]) -> Decimal:
    """Beneficiaries of a goal = those of its indicators (each outcome names one indicator)."""
    return sum((i.usage.beneficiaries for t in targets for i in t.indicator_list), ZERO)


def reports_using_goal(goal: SdgGoal) -> QuerySet[ImpactReport]:
    return directory_reports().filter(_reports_using_goal_filter(goal.pk))


def page_beneficiaries(reports: list[ImpactReport], **outcome_filters) -> None:
    """Give each report of a listed page ``beneficiaries``: one grouped query for the page, not per report."""
    totals = (
        dict(
            _public_outcomes()
            .filter(report_id__in=[report.pk for report in reports], **outcome_filters)
            .values("report_id")
            .annotate(total=Sum("quantity"))
            .order_by()
            .values_list("report_id", "total")
        )
        if reports
        else {}
    )
    for report in reports:
        report.beneficiaries = totals.get(report.pk) or ZERO


# --- Targets ---------------------------------------------------------------------------------------------


def catalogue_target(*, slug: str) -> SdgTarget | None:
    target = _with_usage(SdgTarget.objects.select_related("goal").filter(slug=slug), "sdg_indicator__target_id").first()
    if target is not None:
        _attach_usage([target])
    return target


def target_indicators(target: SdgTarget) -> list[SdgIndicator]:
    indicators = list(
        _with_usage(SdgIndicator.objects.filter(target=target), "sdg_indicator_id").order_by("sort_key", "code")
    )
    _attach_usage(indicators)
    for indicator in indicators:
        indicator.target = target
    return indicators


def reports_using_target(target: SdgTarget) -> QuerySet[ImpactReport]:
    return directory_reports().filter(
        pk__in=ReportOutcome.objects.filter(sdg_indicator__target=target).values("report_id")
    )


# --- Indicators ------------------------------------------------------------------------------------------


def catalogue_indicators(
    *, goal: int | None = None, target: str | None = None, source: str | None = None
) -> QuerySet[SdgIndicator]:
    """Every indicator in catalogue order; filters are a goal number, a target number and a source (ANDed)."""
    indicators = SdgIndicator.objects.select_related("target__goal")
    if goal is not None:
        indicators = indicators.filter(target__goal__number=goal)
    if target:
        indicators = indicators.filter(target__number=target)
    if source:
        indicators = indicators.filter(source=source)
    return indicators.order_by("sort_key", "code", "pk")


def catalogue_export() -> list[SdgIndicator]:
    """Every indicator with its target, goal and usage by public reports, in catalogue order (one query)."""
    indicators = list(_with_usage(catalogue_indicators(), "sdg_indicator_id"))
    _attach_usage(indicators)
    return indicators


def catalogue_indicator(*, slug: str | None = None, code: str | None = None) -> SdgIndicator | None:
    """One indicator with its target, goal and usage."""
    lookup = {"slug": slug} if slug is not None else {"code": code}
    indicators = _with_usage(SdgIndicator.objects.select_related("target__goal").filter(**lookup), "sdg_indicator_id")
    indicator = indicators.first()
    if indicator is not None:
        _attach_usage([indicator])
    return indicator


def reports_using_indicator(indicator: SdgIndicator) -> QuerySet[ImpactReport]:
    return directory_reports().filter(pk__in=ReportOutcome.objects.filter(sdg_indicator=indicator).values("report_id"))


# --- Picking and showing indicators in reports -----------------------------------------------------------
