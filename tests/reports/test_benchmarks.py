"""Sector benchmarks: quartiles, percentile, cache invalidation, the public page and the portal API."""

import statistics
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.benchmarks import report_percentile, sector_benchmarks, sector_distribution
from reports.models import ImpactReport
from reports.services.submission import report_submit
from taxonomy.models import Sector
from tests.reports.factories import make_complete_report, make_owner

pytestmark = pytest.mark.django_db

SECTOR_ORDER = ["government", "academia", "private", "social", "regulator-fund", "investor"]
# Hand-computed quartiles (linear interpolation at position (n - 1) · p of the sorted ratios).
CASES = {
    "government": (["2.5"], ("2.5", "2.5", "2.5")),
    "academia": (["3", "1"], ("1.5", "2", "2.5")),
    "private": (["8", "1", "4", "2"], ("1.75", "3", "5")),
    "social": (["1.1111", "0.5", "3.3333", "2.4", "10.1"], ("1.1111", "2.4", "3.3333")),
}
SOCIAL_SORTED = [Decimal(v) for v in ("0.5", "1.1111", "2.4", "3.3333", "10.1")]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner():
    return make_owner()


@pytest.fixture
def thai_catalog():
    """The Thai strings come from the project catalogue (locale/th)."""
    yield


def publish_report(owner, slug: str, sector: str | None, ratio: str) -> ImpactReport:
    """A live report whose published revision carries the sector and the frozen ratio."""
    report = make_complete_report(owner, slug=slug)
    report.sector = Sector.objects.get(slug=sector) if sector else None
    report.sroi_ratio = Decimal(ratio)
    report.save_revision(user=owner).publish()
    return report


def unpublished_row(owner, slug: str, sector: str, ratio: str) -> ImpactReport:
    report = make_complete_report(owner, slug=slug)
    ImpactReport.objects.filter(pk=report.pk).update(sector=Sector.objects.get(slug=sector), sroi_ratio=Decimal(ratio))
    return report


@pytest.fixture
def cases(owner):
    for sector, (ratios, _quartiles) in CASES.items():
        for index, ratio in enumerate(ratios):
            publish_report(owner, f"{sector}-{index}", sector, ratio)
    cache.clear()


def by_slug() -> dict:
    return {benchmark.slug: benchmark for benchmark in sector_benchmarks()}


def q4(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


# --- Numbers -------------------------------------------------------------------------------------------


def test_every_sector_in_order_with_hand_computed_quartiles(cases):
    benchmarks = sector_benchmarks()
    assert [b.slug for b in benchmarks] == SECTOR_ORDER
    found = by_slug()
    for sector, (ratios, quartiles) in CASES.items():
        benchmark = found[sector]
        values = sorted(Decimal(r) for r in ratios)
        assert benchmark.count == len(ratios)
        assert (benchmark.minimum, benchmark.maximum) == (q4(values[0]), q4(values[-1]))
        assert (benchmark.q1, benchmark.median, benchmark.q3) == tuple(q4(q) for q in quartiles), sector
        assert all(value.as_tuple().exponent == -4 for value in quartiles_of(benchmark))  # 4 places
        if len(values) >= 2:  # statistics.quantiles needs two data points on Python 3.11
            expected = statistics.quantiles(values, n=4, method="inclusive")
            assert [benchmark.q1, benchmark.median, benchmark.q3] == [q4(q) for q in expected], sector
    for empty in ("regulator-fund", "investor"):
        assert found[empty].count == 0 and found[empty].median is None and found[empty].minimum is None


def quartiles_of(benchmark):
    return (benchmark.minimum, benchmark.q1, benchmark.median, benchmark.q3, benchmark.maximum)


def test_quartiles_round_to_four_places_like_statistics(owner):
    ratios = ["1.0001", "1.0002", "1.0003", "1.0005"]
    for index, ratio in enumerate(ratios):
        publish_report(owner, f"close-{index}", "investor", ratio)
    cache.clear()
    investor = by_slug()["investor"]
    expected = statistics.quantiles([Decimal(r) for r in ratios], n=4, method="inclusive")
    assert [investor.q1, investor.median, investor.q3] == [q4(q) for q in expected]
    assert investor.q1 == Decimal("1.0002")  # 1.000175 rounds half up


def test_only_live_reports_with_a_ratio_count(owner, cases):
    unpublished_row(owner, "draft-social", "social", "99")
    pending = make_complete_report(owner, slug="pending-social")
    ImpactReport.objects.filter(pk=pending.pk).update(sector=Sector.objects.get(slug="social"))
    report_submit(report=pending, user=owner)
    pending.refresh_from_db()
    assert pending.sroi_ratio is not None and not pending.live
    cache.clear()
    social = by_slug()["social"]
    assert social.count == 5 and social.maximum == Decimal("10.1000")
    assert sum(count for _label, count in sector_distribution("social")) == 5


def test_distribution_buckets(cases):
    assert sector_distribution("social") == [("< 1", 1), ("1–2", 1), ("2–3", 1), ("3–5", 1), ("5–10", 0), ("≥ 10", 1)]
    assert sector_distribution("private") == [("< 1", 0), ("1–2", 1), ("2–3", 1), ("3–5", 1), ("5–10", 1), ("≥ 10", 0)]
    assert [count for _label, count in sector_distribution("investor")] == [0] * 6


def test_percentile(owner, cases):
    social = ImpactReport.objects.get(slug="social-3")  # ratio 2.4, third of five
    assert report_percentile(social) == Decimal("60.00")
    assert report_percentile(ImpactReport.objects.get(slug="social-4")) == Decimal("100.00")
    assert report_percentile(ImpactReport.objects.get(slug="social-1")) == Decimal("20.00")
    tie = publish_report(owner, "social-tie", "social", "2.4")
    assert report_percentile(tie) == Decimal("66.67")  # 4 of 6 at or below 2.4
    no_sector = publish_report(owner, "no-sector", None, "2")
    assert report_percentile(no_sector) is None


# --- Cache invalidation --------------------------------------------------------------------------------


def test_publishing_unpublishing_and_deleting_invalidate_the_cache(owner, cases):
    assert by_slug()["investor"].count == 0
    assert sector_distribution("investor")[1] == ("1–2", 0)
    report = publish_report(owner, "investor-new", "investor", "1.5")
    assert by_slug()["investor"].count == 1 and by_slug()["investor"].median == Decimal("1.5000")
    assert sector_distribution("investor")[1] == ("1–2", 1)

    report.sroi_ratio = Decimal("4")  # an approved edit goes live
    report.save_revision(user=owner).publish()
    assert by_slug()["investor"].median == Decimal("4.0000")

    report.refresh_from_db()
    report.unpublish()
    assert by_slug()["investor"].count == 0

    social = ImpactReport.objects.get(slug="social-4")  # the 10.1 maximum
    assert by_slug()["social"].maximum == Decimal("10.1000")
    social.delete()
    assert by_slug()["social"].count == 4 and by_slug()["social"].maximum == Decimal("3.3333")


def test_results_are_cached(cases, django_assert_num_queries):
    sector_benchmarks()
    with django_assert_num_queries(0):
        sector_benchmarks()


# --- Public pages --------------------------------------------------------------------------------------


def test_benchmark_page_in_english(client, cases):
    response = client.get("/en/analyst/benchmarks/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1 and "Sector benchmarks</h1>" in page
    for text in ("Social sector", "Investor", "1.5000", "2.0000", "2.5000", "1.7500", "3.0000", "5.0000", "10.1000"):
        assert text in page, text
    assert page.count('<svg class="chart-svg" role="img"') == 4  # only sectors with reports
    assert '<title id="chart-social-title">Distribution of SROI ratios: Social sector</title>' in page
    assert "SROI ratio ≥ 10 — number of reports: 1" in page  # a bar's own title
    assert " style=" not in page and "<style" not in page
    assert "Lower quartile (Q1)" in page and "Show the chart's data as a table" in page


def test_benchmark_page_in_thai(client, cases, thai_catalog):
    response = client.get("/analyst/benchmarks/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1 and "เกณฑ์เปรียบเทียบรายภาคส่วน</h1>" in page
    assert 'lang="th"' in page and "ภาคสังคม" in page and "ควอร์ไทล์ที่ 1 (Q1)" in page
    for text in ("1.5000", "3.3333", "10.1000"):
        assert text in page, text


def test_benchmark_page_query_count_does_not_grow_with_reports(client, owner):
    def measure() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/analyst/benchmarks/").status_code == 200
        return len(queries)

    for index in range(3):
        publish_report(owner, f"few-{index}", "social", f"{index + 1}.25")
    few = measure()
    for index in range(27):
        publish_report(owner, f"many-{index}", "social", f"{index % 12}.5")
    many = measure()
    assert few == many
    assert by_slug()["social"].count == 30


def test_public_report_shows_its_percentile(client, cases):
    page = client.get("/en/reports/social-3/").content.decode()
    assert "higher than or equal to 60% of approved reports in its sector (Social sector)" in page
    assert 'href="/en/analyst/benchmarks/#sector-social"' in page


def test_public_report_without_a_sector_has_no_percentile(client, owner):
    publish_report(owner, "no-sector", None, "2")
    response = client.get("/en/reports/no-sector/")
    assert response.status_code == 200 and "higher than or equal to" not in response.content.decode()


# --- API -----------------------------------------------------------------------------------------------


def test_api_numbers_cache_headers_and_etag(client, cases):
    response = client.get("/api/portal/benchmarks")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    data = response.json()
    assert [item["sector"]["slug"] for item in data] == SECTOR_ORDER
    private = data[2]
    assert private == {
        "sector": {"slug": "private", "name_th": "ภาคเอกชน", "name_en": "Private sector"},
        "count": 4,
        "min": "1.0000",
        "q1": "1.7500",
        "median": "3.0000",
        "q3": "5.0000",
        "max": "8.0000",
    }
    assert data[5] == {**data[5], "count": 0, "min": None, "q1": None, "median": None, "q3": None, "max": None}
    etag = response["ETag"]
    not_modified = client.get("/api/portal/benchmarks", headers={"if-none-match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""


def test_api_etag_changes_when_a_report_is_published(client, owner, cases):
    etag = client.get("/api/portal/benchmarks")["ETag"]
    publish_report(owner, "investor-new", "investor", "1.5")
    response = client.get("/api/portal/benchmarks", headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert response.json()[5]["median"] == "1.5000"
