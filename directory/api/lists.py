"""What every public list's JSON endpoints share: paging parameters, term schemas and cached JSON answers.

Each list's router (portal's directory, funding's funders) builds on these; config/portal_api.py assembles them.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from ninja import Query, Schema

from directory.api.responses import cacheable_json
from directory.paging import page_rows, public_count

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
CACHE_CONTROL = "public, max-age=60"

Limit = Annotated[int, Query(gt=0, description=f"Page size; values above {MAX_LIMIT} are treated as {MAX_LIMIT}.")]
Offset = Annotated[int, Query(ge=0, description="How many items to skip.")]
SectorSlug = Annotated[str | None, Query(description="A sector slug, e.g. social.")]
ProvinceSlug = Annotated[str | None, Query(description="A province slug, e.g. chiang-mai.")]
ThemeSlug = Annotated[str | None, Query(description="A thematic sector slug, e.g. education.")]
SdgNumber = Annotated[int | None, Query(ge=1, le=17, description="An SDG goal number, 1 to 17.")]


class TermOut(Schema):
    slug: str
    name_th: str
    name_en: str


class ProvinceOut(TermOut):
    code: str


class PageOut(Schema):
    count: int
    limit: int
    offset: int


class NotFoundOut(Schema):
    detail: str


# --- Responses ---------------------------------------------------------------------------------------


def page_response(request: HttpRequest, queryset, limit: int, offset: int, serialise) -> HttpResponse:
    limit = min(limit, MAX_LIMIT)
    count = public_count(queryset)
    # Past the end there is nothing to read (and a huge offset never reaches the database).
    items = page_rows(queryset, offset, limit) if offset < count else []
    results = [serialise(request, item) for item in items]
    return json_response(request, {"count": count, "limit": limit, "offset": offset, "results": results})


def json_response(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    return cacheable_json(request, data, cache_control=CACHE_CONTROL)


# --- Items -------------------------------------------------------------------------------------------


def public_url(request: HttpRequest, name: str, slug: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # the Thai page: no language prefix
        return request.build_absolute_uri(reverse(name, args=[slug]))


def term_data(term) -> dict[str, str] | None:
    return None if term is None else {"slug": term.slug, "name_th": term.name_th, "name_en": term.name_en}


def province_data(province) -> dict[str, str]:
    return {**term_data(province), "code": province.code}
