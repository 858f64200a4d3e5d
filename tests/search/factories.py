"""Live (published) creators, assessors and reports for search tests, published through a revision so the
``published`` signal indexes them as in production."""

from __future__ import annotations

import itertools

from django.utils import timezone

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile, User
from reports.models import ImpactReport
from taxonomy.models import Province, SdgGoal, Sector

_serial = itertools.count(1)


def make_user() -> User:
    return User.objects.create_user(
        email=f"search{next(_serial)}@example.org", password="x" * 12, email_verified_at=timezone.now()
    )


def make_creator(
    slug: str,
    *,
    name_th: str,
    name_en: str = "",
    description: str = "",
    province: str = "bangkok",
    sector: str = "social",
    sdgs=(),
    live: bool = True,
    user: User | None = None,
) -> ImpactCreatorProfile:
    profile = ImpactCreatorProfile(
        user=user or make_user(),
        slug=slug,
        name_th=name_th,
        name_en=name_en or slug,
        description=description,
        organisation_type=Sector.objects.get(slug=sector),
        province=Province.objects.get(slug=province),
        contact_name="x",
        live=False,
    )
    profile.sdg_goals = list(SdgGoal.objects.filter(number__in=sdgs))
    profile.save()
    if live:
        profile.save_revision().publish()
        profile.refresh_from_db()
    return profile


def make_assessor(
    slug: str, *, name: str, biography: str = "", provinces=("bangkok",), sectors=("social",), live: bool = True
) -> ImpactAssessorProfile:
    profile = ImpactAssessorProfile(
        user=make_user(), slug=slug, name=name, qualifications="SROI Practitioner", biography=biography, live=False
    )
    profile.expertise_sectors = list(Sector.objects.filter(slug__in=sectors))
    profile.provinces_served = list(Province.objects.filter(slug__in=provinces))
    profile.save()
    if live:
        profile.save_revision().publish()
        profile.refresh_from_db()
    return profile


def make_report(
    slug: str,
    *,
    title_th: str,
    title_en: str = "",
    summary: str = "",
    provinces=("bangkok",),
    sdgs=(),
    owner: User | None = None,
    live: bool = True,
) -> ImpactReport:
    report = ImpactReport(
        owner=owner or make_user(), slug=slug, title_th=title_th, title_en=title_en, summary=summary, live=False
    )
    report.provinces = list(Province.objects.filter(slug__in=provinces))
    report.sdg_goals = list(SdgGoal.objects.filter(number__in=sdgs))
    report.save()
    if live:
        report.save_revision().publish()
        report.refresh_from_db()
    return report
