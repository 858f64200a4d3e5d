"""One version number for everything public that is cached (whole anonymous pages, API answers, statistics).

Anything that changes what the public may see (a publish, unpublish, delete on request, restore, purge,
an editor's change) calls ``public_content_changed()``: the version moves on, so every cached entry
built from the old content is ignored at once, on every app server (the cache is shared in production).
It is bumped again after the surrounding transaction commits, so a request that read the old rows in
the meantime cannot keep them cached.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "public-content-version"


def _fresh_version() -> int:
    # Never a number used before: a version evicted from a full cache must not restart at one that old
    # entries are still stored under.
    return time.time_ns()


def public_content_version() -> int:
    return cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None)


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def public_content_changed(**kwargs) -> None:
    """Signal-receiver friendly: accepts and ignores any keyword arguments."""
    _bump()
    transaction.on_commit(_bump)
