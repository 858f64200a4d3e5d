"""Optional error reporting to Sentry: on only when ``SENTRY_DSN`` is set, and sending no personal data.

``send_default_pii`` is off (no user ids, emails, IP addresses or cookies), request bodies are never sent, and
``before_send`` drops what could still carry personal data: the user, cookies, headers, query strings, form data
and local variables of stack frames. What stays: the exception, the stack, the view and the request id.
"""

from __future__ import annotations

import os

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

__all__ = ["init_from_environment", "scrub_event"]

DROPPED_REQUEST_KEYS = ("cookies", "data", "headers", "query_string", "env")


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        for key in DROPPED_REQUEST_KEYS:
            request.pop(key, None)
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    event.pop("breadcrumbs", None)  # log messages and SQL may quote names and addresses
    return event


def init_from_environment() -> bool:
    dsn = os.environ.get("SENTRY_DSN", "")
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=scrub_event,
    )
    return True
