"""API keys on the read APIs, the per-IP and per-key limits, and CORS (api_access/middleware.py)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from api_access.keys import key_hash
from api_access.models import ApiKey
from api_access.rate_limit import window_seconds_left
from api_access.services import api_key_issue, api_key_revoke
from config.portal_api import api as portal_api

pytestmark = pytest.mark.django_db

API = "/api/portal/reports"
PAGES_API = "/api/v2/pages/"
SMALL = {"API_RATE_LIMIT_ANONYMOUS": 3, "API_RATE_LIMIT_KEYED": 5, "API_RATE_LIMIT_WINDOW_SECONDS": 60}


def _issue(name: str = "Partner portal"):
    return api_key_issue(name=name, contact_email="dev@partner.example")


def test_issuing_stores_only_a_hash_of_the_key():
    issued = _issue()
    stored = ApiKey.objects.get(pk=issued.api_key.pk)
    assert issued.plaintext.startswith("ipk_" + stored.key_prefix + "_")
    assert stored.key_hash == key_hash(issued.plaintext)
    assert issued.plaintext not in {str(value) for value in stored.__dict__.values()}


@pytest.mark.parametrize("header", ["bearer", "x-api-key"])
def test_a_valid_key_is_accepted_in_either_header(client, header):
    issued = _issue()
    headers = {"Authorization": f"Bearer {issued.plaintext}"} if header == "bearer" else {"X-Api-Key": issued.plaintext}
    with override_settings(**SMALL):
        response = client.get(API, headers=headers)
    assert response.status_code == 200
    assert response["X-RateLimit-Limit"] == "5"
    assert response["X-RateLimit-Remaining"] == "4"
    assert ApiKey.objects.get(pk=issued.api_key.pk).last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(client):
    issued = _issue()
    headers = {"X-Api-Key": issued.plaintext}
    client.get(API, headers=headers)
    first = ApiKey.objects.get(pk=issued.api_key.pk).last_used_at
    client.get(API, headers=headers)
    assert ApiKey.objects.get(pk=issued.api_key.pk).last_used_at == first


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "This API key is not valid or has been revoked."), ("th", "คีย์ API นี้ไม่ถูกต้องหรือถูกเพิกถอนแล้ว")],
)
def test_revoked_and_unknown_keys_are_refused_in_the_clients_language(client, language, message):
    issued = _issue()
    assert api_key_revoke(api_key_id=issued.api_key.pk)
    unknown = "ipk_0123456789ab_" + "x" * 43
    for headers in (
        {"Authorization": f"Bearer {issued.plaintext}"},
        {"X-Api-Key": unknown},
        {"X-Api-Key": "not-a-key"},
        {"X-Api-Key": issued.plaintext[:-1] + ("A" if issued.plaintext[-1] != "A" else "B")},
    ):
        response = client.get(API, headers={**headers, "Accept-Language": language})
        assert response.status_code == 401
        assert response.json() == {"detail": message, "code": "invalid_api_key"}
        assert "Bearer" in response["WWW-Authenticate"]


@override_settings(**SMALL)
def test_wrong_keys_count_against_the_address(client):
    guess = {"X-Api-Key": "ipk_0123456789ab_guess"}
    for _ in range(3):
        assert client.get(API, REMOTE_ADDR="203.0.113.7", headers=guess).status_code == 401
    guessing = client.get(API, REMOTE_ADDR="203.0.113.7", headers={"X-Api-Key": "ipk_0123456789ab_again"})
    assert guessing.status_code == 429
    assert client.get(API, REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get(API, REMOTE_ADDR="203.0.113.7", headers={"X-Api-Key": _issue().plaintext}).status_code == 200


def test_revoking_twice_keeps_the_first_time():
    issued = _issue()
    assert api_key_revoke(api_key_id=issued.api_key.pk)
    first = ApiKey.objects.get(pk=issued.api_key.pk).revoked_at
    assert not api_key_revoke(api_key_id=issued.api_key.pk)
    assert ApiKey.objects.get(pk=issued.api_key.pk).revoked_at == first


@override_settings(**SMALL)
@pytest.mark.parametrize("path", [API, PAGES_API])
def test_anonymous_clients_are_limited_per_address(client, path, clock):
    for remaining in (2, 1, 0):
        response = client.get(path, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == str(remaining)
    refused = client.get(path, REMOTE_ADDR="203.0.113.7", headers={"Accept-Language": "en"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "50"  # the clock stands 10 s into a 60-second window
    assert refused.json()["code"] == "rate_limited"
    assert refused["Cache-Control"] == "no-store"
    assert refused.json()["detail"].startswith("Too many requests.")
    assert refused["X-RateLimit-Limit"] == "3"
    assert refused["X-RateLimit-Remaining"] == "0"
    assert "มากเกินไป" in client.get(path, REMOTE_ADDR="203.0.113.7").json()["detail"]
    other = client.get(path, REMOTE_ADDR="203.0.113.8")
    assert other.status_code == 200
    assert other["X-RateLimit-Remaining"] == "2"
    clock.now += 49
    assert client.get(path, REMOTE_ADDR="203.0.113.7")["Retry-After"] == "1"
    clock.now += 1  # the next window
    assert client.get(path, REMOTE_ADDR="203.0.113.7")["X-RateLimit-Remaining"] == "2"


@override_settings(**SMALL, TRUSTED_PROXY_HOPS=None)
def test_a_typed_forwarded_for_header_does_not_escape_the_limit(client):
    for n in range(3):
        assert client.get(API, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 200
    assert client.get(API, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


@override_settings(**SMALL, TRUSTED_PROXY_HOPS=1)
def test_behind_our_proxy_the_address_it_saw_is_counted(client):
    def get(forwarded_for: str):
        return client.get(API, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)

    for n in range(3):  # what the visitor typed (left entries) changes nothing
        assert get(f"198.51.100.{n}, 203.0.113.7").status_code == 200
    assert get("198.51.100.9, 203.0.113.7").status_code == 429
    assert get("203.0.113.8").status_code == 200  # another visitor behind the same proxy


@override_settings(**SMALL)
def test_keyed_clients_get_the_higher_limit_and_their_own_counter(client):
    first, second = _issue("First"), _issue("Second")
    for _ in range(3):  # the address's anonymous allowance used up
        client.get(API, REMOTE_ADDR="203.0.113.7")
    assert client.get(API, REMOTE_ADDR="203.0.113.7").status_code == 429
    for remaining in range(4, -1, -1):
        response = client.get(API, REMOTE_ADDR="203.0.113.7", headers={"X-Api-Key": first.plaintext})
        assert response.status_code == 200
        assert response["X-RateLimit-Remaining"] == str(remaining)
    assert client.get(API, REMOTE_ADDR="203.0.113.7", headers={"X-Api-Key": first.plaintext}).status_code == 429
    other_key = client.get(API, REMOTE_ADDR="203.0.113.7", headers={"Authorization": f"Bearer {second.plaintext}"})
    assert other_key.status_code == 200
    assert other_key["X-RateLimit-Remaining"] == "4"


@override_settings(**SMALL)
def test_html_pages_and_the_docs_are_not_limited(client):
    for _ in range(6):
        page = client.get("/", REMOTE_ADDR="203.0.113.7")
        assert page.status_code == 200
        assert "X-RateLimit-Limit" not in page
        assert client.get("/api/portal/docs", REMOTE_ADDR="203.0.113.7").status_code == 200
    assert client.get("/", REMOTE_ADDR="203.0.113.7", headers={"X-Api-Key": "not-a-key"}).status_code == 200


@override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example"])
def test_cors_preflight_from_an_allowed_origin_only(client):
    preflight = {
        "Origin": "https://partner.example",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "x-api-key",
    }
    allowed = client.options(API, headers=preflight)
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "x-api-key" in allowed["Access-Control-Allow-Headers"]
    assert "authorization" in allowed["Access-Control-Allow-Headers"]
    assert "POST" not in allowed["Access-Control-Allow-Methods"]

    unknown = client.options(API, headers={**preflight, "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in unknown


@override_settings(CORS_ALLOWED_ORIGINS=["https://partner.example"], **SMALL)
def test_cors_answers_expose_the_limit_headers_even_on_a_429(client):
    origin = {"Origin": "https://partner.example"}
    response = client.get(API, headers=origin)
    assert response["Access-Control-Allow-Origin"] == "https://partner.example"
    exposed = response["Access-Control-Expose-Headers"].lower()
    assert {"retry-after", "x-ratelimit-limit", "x-ratelimit-remaining"} <= set(exposed.replace(" ", "").split(","))
    for _ in range(3):
        response = client.get(API, headers=origin)
    assert response.status_code == 429
    assert response["Access-Control-Allow-Origin"] == "https://partner.example"
    page = client.get("/", headers=origin)
    assert "Access-Control-Allow-Origin" not in page


@override_settings(**SMALL)
def test_the_openapi_document_describes_the_optional_key_and_the_limits(client):
    thai = client.get("/api/portal/openapi.json").json()
    assert "แต่ละที่อยู่เครือข่ายส่งคำขอได้ 3 ครั้งทุก 60 วินาที" in thai["info"]["description"]
    assert "แต่ละคีย์ส่งคำขอได้ 5 ครั้ง" in thai["info"]["description"]
    with translation.override("en"):
        document = portal_api.get_openapi_schema(path_prefix="/api/portal/")
    schemes = document["components"]["securitySchemes"]
    assert schemes["ApiKeyBearer"] == {**schemes["ApiKeyBearer"], "type": "http", "scheme": "bearer"}
    assert schemes["ApiKeyHeader"] == {**schemes["ApiKeyHeader"], "type": "apiKey", "in": "header", "name": "X-Api-Key"}
    assert {} in document["security"]  # no key is fine
    description = document["info"]["description"]
    assert "3 requests every 60 seconds" in description
    assert "may make 5" in description
    listing = document["paths"]["/api/portal/reports"]["get"]["responses"]
    assert "Retry-After" in listing["429"]["headers"]
    assert "401" in listing
    assert thai["components"]["securitySchemes"].keys() == schemes.keys()


@pytest.mark.parametrize(("now", "left"), [(0.0, 60), (0.5, 60), (59.0, 1), (59.9, 1), (120.0, 60), (61.2, 59)])
def test_seconds_left_in_a_window(now, left):
    assert window_seconds_left(now=now, window=60) == left
