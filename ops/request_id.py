"""A request id for every log line: taken from a sane incoming ``X-Request-ID`` (set by the load balancer) or
made here, echoed in the response, and carried into the django-q2 tasks the request enqueues.

Imports nothing from Django: the logging configuration loads ``RequestIdFilter`` before the apps are ready.
``ops.task_context`` carries the id into django-q2 tasks.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

__all__ = ["RequestIdFilter", "current_request_id", "request_id_from_header", "set_request_id"]

# What a request id may look like: load balancers send UUIDs or hex strings. Anything else (log injection,
# a 10 KB header) is replaced by a fresh id.
SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,99}")
_request_id: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str):
    return _request_id.set(value)


def reset_request_id(token) -> None:
    _request_id.reset(token)


def request_id_from_header(value: str | None) -> str:
    if value and SANE.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` (empty outside a request or task) so every formatter can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True
