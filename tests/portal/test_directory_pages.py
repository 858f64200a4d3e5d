"""The public directory pages /impact-creators/, /impact-assessors/, /impact-reports/ (and /en/…)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, Revision

from portal.initial_content import load_initial_content
from portal.models import AssessorIndexPage, CreatorIndexPage, HomePage, InitialContentRecord, ReportIndexPage
from tests.portal.test_directory_api import make_assessor, make_creator, make_report

pytestmark = pytest.mark.django_db

CREATORS, ASSESSORS, REPORTS = "/impact-creators/", "/impact-assessors/", "/impact-reports/"
BOM = "\ufeff"


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed(response, prefix: str) -> list[str]:
    """Slugs of the result cards, in order (links to the public detail pages)."""
    return re.findall(rf'<h2><a href="(?:/en)?/{prefix}/([\w-]+)/">', html(response))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:])))


# --- Pages and content ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "th_title", "en_title"),
    [
        (CREATORS, "ทำเนียบ Impact Creator", "Impact Creator directory"),
        (ASSESSORS, "ทำเนียบ Impact Assessor", "Impact Assessor directory"),
        (REPORTS, "รายงาน Impact Report", "Impact Reports"),
    ],
)
def test_each_directory_answers_in_both_languages(client, path, th_title, en_title):
    th = html(client.get(path))
    assert '<html lang="th">' in th and f"<h1>{th_title}</h1>" in th and th.count("<h1") == 1
    assert "IMPACT PORTAL" in th and '<form method="get"' in th
    en = html(client.get(f"/en{path}"))
    assert '<html lang="en">' in en and f"<h1>{en_title}</h1>" in en
    assert "style=" not in th and "<script>" not in th  # strict CSP: no inline styles or scripts


def test_index_pages_are_in_the_menu_after_who_is_it_for(client):
    home = html(client.get("/en/"))
    positions = [
        home.index(f'href="/en/{slug}/"')
        for slug in ("who-is-it-for", *(p.strip("/") for p in (CREATORS, ASSESSORS, REPORTS)), "faq")
    ]
    assert positions == sorted(positions)
    for model in (CreatorIndexPage, AssessorIndexPage, ReportIndexPage):
        assert model.objects.filter(live=True).count() == 2


def test_an_existing_site_gets_the_directory_pages_in_menu_order():
    """A site loaded before the directories existed: the loader adds them after "who-is-it-for"."""
    slugs = [p.strip("/") for p in (CREATORS, ASSESSORS, REPORTS)]
    for model in (CreatorIndexPage, AssessorIndexPage, ReportIndexPage):
        for page in model.objects.all():
            page.delete()
    InitialContentRecord.objects.filter(key__regex=r"^page:impact-(creators|assessors|reports):").delete()
    report = load_initial_content()
    assert sorted(report.created) == sorted(f"page:{slug}:{code}" for slug in slugs for code in ("th", "en"))
    for code in ("th", "en"):
        home = HomePage.objects.get(locale__language_code=code)
        menu = [page.slug for page in home.get_children().in_menu()]
        assert menu[menu.index("who-is-it-for") + 1 :][:5] == [*slugs, "impact-data", "faq"]
        assert all(home.get_children().live().filter(slug=slug).exists() for slug in slugs)


def test_loader_stays_idempotent_with_the_directory_pages():
    revisions, pages = Revision.objects.count(), Page.objects.count()
    first, second = load_initial_content(), load_initial_content()
    assert first.created == first.updated == second.created == second.updated == []
    assert (Revision.objects.count(), Page.objects.count()) == (revisions, pages)
    assert "page:impact-reports:en" in second.unchanged


# --- Listings ---------------------------------------------------------------------------------------


def test_only_live_items_are_listed(client):
    make_creator("creator-live")
    make_creator("creator-draft", live=False)
    pending = make_creator("creator-pending", live=False)
    pending.save_revision()
    make_assessor("assessor-live")
    make_assessor("assessor-draft", live=False)
    make_report("report-live")
    make_report("report-draft", live=False)
    assert listed(client.get(CREATORS), "creators") == ["creator-live"]
    assert listed(client.get(f"/en{ASSESSORS}"), "assessors") == ["assessor-live"]
    assert listed(client.get(REPORTS), "reports") == ["report-live"]
    assert "1 organisation found" in html(client.get(f"/en{CREATORS}"))


def test_filters_combine(client):
    make_creator("match", sector="social", province="chiang-mai", sdgs=[4])
    make_creator("other-sector", sector="government", province="chiang-mai", sdgs=[4])
    make_creator("other-province", sector="social", province="bangkok", sdgs=[4])
    make_creator("other-goal", sector="social", province="chiang-mai", sdgs=[5])
    params = {"organisation_type": "social", "province": "chiang-mai", "sdg": "4"}
    assert listed(client.get(CREATORS, params), "creators") == ["match"]
    make_assessor("a-match", sectors=("social", "private"), provinces=("bangkok", "chiang-mai"))
    make_assessor("a-other", sectors=("social",), provinces=("bangkok",))
    params = {"expertise": "private", "province": "chiang-mai"}
    assert listed(client.get(ASSESSORS, params), "assessors") == ["a-match"]
    make_report("r-match", sector="social", provinces=("chiang-mai",), sdgs=(1, 4))
    make_report("r-other", sector="social", provinces=("bangkok",), sdgs=(4,))
    assert listed(client.get(REPORTS, {"sector": "social", "sdg": 4, "province": "chiang-mai"}), "reports") == [
        "r-match"
    ]


def test_sorting(client):
    make_creator("older", name_th="ข องค์กรที่อนุมัติก่อน")
    make_creator("newer", name_th="ก องค์กรที่อนุมัติทีหลัง")
    assert listed(client.get(CREATORS), "creators") == ["newer", "older"]  # by Thai name
    make_creator("third", name_th="ค องค์กร")
    assert listed(client.get(CREATORS, {"sort": "newest"}), "creators") == ["third", "newer", "older"]
    make_report("low", ratio="1.1")
    make_report("high", ratio="3.2")
    assert listed(client.get(REPORTS, {"sort": "sroi_ratio"}), "reports") == ["high", "low"]
    assert listed(client.get(REPORTS, {"sort": "name"}), "reports") == ["high", "low"]  # by title
    assert "1 : 3.20" in html(client.get(REPORTS))


def test_filters_are_kept_in_pagination_links(client):
    for i in range(23):
        make_creator(f"org-{i:02}", sector="social", province="chiang-mai", sdgs=[4])
    make_creator("elsewhere", province="bangkok", sdgs=[4])
    response = client.get(CREATORS, {"province": "chiang-mai", "sdg": "4", "sort": "newest"})
    page = html(response)
    assert len(listed(response, "creators")) == 20
    assert "23 organisations found" in page or "23" in page
    assert 'href="?province=chiang-mai&amp;sdg=4&amp;sort=newest&amp;page=2"' in page
    assert 'href="?province=chiang-mai&amp;sdg=4&amp;sort=newest&amp;format=csv"' in page
    second = client.get(CREATORS, {"province": "chiang-mai", "sdg": "4", "sort": "newest", "page": "2"})
    assert len(listed(second, "creators")) == 3
    assert 'page=1" rel="prev"' in html(second)
    assert '<option value="chiang-mai" selected>' in html(second)  # the form shows the active filters


def test_a_page_beyond_the_last_shows_the_last_page(client):
    for i in range(21):
        make_creator(f"org-{i:02}")
    response = client.get(CREATORS, {"page": "999"})
    assert listed(response, "creators") == ["org-20"]
    assert 'aria-current="page">2</a>' in html(response)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (CREATORS, {"sdg": "99", "province": "atlantis", "organisation_type": "x", "sort": "bogus", "page": "abc"}),
        (CREATORS, {"sdg": "0", "page": "-3"}),
        (ASSESSORS, {"expertise": "<script>", "province": "nowhere"}),
        (REPORTS, {"sector": "nope", "sdg": "1.5", "sort": "name'--"}),
    ],
)
def test_invalid_filter_values_are_ignored_with_a_notice(client, path, params):
    make_creator("still-listed")
    make_assessor("still-listed")
    make_report("still-listed")
    page = html(client.get(f"/en{path}", params))
    assert "Some filters were not recognised and were ignored" in page
    assert "still-listed" in page
    assert "<script>" not in page.split("<main", 1)[1]
    assert 'class="notice directory-notice" role="status"' in html(client.get(path, params))


def test_valid_filters_still_apply_next_to_invalid_ones(client):
    make_creator("in-bangkok", province="bangkok")
    make_creator("in-chiang-mai", province="chiang-mai")
    assert listed(client.get(CREATORS, {"province": "bangkok", "sdg": "42"}), "creators") == ["in-bangkok"]


# --- CSV --------------------------------------------------------------------------------------------


def test_csv_export_honours_filters_and_neutralises_formulas(client):
    make_creator("formula", name_th='=HYPERLINK("http://evil")', province="bangkok", sdgs=[3])
    make_creator("plain", name_th="+66 องค์กร", province="bangkok")
    make_creator("filtered-out", province="chiang-mai")
    make_creator("hidden", live=False, province="bangkok")
    rows = csv_rows(client.get(CREATORS, {"province": "bangkok", "format": "csv"}))
    with translation.override("th"):
        assert rows[0][0] == gettext("Name (Thai)")
    names = sorted(row[0] for row in rows[1:])
    assert names == ["'+66 องค์กร", '\'=HYPERLINK("http://evil")']
    assert all(row[-1].startswith("http://testserver/creators/") for row in rows[1:])
    en_rows = csv_rows(client.get(f"/en{CREATORS}", {"format": "csv", "sdg": "3"}))
    assert en_rows[0][0] == "Name (Thai)" and len(en_rows) == 2
    assert en_rows[1][-1] == "http://testserver/en/creators/formula/"


def test_csv_for_assessors_and_reports(client):
    make_assessor("csv-assessor", name="-1 Evaluators", provinces=("bangkok",))
    make_assessor("csv-elsewhere", provinces=("chiang-mai",))
    rows = csv_rows(client.get(f"/en{ASSESSORS}", {"format": "csv", "province": "bangkok"}))
    assert [row[0] for row in rows[1:]] == ["'-1 Evaluators"]
    make_report("csv-report", sector="social", ratio="2.5")
    make_report("csv-other", sector="government")
    rows = csv_rows(client.get(f"/en{REPORTS}", {"format": "csv", "sector": "social"}))
    assert rows[0][-2:] == ["SROI ratio", "Page address"]
    assert len(rows) == 2 and rows[1][-2] == "2.5000" and rows[1][-1].endswith("/en/reports/csv-report/")


# --- Query counts -----------------------------------------------------------------------------------

# A directory page costs what any content page costs (routing, menu, language switch, footer settings)
# plus a fixed few of its own: the count, the page of results and one query per many-to-many it shows.
# Filter choices come from the cache.
# + thematic sectors on creators and reports, + the assurances of a page of reports (assurance/)
OWN_QUERIES = {"creators": 3, "assessors": 3, "reports": 5}


def _queries(client, path) -> int:
    bypass = {"X-Page-Cache-Bypass": "1"}  # count the rendering, not the anonymous page cache
    client.get(path, headers=bypass)  # warm the site, locale and taxonomy caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, headers=bypass).status_code == 200
    return len(captured)


@pytest.mark.parametrize("kind", ["creators", "assessors", "reports"])
def test_query_count_does_not_grow_with_the_list(client, kind):
    make = {"creators": make_creator, "assessors": make_assessor, "reports": make_report}[kind]
    path = {"creators": CREATORS, "assessors": ASSESSORS, "reports": REPORTS}[kind]
    content_page = _queries(client, "/about/")
    for i in range(3):
        make(f"{kind}-{i}")
    few = _queries(client, path)
    for i in range(3, 30):
        make(f"{kind}-{i}")
    many = _queries(client, path)
    assert few == many <= content_page + OWN_QUERIES[kind], (few, many, content_page)
    assert many <= 15, many  # the limit for every directory page
    filtered = _queries(client, f"/en{path}?sdg=4&province=bangkok&page=2")
    assert filtered <= _queries(client, "/en/about/") + OWN_QUERIES[kind]
