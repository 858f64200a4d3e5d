"""The header navigation is cached per site and language; any publish, unpublish, move or delete of a page
bumps a version number so every cached menu is rebuilt on the next request (on every app server: the cache
is shared in production)."""

from django.core.cache import cache

VERSION_KEY = "site-nav:version"


def navigation_cache_key(*, site_id: int, language: str) -> str:
    version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
    return f"site-nav:v{version}:{site_id}:{language}"


def invalidate_navigation(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
