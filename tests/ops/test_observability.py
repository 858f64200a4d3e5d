"""Request ids in responses, logs and the tasks a request enqueues; JSON log lines; protected Prometheus metrics;
Sentry events scrubbed of personal data."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone
from django_q.signals import pre_execute
from pythonjsonlogger.json import JsonFormatter
from wagtail.models import WorkflowState

from creators.models import User
from creators.services.profiles import profile_submit
from ops import sentry
from ops.metrics import oldest_pending_business_days
from ops.request_id import RequestIdFilter, current_request_id, reset_request_id, set_request_id
from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue
from tests.privacy.deletion_helpers import make_account

pytestmark = pytest.mark.django_db
TOKEN = "scrape-token-for-tests-0123456789"


def test_a_sane_incoming_request_id_is_echoed_and_a_bad_one_replaced(client):
    given = "lb-3f9a1c2e7d5b4a60"
    assert client.get("/healthz/", HTTP_X_REQUEST_ID=given).get("X-Request-ID") is None  # probes: no middleware
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    for bad in ("x\nforged log line", "a" * 500, "short", ""):
        made = client.get("/robots.txt", HTTP_X_REQUEST_ID=bad)["X-Request-ID"]
        assert made != bad and len(made) == 32


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_the_request_id_reaches_the_task_the_request_enqueued_and_its_log_lines(client):
    """A password reset enqueues a django-q2 task when its transaction commits, inside the request (real commits
    here); sync mode in tests runs the worker code in-process, through django-q2's own package and signals."""
    User.objects.create_user(email="reset-me@example.org", password="x-password-123", email_verified_at=timezone.now())
    seen: list[str] = []

    def record(sender, func, task, **kwargs):
        seen.append((task.get("request_id"), current_request_id()))

    pre_execute.connect(record, dispatch_uid="test-request-id")
    handler = logging.Handler()
    handler.addFilter(RequestIdFilter())
    lines: list[logging.LogRecord] = []
    handler.emit = lines.append
    logging.getLogger().addHandler(handler)
    try:
        response = client.post("/accounts/password/reset/", {"email": "reset-me@example.org"})
    finally:
        pre_execute.disconnect(dispatch_uid="test-request-id")
        logging.getLogger().removeHandler(handler)
    request_id = response["X-Request-ID"]
    assert seen and all(pair == (request_id, request_id) for pair in seen)
    assert any(line.request_id == request_id for line in lines)


def test_log_lines_are_json_with_the_request_id():
    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s", rename_fields={"levelname": "level"}
    )
    record = logging.LogRecord("impact", logging.WARNING, __file__, 1, "ส่งอีเมล %s", ("ไม่สำเร็จ",), None)
    token = set_request_id("abc123def456")
    try:
        RequestIdFilter().filter(record)
    finally:
        reset_request_id(token)
    line = json.loads(formatter.format(record))
    assert (line["level"], line["message"], line["request_id"]) == ("WARNING", "ส่งอีเมล ไม่สำเร็จ", "abc123def456")


def test_metrics_answer_404_to_the_public_and_numbers_to_the_scraper(client, settings):
    settings.METRICS_TOKEN = TOKEN
    unknown = client.get("/no-such-address", follow=True)
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": TOKEN}):
        refused = client.get("/metrics", follow=True, **headers)  # the site's own 404, as for any unknown address
        assert (refused.status_code, len(refused.redirect_chain)) == (404, len(unknown.redirect_chain))
        assert b"impact_" not in refused.content
    client.get("/robots.txt")
    client.get("/robots.txt")
    outbox_enqueue(key="metrics:1", to="a@example.org", template="test_message", context={}, language="th")
    OutboxEmail.objects.update(status=OutboxEmail.Status.PENDING)
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert 'impact_http_requests_total{status="200",view="robots_txt"}' in text
    assert "impact_http_request_duration_seconds_bucket" in text
    assert "impact_outbox_backlog 1.0" in text
    assert "impact_task_queue_depth" in text
    assert "impact_moderation_oldest_pending_business_days 0.0" in text


def test_metrics_from_an_allowed_network_only(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = ["10.1.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.2.0.9", follow=True).status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.1.4.9").status_code == 200
    settings.METRICS_ALLOWED_IPS = []
    assert client.get("/metrics", REMOTE_ADDR="10.1.4.9", follow=True).status_code == 404


def test_the_oldest_pending_item_is_counted_in_business_days():
    assert oldest_pending_business_days() == 0  # nothing waiting
    account = make_account()
    profile_submit(profile=account.profile, user=account.user)
    state = WorkflowState.objects.active().get()
    WorkflowState.objects.filter(pk=state.pk).update(created_at=timezone.now() - timedelta(days=14))
    assert oldest_pending_business_days() >= 8  # two weeks: ten weekdays less any Thai public holidays


def test_sentry_events_carry_no_personal_data():
    event = {
        "user": {"email": "somchai@example.org", "ip_address": "1.2.3.4"},
        "request": {"url": "/x", "cookies": "sessionid=1", "headers": {"Cookie": "a"}, "data": {"email": "s@x"}},
        "exception": {"values": [{"stacktrace": {"frames": [{"function": "f", "vars": {"email": "s@x"}}]}}]},
        "breadcrumbs": {"values": [{"message": "SELECT ... somchai"}]},
    }
    scrubbed = json.dumps(sentry.scrub_event(event))
    assert "somchai" not in scrubbed and "s@x" not in scrubbed and "sessionid" not in scrubbed
    assert '"function": "f"' in scrubbed and '"url": "/x"' in scrubbed
    assert sentry.init_from_environment() is False  # no SENTRY_DSN: nothing initialised
