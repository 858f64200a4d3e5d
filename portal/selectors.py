"""Reads for the public Impact Portal directory: live creators, assessors and reports, filtered and ordered.

Shared by the portal JSON API and the HTML directory pages. Every function starts from ``.public()``
(live and not deleted): pending, rejected, draft, withdrawn and deleted items never come out of here,
whatever the filters. A live item whose later edit is still in moderation shows its approved version:
the row holds the live content, the pending edit only lives in a revision.

Each queryset joins or prefetches what a directory listing shows, so reading a page of any size costs
the same fixed number of queries. Every ordering ends with the primary key, so pages never overlap.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import F, QuerySet

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from reports.models import ImpactReport

__all__ = [
    "CREATOR_SORTS",
    "REPORT_SORTS",
    "directory_assessor",
    "directory_assessors",
    "directory_creator",
    "directory_creators",
    "directory_report",
    "directory_reports",
    "live_owner_profile",
]

CreatorSort = Literal["name", "newest"]
ReportSort = Literal["newest", "sroi_ratio", "title"]
CREATOR_SORTS: tuple[str, ...] = ("name", "newest")
REPORT_SORTS: tuple[str, ...] = ("newest", "sroi_ratio", "title")

# "Newest" = most recently approved (first published); rows made live without a publish come last.
_NEWEST = (F("first_published_at").desc(nulls_last=True), "-pk")


def directory_creators(
    *,
    organisation_type: str | None = None,
    province: str | None = None,
    sdg: int | None = None,
    theme: str | None = None,
    sort: CreatorSort = "name",
) -> QuerySet[ImpactCreatorProfile]:
    """Live Impact Creators; filters are a sector, theme and province slug and an SDG goal number (all ANDed)."""
    profiles = ImpactCreatorProfile.objects.public()
    if organisation_type:
        profiles = profiles.filter(organisation_type__slug=organisation_type)
    if theme:
        profiles = profiles.filter(themes__slug=theme)  # slugs are unique: one row per profile at most
    if province:
        profiles = profiles.filter(province__slug=province)
    if sdg is not None:
        profiles = profiles.filter(sdg_goals__number=sdg)  # one goal per profile at most: no duplicates
    ordering = _NEWEST if sort == "newest" else ("name_th", "name_en", "pk")
    return (
        profiles.select_related("organisation_type", "province", "logo")
        .prefetch_related("sdg_goals", "themes")
        .order_by(*ordering)
    )


def directory_creator(*, slug: str) -> ImpactCreatorProfile | None:
    return directory_creators().filter(slug=slug).first()


def directory_assessors(
    *,
    expertise: str | None = None,
    province: str | None = None,
    sort: CreatorSort = "name",
) -> QuerySet[ImpactAssessorProfile]:
    """Live Impact Assessors; filters are an expertise sector slug and a served province slug (ANDed)."""
    profiles = ImpactAssessorProfile.objects.public()
    if expertise:
        profiles = profiles.filter(expertise_sectors__slug=expertise)
    if province:
        profiles = profiles.filter(provinces_served__slug=province)
    ordering = _NEWEST if sort == "newest" else ("name", "pk")
    return (
        profiles.select_related("photo").prefetch_related("expertise_sectors", "provinces_served").order_by(*ordering)
    )


def directory_assessor(*, slug: str) -> ImpactAssessorProfile | None:
    return directory_assessors().filter(slug=slug).first()


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
