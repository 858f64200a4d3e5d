"""The search page: /search/?q= (English /en/search/). Parses the query string; the service does the rest."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from search.forms import GROUP_LABELS, SearchForm
from search.service import GROUPS, search, search_grouped

PER_PAGE = 20
PER_GROUP = 5


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.parsed()
    language = translation.get_language()
    filters = {"query": query.q, "language": language, "province": query.province, "sdg": query.sdg}
    page_obj = None
    if query.kind:
        results = search(**filters, groups=[query.kind], limit=PER_PAGE, offset=(query.page - 1) * PER_PAGE)
        # Pages reach only as deep as results are ranked (search.ranking.RESULT_WINDOW).
        paginator = Paginator(range(results.listed), PER_PAGE)
        page_obj = paginator.get_page(query.page)
        if page_obj.number != query.page and results.listed:  # past the last page: show the last one
            offset = (page_obj.number - 1) * PER_PAGE
            results = search(**filters, groups=[query.kind], limit=PER_PAGE, offset=offset)
    else:
        results = search_grouped(**filters, per_group=PER_GROUP)
    first_hit: dict[str, int] = {}
    for position, hit in enumerate(results.hits):  # in rank order across groups
        first_hit.setdefault(hit.group, position)
    groups = [
        {
            "name": group,
            "label": GROUP_LABELS[group],
            "count": results.counts.get(group, 0),
            "approximate": group in results.approximate,
            "querystring": query.querystring(kind=group),
            "hits": [hit for hit in results.hits if hit.group == group],
        }
        for group in GROUPS
    ]
    context = {
        "form": form,
        "query": query,
        "results": results,
        "groups": groups,
        # The group with the best hit first: a FAQ answer that outranks every catalogue row is read first.
        "shown_groups": sorted((group for group in groups if group["hits"]), key=lambda g: first_hit[g["name"]]),
        "page_obj": page_obj,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number) if page_obj else [],
        "querystring": query.querystring(),
        "all_querystring": query.querystring(kind=None),
        "searched": bool(query.q.strip()),
        "dropped_filters": [form.fields[name].label for name in form.errors],
        "kind_label": GROUP_LABELS.get(query.kind or "", ""),
        "approximate": bool(results.approximate & set([query.kind] if query.kind else GROUP_LABELS)),
        "not_all_listed": bool(query.kind) and results.listed < results.total,
    }
    return TemplateResponse(request, "search/search_page.html", context)
