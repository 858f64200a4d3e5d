"""Querying the search index (selectors): the one service the search page, the API and the benchmark use.

A query's terms come from ``search.thai.query_terms`` (normalised, segmented, at most 20) with English words
stemmed. Items are ranked by how many of the query's terms they contain, then by the summed weight of those
terms (title > descriptive words > running text, see ``search.documents``).

Every query is intersected, in the same SQL statement, with the public querysets: ``EXISTS (SELECT 1
FROM <public()> WHERE id = object_id)`` per kind, so a deleted, unpublished or hidden item is never found, whatever the
index still holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from wagtail.models import Page

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem, FAQPage
from portal.models import SdgIndicator, SdgTarget
from reports.models import ImpactReport
from search.highlight import highlight, snippet_window
from search.models import Kind, SearchDocument, SearchPosting
from search.stemming import stem
from search.thai import query_terms

__all__ = ["GROUPS", "Hit", "SearchResults", "search", "search_grouped", "search_terms"]

# What a reader filters by → the kinds of item behind it, in the order the page shows them.
GROUPS: dict[str, tuple[str, ...]] = {
    "creators": (Kind.CREATOR,),
    "assessors": (Kind.ASSESSOR,),
    "reports": (Kind.REPORT,),
    "indicators": (Kind.TARGET, Kind.INDICATOR),
    "faq": (Kind.FAQ,),
    "pages": (Kind.PAGE,),
}
GROUP_OF_KIND = {kind: group for group, kinds in GROUPS.items() for kind in kinds}
MAX_LIMIT = 100


@dataclass
class Hit:
    kind: str
    group: str
    object_id: int
    matched: int
    score: int
    title: str = ""
    url: str = ""
    snippet: str = ""
    title_html: str = ""  # a SafeString once described
    snippet_html: str = ""


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    # Within the groups asked for.
    total: int = 0

    @property
    def grouped(self) -> list[tuple[str, list[Hit]]]:
        """(group, hits) in the page's order, groups without hits left out."""
        return [(group, [hit for hit in self.hits if hit.group == group]) for group in GROUPS if self.counts.get(group)]


def search_terms(query: str) -> list[str]:
    """The index terms a query is matched on: Thai segmented, English stemmed, at most 20."""
    return list(dict.fromkeys(stem(term) if term.isascii() else term for term in query_terms(query)))


def _public_querysets(*, language: str, province: str | None, sdg: int | None) -> dict[str, QuerySet]:
    """Kind → the public queryset its hits must belong to, filtered by province and SDG. A kind that cannot
    match a filter (an FAQ question has no province) is left out."""
    creators = ImpactCreatorProfile.objects.public()
    assessors = ImpactAssessorProfile.objects.public()
    reports = ImpactReport.objects.public()
    targets = SdgTarget.objects.all()
    indicators = SdgIndicator.objects.all()
    querysets: dict[str, QuerySet] = {
        Kind.CREATOR: creators,
        Kind.ASSESSOR: assessors,
        Kind.REPORT: reports,
        Kind.TARGET: targets,
        Kind.INDICATOR: indicators,
    }
    if province is None and sdg is None:
        pages = Page.objects.live().public().filter(locale__language_code=language, depth__gt=1)
        faq_pages = FAQPage.objects.live().public().filter(locale__language_code=language)
        querysets[Kind.PAGE] = pages
        querysets[Kind.FAQ] = FAQItem.objects.filter(page__in=faq_pages.values("pk"))
    if province is not None:
        querysets = {
            Kind.CREATOR: creators.filter(province__slug=province),
            Kind.ASSESSOR: assessors.filter(provinces_served__slug=province),
            Kind.REPORT: reports.filter(provinces__slug=province),
        }
    if sdg is not None:
        by_goal = {
            Kind.CREATOR: "sdg_goals__number",
            Kind.REPORT: "sdg_goals__number",
            Kind.TARGET: "goal__number",
            Kind.INDICATOR: "target__goal__number",
        }
        querysets = {kind: qs.filter(**{by_goal[kind]: sdg}) for kind, qs in querysets.items() if kind in by_goal}
    return querysets


def _visible(querysets: dict[str, QuerySet], kinds) -> Q | None:
    """Postings of public items only: per kind, EXISTS (the item in its public queryset). Correlated, so the
    cost follows the number of matching postings, not the size of the tables."""
    condition = Q()
    any_kind = False
    for kind in kinds:
        if kind in querysets:
            condition |= Q(kind=kind) & Exists(querysets[kind].filter(pk=OuterRef("object_id")))
            any_kind = True
    return condition if any_kind else None


def _matches(terms: list[str], visible: Q) -> QuerySet:
    """(kind, object_id, matched terms, summed weight) of every visible item containing a query term."""
    return (
        SearchPosting.objects.filter(term__in=terms)
        .filter(visible)
        .values("kind", "object_id")
        .annotate(matched=Count("*"), score=Sum("weight"))
        .order_by()
    )


def _ranked(terms: list[str], visible: Q, limit: int, offset: int) -> list[Hit]:
    rows = _matches(terms, visible).order_by("-matched", "-score", "kind", "object_id")[offset : offset + limit]
    return [
        Hit(kind=row["kind"], group=GROUP_OF_KIND[row["kind"]], object_id=row["object_id"], **_scores(row))
        for row in rows
    ]


def _best_per_kind(terms: list[str], visible: Q, per_kind: int) -> tuple[dict[str, int], list[Hit]]:
    """Counts per group and the best ``per_kind`` hits of every kind, in one statement (window functions,
    SQLite >= 3.25 and PostgreSQL alike)."""
    sql, params = _matches(terms, visible).query.sql_with_params()
    statement = (
        "SELECT kind, object_id, matched, score, items FROM ("  # noqa: S608 - only Django-compiled SQL is inlined
        "SELECT kind, object_id, matched, score, "
        "ROW_NUMBER() OVER (PARTITION BY kind ORDER BY matched DESC, score DESC, object_id) AS position, "
        f"COUNT(*) OVER (PARTITION BY kind) AS items FROM ({sql}) AS matches"
        ") AS ranked WHERE position <= %s ORDER BY matched DESC, score DESC, kind, object_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, per_kind])
        rows = cursor.fetchall()
    counts = dict.fromkeys(GROUPS, 0)
    seen_kinds = set()
    hits = []
    for kind, object_id, matched, score, items in rows:
        if kind not in seen_kinds:
            seen_kinds.add(kind)
            counts[GROUP_OF_KIND[kind]] += items
        hits.append(Hit(kind=kind, group=GROUP_OF_KIND[kind], object_id=object_id, matched=matched, score=score))
    return counts, hits


def _scores(row: dict) -> dict[str, int]:
    return {"matched": row["matched"], "score": row["score"]}


def _counts(terms: list[str], visible: Q) -> dict[str, int]:
    rows = (
        SearchPosting.objects.filter(term__in=terms)
        .filter(visible)
        .values("kind")
        .annotate(items=Count("object_id", distinct=True))
        .order_by()
    )
    counts = dict.fromkeys(GROUPS, 0)
    for row in rows:
        counts[GROUP_OF_KIND[row["kind"]]] += row["items"]
    return counts


def _describe(hits: list[Hit], terms: list[str], language: str) -> list[Hit]:
    """Fill in title, address and highlighted snippet from the stored documents (one query)."""
    if not hits:
        return hits
    condition = Q()
    by_kind: dict[str, list[int]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.object_id)
    for kind, ids in by_kind.items():
        condition |= Q(kind=kind, object_id__in=ids)
    stored = {(doc.kind, doc.object_id): doc for doc in SearchDocument.objects.filter(condition)}
    marks = tuple(terms)
    described = []
    for hit in hits:
        doc = stored.get((hit.kind, hit.object_id))
        if doc is None:  # removed between the two queries
            continue
        english = language == "en"
        hit.title = (doc.title_en if english and doc.title_en else doc.title) or doc.title_en
        hit.url = doc.url_en if english and doc.url_en else doc.url
        hit.snippet = snippet_window(doc.body, marks)
        hit.title_html = highlight(hit.title, marks)
        hit.snippet_html = highlight(hit.snippet, marks)
        described.append(hit)
    return described


def search(
    *,
    query: str,
    language: str,
    groups: list[str] | None = None,
    province: str | None = None,
    sdg: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """One ranked list of hits across ``groups`` (all when None), with per-group counts."""
    terms = search_terms(query)
    results = SearchResults(query=query, terms=terms, counts=dict.fromkeys(GROUPS, 0))
    querysets = _public_querysets(language=language, province=province, sdg=sdg)
    visible_all = _visible(querysets, GROUP_OF_KIND)
    if not terms or visible_all is None:
        return results
    results.counts = _counts(terms, visible_all)
    chosen = [group for group in (groups or GROUPS) if group in GROUPS]
    results.total = sum(results.counts[group] for group in chosen)
    kinds = [kind for group in chosen for kind in GROUPS[group]]
    visible = _visible(querysets, kinds)
    limit = max(0, min(limit, MAX_LIMIT))
    if visible is None or offset >= results.total or limit == 0:
        return results
    results.hits = _describe(_ranked(terms, visible, limit, offset), terms, language)
    return results


def search_grouped(
    *, query: str, language: str, province: str | None = None, sdg: int | None = None, per_group: int = 5
) -> SearchResults:
    """The best ``per_group`` hits of every group that has any, with all the counts (the unfiltered page)."""
    terms = search_terms(query)
    results = SearchResults(query=query, terms=terms, counts=dict.fromkeys(GROUPS, 0))
    querysets = _public_querysets(language=language, province=province, sdg=sdg)
    visible_all = _visible(querysets, GROUP_OF_KIND)
    if not terms or visible_all is None:
        return results
    results.counts, hits = _best_per_kind(terms, visible_all, per_group)
    results.total = sum(results.counts.values())
    # A group of two kinds (targets and indicators) keeps its best per_group of both.
    kept: list[Hit] = []
    per_group_seen = dict.fromkeys(GROUPS, 0)
    for hit in hits:  # already in rank order
        if per_group_seen[hit.group] < per_group:
            per_group_seen[hit.group] += 1
            kept.append(hit)
    results.hits = _describe(kept, terms, language)
    return results
