"""The header navigation is cached per site and language; any publish, unpublish, move or delete of a page
bumps a version number so every cached menu is rebuilt on the next request (on every app server: the cache
is shared in production). The public cache generation is part of the key: a bump that could not reach the
cache (visibility.version.invalidate) still retires every menu cached before it."""

import time

from django.core.cache import cache

from visibility.version import cache_generation, invalidate

VERSION_KEY = "site-nav:version"


def navigation_cache_key(*, site_id: int, language: str) -> str:
    # An evicted version restarts above every earlier one (as visibility.version does), never at an old number.
    version = cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)
    return f"site-nav:g{cache_generation()}:v{version}:{site_id}:{language}"


def _bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def invalidate_navigation(**kwargs) -> None:
    invalidate(_bump)
