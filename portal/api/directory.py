"""GET /api/portal/{creators,assessors,reports}[/{slug}]: the read-only Impact Portal directory.

Only live (approved) items, through ``portal.selectors``. Contact details appear only when the profile
publishes them (``publish_contact``); an account's login email never appears. Names come in Thai and
English side by side, so answers do not depend on the request's language.

Every answer carries ``Cache-Control: public, max-age=60`` and a strong ETag (sha256 of the exact body);
a matching ``If-None-Match`` gets 304 without a body.

Images: ``logo_url``/``photo_url`` is the URL of the stored original. Registrants' uploads are already
re-encoded on upload (``creators.images``: metadata stripped, at most 2000 px), and asking Wagtail for a
rendition would cost queries per item, plus a resize and a file write the first time: a listing would no
longer read in a fixed number of queries.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from assurance.selectors import current_assurance
from directory.api.lists import (
    DEFAULT_LIMIT,
    Limit,
    NotFoundOut,
    Offset,
    PageOut,
    ProvinceOut,
    ProvinceSlug,
    SdgNumber,
    SectorSlug,
    TermOut,
    ThemeSlug,
    json_response,
    page_response,
    province_data,
    public_url,
    term_data,
)
from directory.api.responses import decimal_string, not_found
from portal import selectors

router = Router(tags=["Directory"])

ProfileSort = Annotated[Literal["name", "newest"], Query(description="name (Thai name) or newest approved.")]
ReportSort = Annotated[
    Literal["newest", "sroi_ratio", "title"], Query(description="newest approved, highest SROI ratio, or title.")
]


# --- OpenAPI schemas ---------------------------------------------------------------------------------


class ContactOut(Schema):
    name: str | None
    phone: str | None
    email: str | None


class CreatorOut(Schema):
    slug: str
    name_th: str
    name_en: str
    organisation_type: TermOut
    province: ProvinceOut
    sdg_goals: list[int]
    themes: list[TermOut]
    website: str | None
    logo_url: str | None
    contact: ContactOut | None = None
    is_sample: bool = Field(description="Fictional sample data (make demo), never a real organisation.")
    url: str


class CreatorDetailOut(CreatorOut):
    description: str
    address: str


class AssessorOut(Schema):
    slug: str
    name: str
    expertise_sectors: list[TermOut]
    provinces_served: list[ProvinceOut]
    photo_url: str | None
    contact: ContactOut | None = None
    is_sample: bool = Field(description="Fictional sample data (make demo), never a real assessor.")
    url: str


class AssessorDetailOut(AssessorOut):
    qualifications: str
    biography: str


class OwnerOut(Schema):
    kind: Literal["creator", "assessor"]
    slug: str
    name_th: str
    name_en: str
    url: str


class ReportOut(Schema):
    slug: str
    title_th: str
    title_en: str
    sector: TermOut | None
    provinces: list[ProvinceOut]
    sdg_goals: list[int]
    themes: list[TermOut]
    total_inputs: str | None
    present_value: str | None
    sroi_ratio: str | None
    owner: OwnerOut | None = None
    is_sample: bool = Field(description="Fictional sample data (make demo), never a real report.")
    url: str


class AssuranceOut(Schema):
    assessor: str
    assessor_url: str
    level: str
    level_label: str
    assured_at: str


class ReportDetailOut(ReportOut):
    assurance: AssuranceOut | None = None
    summary: str
    location: str
    sdg_targets: str
    period_start: str | None
    period_end: str | None
    discount_rate: str
    discount_convention: str


class CreatorPageOut(PageOut):
    results: list[CreatorOut]


class AssessorPageOut(PageOut):
    results: list[AssessorOut]


class ReportPageOut(PageOut):
    results: list[ReportOut]


# --- Endpoints ---------------------------------------------------------------------------------------

LIST_DESCRIPTION = "Live items only. Filters combine (AND). Answers 304 to a matching If-None-Match."


@router.get(
    "/creators", response={200: CreatorPageOut, 304: None}, summary="Impact Creators", description=LIST_DESCRIPTION
)
def list_creators(
    request: HttpRequest,
    organisation_type: SectorSlug = None,
    province: ProvinceSlug = None,
    sdg: SdgNumber = None,
    theme: ThemeSlug = None,
    sort: ProfileSort = "name",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HttpResponse:
    profiles = selectors.directory_creators(
        organisation_type=organisation_type, province=province, sdg=sdg, theme=theme, sort=sort
    )
    return page_response(request, profiles, limit, offset, _creator)


@router.get("/creators/{slug}", response={200: CreatorDetailOut, 304: None, 404: NotFoundOut}, summary="Impact Creator")
def get_creator(request: HttpRequest, slug: str) -> HttpResponse:
    profile = selectors.directory_creator(slug=slug)
    if profile is None:
        return not_found()
    data = _creator(request, profile) | {"description": profile.description, "address": profile.address}
    return json_response(request, data)


@router.get(
    "/assessors", response={200: AssessorPageOut, 304: None}, summary="Impact Assessors", description=LIST_DESCRIPTION
)
def list_assessors(
    request: HttpRequest,
    expertise: SectorSlug = None,
    province: ProvinceSlug = None,
    sort: ProfileSort = "name",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HttpResponse:
    profiles = selectors.directory_assessors(expertise=expertise, province=province, sort=sort)
    return page_response(request, profiles, limit, offset, _assessor)


@router.get(
    "/assessors/{slug}", response={200: AssessorDetailOut, 304: None, 404: NotFoundOut}, summary="Impact Assessor"
)
def get_assessor(request: HttpRequest, slug: str) -> HttpResponse:
    profile = selectors.directory_assessor(slug=slug)
    if profile is None:
        return not_found()
    data = _assessor(request, profile) | {"qualifications": profile.qualifications, "biography": profile.biography}
    return json_response(request, data)


@router.get(
    "/reports", response={200: ReportPageOut, 304: None}, summary="Impact Reports", description=LIST_DESCRIPTION
)
def list_reports(
    request: HttpRequest,
    sector: SectorSlug = None,
    province: ProvinceSlug = None,
    sdg: SdgNumber = None,
    theme: ThemeSlug = None,
    sort: ReportSort = "newest",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HttpResponse:
    reports = selectors.directory_reports(sector=sector, province=province, sdg=sdg, theme=theme, sort=sort)
    return page_response(request, reports, limit, offset, _report)


@router.get("/reports/{slug}", response={200: ReportDetailOut, 304: None, 404: NotFoundOut}, summary="Impact Report")
def get_report(request: HttpRequest, slug: str) -> HttpResponse:
    report = selectors.directory_report(slug=slug)
    if report is None:
        return not_found()
    data = _report(request, report) | {
        "summary": report.summary,
        "location": report.location,
        "sdg_targets": report.sdg_targets,
        "period_start": _date(report.period_start),
        "period_end": _date(report.period_end),
        "discount_rate": decimal_string(report.discount_rate),
        "discount_convention": report.discount_convention,
        "assurance": _assurance(request, report),
    }
    return json_response(request, data)


def _assurance(request: HttpRequest, report) -> dict[str, str] | None:
    """The assurance that holds for the live version (assurance/): by whom, at what level, when."""
    engagement = current_assurance(report=report)
    if engagement is None:
        return None
    return {
        "assessor": engagement.assessor.display_name,
        "assessor_url": public_url(request, "creators:assessor_detail", engagement.assessor.slug),
        "level": engagement.level,
        "level_label": str(engagement.get_level_display()),
        "assured_at": engagement.assured_at.isoformat(),
    }


# --- Responses ---------------------------------------------------------------------------------------


# --- Items -------------------------------------------------------------------------------------------


def _file_url(request: HttpRequest, image) -> str | None:
    return request.build_absolute_uri(image.file.url) if image is not None and image.file else None


def _contact(profile, name: str | None) -> dict[str, str | None] | None:
    if not profile.publish_contact:
        return None
    return {"name": name or None, "phone": profile.contact_phone or None, "email": profile.contact_email or None}


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


def _creator(request: HttpRequest, profile) -> dict[str, Any]:
    return {
        "slug": profile.slug,
        "name_th": profile.name_th,
        "name_en": profile.name_en,
        "organisation_type": term_data(profile.organisation_type),
        "province": province_data(profile.province),
        "sdg_goals": [goal.number for goal in profile.sdg_goals.all()],
        "themes": [term_data(theme) for theme in profile.themes.all()],
        "website": profile.website or None,
        "logo_url": _file_url(request, profile.logo),
        "contact": _contact(profile, profile.contact_name),
        "is_sample": profile.is_sample,
        "url": public_url(request, "creators:creator_detail", profile.slug),
    }


def _assessor(request: HttpRequest, profile) -> dict[str, Any]:
    return {
        "slug": profile.slug,
        "name": profile.name,
        "expertise_sectors": [term_data(sector) for sector in profile.expertise_sectors.all()],
        "provinces_served": [province_data(province) for province in profile.provinces_served.all()],
        "photo_url": _file_url(request, profile.photo),
        "contact": _contact(profile, None),  # an assessor profile has no separate contact person
        "is_sample": profile.is_sample,
        "url": public_url(request, "creators:assessor_detail", profile.slug),
    }


def _owner(request: HttpRequest, report) -> dict[str, str] | None:
    profile = selectors.live_owner_profile(report)
    if profile is None:
        return None
    if profile.kind == "creator":
        names = {"name_th": profile.name_th, "name_en": profile.name_en}
    else:
        names = {"name_th": profile.name, "name_en": profile.name}
    url = public_url(request, f"creators:{profile.kind}_detail", profile.slug)
    return {"kind": profile.kind, "slug": profile.slug, **names, "url": url}


def _report(request: HttpRequest, report) -> dict[str, Any]:
    return {
        "slug": report.slug,
        "title_th": report.title_th,
        "title_en": report.title_en,
        "sector": term_data(report.sector),
        "provinces": [province_data(province) for province in report.provinces.all()],
        "sdg_goals": [goal.number for goal in report.sdg_goals.all()],
        "themes": [term_data(theme) for theme in report.themes.all()],
        "total_inputs": decimal_string(report.total_inputs),
        "present_value": decimal_string(report.present_value),
        "is_sample": report.is_sample,
        "sroi_ratio": decimal_string(report.sroi_ratio),
        "owner": _owner(request, report),
        "url": public_url(request, "reports:public", report.slug),
    }
