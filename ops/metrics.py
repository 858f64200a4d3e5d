"""Prometheus metrics, for staff tools only: ``METRICS_PATH`` answers 404 to anyone without the bearer token
(``METRICS_TOKEN``) or an allowed address (``METRICS_ALLOWED_IPS``).

Two kinds of numbers, kept apart on purpose:

* Per-request counters and the latency histogram are counted in each process. Under gunicorn every worker is its
  own process and a scrape reaches only one of them, so with ``PROMETHEUS_MULTIPROC_DIR`` set (it must be set
  before the process starts; see the README) prometheus_client's multiprocess mode writes them to memory-mapped
  files in that folder and every scrape adds up all workers, living and dead.
* The backlog gauges (task queue depth, outbox backlog, oldest pending moderation item) are read from the
  database and the broker at scrape time by a collector, so they are the same whichever process answers and
  need no multiprocess bookkeeping (a process-local gauge would go stale in the workers nobody scrapes).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.utils import timezone
from django_q.brokers import get_broker
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from wagtail.models import WorkflowState

from moderation.selectors import closure_dates
from moderation.sla import business_days_between
from outbox.models import OutboxEmail

__all__ = ["observe_request", "scrape", "scrape_allowed"]

logger = logging.getLogger(__name__)

REQUESTS = Counter("impact_http_requests", "HTTP requests answered, by view and status code", ["view", "status"])
LATENCY = Histogram(
    "impact_http_request_duration_seconds",
    "Time to answer a request, by view",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
OUTBOX_BACKLOG = (OutboxEmail.Status.PENDING, OutboxEmail.Status.SENDING)


def _view_name(request, response) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or "unnamed"
    # Answered before URL resolution: by a cache (portal/page_cache.py, portal/api_cache.py) or a middleware.
    if response.get("X-Page-Cache") == "hit":
        return "page_cache_hit"
    if response.get("X-Api-Cache") == "hit":
        return "api_cache_hit"
    return "unresolved"  # never the path itself: unknown paths would make unbounded label values


def observe_request(request, response, seconds: float) -> None:
    status, view = response.status_code, _view_name(request, response)
    REQUESTS.labels(view=view, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def scrape_allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode()):
        return True
    allowed = settings.METRICS_ALLOWED_IPS
    if not allowed:
        return False
    try:
        address = ipaddress.ip_address(_client_address(request))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in allowed)


def oldest_pending_business_days(now=None) -> int:
    """Business days (moderation.sla) since the oldest item still waiting for a moderator was submitted; 0 if none."""
    now = now or timezone.now()
    oldest = WorkflowState.objects.active().order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is None:
        return 0
    return business_days_between(oldest, now, closures=closure_dates(timezone.localdate(oldest)))


class BacklogCollector:
    """Read at scrape time from the database and the broker (see the module docstring)."""

    def collect(self):
        try:
            queue_depth = get_broker().queue_size() or 0
        except Exception:
            logger.exception("metrics: task queue size unreadable")
            queue_depth = float("nan")
        yield GaugeMetricFamily("impact_task_queue_depth", "Tasks waiting in the django-q2 broker", value=queue_depth)
        backlog = OutboxEmail.objects.filter(status__in=OUTBOX_BACKLOG).count()
        yield GaugeMetricFamily("impact_outbox_backlog", "Outbox emails not sent yet (pending, sending)", value=backlog)
        failed = OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED).count()
        yield GaugeMetricFamily("impact_outbox_failed", "Outbox emails that gave up retrying", value=failed)
        yield GaugeMetricFamily(
            "impact_moderation_oldest_pending_business_days",
            "Business days since the oldest item waiting for a moderator was submitted",
            value=oldest_pending_business_days(),
        )


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        MultiProcessCollector(registry, path=folder)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(BacklogCollector())
    return registry


def scrape() -> tuple[bytes, str]:
    return generate_latest(_registry()), CONTENT_TYPE_LATEST
