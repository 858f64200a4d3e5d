"""Reads of the public Impact Reports: live reports, filtered and ordered, and the owner a report may name.

Every function starts from ``ImpactReport.objects.public()`` (live and not deleted). Shared by the portal's
report directory and API (re-exported by ``portal.selectors``) and by the Impact Data catalogue.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import F, QuerySet

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from reports.models import ImpactReport

__all__ = ["REPORT_SORTS", "directory_report", "directory_reports", "live_owner_profile"]

ReportSort = Literal["newest", "sroi_ratio", "title"]
REPORT_SORTS: tuple[str, ...] = ("newest", "sroi_ratio", "title")

# "Newest" = most recently approved (first published); rows made live without a publish come last.
_NEWEST = (F("first_published_at").desc(nulls_last=True), "-pk")


def directory_reports(
    *,
    sector: str | None = None,
    province: str | None = None,
    sdg: int | None = None,
    theme: str | None = None,
    sort: ReportSort = "newest",
) -> QuerySet[ImpactReport]:
    """Live Impact Reports; filters are a sector, theme and province slug and an SDG goal number (ANDed).

    The owner's profiles are joined so the organisation (see ``live_owner_profile``) costs no query.
    """
    reports = ImpactReport.objects.public()
    if sector:
        reports = reports.filter(sector__slug=sector)
    if province:
        reports = reports.filter(provinces__slug=province)
    if sdg is not None:
        reports = reports.filter(sdg_goals__number=sdg)
    if theme:
        reports = reports.filter(themes__slug=theme)
    if sort == "sroi_ratio":
        ordering = (F("sroi_ratio").desc(nulls_last=True), "-pk")
    elif sort == "title":
        ordering = ("title_th", "title_en", "pk")
    else:
        ordering = _NEWEST
    return (
        reports.select_related("sector", "owner__creator_profile", "owner__assessor_profile")
        .prefetch_related("provinces", "sdg_goals", "themes")
        .order_by(*ordering)
    )


def directory_report(*, slug: str) -> ImpactReport | None:
    return directory_reports().filter(slug=slug).first()


def live_owner_profile(report: ImpactReport) -> ImpactCreatorProfile | ImpactAssessorProfile | None:
    """The report owner's public profile, or None when it isn't live (a non-live profile is never named)."""
    for name in ("creator_profile", "assessor_profile"):
        profile = getattr(report.owner, name, None)  # joined by directory_reports: no query
        if profile is not None and profile.is_public:
            return profile
    return None
