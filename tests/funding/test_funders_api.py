"""GET /api/portal/funders[/{slug}]: published funders only, filters, paging, caching headers, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from funding.api import FunderDetailOut, FunderPageOut
from tests.funding.funder_factories import bulk_funders, clear_shipped_funders, make_funder

pytestmark = pytest.mark.django_db

API = "/api/portal/funders"


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def test_drafts_never_appear_whatever_the_parameters(client):
    clear_shipped_funders()
    make_funder("published", themes=["education"])
    make_funder("draft", live=False, themes=["education"])
    edited = make_funder("edited", name_th="ฉบับเผยแพร่", themes=["education"])
    edited.name_th = "ฉบับร่าง"
    edited.save_revision()
    for params in ({}, {"theme": "education"}, {"limit": 100, "offset": 0}, {"kind": "grant_maker"}):
        assert sorted(slugs(client.get(API, params))) == ["edited", "published"]
    assert client.get(f"{API}/draft").status_code == 404
    assert client.get(f"{API}/edited").json()["name_th"] == "ฉบับเผยแพร่"


def test_items_match_the_schema(client):
    make_funder("schema", kind="csr", themes=["water"], sdgs=[6], sectors=["private"], ticket_min="1000.5")
    listing = client.get(API, {"theme": "water"}).json()
    FunderPageOut.model_validate(listing)
    item = listing["results"][0]
    assert item["focus_themes"] == [{"slug": "water", "name_th": "น้ำ", "name_en": "Water"}]
    assert item["focus_sdgs"] == [6] and item["focus_sectors"][0]["slug"] == "private"
    assert item["ticket_min"] == "1000.50" and item["ticket_max"] is None and item["website"] is None
    assert item["url"] == "http://testserver/funders/schema/"
    detail = client.get(f"{API}/schema").json()
    FunderDetailOut.model_validate(detail)
    assert detail["description_th"] == "ให้ทุนโครงการเพื่อสังคม"


def test_filters_combine(client):
    clear_shipped_funders()
    make_funder("match", kind="bank", sectors=["social"], themes=["energy"], sdgs=[7], ticket_max="900000")
    make_funder("too-small", kind="bank", sectors=["social"], themes=["energy"], sdgs=[7], ticket_max="100")
    make_funder("other-theme", kind="bank", sectors=["social"], themes=["water"], sdgs=[7])
    make_funder("other-kind", kind="csr", sectors=["social"], themes=["energy"], sdgs=[7])
    params = {"kind": "bank", "sector": "social", "theme": "energy", "sdg": 7, "amount": "500000"}
    assert slugs(client.get(API, params)) == ["match"]
    assert client.get(API, {"kind": "nonsense"}).status_code == 422
    assert client.get(API, {"amount": "-1"}).status_code == 422
    assert client.get(API, {"theme": "no-such-theme"}).json()["count"] == 0


def test_paging_is_stable_and_the_limit_is_capped(client):
    clear_shipped_funders()
    bulk_funders(0, 130)
    first = client.get(API, {"limit": 1000}).json()
    assert first["limit"] == 100 and len(first["results"]) == 100 and first["count"] == 130
    rest = client.get(API, {"limit": 100, "offset": 100}).json()["results"]
    every = [item["slug"] for item in first["results"] + rest]
    assert len(set(every)) == 130 and every == sorted(every, key=lambda s: int(s.split("-")[1]))
    assert client.get(API, {"offset": 10**9}).json()["results"] == []


def test_cache_headers_etag_and_not_modified(client):
    make_funder("cached")
    for url in (API, f"{API}/cached"):
        response = client.get(url)
        assert response["Cache-Control"] == "public, max-age=60" and response["ETag"].startswith('"')
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304 and again.content == b""


def test_openapi_lists_the_funder_endpoints(client):
    paths = client.get("/api/portal/openapi.json").json()["paths"]
    assert "get" in paths[API] and "get" in paths[f"{API}/{{slug}}"]
    parameters = {p["name"] for p in paths[API]["get"]["parameters"]}
    assert parameters == {"kind", "sector", "theme", "sdg", "amount", "sort", "limit", "offset"}


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(API, params).status_code == 200
    return len(captured)


def test_query_count_is_the_same_for_10_and_1000_funders(client):
    clear_shipped_funders()
    bulk_funders(0, 10)
    params = [{"limit": 100}, {"limit": 100, "kind": "grant_maker", "amount": "5", "sort": "largest"}]
    for warm in params:  # warm the per-process caches (content version, taxonomies) first
        _queries(client, warm)
    few = [_queries(client, p) for p in params]
    bulk_funders(10, 1000)
    many = [_queries(client, p) for p in params]
    assert few == many and max(many) <= 15, (few, many)
