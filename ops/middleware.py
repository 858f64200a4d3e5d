"""Operations middleware.

``ProbeMiddleware`` goes first in MIDDLEWARE: it answers the load balancer's probes (``/healthz/``, ``/readyz/``)
and Prometheus' scrape before host checks, the HTTPS redirect, sessions and the page cache run, because probes
arrive over plain HTTP with a node's own address as the Host and must never be cached or redirected.
``RequestIdMiddleware`` comes right after it: every later log line of the request carries the id.
"""

from __future__ import annotations

import json
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

from ops import health, metrics
from ops.request_id import request_id_from_header, reset_request_id, set_request_id

__all__ = ["ProbeMiddleware", "RequestIdMiddleware"]

HEALTH_PATH = "/healthz/"
READY_PATH = "/readyz/"
REQUEST_ID_HEADER = "X-Request-ID"


def _json(status: int, body: dict) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    add_never_cache_headers(response)  # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
    return response


def healthz() -> HttpResponse:
    """Liveness: the process answers. Touches no database, cache or storage."""
    return _json(200, {"status": "ok"})


def readyz() -> HttpResponse:
    ready, checks = health.readiness()
    response = _json(200 if ready else 503, {"status": "ok" if ready else "unavailable", "checks": checks})
    # ops.health has logged why; Django's "Service Unavailable" line for every probe would only repeat it.
    response._has_been_logged = True
    return response


class ProbeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if request.method in ("GET", "HEAD"):
            if path == HEALTH_PATH:
                return healthz()
            if path == READY_PATH:
                return readyz()
            if path == settings.METRICS_PATH and metrics.scrape_allowed(request):
                body, content_type = metrics.scrape()
                response = HttpResponse(body, content_type=content_type)
                add_never_cache_headers(response)
                return response
        # Everyone else asking for the metrics gets the site's own 404 page, as for any unknown address.
        return self.get_response(request)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from_header(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = set_request_id(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            metrics.observe_request(request, response, time.perf_counter() - started)
            response[REQUEST_ID_HEADER] = request_id
            return response
        finally:
            reset_request_id(token)
