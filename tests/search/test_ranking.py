"""Bounded ranking (search.ranking): each (term, kind) contributes at most RESULT_WINDOW candidates, counts say
when they are a lower bound, pages reach only as deep as results are ranked, and nothing changes for corpora
smaller than the window. The window is made tiny here so a handful of items exercises it."""

from __future__ import annotations

import pytest
from django.db.models import BigIntegerField, Case, Count, F, Sum, When
from hypothesis import given
from hypothesis import strategies as st

from search import ranking
from search.models import SearchPosting
from search.ranking import indexed_items, kind_counts, term_counts
from search.scoring import term_factors
from search.service import _public_querysets, _scopes, search, search_grouped, search_terms
from tests.search.factories import make_report

pytestmark = pytest.mark.django_db

COFFEE = "กาแฟ"
WEAVING = "ทอผ้า"


@pytest.fixture
def window(monkeypatch):
    monkeypatch.setattr(ranking, "RESULT_WINDOW", 3)
    return 3


def exhaustive(query: str, kinds=("report",)) -> list[int]:
    """Every matching item in the full ranking order (what the window approximates): every posting of the query's
    terms, each weight times its term's factor (rarity × the kind's prior, search.scoring)."""
    terms = search_terms(query)
    scopes = _scopes(public=_public_querysets(language="th"), province=None, sdg=None)
    factors = term_factors(term_counts(terms=terms, scopes=scopes), indexed_items())
    score = Case(
        *(
            When(kind=kind, term=term, then=F("weight") * factor)
            for kind in kinds
            for term, factor in factors[kind].items()
        ),
        output_field=BigIntegerField(),
    )
    rows = (
        SearchPosting.objects.filter(term__in=terms, kind__in=kinds)
        .values("kind", "object_id")
        .annotate(matched=Count("*"), score=Sum(score))
        .order_by("-matched", "-score", "kind", "object_id")
    )
    return [row["object_id"] for row in rows]


def report_ids(results) -> list[int]:
    return [hit.object_id for hit in results.hits]


def test_one_word_ranks_exactly_down_to_the_window_and_counts_exactly(window, client):
    # Titles outweigh summaries: the two summary-only reports are made first, so the oldest-first tie-break alone
    # would rank them first.
    for number in range(2):
        make_report(f"summary-{number}", title_th=f"รายงาน {number}", summary=f"ปลูก{COFFEE}ในสวน")
    for number in range(4):
        make_report(f"title-{number}", title_th=f"โครงการ{COFFEE}ดอย {number}")
    expected = exhaustive(COFFEE)
    assert len(expected) == 6

    results = search(query=COFFEE, language="th", groups=["reports"], limit=10)
    assert results.counts["reports"] == 6 and results.total == 6 and not results.approximate
    assert results.listed == window
    assert report_ids(results) == expected[:window]
    assert search(query=COFFEE, language="th", groups=["reports"], limit=2, offset=1).hits[0].object_id == expected[1]
    assert search(query=COFFEE, language="th", groups=["reports"], offset=window).hits == []

    grouped = search_grouped(query=COFFEE, language="th", per_group=5)
    assert grouped.counts["reports"] == 6
    assert report_ids(grouped) == expected[:window]

    page = client.get("/search/", {"q": COFFEE, "kind": "reports"})
    assert page.context["page_obj"].paginator.count == window
    assert "แสดงเฉพาะ 3 รายการที่ตรงที่สุด" in page.content.decode()
    english = client.get("/en/search/", {"q": COFFEE, "kind": "reports"}).content.decode()
    assert "Only the best 3 results are listed" in english


def test_several_common_words_give_a_lower_bound_that_is_said_so(window, client):
    for number in range(4):
        make_report(f"coffee-{number}", title_th=f"{COFFEE}ดอย {number}")
    for number in range(4):
        make_report(f"weaving-{number}", title_th=f"{WEAVING}มือ {number}")
    make_report("both", title_th=f"{COFFEE}และ{WEAVING}")
    query = f"{COFFEE} {WEAVING}"

    results = search(query=query, language="th", groups=["reports"], limit=10)
    assert results.approximate == {"reports"}
    assert window <= results.counts["reports"] <= 9  # at least each word's own count, never more than the truth
    assert results.counts["reports"] >= 5
    assert results.hits[0].object_id == exhaustive(query)[0]  # the report with both words still ranks first

    data = client.get("/api/portal/search", {"q": query, "kind": "reports"}).json()
    assert data["approximate"] == ["reports"] and data["listed"] == window and data["count"] >= 5
    html = client.get("/search/", {"q": query}).content.decode()
    assert f"พบอย่างน้อย {results.counts['reports']} รายการ" in html
    assert f"(อย่างน้อย {results.counts['reports']})" in html


def test_several_words_within_the_window_count_exactly(client):
    make_report("coffee", title_th=f"{COFFEE}ดอย")
    make_report("weaving", title_th=f"{WEAVING}มือ")
    make_report("both", title_th=f"{COFFEE}และ{WEAVING}")
    results = search(query=f"{COFFEE} {WEAVING}", language="th", groups=["reports"])
    assert results.counts["reports"] == 3 and not results.approximate and results.listed == 3
    assert report_ids(results) == exhaustive(f"{COFFEE} {WEAVING}")
    assert client.get("/api/portal/search", {"q": f"{COFFEE} {WEAVING}"}).json()["approximate"] == []


def test_function_words_are_dropped_only_when_other_words_remain():
    make_report("equal", title_th="การศึกษาที่เท่าเทียม")
    assert search_terms("การศึกษาที่เท่าเทียม") == ["การศึกษา", "เท่าเทียม"]
    assert search_terms("ที่") == ["ที่"]
    assert search_terms("the") == ["the"]
    assert search_terms("the value of education") == ["valu", "educat"]
    assert search(query="ที่", language="th", groups=["reports"]).counts["reports"] == 1


@given(
    lists=st.lists(st.sets(st.integers(min_value=1, max_value=40), max_size=25), min_size=1, max_size=4),
    window_size=st.integers(min_value=1, max_value=30),
)
def test_counts_are_exact_or_a_true_lower_bound(lists, window_size):
    """For any posting lists: the count never exceeds the real number of matching items, and equals it whenever
    it says it is exact. (Candidates are the union of each list's first ``window_size`` items.)"""
    postings = [sorted(items) for items in lists if items]
    if not postings:
        return
    per_term = {f"t{number}": len(items) for number, items in enumerate(postings)}
    candidates = len(set().union(*(items[:window_size] for items in postings)))
    truth = len(set().union(*postings))
    original = ranking.RESULT_WINDOW
    ranking.RESULT_WINDOW = window_size
    try:
        counted = kind_counts(per_term=per_term, candidates=candidates)
    finally:
        ranking.RESULT_WINDOW = original
    assert counted.count <= truth
    assert counted.count >= max(per_term.values())
    if counted.exact:
        assert counted.count == truth
    if len(postings) == 1 or max(per_term.values()) <= window_size:
        assert counted.exact
