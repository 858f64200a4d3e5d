"""The public Impact Data pages: /impact-data/, goal-N/, target-N-M/, indicator-N-M-K/ (and /en/…)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impact_data.models import ImpactDataIndexPage
from reports.models import ImpactReport
from tests.impact_data.catalogue_factories import STATES, bulk_reports, make_indicator_report

pytestmark = pytest.mark.django_db

INDEX = "/impact-data/"


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed(text: str) -> list[str]:
    return re.findall(r'<h3><a href="(?:/en)?/reports/([\w-]+)/">', text)


def stat(text: str, name: str) -> str:
    return re.search(rf'data-testid="{name}">([^<]*)<', text)[1]


def test_the_page_exists_in_both_languages_with_its_intro():
    assert ImpactDataIndexPage.objects.filter(live=True).count() == 2
    assert ImpactDataIndexPage.objects.get(locale__language_code="en").url_path.endswith("/impact-data/")


def test_index_lists_the_17_goals_with_counts(client):
    th = html(client.get(INDEX))
    assert '<html lang="th">' in th and "<h1>Impact Data ตัวชี้วัด</h1>" in th and th.count("<h1") == 1
    assert "ขจัดความยากจน" in th and th.count('class="card impact-data-goal"') == 17
    assert 'href="/impact-data/goal-1/"' in th and 'href="/impact-data/goal-17/"' in th
    assert "style=" not in th and "<script>" not in th
    en = html(client.get(f"/en{INDEX}"))
    assert "<h1>Impact Data indicators</h1>" in en and "No Poverty" in en
    assert 'href="/en/impact-data/goal-1/"' in en
    assert '<link rel="canonical" href="http://testserver/en/impact-data/">' in en
    assert '<meta property="og:title" content="Impact Data indicators">' in en


def test_goal_target_and_indicator_pages(client):
    goal = html(client.get("/en/impact-data/goal-1/"))
    assert '<h1><span class="impact-data-number">SDG 1</span> No Poverty</h1>' in goal
    assert 'href="/en/impact-data/target-1-2/"' in goal and 'href="/en/impact-data/indicator-1-2-1/"' in goal
    assert goal.index("Target 1.5") < goal.index("Target 1.a") < goal.index("Target 1.b")
    assert '<link rel="canonical" href="http://testserver/en/impact-data/goal-1/">' in goal
    assert '<meta property="og:url" content="http://testserver/en/impact-data/goal-1/">' in goal
    assert 'aria-label="Breadcrumb"' in goal and '<li aria-current="page">SDG 1 No Poverty</li>' in goal

    target = html(client.get("/impact-data/target-1-2/"))
    assert re.search(r"<h1>[^<]* 1\.2</h1>", target) and "ขจัดความยากจน" in target
    assert 'href="/impact-data/indicator-1-2-2/"' in target and 'href="/impact-data/goal-1/"' in target

    indicator = html(client.get("/en/impact-data/indicator-1-2-1/"))
    assert "Indicator 1.2.1" in indicator and "national poverty line" in indicator
    assert "Global SDG indicator (UN)" in indicator
    assert '<li aria-current="page">Indicator 1.2.1</li>' in indicator
    assert 'href="/en/impact-data/target-1-2/"' in indicator


def test_language_switch_keeps_the_sub_page(client):
    text = html(client.get("/impact-data/indicator-1-2-1/"))
    assert 'href="/en/impact-data/indicator-1-2-1/" lang="en"' in text


@pytest.mark.parametrize(
    "path", ["goal-0/", "goal-18/", "target-99-9/", "indicator-1-2-9/", "target-1-2/extra/", "goal-x/", "nothing/"]
)
def test_unknown_codes_are_404(client, path):
    assert client.get(f"{INDEX}{path}").status_code == 404
    assert client.get(f"/en{INDEX}{path}").status_code == 404


def test_only_public_reports_are_listed_and_counted(client):
    for state in STATES:
        make_indicator_report(f"report-{state}", {"1.2.1": "100", "2.1.1": "7"}, state=state)
    make_indicator_report("goal-only", state="live", sdgs=[1])
    make_indicator_report("goal-only-draft", state="draft", sdgs=[1])

    indicator = html(client.get("/en/impact-data/indicator-1-2-1/"))
    assert listed(indicator) == ["report-live"]
    assert stat(indicator, "report-count") == "1" and stat(indicator, "beneficiaries") == "100"
    assert "outcomes measured with this indicator" in indicator

    target = html(client.get("/en/impact-data/target-1-2/"))
    assert listed(target) == ["report-live"] and stat(target, "beneficiaries") == "100"

    goal = html(client.get("/en/impact-data/goal-1/"))
    assert sorted(listed(goal)) == ["goal-only", "report-live"]
    assert stat(goal, "report-count") == "2" and stat(goal, "beneficiaries") == "100"

    index = html(client.get("/en/impact-data/"))
    assert stat(index, "goal-1-reports") == "2" and stat(index, "goal-2-reports") == "1"
    assert stat(index, "goal-3-reports") == "0"
    for state in STATES[1:]:
        assert f"report-{state}" not in indicator + target + goal
    assert ImpactReport.objects.get(slug="report-pending").workflow_in_progress
    assert ImpactReport.objects.get(slug="report-rejected").rejection_reason


def test_a_live_report_counts_with_its_approved_version_while_an_edit_waits(client):
    report = make_indicator_report("edited", {"1.2.1": "40"})
    draft = report.get_latest_revision_as_object()
    outcome = draft.outcomes.all()[0]
    outcome.quantity = 999
    draft.outcomes = [outcome]
    draft.save_revision()  # an edit waiting for moderation: the live row keeps 40
    assert stat(html(client.get("/impact-data/indicator-1-2-1/")), "beneficiaries") == "40"


def test_beneficiaries_sum_every_outcome_on_the_indicator(client):
    make_indicator_report("a", {"1.2.1": "1000", "1.2.2": "5"})
    make_indicator_report("b", {"1.2.1": "250.5"})
    text = html(client.get("/en/impact-data/indicator-1-2-1/"))
    assert stat(text, "report-count") == "2" and stat(text, "beneficiaries") == "1,250.5"
    target = html(client.get("/en/impact-data/target-1-2/"))
    assert stat(target, "report-count") == "2" and stat(target, "beneficiaries") == "1,255.5"


BYPASS = {"X-Page-Cache-Bypass": "1"}  # count the rendering, not the anonymous page cache


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        html(client.get(url, headers=BYPASS))
    return len(captured)


def test_query_counts_are_small_and_do_not_grow_with_the_reports(client):
    urls = [
        "/impact-data/",
        "/en/impact-data/goal-1/",
        "/impact-data/target-1-2/",
        "/en/impact-data/indicator-1-2-1/",
        "/en/impact-data/indicator-1-2-1/?page=2",
    ]
    bulk_reports(10, code="1.2.1", goal=1)
    for url in urls:
        _queries(client, url)  # warm the navigation cache
    small = {url: _queries(client, url) for url in urls}
    bulk_reports(990, code="1.2.1", start=10, goal=1)
    large = {url: _queries(client, url) for url in urls}
    assert large == small
    assert max(large.values()) <= 15, large
    text = html(client.get("/en/impact-data/indicator-1-2-1/", headers=BYPASS))
    assert stat(text, "report-count") == "1000" and stat(text, "beneficiaries") == "10,000"
    # Each report both names goal 1 and uses one of its indicators: counted once.
    assert stat(html(client.get(INDEX)), "goal-1-reports") == "1000"
    assert stat(html(client.get("/impact-data/goal-1/")), "report-count") == "1000"


def test_sitemap_lists_every_sub_page_in_both_languages(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ("impact-data/", "impact-data/goal-17/", "impact-data/target-1-a/", "impact-data/indicator-17-19-2/"):
        assert f"http://testserver/{path}</loc>" in sitemap or f"/{path}</loc>" in sitemap, path
        assert f"/en/{path}</loc>" in sitemap, path
