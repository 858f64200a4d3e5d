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

from django.db.models import QuerySet

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from reports.public_selectors import (
    _NEWEST,
    REPORT_SORTS,
    directory_report,
    directory_reports,
    live_owner_profile,
)

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
CREATOR_SORTS: tuple[str, ...] = ("name", "newest")

# _NEWEST ("newest" = most recently approved) is shared with the reports' list, which reports owns.


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
