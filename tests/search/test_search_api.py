"""GET /api/portal/search: the same results as the page, as JSON, in the OpenAPI schema; bad input never 500s."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from search.api import SearchOut
from tests.search.factories import make_creator, make_report

pytestmark = pytest.mark.django_db

URL = "/api/portal/search"
ELDERLY = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่"


def test_json_matches_the_page(client):
    creator = make_creator("elder", name_th="มูลนิธิผู้สูงอายุ", description=ELDERLY, province="chiang-mai")
    make_report("elder-report", title_th=ELDERLY, owner=creator.user)
    response = client.get(URL, {"q": "ผู้สูงอายุ เชียงใหม่", "kind": "creators"})
    assert response.status_code == 200
    data = response.json()
    SearchOut.model_validate(data)
    assert data["terms"] == ["ผู้สูงอายุ", "เชียงใหม่"]
    assert data["counts"]["creators"] == 1 and data["counts"]["reports"] == 1
    assert data["count"] == 1
    [hit] = data["results"]
    assert hit["kind"] == "creator" and hit["url"] == "http://testserver/creators/elder/"
    assert "<mark>ผู้สูงอายุ</mark>" in hit["snippet_html"]
    assert response["ETag"] and "max-age=60" in response["Cache-Control"]
    page = client.get("/search/", {"q": "ผู้สูงอายุ เชียงใหม่", "kind": "creators"})
    assert [hit.url for hit in page.context["results"].hits] == ["/creators/elder/"]


def test_deleted_item_disappears_at_once(client):
    report = make_report("gone", title_th=ELDERLY)
    assert client.get(URL, {"q": "ผู้สูงอายุ"}).json()["counts"]["reports"] == 1
    report.deleted_at = timezone.now()
    report.save(update_fields=["deleted_at"])
    data = client.get(URL, {"q": "ผู้สูงอายุ"}).json()
    assert data["counts"]["reports"] == 0
    assert all(hit["kind"] != "report" for hit in data["results"])


def test_limit_offset_and_cap(client):
    for number in range(3):
        make_creator(f"forest-{number}", name_th=f"กลุ่มอนุรักษ์ป่า {number}")
    data = client.get(URL, {"q": "อนุรักษ์ป่า", "kind": "creators", "limit": 2, "offset": 1}).json()
    assert data["count"] == 3 and len(data["results"]) == 2 and data["offset"] == 1
    assert client.get(URL, {"q": "อนุรักษ์ป่า", "limit": 500}).json()["limit"] == 100
    assert client.get(URL, {"q": "อนุรักษ์ป่า", "offset": 999_999}).json()["results"] == []


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"offset": -1}, {"sdg": 99}, {"kind": "secrets"}, {"lang": "fr"}, {"limit": "abc"}],
)
def test_invalid_parameters_are_a_422(client, params):
    assert client.get(URL, {"q": "x", **params}).status_code == 422


@pytest.mark.parametrize(
    "query", ["", "   ", "\u200b\u200b", "ก" * 10_000, "(.*)+", "%", "_", "'\"", "!!!", "\x00", "ๆ"]
)
def test_bad_queries_answer_empty(client, query):
    make_creator("elder", name_th="มูลนิธิผู้สูงอายุ")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    data = response.json()
    assert len(data["terms"]) <= 20
    if query != "ก" * 10_000:  # "กก" is a Thai word: finding it is the sensible answer
        assert data["results"] == []


def test_unknown_province_gives_nothing(client):
    make_creator("elder", name_th="มูลนิธิผู้สูงอายุ")
    assert client.get(URL, {"q": "ผู้สูงอายุ", "province": "atlantis"}).json()["count"] == 0


def test_in_the_openapi_schema(client):
    schema = client.get("/api/portal/openapi.json").json()
    operation = schema["paths"]["/api/portal/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "kind", "province", "sdg", "limit", "offset", "lang"} <= names


@pytest.mark.parametrize("items", [1, 15])
def test_query_count_is_constant(client, items):
    for number in range(items):
        make_report(f"r{number}", title_th=f"{ELDERLY} {number}", provinces=("chiang-mai",), sdgs=(1,))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, {"q": "ผู้สูงอายุ"}).status_code == 200
    assert len(captured) <= 6
