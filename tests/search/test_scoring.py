"""BM25 scoring (search.scoring, pure) and how the single ranked list uses it: rarer words count more, a shorter
item beats a longer one with the word in the same field, and help comes before SDG catalogue rows."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from search import scoring
from search.indexing import postings, rebuild_index
from search.models import Kind, SearchDocument, SearchPosting
from search.scoring import KIND_PRIOR, rarity, term_factors, term_weight
from search.service import search, search_grouped
from tests.search.factories import make_report

FIELD_WEIGHTS = st.sampled_from([1, 2, 3, 5, 10])
LENGTHS = st.integers(min_value=1, max_value=5000)


# --------------------------------------------------------------------------- pure arithmetic


@given(FIELD_WEIGHTS, FIELD_WEIGHTS, LENGTHS)
def test_a_better_field_never_weighs_less(low, high, length):
    low, high = sorted((low, high))
    assert term_weight(low, length) <= term_weight(high, length)


@given(FIELD_WEIGHTS, LENGTHS, LENGTHS)
def test_a_longer_item_never_weighs_more(field_weight, short, long):
    short, long = sorted((short, long))
    assert term_weight(field_weight, short) >= term_weight(field_weight, long) >= 1


@given(FIELD_WEIGHTS, LENGTHS)
def test_weights_saturate(field_weight, length):
    # BM25's term-frequency part never exceeds K1 + 1, however heavy the field: a title is not worth five texts.
    assert term_weight(field_weight, length) <= scoring.IMPACT_SCALE * (scoring.K1 + 1)
    assert term_weight(10, length) < 5 * term_weight(2, length)


@given(st.integers(min_value=1, max_value=100_000), st.integers(min_value=1, max_value=100_000))
def test_rarer_terms_count_more(first, second):
    items = 100_000
    rare, common = sorted((first, second))
    assert rarity(rare, items) >= rarity(common, items) >= 1


def test_rarity_survives_a_stale_item_count():
    assert rarity(50, 10) == rarity(50, 50) >= 1  # the count is cached; a term can be in more items meanwhile


def test_term_factors_are_rarity_times_prior():
    factors = term_factors({"faq": {"สถานะ": 1}, "indicator": {"สถานะ": 9, "เพศ": 30}}, 500)
    assert factors["faq"]["สถานะ"] == rarity(10, 500) * KIND_PRIOR["faq"]
    assert factors["indicator"]["สถานะ"] == rarity(10, 500) * KIND_PRIOR["indicator"]
    assert factors["indicator"]["เพศ"] == rarity(30, 500) * KIND_PRIOR["indicator"]
    assert KIND_PRIOR["faq"] == KIND_PRIOR["page"] > KIND_PRIOR["creator"] > KIND_PRIOR["report"]
    assert KIND_PRIOR["report"] > KIND_PRIOR["target"] == KIND_PRIOR["indicator"]


# --------------------------------------------------------------------------- stored weights


@pytest.mark.django_db
def test_index_stores_each_items_length_and_bm25_weights():
    report = make_report("coffee", title_th="โครงการกาแฟดอยช้าง", summary="เกษตรกรปลูกกาแฟใต้ร่มไม้")
    from search.documents import report_document

    fields = postings(report_document(report))
    document = SearchDocument.objects.get(kind=Kind.REPORT, object_id=report.pk)
    assert document.length == len(fields) == SearchPosting.objects.filter(kind=Kind.REPORT, object_id=report.pk).count()
    stored = dict(SearchPosting.objects.filter(kind=Kind.REPORT, object_id=report.pk).values_list("term", "weight"))
    assert stored == {term: term_weight(weight, document.length) for term, weight in fields.items()}
    rebuild_index()
    assert SearchDocument.objects.get(kind=Kind.REPORT, object_id=report.pk).length == document.length


# --------------------------------------------------------------------------- the ranking


@pytest.mark.django_db
def test_the_rarer_word_of_a_query_counts_more():
    for number in range(6):
        make_report(f"weaving-{number}", title_th=f"ทอผ้ามือ {number}")
    common = make_report("common", title_th="ทอผ้าไหม")
    rare = make_report("rare", title_th="ปูม้าชายฝั่ง")  # made last: the old tie-break (oldest first) put it second
    hits = search(query="ทอผ้า ปูม้า", language="th", groups=["reports"], limit=10).hits
    assert hits[0].object_id == rare.pk
    assert common.pk in [hit.object_id for hit in hits]


@pytest.mark.django_db
def test_a_shorter_item_beats_a_longer_one_with_the_word_in_the_same_field():
    long = make_report(
        "long",
        title_th="ห้องสมุดชุมชนบ้านนา",
        summary=" ".join(
            ["เด็กในชุมชนชนบทได้อ่านหนังสือทุกสัปดาห์ ครูอาสาสมัครสอนการบ้าน ผู้ปกครองร่วมกิจกรรมเล่านิทาน"] * 3
            + ["นักเรียนยืมหนังสือกลับบ้าน โรงเรียนขนาดเล็กได้รับหนังสือใหม่ อาสาสมัครซ่อมหนังสือเก่า"]
        ),
    )
    short = make_report("short", title_th="ห้องสมุดชุมชนบ้านไร่", summary="เด็กยืมหนังสือ")  # made last
    hits = search(query="ห้องสมุด", language="th", groups=["reports"], limit=10).hits
    assert [hit.object_id for hit in hits] == [short.pk, long.pk]


@pytest.mark.django_db
def test_a_faq_answer_comes_before_catalogue_titles_in_the_single_list(client):
    """The issue's case: "สถานะ" (status) is a word of the seed FAQ answer on checking the status, and of the titles
    of about ten SDG indicators ("… จำแนกตามสถานะ …"). The question comes first in the API's results and its
    group first on the page's "everything" view."""
    rebuild_index()
    data = client.get("/api/portal/search", {"q": "สถานะ"}).json()
    assert data["counts"]["indicators"] >= 10
    first = data["results"][0]
    assert first["kind"] == "faq" and first["url"].endswith("#checking-status")
    assert search_grouped(query="สถานะ", language="th").grouped[0][0] == "faq"
    html = client.get("/search/", {"q": "สถานะ"}).content.decode()
    sections = [section["id"] for section in BeautifulSoup(html, "html.parser").select("section.search-group h2")]
    assert sections[0] == "search-group-faq"


@pytest.mark.django_db
def test_an_sdg_goal_name_finds_reports_tagged_with_it_before_the_goals_catalogue_rows():
    rebuild_index()
    report = make_report("education", title_th="ห้องสมุดเคลื่อนที่", summary="เด็กได้อ่านหนังสือ", sdgs=[4])
    hits = search(query="Quality Education", language="en", limit=10).hits
    assert (Kind.REPORT, report.pk) in [(hit.kind, hit.object_id) for hit in hits[:3]]
