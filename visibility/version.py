"""One version for everything public that is cached (whole anonymous pages, API answers, statistics).

Anything that changes what the public may see (a publish, unpublish, delete on request, restore, purge,
an editor's change) sends ``visibility.signals.content_changed``
and portal's page tags bump it: the version moves on, so every cached entry
built from the old content is ignored at once, on every app server (the cache is shared in production).
It is bumped again after the surrounding transaction commits, so a request that read the old rows in
the meantime cannot keep them cached.

When the cache cannot be reached (Redis down, core/cache.py) a bump cannot be stored, and entries cached
before a delete on request would be served again once Redis answers. So every public key also carries a
*generation*, a database row (``PublicCacheGeneration``) that moves on, with the change, whenever an
invalidation fails (``invalidate``). The cache holds a copy of it for ``PUBLIC_CACHE_LEASE_SECONDS`` (the
lease), so a cache hit needs no database query; the lease is re-read from the database when it lapses, and
the process whose invalidation failed drops it as soon as the cache answers again. Another app server may
therefore serve pages from before the failed invalidation for at most one lease after a short outage
(browsers may keep a page for ``PAGE_CACHE_MAX_AGE`` anyway); an outage longer than a lease leaves none.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from core.cache import CacheUnavailable, cache_errors_raise
from visibility.models import PublicCacheGeneration

logger = logging.getLogger(__name__)

VERSION_KEY = "public-content-version"
LEASE_KEY = "public-cache-generation"
# Inside a request: a one-item list holding the generation once read (None until then).
_request_generation: ContextVar[list | None] = ContextVar("public_cache_generation", default=None)
# This process moved the generation on but could not yet drop the cache's lease (the cache was down).
_lease_outdated = False


class PublicVersion(NamedTuple):
    generation: int
    counter: int

    def __str__(self) -> str:
        return f"{self.generation}.{self.counter}"


def _fresh_version() -> int:
    # Never a number used before: a version evicted from a full cache must not restart at one that old
    # entries are still stored under.
    return time.time_ns()


@contextmanager
def generation_per_request() -> Iterator[None]:
    """Read the generation at most once inside this block (a request)."""
    token = _request_generation.set([None])
    try:
        yield
    finally:
        _request_generation.reset(token)


def _stored_generation() -> int:
    return PublicCacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def _drop_lease() -> None:
    global _lease_outdated
    try:
        with cache_errors_raise():
            cache.delete(LEASE_KEY)
        _lease_outdated = False
    except CacheUnavailable:
        _lease_outdated = True  # dropped by this process's next look at the generation


def _leased_generation() -> int:
    if _lease_outdated:
        _drop_lease()
    try:
        with cache_errors_raise():
            generation = cache.get(LEASE_KEY)
            if generation is None:
                generation = _stored_generation()
                cache.set(LEASE_KEY, generation, getattr(settings, "PUBLIC_CACHE_LEASE_SECONDS", 5))
            return generation
    except CacheUnavailable:
        # Nothing can be read or stored now; a number no entry is stored under keeps it that way if the
        # cache comes back in the middle of this request.
        return -_fresh_version()


def cache_generation() -> int:
    """The generation every public cache key carries (read once per request)."""
    memo = _request_generation.get()
    if memo is None:
        return _leased_generation()
    if memo[0] is None:
        memo[0] = _leased_generation()
    return memo[0]


def _advance_generation() -> None:
    # Inside the caller's transaction when there is one: the new generation commits with the change.
    if not PublicCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        try:
            with transaction.atomic():
                PublicCacheGeneration.objects.create(pk=1, value=1)
        except IntegrityError:  # created concurrently
            PublicCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1)
    memo = _request_generation.get()
    if memo is not None:
        memo[0] = None
    # Once committed, the cache's copy must go; until the cache answers, this process keeps trying.
    transaction.on_commit(_drop_lease)
    logger.warning("an invalidation could not reach the cache; the public cache generation moved on instead")


def invalidate(write: Callable[[], object]) -> None:
    """Run a cache write that invalidates cached public content; when the cache cannot be reached, move the
    generation on instead, so nothing cached before it is served again."""
    try:
        with cache_errors_raise():
            write()
    except CacheUnavailable:
        _advance_generation()


def public_content_version() -> PublicVersion:
    generation = cache_generation()
    return PublicVersion(generation, cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None))


def _bump_counter() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key was evicted or never set
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def _bump() -> None:
    invalidate(_bump_counter)
