"""Whole-page cache for anonymous visitors: public pages are rendered once per public-content version.

Placed in MIDDLEWARE right after MessageMiddleware: sessions, locale, CSRF, auth and messages wrap it (so
the language is known and the user can be checked), while clickjacking, CSP and redirects run inside it,
so a stored response keeps the exact headers (CSP included) that were sent with its body.

The key is scheme + host + full path with query string + language + the cache generation; the stored entry
holds the versions of the tags the page shows (portal/page_tags.py), compared on every hit: a change moves
the tags of what it touched (portal/signals.py), so every app server sharing the cache stops serving the
pages showing it at once, and keeps serving the others.

Never stored: non-GET or non-200 answers, logged-in users, requests carrying messages, responses that set
cookies, used a CSRF token or a CSP nonce, changed the session, or said private/no-store themselves, and
everything under the excluded prefixes (admin, accounts, API, documents).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from portal.page_tags import page_scope_per_request, page_tags, tag_versions, versions_unchanged
from visibility.version import cache_generation, generation_per_request, public_content_version

EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/accounts/", "/api/", "/documents/", "/static/", "/media/")
# A response varying on anything else could differ between two visitors with the same key.
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}
NO_STORE_DIRECTIVES = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Page-Cache"


def _setting(name: str, default):
    return getattr(settings, name, default)


def _path_is_cacheable(path: str) -> bool:
    if path.startswith("/en/"):
        path = path[3:]
    return not path.startswith(EXCLUDED_PREFIXES)


def _cache_key(request) -> str:
    # Hashed: a 10 KB query string must not become a 10 KB key (memcached refuses keys over 250 bytes).
    address = hashlib.sha256(f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return ":".join(("page", f"g{cache_generation()}", get_language() or "", address))


def bypass_requested(request) -> bool:
    """Benchmarks measure rendering through a header that only settings with PAGE_CACHE_ALLOW_BYPASS honour."""
    return _setting("PAGE_CACHE_ALLOW_BYPASS", False) and "HTTP_X_PAGE_CACHE_BYPASS" in request.META


def _is_personal(request) -> bool:
    """A logged-in user or pending messages. Only a session or messages cookie can make a request personal."""
    cookies = request.COOKIES
    if CookieStorage.cookie_name in cookies:
        return True
    if settings.SESSION_COOKIE_NAME not in cookies:
        return False
    if request.user.is_authenticated:
        return True
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _rendering_was_personal(request) -> bool:
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True  # the page holds a CSRF token (a form): it belongs to this visitor's cookie
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return True
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return True
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and getattr(storage, "added_new", False))


def _response_is_storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in NO_STORE_DIRECTIVES):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if not vary <= HARMLESS_VARY:
        return False
    return len(response.content) <= _setting("PAGE_CACHE_MAX_BYTES", 2 * 1024 * 1024)


def _mark_public(response) -> None:
    if "max-age" not in response.get("Cache-Control", ""):
        patch_cache_control(response, public=True, max_age=_setting("PAGE_CACHE_MAX_AGE", 60))
    # Browsers must not reuse the anonymous copy once the visitor logs in.
    patch_vary_headers(response, ["Cookie"])


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Every public cache key of this request (page, API, menu, counts) reads the generation once.
        with generation_per_request(), page_scope_per_request():
            return self._respond(request)

    def _respond(self, request):
        if not self._may_use_cache(request):
            response = self.get_response(request)
            self._protect_personal(request, response)
            return response
        key = _cache_key(request)
        stored = cache.get(key)
        if stored is not None and len(stored) == 3 and versions_unchanged(stored[2]):
            return self._replay(stored)
        before = public_content_version().counter
        response = self.get_response(request)
        if (
            request.method == "GET"
            and _response_is_storable(response)
            and not _rendering_was_personal(request)
            # A replayed CSP nonce would be a known nonce: pages that use one are never stored.
            and not isinstance(getattr(request, "_csp_nonce", None), str)
        ):
            _mark_public(response)
            response[STATUS_HEADER] = "miss"
            headers = [(name, value) for name, value in response.items() if name != STATUS_HEADER]
            versions = tag_versions(page_tags())
            # A change committed while rendering moved the version first: this body may hold old rows.
            if public_content_version().counter == before:
                cache.set(key, (response.content, headers, versions), _setting("PAGE_CACHE_TIMEOUT", 600))
        else:
            self._protect_personal(request, response)
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        if not _setting("PAGE_CACHE_ENABLED", True) or request.method not in ("GET", "HEAD"):
            return False
        if not _path_is_cacheable(request.path) or bypass_requested(request):
            return False
        return not _is_personal(request)

    @staticmethod
    def _replay(stored) -> HttpResponse:
        content, headers, _versions = stored
        # The body stays for HEAD too (Content-Length must match); the server drops it, as for any HEAD.
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[STATUS_HEADER] = "hit"
        return response

    @staticmethod
    def _protect_personal(request, response) -> None:
        """Pages built for one visitor say so, unless the view already chose its own caching."""
        if "Cache-Control" in response or response.status_code >= 500:
            return
        if _rendering_was_personal(request) or response.cookies:
            add_never_cache_headers(response)
