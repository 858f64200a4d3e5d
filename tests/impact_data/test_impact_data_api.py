"""GET /api/portal/indicators…: the catalogue as JSON, public reports only, cacheable, in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from impact_data.api import GoalDetailOut, GoalListOut, IndicatorDetailOut, IndicatorPageOut
from taxonomy.models import IndicatorSource, SdgIndicator, SdgTarget
from tests.impact_data.catalogue_factories import STATES, bulk_reports, make_indicator_report

pytestmark = pytest.mark.django_db

API = "/api/portal/indicators"


def ok(response) -> dict:
    assert response.status_code == 200, response.content[:500]
    assert response["Cache-Control"] == "public, max-age=60" and response["ETag"]
    return response.json()


def test_goals(client):
    data = ok(client.get(f"{API}/goals"))
    GoalListOut.model_validate(data)
    assert data["count"] == 17 and [g["number"] for g in data["results"]] == list(range(1, 18))
    first = data["results"][0]
    assert first["targets_count"] == 7 and first["indicators_count"] == 13 and first["name_en"] == "No Poverty"
    assert first["url"] == "http://testserver/impact-data/goal-1/"
    assert sum(g["targets_count"] for g in data["results"]) == 169


def test_goal_detail_and_404(client):
    data = ok(client.get(f"{API}/goals/1"))
    GoalDetailOut.model_validate(data)
    assert [t["number"] for t in data["targets"]] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]
    target = data["targets"][1]
    assert [i["code"] for i in target["indicators"]] == ["1.2.1", "1.2.2"]
    assert target["url"] == "http://testserver/impact-data/target-1-2/"
    for bad in ("0", "18", "x"):
        assert client.get(f"{API}/goals/{bad}").status_code in (404, 422)


def test_flat_list_filters_and_limit(client):
    SdgIndicator.objects.create(
        target=SdgTarget.objects.get(number="1.2"),
        code="1.2.1.th1",
        slug="indicator-1-2-1-th1",
        sort_key=1_002_001,
        name_th="ตัวชี้วัดระดับชาติ",
        name_en="National indicator",
        source=IndicatorSource.NATIONAL,
    )
    data = ok(client.get(API))
    IndicatorPageOut.model_validate(data)
    assert data["count"] == 249 and data["limit"] == 50 and data["results"][0]["code"] == "1.1.1"
    assert ok(client.get(API, {"limit": 1000}))["limit"] == 100
    codes = [i["code"] for i in ok(client.get(API, {"goal": 1, "limit": 100}))["results"]]
    assert codes[:4] == ["1.1.1", "1.2.1", "1.2.1.th1", "1.2.2"] and len(codes) == 14
    assert [i["code"] for i in ok(client.get(API, {"target": "1.2"}))["results"]] == ["1.2.1", "1.2.1.th1", "1.2.2"]
    national = ok(client.get(API, {"source": "national"}))
    assert [i["code"] for i in national["results"]] == ["1.2.1.th1"]
    assert ok(client.get(API, {"goal": 2, "source": "national"}))["count"] == 0
    pages = [ok(client.get(API, {"limit": 100, "offset": o}))["results"] for o in (0, 100, 200)]
    all_codes = [i["code"] for page in pages for i in page]
    assert len(all_codes) == len(set(all_codes)) == 249
    assert client.get(API, {"source": "secret"}).status_code == 422
    assert client.get(API, {"limit": 0}).status_code == 422


def test_indicator_detail_counts_public_reports_only(client):
    for state in STATES:
        make_indicator_report(f"report-{state}", {"1.2.1": "100"}, state=state)
    make_indicator_report("second", {"1.2.1": "20.5"})
    data = ok(client.get(f"{API}/1.2.1"))
    IndicatorDetailOut.model_validate(data)
    assert data["reports_count"] == 2 and data["beneficiaries"] == "120.5"
    assert data["target_detail"]["number"] == "1.2" and data["goal_detail"]["number"] == 1
    assert data["url"] == "http://testserver/impact-data/indicator-1-2-1/"
    goal = ok(client.get(f"{API}/goals/1"))
    assert goal["reports_count"] == 2
    assert goal["targets"][1]["indicators"][0]["reports_count"] == 2
    assert client.get(f"{API}/9.9.9").status_code == 404


def test_etag_and_not_modified(client):
    first = client.get(f"{API}/1.2.1")
    again = client.get(f"{API}/1.2.1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    make_indicator_report("new", {"1.2.1": "5"})
    assert client.get(f"{API}/1.2.1", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_openapi_lists_the_indicator_paths(client):
    paths = client.get("/api/portal/openapi.json").json()["paths"]
    for path in ("/indicators/goals", "/indicators/goals/{number}", "/indicators", "/indicators/{code}"):
        assert "get" in paths[f"/api/portal{path}"], path
    parameters = {p["name"] for p in paths["/api/portal/indicators"]["get"]["parameters"]}
    assert parameters == {"goal", "target", "source", "limit", "offset"}


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_reports(client):
    urls = [f"{API}/goals", f"{API}/goals/1", f"{API}?limit=100", f"{API}/1.2.1"]
    bulk_reports(10, code="1.2.1", goal=1)
    for url in urls:
        _queries(client, url)  # warm the site-root cache that page URLs use
    small = {url: _queries(client, url) for url in urls}
    bulk_reports(990, code="1.2.1", start=10, goal=1)
    large = {url: _queries(client, url) for url in urls}
    assert large == small and max(large.values()) <= 15, large
    assert ok(client.get(f"{API}/1.2.1"))["reports_count"] == 1000
