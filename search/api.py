"""GET /api/portal/search: the search page's results as JSON (the same service, the same ranking).

Only public items are ever returned. Answers carry ``Cache-Control: public, max-age=60`` and an ETag.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from directory.api.responses import cacheable_json
from search.forms import MAX_QUERY_INPUT
from search.ranking import RESULT_WINDOW
from search.service import GROUPS, MAX_LIMIT, search

router = Router(tags=["Search"])

DEFAULT_LIMIT = 20
CACHE_CONTROL = "public, max-age=60"

Group = Literal["creators", "assessors", "reports", "indicators", "faq", "pages"]
Language = Literal["th", "en"]


class HitOut(Schema):
    kind: Literal["creator", "assessor", "report", "target", "indicator", "faq", "page"]
    group: Group
    title: str
    url: str
    snippet: str
    snippet_html: str
    matched_terms: int
    score: int


class CountsOut(Schema):
    creators: int
    assessors: int
    reports: int
    indicators: int
    faq: int
    pages: int


class SearchOut(Schema):
    query: str
    terms: list[str]
    counts: CountsOut
    approximate: list[Group]
    count: int
    listed: int
    limit: int
    offset: int
    results: list[HitOut]


@router.get(
    "/search",
    response={200: SearchOut, 304: None},
    summary="Search",
    description=(
        "Thai-aware search over live creators, assessors, reports, SDG targets and indicators, FAQ questions and "
        "pages. Thai is segmented into words, English stemmed, function words (ที่, และ, the, of...) dropped when "
        "other words remain; at most 20 query terms are used. `counts` are per group for the whole query; `count` "
        "is for the chosen kind. A group listed in `approximate` has a count that is a lower bound (several common "
        f"words). Results are ranked down to rank {RESULT_WINDOW:,}: `listed` says how many of `count` can be "
        "paged through with `offset`. `snippet_html` is HTML-escaped text with the matches in <mark>. Pages and "
        "FAQ questions are those of `lang`. `results` are one ranking across kinds (items with more of the query's "
        "words first, then BM25 with a prior per kind: help and organisations before SDG catalogue rows when close); "
        "`score` compares results within one answer only."
    ),
)
def search_endpoint(
    request: HttpRequest,
    q: Annotated[str, Query(description="The query, Thai and/or English.")] = "",
    kind: Annotated[Group | None, Query(description="Only this group of results.")] = None,
    province: Annotated[str | None, Query(description="A province slug, e.g. chiang-mai.")] = None,
    sdg: Annotated[int | None, Query(ge=1, le=17, description="An SDG goal number, 1 to 17.")] = None,
    lang: Annotated[Language, Query(description="Language of pages, FAQ questions and titles.")] = "th",
    limit: Annotated[int, Query(gt=0, description=f"Page size; above {MAX_LIMIT} means {MAX_LIMIT}.")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="How many results to skip.")] = 0,
) -> HttpResponse:
    limit = min(limit, MAX_LIMIT)
    results = search(
        query=q[:MAX_QUERY_INPUT].replace("\x00", ""),
        language=lang,
        groups=[kind] if kind else None,
        province=province or None,
        sdg=sdg,
        limit=limit,
        offset=offset,
    )
    data = {
        "query": results.query,
        "terms": results.terms,
        "counts": {group: results.counts.get(group, 0) for group in GROUPS},
        "approximate": [group for group in GROUPS if group in results.approximate],
        "count": results.total,
        "listed": results.listed,
        "limit": limit,
        "offset": offset,
        "results": [
            {
                "kind": hit.kind,
                "group": hit.group,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url) if hit.url else "",
                "snippet": hit.snippet,
                "snippet_html": str(hit.snippet_html),
                "matched_terms": hit.matched,
                "score": hit.score,
            }
            for hit in results.hits
        ],
    }
    return cacheable_json(request, data, cache_control=CACHE_CONTROL)
