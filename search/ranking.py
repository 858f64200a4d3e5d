"""Ranking in bounded work: what a query costs depends on the number of its terms, not on how common they are.

Items are ranked by how many of the query's terms they contain, then by their BM25 score (``search.scoring``: each
stored weight, already normalised by the item's length, times the term's rarity and the kind's prior), then
kind and oldest item. A common word ("โครงการ" is in 50,000 report titles) would otherwise make every query
aggregate every posting of that word. Instead, like a search engine's impact-ordered index, each (term, kind)
contributes only its ``RESULT_WINDOW`` best postings (highest weight, then oldest item) through the
``search_posting_rank`` index, and items are ranked among those candidates. Rarity and prior are the same for
every posting of a (term, kind), so a window holds exactly that term's best items: for a one-word query this is
exactly the full ranking down to rank ``RESULT_WINDOW``. With several words, items that have every word are also
looked for through the rarest word (``_all_terms``), so they rank first even when no single word's window holds
them; what can still differ from an exhaustive ranking is which of several equally good items come first, and
items that have only some of the words. ``bench/search_bench.py`` prints how often the top 10 differs from an
exhaustive ranking.

Counts come from a cheap count of each term's postings: exact for one word, exact for several words when every
list fits in the window (the candidates are then all the matches), and otherwise a lower bound that the page
shows as "at least".

Which rows may be counted and ranked (``Scopes``): profiles and reports are in the index only while public
(``search.indexing`` and ``search.signals`` keep it so), so without a filter their postings are used as they
are; with a province or SDG filter, and always for pages, FAQ questions, targets and indicators (few, but
filtered by language and privacy), postings are restricted to ``object_id IN (<the public queryset>)``. The
hits that are shown are checked once more against the public querysets (``search.service``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet

from search.models import SearchDocument, SearchPosting

__all__ = [
    "RESULT_WINDOW",
    "KindCounts",
    "RankedRow",
    "Scopes",
    "indexed_items",
    "kind_counts",
    "ranked_per_kind",
    "term_counts",
]

# Candidates per (term, kind), and the deepest rank a reader can page to.
RESULT_WINDOW = 1000

# Items with every term are looked for among this many times RESULT_WINDOW postings of the rarest term, for
# queries of up to MAX_JOINED_TERMS terms.
INTERSECTION_SCAN_FACTOR = 2
MAX_JOINED_TERMS = 6

# The number of indexed items (a term's rarity is relative to it) is counted at most this often.
INDEXED_ITEMS_CACHE_SECONDS = 300
INDEXED_ITEMS_CACHE_KEY = "search:indexed-items"

# kind → None (every indexed row of that kind is public and in scope) or the queryset of the rows in scope.
Scopes = Mapping[str, QuerySet | None]


@dataclass(frozen=True)
class RankedRow:
    kind: str
    object_id: int
    matched: int
    score: int


@dataclass(frozen=True)
class KindCounts:
    """How many items of one kind match, and whether that is exact or a lower bound."""

    count: int
    exact: bool


def _in_scope(scopes: Scopes) -> Q:
    condition = Q(pk__in=[])  # no kind in scope: nothing
    for kind, queryset in scopes.items():
        restriction = Q() if queryset is None else Q(object_id__in=queryset.values("pk"))
        condition |= Q(kind=kind) & restriction
    return condition


def indexed_items() -> int:
    """How many items the index holds, from the cache (counted at most every ``INDEXED_ITEMS_CACHE_SECONDS``):
    rarity only needs its order of magnitude, and counting 60,000 rows on every search would cost milliseconds."""
    return cache.get_or_set(INDEXED_ITEMS_CACHE_KEY, SearchDocument.objects.count, INDEXED_ITEMS_CACHE_SECONDS)


def term_counts(*, terms: list[str], scopes: Scopes) -> dict[str, dict[str, int]]:
    """kind → term → number of items in scope containing that term (one index-only counting query)."""
    rows = (
        SearchPosting.objects.filter(term__in=terms)
        .filter(_in_scope(scopes))
        .values_list("kind", "term")
        .annotate(items=Count("*"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {}
    for kind, term, items in rows:
        counts.setdefault(kind, {})[term] = items
    return counts


_POSTINGS = SearchPosting._meta.db_table
# One window: a term's best postings of one kind (the search_posting_rank index, read in order, stops early).
# Its score is the stored weight times the term's factor (search.scoring); BIGINT so PostgreSQL never overflows.
_WINDOW = (
    f"SELECT kind, object_id, weight, weight * CAST(%s AS BIGINT) AS score FROM {_POSTINGS} "  # noqa: S608 - names
    "WHERE term = %s AND kind = %s{scope} ORDER BY weight DESC, object_id LIMIT %s"
)


def _scope_sql(queryset: QuerySet | None) -> tuple[str, tuple]:
    """`` AND object_id IN (<the public queryset>)``, compiled once per kind (compiling is the slow part)."""
    if queryset is None:
        return "", ()
    sql, params = queryset.values("pk").query.sql_with_params()
    return f" AND object_id IN ({sql})", params


def _window_params(*, factor: int, term: str, kind: str, scope_params: tuple, size: int) -> list:
    """The parameters of ``_WINDOW`` (formatted with the scope whose parameters are ``scope_params``)."""
    return [factor, term, kind, *scope_params, size]


def _all_terms(
    *, terms: list[str], factors: Mapping[str, int], kind: str, window: str, scope_params: tuple
) -> tuple[str, list]:
    """Items with every term (rarest first in ``terms``), found by reading the rarest term's best
    ``INTERSECTION_SCAN_FACTOR * RESULT_WINDOW`` postings and looking each up under the other terms: an item that
    is in no term's window ("กาแฟ" + "ทอผ้า", both common) is still ranked first when it has both."""
    others = terms[1:]
    joins = " ".join(
        f"JOIN {_POSTINGS} AS t{number} ON t{number}.term = %s AND t{number}.kind = r.kind "
        f"AND t{number}.object_id = r.object_id"
        for number in range(len(others))
    )
    score = " + ".join(["r.score", *(f"t{number}.weight * CAST(%s AS BIGINT)" for number in range(len(others)))])
    sql = (
        f"SELECT r.kind, r.object_id, {len(terms)} AS matched, {score} AS score "  # noqa: S608 - names only
        f"FROM ({window}) AS r {joins}"
    )
    scan = INTERSECTION_SCAN_FACTOR * RESULT_WINDOW
    rarest = _window_params(factor=factors[terms[0]], term=terms[0], kind=kind, scope_params=scope_params, size=scan)
    return sql, [*(factors[term] for term in others), *rarest, *others]


def ranked_per_kind(
    *,
    per_term: dict[str, dict[str, int]],
    factors: Mapping[str, Mapping[str, int]],
    scopes: Scopes,
    depth: Mapping[str, int],
) -> tuple[list[RankedRow], dict[str, int]]:
    """The best ``depth[kind]`` candidates of every kind that has any, in rank order, and the number of
    candidates per kind. ``factors`` is kind → term → what the stored weights are multiplied by
    (``search.scoring.term_factors``). One statement; only (term, kind) pairs that have postings are read."""
    parts, params, complete, complete_params = [], [], [], []
    for kind, terms in per_term.items():
        scope, scope_params = _scope_sql(scopes[kind])
        window = _WINDOW.format(scope=scope)
        for term in terms:
            parts.append(f"SELECT kind, object_id, score FROM ({window}) AS w{len(parts)}")  # noqa: S608
            params.extend(
                _window_params(
                    factor=factors[kind][term], term=term, kind=kind, scope_params=scope_params, size=RESULT_WINDOW
                )
            )
        if 2 <= len(terms) <= MAX_JOINED_TERMS and max(terms.values()) > RESULT_WINDOW:
            rarest_first = sorted(terms, key=terms.get)
            sql, sql_params = _all_terms(
                terms=rarest_first, factors=factors[kind], kind=kind, window=window, scope_params=scope_params
            )
            complete.append(sql)
            complete_params.extend(sql_params)
    if not parts:
        return [], {}
    # Windows give each item a lower bound of its match; items found with every term have their exact one.
    matches = (
        "SELECT kind, object_id, COUNT(*) AS matched, SUM(score) AS score "  # noqa: S608 - parameters only
        f"FROM ({' UNION ALL '.join(parts)}) AS candidates GROUP BY kind, object_id"
    )
    if complete:
        matches = (
            "SELECT kind, object_id, MAX(matched) AS matched, MAX(score) AS score FROM ("  # noqa: S608
            f"{matches} UNION ALL {' UNION ALL '.join(complete)}) AS found GROUP BY kind, object_id"
        )
        params.extend(complete_params)
    depth_case = " ".join("WHEN %s THEN %s" for _ in depth)
    depth_params = [value for kind, rows in depth.items() for value in (kind, rows)]
    statement = (
        "SELECT kind, object_id, matched, score, items FROM ("  # noqa: S608 - only ORM-compiled SQL is inlined
        "SELECT kind, object_id, matched, score, "
        "ROW_NUMBER() OVER (PARTITION BY kind ORDER BY matched DESC, score DESC, object_id) AS position, "
        f"COUNT(*) OVER (PARTITION BY kind) AS items FROM ({matches}) AS matches"
        f") AS ranked WHERE position <= CASE kind {depth_case} ELSE 0 END "
        "ORDER BY matched DESC, score DESC, kind, object_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *depth_params])
        fetched = cursor.fetchall()
    candidates: dict[str, int] = {}
    rows = []
    for kind, object_id, matched, score, items in fetched:
        candidates.setdefault(kind, items)
        # PostgreSQL sums BIGINTs as NUMERIC (a Decimal here); the values are whole numbers either way.
        rows.append(RankedRow(kind=kind, object_id=object_id, matched=matched, score=int(score)))
    return rows, candidates


def kind_counts(*, per_term: dict[str, int], candidates: int) -> KindCounts:
    """The count of one kind from its terms' counts and its number of candidates (see the module docstring)."""
    if len(per_term) <= 1:
        return KindCounts(count=sum(per_term.values()), exact=True)
    if max(per_term.values()) <= RESULT_WINDOW:
        return KindCounts(count=candidates, exact=True)
    return KindCounts(count=max(candidates, *per_term.values()), exact=False)
