"""Webhook deliveries (services): queue an event for every subscribed endpoint in the caller's transaction, send
one delivery signed, retry with a capped back-off, keep each object's events in order, pause an endpoint that
keeps failing and tell its owner.

* ``webhook_emit`` writes one row per matching endpoint and schedules ``webhooks.tasks.deliver_webhook`` after
  commit with the row id only (django-q2 keeps task arguments forever).
* ``webhook_deliver`` sends a row unless an earlier row about the same object to the same endpoint is still
  waiting (events of one object arrive in order); it claims the row with one conditional UPDATE, so a
  redelivered task never sends twice at once.
* ``webhook_retry_due`` (every minute) sends what is due: failed rows after their back-off, rows whose task was
  lost, rows stuck "sending" after a worker died, and rows held back behind an earlier one.
* An endpoint that fails ``PAUSE_AFTER_FAILURES`` times in a row is made inactive (paused) and its owner emailed;
  staff make it active again in the admin. Rows of an inactive endpoint wait.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_q.tasks import async_task

from outbox.services import outbox_enqueue
from webhooks import events
from webhooks.addresses import RefusedAddress, connection
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.signing import HEADER, signature

logger = logging.getLogger(__name__)

DELIVER_TASK = "webhooks.tasks.deliver_webhook"
# Wait after the n-th failed attempt (the last value repeats: the cap).
BACKOFF = (
    timedelta(seconds=10),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
)
MAX_ATTEMPTS = 10
PAUSE_AFTER_FAILURES = 50
SENDING_LEASE = timedelta(minutes=2)
TIMEOUT_SECONDS = 5
Status = WebhookDelivery.Status
WAITING = (Status.PENDING, Status.SENDING, Status.FAILED)


def _schedule(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        transaction.on_commit(partial(async_task, DELIVER_TASK, delivery_id))


def _subscribed(endpoint: WebhookEndpoint, *, event: str, locale: str) -> bool:
    return event in endpoint.events and (not endpoint.locale or not locale or endpoint.locale == locale)


def webhook_emit(
    *, event: str, object_type: str, object_id: int, locale: str = "", url: str = "", now: datetime | None = None
) -> list[WebhookDelivery]:
    """Queue the event for every active endpoint subscribed to it (and to its locale)."""
    body = events.event_body(
        event=event,
        object_type=object_type,
        object_id=object_id,
        locale=locale,
        url=url,
        occurred_at=now or timezone.now(),
    )
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if _subscribed(endpoint, event=event, locale=locale)
    ]
    rows = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, object_type=object_type, object_id=object_id, body=body)
        for endpoint in endpoints
    )
    _schedule([row.pk for row in rows])
    return rows


def webhook_send_test(*, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test event to one endpoint, whatever it subscribes to (staff's "send test event")."""
    body = events.event_body(
        event=events.TEST, object_type="endpoint", object_id=endpoint.pk, occurred_at=timezone.now()
    )
    row = WebhookDelivery.objects.create(
        endpoint=endpoint, event=events.TEST, object_type="endpoint", object_id=endpoint.pk, body=body
    )
    _schedule([row.pk])
    return row


def webhook_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's body again as a new row (the log keeps every attempt)."""
    row = WebhookDelivery.objects.create(
        endpoint_id=delivery.endpoint_id,
        event=delivery.event,
        object_type=delivery.object_type,
        object_id=delivery.object_id,
        body=delivery.body,
    )
    _schedule([row.pk])
    return row


def _same_object(delivery: WebhookDelivery):
    """Deliveries to the same endpoint about the same object (their order is the object's order of events)."""
    return WebhookDelivery.objects.filter(
        endpoint_id=delivery.endpoint_id, object_type=delivery.object_type, object_id=delivery.object_id
    )


def _held_back(delivery: WebhookDelivery) -> bool:
    return _same_object(delivery).filter(pk__lt=delivery.pk, status__in=WAITING).exists()


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, int, str]:
    """(HTTP status or None, milliseconds, error text)."""
    body = delivery.body.encode()
    started = time.monotonic()
    try:
        conn, path = connection(endpoint.url, timeout=TIMEOUT_SECONDS)
        try:
            conn.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/json; charset=utf-8",
                    "User-Agent": "ImpactPartnership-Webhooks/1",
                    HEADER: signature(secret=endpoint.secret, body=body, timestamp=int(time.time())),
                    "X-Webhook-Event": delivery.event,
                    "X-Webhook-Delivery": str(delivery.pk),
                },
            )
            status = conn.getresponse().status
        finally:
            conn.close()
    except RefusedAddress as exc:
        return None, 0, f"refused address ({exc})"
    except (OSError, ValueError) as exc:
        return None, int((time.monotonic() - started) * 1000), f"{type(exc).__name__}: {exc}"[:500]
    return status, int((time.monotonic() - started) * 1000), "" if 200 <= status < 300 else f"HTTP {status}"


def _next_in_line(delivery: WebhookDelivery) -> int | None:
    return (
        _same_object(delivery)
        .filter(status__in=(Status.PENDING, Status.FAILED), pk__gt=delivery.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def _pause(endpoint_id: int, now: datetime) -> None:
    with transaction.atomic():
        paused = WebhookEndpoint.objects.filter(
            pk=endpoint_id, is_active=True, consecutive_failures__gte=PAUSE_AFTER_FAILURES
        ).update(paused_at=now, is_active=False)
        if not paused:
            return
        endpoint = WebhookEndpoint.objects.get(pk=endpoint_id)
        outbox_enqueue(
            key=f"webhook-paused:{endpoint.pk}:{int(now.timestamp())}",
            to=endpoint.owner_email,
            template="webhook_paused",
            context={"name": endpoint.name, "failures": endpoint.consecutive_failures},
            language=settings.LANGUAGE_CODE[:2],
        )


def webhook_deliver(*, delivery_id: int, now: datetime | None = None) -> bool:
    """Send one delivery; True when the receiver accepted it (2xx)."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or not delivery.endpoint.is_active or _held_back(delivery):
        return False
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = WebhookDelivery.objects.filter(due, pk=delivery.pk, status__in=(Status.PENDING, Status.FAILED)).update(
        status=Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + SENDING_LEASE
    )
    if not claimed:
        return False
    delivery.refresh_from_db()
    status, elapsed, error = _post(delivery.endpoint, delivery)
    finished = timezone.now()
    fields = {"response_status": status, "response_ms": elapsed, "last_error": error}
    if not error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=Status.DELIVERED, delivered_at=finished, next_attempt_at=None, **fields
        )
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(consecutive_failures=0)
        following = _next_in_line(delivery)
        if following:
            async_task(DELIVER_TASK, following)
        return True
    gave_up = delivery.attempts >= MAX_ATTEMPTS
    wait = BACKOFF[min(delivery.attempts, len(BACKOFF)) - 1]
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.GAVE_UP if gave_up else Status.FAILED,
        next_attempt_at=None if gave_up else finished + wait,
        **fields,
    )
    WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(consecutive_failures=F("consecutive_failures") + 1)
    _pause(delivery.endpoint_id, finished)
    logger.warning("webhook delivery %s to endpoint %s failed: %s", delivery.pk, delivery.endpoint_id, error)
    return False


def webhook_retry_due(*, now: datetime | None = None) -> int:
    """Send every due delivery, oldest first; returns how many were accepted."""
    now = now or timezone.now()
    WebhookDelivery.objects.filter(status=Status.SENDING, next_attempt_at__lt=now).update(status=Status.FAILED)
    # Pending rows too: a lost task, or a row held back behind an earlier one (claiming makes a race harmless).
    due = (
        WebhookDelivery.objects.filter(endpoint__is_active=True)
        .filter(Q(status=Status.FAILED, next_attempt_at__lte=now) | Q(status=Status.PENDING))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(webhook_deliver(delivery_id=pk, now=now) for pk in list(due[:500]))


def webhook_forget(*, objects: list[tuple[str, int]]) -> int:
    """Delete every logged or waiting delivery about these (type, id) objects: a purge leaves no address behind."""
    about = Q(pk__in=[])
    for object_type, object_id in objects:
        about |= Q(object_type=object_type, object_id=object_id)
    deleted, _ = WebhookDelivery.objects.filter(about).delete()
    return deleted
