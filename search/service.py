"""Querying the search index (selectors): the one service the search page, the API and the benchmark use.

A query's terms come from ``search.thai.query_terms`` (normalised, segmented, at most 20) with English words
stemmed and function words dropped (``search.stopwords``). Items are ranked by how many of the query's terms
they contain, then by BM25 (``search.scoring``): the field each term is in (title > descriptive words > running
text, see ``search.documents``) and the item's length, the term's rarity, and a prior per kind (help and
organisations before catalogue rows when the rest is close). Every kind is in one ranking, so the API's single
list and the page's groups (best group first) follow it.

Three queries on the index whatever the corpus (plus Wagtail's page-privacy lookup, and a count of the indexed
items at most every five minutes, from the cache): each term's counts, the
ranking of a bounded set of candidates (both in ``search.ranking``, which says why the work is bounded and what
is exact), and the documents of the hits shown, each checked against the public querysets (``EXISTS``), so a
deleted, unpublished or hidden item is never shown, whatever the index still holds. Profiles and reports leave
the index the moment they stop being public.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from wagtail.models import Page

from creators.models import ImpactAssessorProfile, ImpactCreatorProfile
from faq.models import FAQItem, FAQPage
from reports.models import ImpactReport
from search import ranking
from search.highlight import highlight, snippet_window
from search.models import Kind, SearchDocument
from search.ranking import indexed_items, kind_counts, ranked_per_kind, term_counts
from search.scoring import term_factors
from search.stemming import stem
from search.stopwords import content_terms
from search.thai import query_terms
from taxonomy.models import SdgIndicator, SdgTarget

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
# Kinds the index holds only while public (search.indexing, search.signals); the others are checked per query.
INDEXED_WHILE_PUBLIC = frozenset({Kind.CREATOR, Kind.ASSESSOR, Kind.REPORT})


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
    # Groups whose count is a lower bound (several common words: see search.ranking).
    approximate: set[str] = field(default_factory=set)
    # How many of the groups asked for can be listed (at most ranking.RESULT_WINDOW).
    listed: int = 0

    @property
    def grouped(self) -> list[tuple[str, list[Hit]]]:
        """(group, hits), the group with the best-ranked hit first, groups without hits left out."""
        order = list(dict.fromkeys(hit.group for hit in self.hits))
        return [(group, [hit for hit in self.hits if hit.group == group]) for group in order]


def search_terms(query: str) -> list[str]:
    """The index terms a query is matched on: Thai segmented, function words dropped when other words remain,
    English stemmed, at most 20."""
    return list(dict.fromkeys(stem(term) if term.isascii() else term for term in content_terms(query_terms(query))))


def _public_querysets(*, language: str) -> dict[str, QuerySet]:
    """Kind → the public queryset of that kind (pages and FAQ questions: those of ``language``)."""
    # public() reads the view restrictions when it is called: once for pages and FAQ pages alike.
    pages = Page.objects.live().public().filter(locale__language_code=language)
    return {
        Kind.CREATOR: ImpactCreatorProfile.objects.public(),
        Kind.ASSESSOR: ImpactAssessorProfile.objects.public(),
        Kind.REPORT: ImpactReport.objects.public(),
        Kind.TARGET: SdgTarget.objects.all(),
        Kind.INDICATOR: SdgIndicator.objects.all(),
        Kind.PAGE: pages.filter(depth__gt=1),
        Kind.FAQ: FAQItem.objects.filter(page__in=pages.type(FAQPage).values("pk")),
    }


def _scopes(*, public: dict[str, QuerySet], province: str | None, sdg: int | None) -> dict[str, QuerySet | None]:
    """Kind → the rows a query may match (see ``search.ranking``): None where every indexed row is public and
    no filter applies. A kind that cannot match a filter (an FAQ question has no province) is left out."""
    scopes: dict[str, QuerySet | None] = {
        kind: None if kind in INDEXED_WHILE_PUBLIC else queryset for kind, queryset in public.items()
    }
    if province is not None:
        scopes = {
            Kind.CREATOR: public[Kind.CREATOR].filter(province__slug=province),
            Kind.ASSESSOR: public[Kind.ASSESSOR].filter(provinces_served__slug=province),
            Kind.REPORT: public[Kind.REPORT].filter(provinces__slug=province),
        }
    if sdg is not None:
        by_goal = {
            Kind.CREATOR: "sdg_goals__number",
            Kind.REPORT: "sdg_goals__number",
            Kind.TARGET: "goal__number",
            Kind.INDICATOR: "target__goal__number",
        }
        scopes = {
            kind: (public[kind] if queryset is None else queryset).filter(**{by_goal[kind]: sdg})
            for kind, queryset in scopes.items()
            if kind in by_goal
        }
    return scopes


def _rank(
    *, terms: list[str], scopes: dict[str, QuerySet | None], depth: dict[str, int], results: SearchResults
) -> tuple[list[Hit], dict[str, int]]:
    """Fill ``results.counts`` (and which are lower bounds); return the best hits per kind in rank order, and the
    number of ranked candidates per group (how deep a group can be listed)."""
    per_term = term_counts(terms=terms, scopes=scopes)
    factors = term_factors(per_term, indexed_items())
    rows, candidates = ranked_per_kind(per_term=per_term, factors=factors, scopes=scopes, depth=depth)
    ranked = dict.fromkeys(GROUPS, 0)
    for kind, term_items in per_term.items():
        counted = kind_counts(per_term=term_items, candidates=candidates.get(kind, 0))
        group = GROUP_OF_KIND[kind]
        results.counts[group] += counted.count
        ranked[group] += candidates.get(kind, 0)
        if not counted.exact:
            results.approximate.add(group)
    hits = [
        Hit(kind=row.kind, group=GROUP_OF_KIND[row.kind], object_id=row.object_id, matched=row.matched, score=row.score)
        for row in rows
    ]
    return hits, ranked


def _describe(hits: list[Hit], terms: list[str], language: str, public: dict[str, QuerySet]) -> list[Hit]:
    """Fill in title, address and highlighted snippet from the stored documents (one query). Only items that
    are public now are described, whatever the index still holds; the others are dropped."""
    if not hits:
        return hits
    condition = Q()
    by_kind: dict[str, list[int]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.object_id)
    for kind, ids in by_kind.items():
        condition |= Q(kind=kind, object_id__in=ids) & Exists(public[kind].filter(pk=OuterRef("object_id")))
    stored = {(doc.kind, doc.object_id): doc for doc in SearchDocument.objects.filter(condition)}
    marks = tuple(terms)
    described = []
    for hit in hits:
        doc = stored.get((hit.kind, hit.object_id))
        if doc is None:  # not public (or removed since the ranking query)
            continue
        english = language == "en"
        hit.title = (doc.title_en if english and doc.title_en else doc.title) or doc.title_en
        hit.url = doc.url_en if english and doc.url_en else doc.url
        hit.snippet = snippet_window(doc.body, marks)
        hit.title_html = highlight(hit.title, marks)
        hit.snippet_html = highlight(hit.snippet, marks)
        described.append(hit)
    return described


def _merged(hits: list[Hit], kinds: list[str]) -> list[Hit]:
    """The hits of ``kinds`` in one ranking (rank order, ties by kind then item: the order of the page)."""
    chosen = [hit for hit in hits if hit.kind in kinds]
    return sorted(chosen, key=lambda hit: (-hit.matched, -hit.score, hit.kind, hit.object_id))


def _prepared(
    *, query: str, language: str, province: str | None, sdg: int | None
) -> tuple[SearchResults, dict[str, QuerySet], dict[str, QuerySet | None]]:
    """Empty results for ``query``, and (when it has terms) the public querysets and the scopes to match in."""
    terms = search_terms(query)
    results = SearchResults(query=query, terms=terms, counts=dict.fromkeys(GROUPS, 0))
    if not terms:
        return results, {}, {}
    public = _public_querysets(language=language)
    return results, public, _scopes(public=public, province=province, sdg=sdg)


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
    """One ranked list of hits across ``groups`` (all when None), with per-group counts. Ranks beyond
    ``RESULT_WINDOW`` are not listed (``results.listed``): a reader narrows the query instead."""
    results, public, scopes = _prepared(query=query, language=language, province=province, sdg=sdg)
    if not scopes:
        return results
    chosen = [group for group in (groups or GROUPS) if group in GROUPS]
    kinds = [kind for group in chosen for kind in GROUPS[group]]
    limit = max(0, min(limit, MAX_LIMIT))
    end = min(offset + limit, ranking.RESULT_WINDOW)
    # One row of every other kind keeps its count; the chosen kinds are ranked down to the page asked for.
    depth = {kind: max(end, 1) if kind in kinds else 1 for kind in scopes}
    hits, ranked = _rank(terms=results.terms, scopes=scopes, depth=depth, results=results)
    results.total = sum(results.counts[group] for group in chosen)
    results.listed = min(sum(ranked[group] for group in chosen), ranking.RESULT_WINDOW)
    if offset >= end:
        return results
    results.hits = _describe(_merged(hits, kinds)[offset:end], results.terms, language, public)
    return results


def search_grouped(
    *, query: str, language: str, province: str | None = None, sdg: int | None = None, per_group: int = 5
) -> SearchResults:
    """The best ``per_group`` hits of every group that has any, with all the counts (the unfiltered page)."""
    results, public, scopes = _prepared(query=query, language=language, province=province, sdg=sdg)
    if not scopes:
        return results
    hits, ranked = _rank(terms=results.terms, scopes=scopes, depth=dict.fromkeys(scopes, per_group), results=results)
    results.total = sum(results.counts.values())
    results.listed = min(sum(ranked.values()), ranking.RESULT_WINDOW)
    # A group of two kinds (targets and indicators) keeps its best per_group of both.
    kept: list[Hit] = []
    per_group_seen = dict.fromkeys(GROUPS, 0)
    for hit in hits:  # already in rank order
        if per_group_seen[hit.group] < per_group:
            per_group_seen[hit.group] += 1
            kept.append(hit)
    results.hits = _describe(kept, results.terms, language, public)
    return results
