"""The shared cache fails open: Redis being unreachable makes the site slower, never broken.

``FailOpenRedisCache`` is Django's ``RedisCache`` whose every call that cannot reach Redis behaves as if the
cache were empty (a read is a miss, a write does nothing, ``incr`` finds no key), so pages render uncached
instead of answering 500. Failures are logged once when they start, then at most once a minute per process
with how many were suppressed, and once when Redis answers again. After a failure the backend does not try
Redis again for ``RETRY_AFTER`` seconds (an OPTIONS entry, default 1): a host that swallows packets then costs
one connect timeout a second per process instead of one per cache call.

Calls whose failure matters (invalidating what the public may see) run inside ``cache_errors_raise()``: there
a failure, or a skip, raises ``CacheUnavailable``, so the caller can fall back (see
``visibility.version.invalidate``). ``cache_is_healthy()`` is what a readiness check calls.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

__all__ = ["CacheUnavailable", "FailOpenRedisCache", "cache_errors_raise", "cache_is_healthy"]

logger = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 60.0
HEALTH_KEY = "cache-health-probe"
_raise_errors: ContextVar[bool] = ContextVar("cache_errors_raise", default=False)


class CacheUnavailable(Exception):
    """The cache could not be reached for a write whose caller asked to know (``cache_errors_raise``)."""


@contextmanager
def cache_errors_raise() -> Iterator[None]:
    """Inside this block a cache call that cannot reach the server raises ``CacheUnavailable``."""
    token = _raise_errors.set(True)
    try:
        yield
    finally:
        _raise_errors.reset(token)


class _Health:
    """One per server address and process, shared by every thread's backend instance."""

    def __init__(self, location: str, retry_after: float):
        self.location = location
        self.retry_after = retry_after
        self.lock = threading.Lock()
        self.down_until = 0.0  # time.monotonic() before which fail-open calls skip the server
        self.failing = False
        self.last_logged = 0.0
        self.suppressed = 0

    def skipping(self) -> bool:
        return self.failing and time.monotonic() < self.down_until

    def failed(self, operation: str, exc: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.down_until = now + self.retry_after
            started = not self.failing
            self.failing = True
            if not started and now - self.last_logged < LOG_EVERY_SECONDS:
                self.suppressed += 1
                return
            suppressed, self.suppressed, self.last_logged = self.suppressed, 0, now
        logger.warning(
            "cache %s unreachable (%s: %s) during %s; serving uncached%s",
            self.location,
            type(exc).__name__,
            exc,
            operation,
            f" ({suppressed} more failures since the last message)" if suppressed else "",
        )

    def succeeded(self) -> None:
        if not self.failing:
            return
        with self.lock:
            if not self.failing:
                return
            self.failing, self.down_until, suppressed, self.suppressed = False, 0.0, self.suppressed, 0
        logger.info("cache %s answers again (%s failures not logged)", self.location, suppressed)


_health: dict[str, _Health] = {}
_health_lock = threading.Lock()


def _health_for(location: str, retry_after: float) -> _Health:
    with _health_lock:
        state = _health.setdefault(location, _Health(location, retry_after))
        state.retry_after = retry_after
        return state


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, except that an unreachable Redis is an empty cache (see the module docstring)."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        retry_after = float(params["OPTIONS"].pop("RETRY_AFTER", 1.0))
        super().__init__(server, params)
        from redis.exceptions import RedisError

        self._errors = (RedisError, OSError)
        self._state = _health_for(",".join(self._servers), retry_after)

    def _call(self, operation: str, call, miss):
        strict = _raise_errors.get()
        if self._state.skipping():
            if strict:
                raise CacheUnavailable(f"cache unreachable moments ago; {operation} not tried")
            return miss()
        try:
            result = call()
        except self._errors as exc:
            self._state.failed(operation, exc)
            if strict:
                raise CacheUnavailable(f"cache unreachable during {operation}") from exc
            return miss()
        self._state.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: RedisCache.add(self, key, value, timeout, version), lambda: False)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: RedisCache.get(self, key, default, version), lambda: default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: RedisCache.set(self, key, value, timeout, version), lambda: None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: RedisCache.touch(self, key, timeout, version), lambda: False)

    def delete(self, key, version=None):
        return self._call("delete", lambda: RedisCache.delete(self, key, version), lambda: False)

    def get_many(self, keys, version=None):
        return self._call("get_many", lambda: RedisCache.get_many(self, keys, version), dict)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: RedisCache.has_key(self, key, version), lambda: False)

    def incr(self, key, delta=1, version=None):
        def missing():
            # What incr() does for a key that is not there: callers already handle it.
            raise ValueError(f"Key '{key}' not found (cache unreachable).")

        return self._call("incr", lambda: RedisCache.incr(self, key, delta, version), missing)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: RedisCache.set_many(self, data, timeout, version), lambda: list(data))

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: RedisCache.delete_many(self, keys, version), lambda: None)

    def clear(self):
        return self._call("clear", lambda: RedisCache.clear(self), lambda: False)


def cache_is_healthy(alias: str = "default") -> bool:
    """True when the cache stores and returns a value now (for a readiness check). Never raises."""
    backend = caches[alias]
    key = f"{HEALTH_KEY}:{uuid.uuid4().hex}"  # a key of its own: concurrent probes must not read each other's
    try:
        with cache_errors_raise():
            backend.set(key, 1, 30)
            healthy = backend.get(key) == 1
            backend.delete(key)
            return healthy
    except Exception:  # any failure means "not healthy"; the backend has logged it
        return False
