"""Public creator, assessor and report pages: reports listed, Impact Performance, share metadata, query counts."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image

from reports.models import ImpactReport
from tests.creators.factories import png_upload
from tests.portal.test_directory_api import make_assessor, make_creator, make_report

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def report_links(page: str) -> list[str]:
    return re.findall(r'<h3><a href="(?:/en)?/reports/([\w-]+)/">', page)


def by_testid(page: str, name: str) -> str:
    match = re.search(rf'data-testid="{name}">(.*?)</', page, re.S)
    assert match, f"no {name}"
    return match.group(1).strip()


def set_results(report: ImpactReport, inputs: str | None, present_value: str | None) -> None:
    """Frozen totals as submission stores them (row and live content alike)."""
    ImpactReport.objects.filter(pk=report.pk).update(
        total_inputs=None if inputs is None else Decimal(inputs),
        present_value=None if present_value is None else Decimal(present_value),
        sroi_ratio=None if inputs is None else Decimal(present_value) / Decimal(inputs),
    )


# --- Creator page: reports and Impact Performance --------------------------------------------------


def test_creator_page_lists_only_its_public_reports_and_its_performance(client):
    creator = make_creator("perf-org")
    other = make_creator("other-org")
    a = make_report("perf-a", owner=creator.user, sdgs=(1, 4))
    b = make_report("perf-b", owner=creator.user, sdgs=(4, 13))
    no_results = make_report("perf-c", owner=creator.user, sdgs=(5,))
    set_results(a, "100000", "300000")  # ratio 3
    set_results(b, "300000", "300000")  # ratio 1
    set_results(no_results, None, None)
    make_report("perf-draft", owner=creator.user, live=False, sdgs=(17,))
    deleted = make_report("perf-deleted", owner=creator.user, sdgs=(16,))
    ImpactReport.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    make_report("not-mine", owner=other.user)

    page = html(client.get("/en/creators/perf-org/"))
    assert sorted(report_links(page)) == ["perf-a", "perf-b", "perf-c"]
    assert by_testid(page, "performance-reports") == "3"
    assert by_testid(page, "performance-inputs") == "400,000.00 baht"
    assert by_testid(page, "performance-present-value") == "600,000.00 baht"
    # Inputs-weighted: 600,000 / 400,000 = 1.5, not the plain mean of 3 and 1 (2).
    assert by_testid(page, "performance-ratio") == "1 : 1.50 (1.5000)"
    covered = re.search(r'data-testid="performance-sdgs">(.*?)</ul>', page, re.S).group(1)
    goals = re.findall(r"<li>(\d+)\. ", covered)
    assert goals == ["1", "4", "5", "13"]
    assert "total present value of the organisation" in page

    thai = html(client.get("/creators/perf-org/"))
    assert by_testid(thai, "performance-inputs") == "400,000.00 บาท"
    assert "ผลการดำเนินงานด้านผลกระทบ" in thai or "Impact Performance" in thai


def test_creator_without_reports_shows_empty_performance(client):
    make_creator("empty-org")
    page = html(client.get("/en/creators/empty-org/"))
    assert by_testid(page, "performance-reports") == "0"
    assert by_testid(page, "performance-ratio") == "—"
    assert "No approved Impact Reports yet." in page


def test_creator_reports_are_paginated_newest_first(client):
    creator = make_creator("many-org")
    for number in range(12):
        make_report(f"many-{number:02d}", owner=creator.user)
    first = report_links(html(client.get("/en/creators/many-org/")))
    second = report_links(html(client.get("/en/creators/many-org/", {"page": 2})))
    assert first == [f"many-{n:02d}" for n in range(11, 1, -1)]
    assert second == ["many-01", "many-00"]
    assert "12 approved reports" in html(client.get("/en/creators/many-org/"))


# --- Assessor page ---------------------------------------------------------------------------------


def test_assessor_page_lists_reports_it_prepared_or_owns_once(client):
    assessor = make_assessor("prep-assessor")
    creator = make_creator("client-org")
    prepared = make_report("prepared-for-client", owner=creator.user)
    both = make_report("owned-and-prepared", owner=assessor.user)
    own = make_report("owned-only", owner=assessor.user)
    draft = make_report("prepared-draft", owner=creator.user, live=False)
    ImpactReport.objects.filter(pk__in=[prepared.pk, both.pk, draft.pk]).update(prepared_by=assessor)
    make_report("someone-else", owner=creator.user)

    page = html(client.get("/en/assessors/prep-assessor/"))
    assert report_links(page) == ["owned-only", "owned-and-prepared", "prepared-for-client"]
    assert "Org client-org" in page  # each report names its (public) organisation
    assert own.slug in page


# --- Share metadata --------------------------------------------------------------------------------


def test_open_graph_and_alternates_on_the_three_detail_pages(client):
    logo = Image.objects.create(title="logo", file=png_upload())
    creator = make_creator("og-org", logo=logo, description="ฝึกอาชีพผู้สูงอายุ")
    make_assessor("og-assessor")
    make_report("og-report", owner=creator.user)
    for path, og_type in (
        ("/creators/og-org/", "profile"),
        ("/assessors/og-assessor/", "profile"),
        ("/reports/og-report/", "article"),
    ):
        th, en = html(client.get(path)), html(client.get(f"/en{path}"))
        th_url, en_url = f"http://testserver{path}", f"http://testserver/en{path}"
        assert f'<link rel="canonical" href="{th_url}">' in th
        assert f'<link rel="canonical" href="{en_url}">' in en
        for page in (th, en):
            assert f'<link rel="alternate" hreflang="th" href="{th_url}">' in page
            assert f'<link rel="alternate" hreflang="en" href="{en_url}">' in page
            assert f'<link rel="alternate" hreflang="x-default" href="{th_url}">' in page
            assert f'<meta property="og:type" content="{og_type}">' in page
            assert '<meta property="og:title"' in page and '<meta property="og:description"' in page
            assert page.count('rel="canonical"') == 1
        assert f'<meta property="og:url" content="{th_url}">' in th
        assert '<meta property="og:locale" content="th_TH">' in th
        assert '<meta property="og:locale:alternate" content="en_US">' in th
        assert '<meta property="og:locale" content="en_US">' in en
    page = html(client.get("/creators/og-org/"))
    image = re.search(r'<meta property="og:image" content="([^"]+)">', page).group(1)
    assert image.startswith("http://testserver/") and "/images/" in image and image != logo.file.url
    assert '<meta property="og:description" content="ฝึกอาชีพผู้สูงอายุ">' in page
    assert "og:image" not in html(client.get("/assessors/og-assessor/"))


# --- Query counts ----------------------------------------------------------------------------------


def _queries(client, path: str) -> int:
    client.get(path)  # warm renditions, sessions and other first-time work
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("logged_in", [False, True])
def test_detail_pages_read_a_fixed_number_of_queries(client, logged_in):
    logo = Image.objects.create(title="logo", file=png_upload())
    small = make_creator("small-org", logo=logo, sdgs=[1])
    big = make_creator("big-org", logo=logo, sdgs=[1])
    small_assessor = make_assessor("small-assessor")
    big_assessor = make_assessor("big-assessor")
    make_report("small-1", owner=small.user, sdgs=(1, 2), provinces=("chiang-mai", "bangkok"))
    mine = make_report("small-prepared", owner=small.user)
    ImpactReport.objects.filter(pk=mine.pk).update(prepared_by=small_assessor)
    for number in range(30):
        report = make_report(f"big-{number}", owner=big.user, sdgs=(1, 2, 3), provinces=("chiang-mai", "bangkok"))
        ImpactReport.objects.filter(pk=report.pk).update(prepared_by=big_assessor)
    if logged_in:
        client.force_login(make_creator("visitor-org").user)
    counts = {
        "creator": (_queries(client, "/creators/small-org/"), _queries(client, "/creators/big-org/")),
        "assessor": (_queries(client, "/assessors/small-assessor/"), _queries(client, "/assessors/big-assessor/")),
        "report": (_queries(client, "/reports/small-1/"), _queries(client, "/reports/big-0/")),
    }
    for name, (one, thirty) in counts.items():
        assert one == thirty, (name, counts)
        assert thirty <= 15, (name, counts)
