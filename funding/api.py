"""GET /api/portal/funders[/{slug}]: published funders and investors (Impact Funding), read-only.

Drafts, and the unpublished edits of a published funder, never appear: reads go through
``funding.selectors`` (``Funder.objects.public()``). Same paging, ETag and Cache-Control as the
directory endpoints.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from directory.api.lists import (
    DEFAULT_LIMIT,
    Limit,
    NotFoundOut,
    Offset,
    PageOut,
    SdgNumber,
    SectorSlug,
    TermOut,
    ThemeSlug,
    json_response,
    page_response,
    public_url,
    term_data,
)
from directory.api.responses import decimal_string, not_found
from funding.models import FunderKind
from funding.selectors import directory_funder, directory_funders

router = Router(tags=["Impact Funding"])

Kind = Annotated[
    Literal[tuple(FunderKind.values)] | None,  # type: ignore[valid-type]
    Query(description="A funder type: " + ", ".join(FunderKind.values) + "."),
]
Amount = Annotated[
    Decimal | None,
    Query(ge=0, le=Decimal("1e15"), description="An amount in baht: funders whose ticket range holds it."),
]
FunderSort = Annotated[Literal["name", "largest"], Query(description="name (Thai name) or largest ticket first.")]


class FunderOut(Schema):
    slug: str
    name_th: str
    name_en: str
    kind: str
    focus_sectors: list[TermOut]
    focus_themes: list[TermOut]
    focus_sdgs: list[int]
    ticket_min: str | None
    ticket_max: str | None
    website: str | None
    is_sample: bool = Field(description="Fictional sample data (make demo), never a real funder.")
    url: str


class FunderDetailOut(FunderOut):
    description_th: str
    description_en: str


class FunderPageOut(PageOut):
    results: list[FunderOut]


@router.get(
    "/funders",
    response={200: FunderPageOut, 304: None},
    summary="Funders and impact investors",
    description="Published funders only. Filters combine (AND). Answers 304 to a matching If-None-Match.",
)
def list_funders(
    request: HttpRequest,
    kind: Kind = None,
    sector: SectorSlug = None,
    theme: ThemeSlug = None,
    sdg: SdgNumber = None,
    amount: Amount = None,
    sort: FunderSort = "name",
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HttpResponse:
    funders = directory_funders(kind=kind, sector=sector, theme=theme, sdg=sdg, amount=amount, sort=sort)
    return page_response(request, funders, limit, offset, _funder)


@router.get("/funders/{slug}", response={200: FunderDetailOut, 304: None, 404: NotFoundOut}, summary="Funder")
def get_funder(request: HttpRequest, slug: str) -> HttpResponse:
    funder = directory_funder(slug=slug)
    if funder is None:
        return not_found()
    data = _funder(request, funder) | {
        "description_th": funder.description_th,
        "description_en": funder.description_en,
    }
    return json_response(request, data)


def _funder(request: HttpRequest, funder) -> dict[str, Any]:
    return {
        "slug": funder.slug,
        "name_th": funder.name_th,
        "name_en": funder.name_en,
        "kind": funder.kind,
        "focus_sectors": [term_data(sector) for sector in funder.focus_sectors.all()],
        "focus_themes": [term_data(theme) for theme in funder.focus_themes.all()],
        "focus_sdgs": [goal.number for goal in funder.focus_sdgs.all()],
        "is_sample": funder.is_sample,
        "ticket_min": decimal_string(funder.ticket_min),
        "ticket_max": decimal_string(funder.ticket_max),
        "website": funder.website or None,
        "url": public_url(request, "funders:detail", funder.slug),
    }
