"""The portal API's server-side cache: answers kept per public-content version, 304s kept, nothing stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.portal.test_directory_api import make_report

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def api_cache_on(settings):
    settings.API_CACHE_ENABLED = True


def _get(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return response, len(captured)


def test_a_second_identical_request_is_served_from_the_cache_without_queries(client):
    first, first_queries = _get(client, "/api/portal/creators?limit=5")
    second, second_queries = _get(client, "/api/portal/creators?limit=5")
    assert first.status_code == second.status_code == 200
    assert first["X-Api-Cache"] == "miss" and second["X-Api-Cache"] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert first_queries > 0 and second_queries == 0
    assert _get(client, "/api/portal/creators?limit=6")[0]["X-Api-Cache"] == "miss"  # its own entry


def test_a_matching_etag_still_gets_304_from_the_cache_and_a_stale_one_gets_the_body(client):
    etag = client.get("/api/portal/reports")["ETag"]
    not_modified = client.get("/api/portal/reports", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.content == b""
    fresh = client.get("/api/portal/reports", headers={"If-None-Match": '"old"'})
    assert fresh.status_code == 200 and fresh.content


def test_a_first_request_with_an_etag_does_not_store_an_empty_answer(client):
    etag = client.get("/api/portal/assessors", headers={"X-Page-Cache-Bypass": "1"})["ETag"]
    assert client.get("/api/portal/assessors", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/api/portal/assessors").content.startswith(b"{")


def test_publishing_a_report_changes_the_cached_answer_at_once(client):
    before = client.get("/api/portal/reports").json()["count"]
    make_report("cached-then-published")  # published through Wagtail: the public-content version moves on
    after = client.get("/api/portal/reports")
    assert after["X-Api-Cache"] == "miss" and after.json()["count"] == before + 1


def test_the_calculator_and_the_docs_are_never_cached(client):
    assert "X-Api-Cache" not in client.get("/api/portal/docs")
    assert "X-Api-Cache" not in client.post("/api/portal/sroi/calculate", {}, content_type="application/json")
