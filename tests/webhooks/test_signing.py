"""The signature a partner checks: made over the time and the body with the endpoint's secret."""

from hypothesis import given
from hypothesis import strategies as st

from webhooks.events import EVENTS
from webhooks.signing import TOLERANCE_SECONDS, signature, verify

secrets = st.text(min_size=1, max_size=64)
bodies = st.binary(max_size=512)
times = st.integers(min_value=1_000_000_000, max_value=4_000_000_000)


@given(secret=secrets, body=bodies, timestamp=times, delay=st.integers(0, TOLERANCE_SECONDS))
def test_a_signature_verifies_within_the_tolerance(secret, body, timestamp, delay):
    header = signature(secret=secret, body=body, timestamp=timestamp)
    assert verify(secret=secret, body=body, header=header, now=timestamp + delay)


@given(secret=secrets, body=bodies, timestamp=times, extra=st.binary(min_size=1, max_size=8))
def test_another_body_or_secret_fails(secret, body, timestamp, extra):
    header = signature(secret=secret, body=body, timestamp=timestamp)
    assert not verify(secret=secret, body=body + extra, header=header, now=timestamp)
    assert not verify(secret=secret + "x", body=body, header=header, now=timestamp)


@given(secret=secrets, body=bodies, timestamp=times, late=st.integers(TOLERANCE_SECONDS + 1, 10**6))
def test_a_replay_after_the_tolerance_fails(secret, body, timestamp, late):
    header = signature(secret=secret, body=body, timestamp=timestamp)
    assert not verify(secret=secret, body=body, header=header, now=timestamp + late)
    assert not verify(secret=secret, body=body, header=header, now=timestamp - late)


def test_a_malformed_header_fails():
    for header in ("", "t=abc,v1=00", "v1=00", "t=1"):
        assert not verify(secret="s", body=b"{}", header=header, now=1)


def test_the_openapi_document_describes_every_event_and_the_signature(client):
    document = client.get("/api/portal/openapi.json").json()
    assert set(document["webhooks"]) == {*EVENTS}
    post = document["webhooks"]["report.approved"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/WebhookEvent"
    assert "X-Signature" in {parameter["name"] for parameter in post["parameters"]}
    assert document["components"]["schemas"]["WebhookEvent"]["properties"]["object"]["required"] == [
        "type",
        "id",
        "locale",
        "url",
    ]
