"""Server-side cache of the portal API's public answers, keyed on the public-content version.

The portal API is public and read-only, and its answers depend only on the address, the language and what
is public: so a 200 answer is kept until anything public changes (``visibility.version``), on every app
server that shares the cache. Conditional requests still get their 304 from the stored ETag. Only GET/HEAD
under /api/portal/ (not the docs page and its assets) are cached; the calculator is a POST and never is.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from portal.page_cache import bypass_requested
from visibility.version import public_content_version

PREFIX = "/api/portal/"
NOT_CACHED = ("/api/portal/docs",)
STATUS_HEADER = "X-Api-Cache"


def _key(request) -> str:
    address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"api:{public_content_version()}:{get_language() or ''}:{address}"


def _cacheable_request(request) -> bool:
    return (
        getattr(settings, "API_CACHE_ENABLED", True)
        and request.method in ("GET", "HEAD")
        and request.path.startswith(PREFIX)
        and not request.path.startswith(NOT_CACHED)
        and not bypass_requested(request)
    )


class PortalApiCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[STATUS_HEADER] = "hit"
            # A client that already holds this version gets its 304, exactly as from the view.
            return get_conditional_response(request, etag=response.get("ETag"), response=response)
        # Ask the view for the whole answer: a 304 for this client must not be what is stored.
        conditional = request.META.pop("HTTP_IF_NONE_MATCH", None)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies and "ETag" in response:
            response[STATUS_HEADER] = "miss"
            headers = [(name, value) for name, value in response.items() if name != STATUS_HEADER]
            cache.set(key, (response.content, headers), getattr(settings, "API_CACHE_TIMEOUT", 3600))
        if conditional is not None:
            request.META["HTTP_IF_NONE_MATCH"] = conditional
            if response.status_code == 200 and "ETag" in response:
                return get_conditional_response(request, etag=response["ETag"], response=response)
        return response
