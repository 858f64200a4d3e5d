"""GET /api/portal/indicators…: the Impact Data catalogue, SDG goal → target → indicator, read-only.

Usage numbers count public reports only (live, not deleted; see ``impact_data.catalogue_selectors``):
``reports_count`` is how many use the item, ``beneficiaries`` the sum of ``quantity`` over their outcomes
measured with it (each outcome in its own unit). Texts come in Thai and English side by side.
Every answer carries ``Cache-Control: public, max-age=60`` and a strong ETag; a matching ``If-None-Match``
gets 304.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import Path, Query, Router, Schema

from directory.api.responses import cacheable_json, decimal_string, not_found
from impact_data import catalogue_selectors as catalogue
from impact_data.models import ImpactDataIndexPage

router = Router(tags=["Impact Data"])

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
CACHE_CONTROL = "public, max-age=60"

Limit = Annotated[int, Query(gt=0, description=f"Page size; values above {MAX_LIMIT} are treated as {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, description="How many items to skip.")]
GoalNumber = Annotated[int | None, Query(ge=1, le=17, description="An SDG goal number, 1 to 17.")]
TargetNumber = Annotated[str | None, Query(max_length=8, description="A target number, e.g. 1.2 or 17.a.")]
Source = Annotated[
    Literal["global", "national", "platform"] | None,
    Query(description="global (UN), national (Thailand) or platform indicators."),
]
ThaiSource = Literal["official", "platform"]
PROVENANCE = (
    "text_revision: the UN document and revision the English text follows; thai_source: official (an official "
    "Thai edition) or platform (translated for this platform)."
)
USAGE = (
    "reports_count: public (approved, not deleted) reports using it; beneficiaries: the sum of the quantities "
    "of their outcomes measured with it, each in the outcome's own unit."
)


# --- OpenAPI schemas ---------------------------------------------------------------------------------


class GoalOut(Schema):
    number: int
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    text_revision: str
    thai_source: ThaiSource
    targets_count: int
    indicators_count: int
    reports_count: int
    url: str | None


class GoalListOut(Schema):
    count: int
    results: list[GoalOut]


class GoalRefOut(Schema):
    number: int
    name_th: str
    name_en: str


class IndicatorOut(Schema):
    code: str
    slug: str
    name_th: str
    name_en: str
    source: Literal["global", "national", "platform"]
    unit: str
    target: str
    goal: int
    text_revision: str
    thai_source: ThaiSource
    url: str | None


class IndicatorUsageOut(IndicatorOut):
    reports_count: int
    beneficiaries: str


class TargetOut(Schema):
    number: str
    slug: str
    text_th: str
    text_en: str
    text_revision: str
    thai_source: ThaiSource
    reports_count: int
    beneficiaries: str
    url: str | None
    indicators: list[IndicatorUsageOut]


class GoalDetailOut(Schema):
    number: int
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    text_revision: str
    thai_source: ThaiSource
    reports_count: int
    url: str | None
    targets: list[TargetOut]


class IndicatorPageOut(Schema):
    count: int
    limit: int
    offset: int
    results: list[IndicatorOut]


class TargetRefOut(Schema):
    number: str
    text_th: str
    text_en: str
    text_revision: str
    thai_source: ThaiSource
    url: str | None


class IndicatorDetailOut(IndicatorUsageOut):
    target_detail: TargetRefOut
    goal_detail: GoalRefOut


class NotFoundOut(Schema):
    detail: str


# --- Endpoints ---------------------------------------------------------------------------------------


@router.get("/goals", response={200: GoalListOut, 304: None}, summary="SDG goals in the catalogue")
def list_goals(request: HttpRequest) -> HttpResponse:
    base = _base_url(request)
    goals = catalogue.catalogue_goals()
    results = [
        _goal(goal, base)
        | {
            "targets_count": goal.target_count or 0,
            "indicators_count": goal.indicator_count or 0,
            "reports_count": goal.usage.reports,
        }
        for goal in goals
    ]
    return _json(request, {"count": len(results), "results": results})


@router.get(
    "/goals/{number}",
    response={200: GoalDetailOut, 304: None, 404: NotFoundOut},
    summary="One SDG goal with its targets and indicators",
    description=USAGE,
)
def get_goal(request: HttpRequest, number: Path[int]) -> HttpResponse:
    goal, targets = catalogue.catalogue_goal(number=number)
    if goal is None:
        return not_found()
    base = _base_url(request)
    reports_count = catalogue.reports_using_goal(goal).count()
    data = _goal(goal, base) | {
        "reports_count": reports_count,
        "targets": [
            {
                **_target(target, base),
                **_usage(target),
                "indicators": [_indicator(i, target, goal, base) | _usage(i) for i in target.indicator_list],
            }
            for target in targets
        ],
    }
    return _json(request, data)


@router.get(
    "",
    response={200: IndicatorPageOut, 304: None},
    summary="Indicators",
    description="Every indicator in catalogue order (goal, target, code). Filters combine (AND). " + PROVENANCE,
)
def list_indicators(
    request: HttpRequest,
    goal: GoalNumber = None,
    target: TargetNumber = None,
    source: Source = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HttpResponse:
    indicators = catalogue.catalogue_indicators(goal=goal, target=(target or "").lower() or None, source=source)
    limit = min(limit, MAX_LIMIT)
    count = indicators.count()
    items = list(indicators[offset : offset + limit]) if offset < count else []
    base = _base_url(request)
    results = [_indicator(item, item.target, item.target.goal, base) for item in items]
    return _json(request, {"count": count, "limit": limit, "offset": offset, "results": results})


@router.get(
    "/{code}",
    response={200: IndicatorDetailOut, 304: None, 404: NotFoundOut},
    summary="One indicator, with the public reports that use it",
    description=USAGE,
)
def get_indicator(request: HttpRequest, code: Path[str]) -> HttpResponse:
    indicator = catalogue.catalogue_indicator(code=code.strip().lower()[:20])
    if indicator is None:
        return not_found()
    base = _base_url(request)
    target, goal = indicator.target, indicator.target.goal
    data = _indicator(indicator, target, goal, base) | _usage(indicator)
    data["target_detail"] = {k: v for k, v in _target(target, base).items() if k != "slug"}
    data["goal_detail"] = {"number": goal.number, "name_th": goal.name_th, "name_en": goal.name_en}
    return _json(request, data)


# --- Items -------------------------------------------------------------------------------------------


def _json(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    return cacheable_json(request, data, cache_control=CACHE_CONTROL)


def _base_url(request: HttpRequest) -> str | None:
    """The Thai Impact Data page's absolute URL (no language prefix), or None when there is no such page."""
    with translation.override(settings.LANGUAGE_CODE):
        page = ImpactDataIndexPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
        url = page.get_url(request) if page is not None else None
    return request.build_absolute_uri(url) if url else None


def _sub_url(base: str | None, subpath: str) -> str | None:
    return f"{base.rstrip('/')}/{subpath}/" if base else None


def _goal(goal, base: str | None) -> dict[str, Any]:
    return {
        "number": goal.number,
        "name_th": goal.name_th,
        "name_en": goal.name_en,
        "description_th": goal.description_th,
        "description_en": goal.description_en,
        "text_revision": goal.text_revision,
        "thai_source": goal.thai_source,
        "url": _sub_url(base, f"goal-{goal.number}"),
    }


def _target(target, base: str | None) -> dict[str, Any]:
    return {
        "number": target.number,
        "slug": target.slug,
        "text_th": target.text_th,
        "text_en": target.text_en,
        "text_revision": target.text_revision,
        "thai_source": target.thai_source,
        "url": _sub_url(base, target.slug),
    }


def _indicator(indicator, target, goal, base: str | None) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "slug": indicator.slug,
        "name_th": indicator.name_th,
        "name_en": indicator.name_en,
        "source": indicator.source,
        "unit": indicator.unit,
        "target": target.number,
        "goal": goal.number,
        "text_revision": indicator.text_revision,
        "thai_source": indicator.thai_source,
        "url": _sub_url(base, indicator.slug),
    }


def _usage(item) -> dict[str, Any]:
    # "1250.5", not "1250.5000": quantities are stored with four decimals.
    return {"reports_count": item.usage.reports, "beneficiaries": decimal_string(item.usage.beneficiaries.normalize())}
