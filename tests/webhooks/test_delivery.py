"""Webhooks delivered for real to a receiver on 127.0.0.1 by django-q2 (sync mode): signed, retried with back-off,
in order per object, paused after 50 failures in a row, and never to a private address in production."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from outbox.models import OutboxEmail
from webhooks import events
from webhooks.addresses import RefusedAddress, resolve
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import webhook_emit, webhook_retry_due
from webhooks.signing import HEADER, verify

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status


def emit(capture, **kwargs):
    with capture(execute=True):
        return webhook_emit(**kwargs)


def test_a_published_page_reaches_the_receiver_signed(receiver, endpoint, th_home, django_capture_on_commit_callbacks):
    from portal.models import ContentPage

    page = ContentPage(title="ข่าวประชาสัมพันธ์", slug="webhook-news", live=False)
    th_home.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    [request] = receiver.requests
    body = json.loads(request.body)
    assert body["event"] == events.PAGE_PUBLISHED
    assert body["object"]["type"] == "page" and body["object"]["id"] == page.pk
    assert body["object"]["locale"] == "th" and body["object"]["url"].endswith("/webhook-news/")
    assert request.headers["X-Webhook-Event"] == events.PAGE_PUBLISHED
    now = int(time.time())
    assert verify(secret=endpoint.secret, body=request.body, header=request.headers[HEADER], now=now)
    assert not verify(secret="another-secret", body=request.body, header=request.headers[HEADER], now=now)
    assert not verify(secret=endpoint.secret, body=request.body + b" ", header=request.headers[HEADER], now=now)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempts) == (Status.DELIVERED, 200, 1)
    assert delivery.response_ms is not None


def test_a_receiver_answering_500_twice_gets_it_a_third_time_after_the_back_off(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    receiver.statuses = [500, 500, 200]
    [delivery] = emit(
        django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=7
    )
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (Status.FAILED, 1, 500)
    first_wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(seconds=5) < first_wait <= timedelta(seconds=10)

    assert webhook_retry_due(now=timezone.now()) == 0  # not due yet
    assert len(receiver.requests) == 1
    assert webhook_retry_due(now=timezone.now() + timedelta(seconds=11)) == 0  # 500 again
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, 2)
    assert delivery.next_attempt_at - timezone.now() > timedelta(seconds=50)  # the back-off grew

    assert webhook_retry_due(now=timezone.now() + timedelta(minutes=2)) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (Status.DELIVERED, 3, 200)
    assert len({request.body for request in receiver.requests}) == 1 and len(receiver.requests) == 3
    assert {request.headers["X-Webhook-Delivery"] for request in receiver.requests} == {str(delivery.pk)}
    assert WebhookEndpoint.objects.get().consecutive_failures == 0


def test_events_of_one_object_arrive_in_order(receiver, endpoint, django_capture_on_commit_callbacks):
    receiver.statuses = [500, 200]
    emit(django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=7)
    emit(django_capture_on_commit_callbacks, event=events.DELETED_ON_REQUEST, object_type="report", object_id=7)
    emit(django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=8)
    # The deletion of report 7 waits behind its approval; report 8 is not held up.
    sent = [(json.loads(r.body)["event"], json.loads(r.body)["object"]["id"]) for r in receiver.requests]
    assert sent == [(events.REPORT_APPROVED, 7), (events.REPORT_APPROVED, 8)]

    webhook_retry_due(now=timezone.now() + timedelta(seconds=11))

    sent = [(json.loads(r.body)["event"], json.loads(r.body)["object"]["id"]) for r in receiver.requests]
    about_7 = [event for event, object_id in sent if object_id == 7]
    assert about_7 == [events.REPORT_APPROVED, events.REPORT_APPROVED, events.DELETED_ON_REQUEST]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {Status.DELIVERED}


def test_an_endpoint_failing_50_times_in_a_row_is_paused_and_its_owner_emailed(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    receiver.statuses = [503]
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=48)
    emit(django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=1)
    assert WebhookEndpoint.objects.get().is_active  # 49 in a row
    emit(django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=2)

    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.paused_at is not None
    email = OutboxEmail.objects.get(to="partner@example.org")
    assert endpoint.name in email.subject and "50" in email.body_text
    assert (
        emit(django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=3) == []
    )
    assert len(receiver.requests) == 2


def test_the_locale_filter_and_the_event_list_choose_the_endpoints(receiver, django_capture_on_commit_callbacks):
    english = WebhookEndpoint.objects.create(
        name="EN", url=receiver.url, events=[events.PAGE_PUBLISHED], locale="en", owner_email="en@example.org"
    )
    WebhookEndpoint.objects.create(
        name="reports only", url=receiver.url, events=[events.REPORT_APPROVED], owner_email="r@example.org"
    )

    assert (
        emit(
            django_capture_on_commit_callbacks,
            event=events.PAGE_PUBLISHED,
            object_type="page",
            object_id=1,
            locale="th",
        )
        == []
    )
    [delivery] = emit(
        django_capture_on_commit_callbacks, event=events.PAGE_PUBLISHED, object_type="page", object_id=1, locale="en"
    )
    assert delivery.endpoint == english


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1:8000/hook", "private"),
        ("http://localhost/hook", "private"),
        ("http://10.1.2.3/hook", "private"),
        ("http://192.168.0.10/hook", "private"),
        ("http://169.254.169.254/latest/meta-data/", "private"),
        ("http://[::1]/hook", "private"),
        ("http://[fe80::1]/hook", "private"),
        ("http://0.0.0.0/hook", "private"),
        ("ftp://93.184.216.34/hook", "scheme"),
        ("http://user:secret@93.184.216.34/hook", "credentials"),
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused_in_production(url, why):
    with override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=False), pytest.raises(RefusedAddress, match=why):
        resolve(url)


def test_a_public_address_is_allowed():
    with override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=False):
        assert resolve("https://93.184.216.34/hook") == ("https", "93.184.216.34", 443, "93.184.216.34")


def test_a_delivery_to_a_private_address_is_refused_without_connecting(
    receiver, endpoint, django_capture_on_commit_callbacks
):
    with override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=False):
        [delivery] = emit(
            django_capture_on_commit_callbacks, event=events.REPORT_APPROVED, object_type="report", object_id=1
        )
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED and delivery.last_error.startswith("refused address")
    assert receiver.requests == []
