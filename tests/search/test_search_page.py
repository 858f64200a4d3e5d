"""The search page /search/ (and /en/search/): grouped results with counts, highlighted and escaped snippets,
filters, pagination, the header search box, bounded queries and bad input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.search.factories import make_assessor, make_creator, make_report

pytestmark = pytest.mark.django_db

ELDERLY = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่"
MAX_QUERIES = 15


def test_results_are_grouped_with_counts_and_highlighted(client):
    make_creator("elder", name_th="มูลนิธิผู้สูงอายุ", description=ELDERLY, province="chiang-mai")
    make_report("elder-report", title_th=ELDERLY, title_en="Elderly skills")
    make_assessor("assessor", name="ผู้ประเมินอิสระ", biography="ประเมินโครงการผู้สูงอายุ")
    response = client.get("/search/", {"q": "ผู้สูงอายุ"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="ผู้สูงอายุ"' in html  # the query stays in the box
    assert "<mark>ผู้สูงอายุ</mark>" in html
    assert 'href="/creators/elder/"' in html and 'href="/reports/elder-report/"' in html
    groups = {group["name"]: group["count"] for group in response.context["groups"]}
    assert groups["creators"] == 1 and groups["reports"] == 1 and groups["assessors"] == 1
    assert 'aria-labelledby="search-group-creators"' in html


def test_english_page_shows_english_titles_and_links(client):
    make_report("elder-report", title_th=ELDERLY, title_en="Elderly vocational skills")
    response = client.get("/en/search/", {"q": "vocational"})
    html = response.content.decode()
    assert "Elderly <mark>vocational</mark> skills" in html
    assert 'href="/en/reports/elder-report/"' in html


def test_content_and_query_are_escaped(client):
    make_creator("xss", name_th="<script>alert(1)</script> มูลนิธิทดสอบ", description="<img src=x onerror=alert(1)> ทดสอบ")
    response = client.get("/search/", {"q": '<script>alert(2)</script> ทดสอบ "><b>'})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>ทดสอบ</mark>" in html


def test_kind_filter_paginates(client):
    for number in range(25):
        make_creator(f"forest-{number}", name_th=f"กลุ่มอนุรักษ์ป่าชุมชนที่ {number}")
    make_report("forest-report", title_th="โครงการอนุรักษ์ป่า")
    first = client.get("/search/", {"q": "อนุรักษ์ป่า", "kind": "creators"})
    assert len(first.context["groups"][0]["hits"]) == 20
    assert first.context["page_obj"].paginator.num_pages == 2
    assert first.context["results"].total == 25
    html = first.content.decode()
    assert "kind=creators&amp;page=2" in html
    second = client.get("/search/", {"q": "อนุรักษ์ป่า", "kind": "creators", "page": 2})
    assert len(second.context["results"].hits) == 5
    beyond = client.get("/search/", {"q": "อนุรักษ์ป่า", "kind": "creators", "page": 99})
    assert beyond.status_code == 200 and len(beyond.context["results"].hits) == 5
    # Unfiltered: at most 5 per group and a link to all of them.
    everything = client.get("/search/", {"q": "อนุรักษ์ป่า"})
    assert len(everything.context["groups"][0]["hits"]) == 5
    assert "kind=creators" in everything.content.decode()


def test_province_and_sdg_filters(client):
    make_report("cm", title_th="โครงการน้ำสะอาด", provinces=("chiang-mai",), sdgs=(6,))
    make_report("bkk", title_th="โครงการน้ำสะอาดกรุงเทพ", provinces=("bangkok",), sdgs=(3,))
    by_province = client.get("/search/", {"q": "น้ำสะอาด", "province": "chiang-mai"})
    assert [hit.url for hit in by_province.context["results"].hits] == ["/reports/cm/"]
    by_sdg = client.get("/search/", {"q": "น้ำสะอาด", "sdg": "3"})
    assert [hit.url for hit in by_sdg.context["results"].hits] == ["/reports/bkk/"]
    bad = client.get("/search/", {"q": "น้ำสะอาด", "sdg": "99", "province": "atlantis", "kind": "x", "page": "abc"})
    assert bad.status_code == 200
    assert len(bad.context["results"].hits) == 2
    assert bad.context["dropped_filters"]


@pytest.mark.parametrize("items", [1, 12])
def test_query_count_is_bounded_and_constant(client, items):
    for number in range(items):
        make_creator(f"c{number}", name_th=f"มูลนิธิผู้สูงอายุ {number}", province="chiang-mai", sdgs=(1, 3))
        make_report(f"r{number}", title_th=f"{ELDERLY} {number}", provinces=("chiang-mai", "bangkok"), sdgs=(1,))
    client.get("/search/", {"q": "x"})  # warm the per-process caches (navigation, taxonomies)
    for params in ({"q": "ผู้สูงอายุ"}, {"q": "ผู้สูงอายุ", "kind": "reports"}, {"q": "ผู้สูงอายุ", "province": "chiang-mai"}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", params)
        assert response.status_code == 200
        assert len(captured) <= MAX_QUERIES, [query["sql"] for query in captured]


def test_header_search_box_on_every_page(client):
    for path in ("/", "/en/", "/search/"):
        html = client.get(path, follow=True).content.decode()
        assert 'role="search"' in html
        assert 'for="header-search-q"' in html and 'id="header-search-q"' in html
        assert 'action="/search/"' in html or 'action="/en/search/"' in html


BAD_QUERIES = [
    "",
    " " * 50,
    "\u200b\u200c\u200d\ufeff",
    "ก" * 10_000,
    "a" * 10_000,
    "(.*)+[a-z]{1,99}\\d",
    "%",
    "_",
    "%_%",
    "'\"",
    "' OR 1=1 --",
    "!!! ??? ...",
    "ๆ ฯ ฿",
    "\x00",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_give_a_sensible_page(client, query):
    make_creator("elder", name_th="มูลนิธิผู้สูงอายุ")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    results = response.context["results"]
    assert len(results.terms) <= 20
    assert not any(set(term) & set("()*+[]{}\\%_'\"") for term in results.terms)  # syntax is never a term
    # Letters and digits in them ("กก", "a-z", "OR 1") are plain words and may be found; nothing else is.
    if not any(char.isalnum() for char in query):
        assert results.hits == []


def test_only_get(client):
    assert client.post("/search/", {"q": "x"}).status_code == 405


def test_thai_labels_call_pages_web_pages_and_space_latin_words(client):
    # Wagtail's Thai (and once ours) said "เลขหน้า" (page numbers) for Pages; a Latin label needs a space before it.
    for n in range(6):
        make_creator(f"longan-{n}", name_th=f"วิสาหกิจลำไยอบแห้ง {n}")
    html = client.get("/search/", {"q": "ลำไย"}).content.decode()
    assert "หน้าเว็บ" in html and "เลขหน้า" not in html
    assert "ทั้ง 6 รายการใน Impact Creator" in html and "ในImpact" not in html
    paged = client.get("/search/", {"q": "ลำไย", "kind": "creators", "page": 1}).content.decode()
    assert "ในImpact" not in paged
