"""Keys and limits for the read APIs (/api/v2/ and /api/portal/); every other address passes untouched.

A request may name a key (``Authorization: Bearer <key>`` or ``X-Api-Key: <key>``): an unknown or revoked one is
refused with 401, never read as anonymous, and counted against the address (guessing keys buys nothing). A keyed
client is counted per key against ``API_RATE_LIMIT_KEYED``, anyone else per network address (IPv4 address or IPv6
/64, behind our own proxies only: ops/client_address.py) against ``API_RATE_LIMIT_ANONYMOUS``, per
``API_RATE_LIMIT_WINDOW_SECONDS``. Over the limit: 429 with ``Retry-After``. Every counted answer carries
``X-RateLimit-Limit`` and ``X-RateLimit-Remaining``.

It sits after the locale middleware and before the API cache, so answers served from the cache are counted too;
CORS sits above it, so browsers can read a 401 or 429.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from api_access.rate_limit import take
from api_access.selectors import active_key, key_from_headers
from api_access.services import api_key_note_use
from creators.services.throttle import client_network

INVALID_KEY = gettext_noop("This API key is not valid or has been revoked.")
TOO_MANY = gettext_noop("Too many requests. Try again in %(seconds)d seconds.")
DEFAULT_PREFIXES = ("/api/v2/", "/api/portal/")
# Swagger UI's page and its files: a person reading the docs, not a client of the data.
DEFAULT_EXEMPT_PREFIXES = ("/api/portal/docs",)


def limited_path(path: str) -> bool:
    prefixes = tuple(getattr(settings, "API_RATE_LIMIT_PATH_PREFIXES", DEFAULT_PREFIXES))
    exempt = tuple(getattr(settings, "API_RATE_LIMIT_EXEMPT_PREFIXES", DEFAULT_EXEMPT_PREFIXES))
    return path.startswith(prefixes) and not path.startswith(exempt)


def client_language(request) -> str:
    """?lang=th|en, else Accept-Language (or the language cookie), else Thai: as the SROI calculator decides it
    (LocaleMiddleware picks the default language for every address outside i18n_patterns)."""
    requested = request.GET.get("lang", "")
    if requested:
        try:
            return translation.get_supported_language_variant(requested)
        except LookupError:
            pass
    return translation.get_language_from_request(request)


def _error(request, *, status: int, code: str, message: str, **values) -> JsonResponse:
    with translation.override(client_language(request)):
        detail = _(message) % values if values else _(message)
    response = JsonResponse({"detail": detail, "code": code}, status=status)
    response["Cache-Control"] = "no-store"  # a refusal is about this client now: no proxy may keep it
    return response


def _limit_headers(response, *, limit: int, remaining: int) -> None:
    response["X-RateLimit-Limit"] = str(limit)
    response["X-RateLimit-Remaining"] = str(remaining)


class ApiAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "OPTIONS" or not limited_path(request.path_info):
            return self.get_response(request)
        sent_key = key_from_headers(request.META)
        api_key = active_key(sent_key) if sent_key is not None else None
        request.api_key = api_key
        if api_key is not None:
            api_key_note_use(api_key_id=api_key.pk)
            subject, limit = f"key:{api_key.pk}", settings.API_RATE_LIMIT_KEYED
        else:  # a wrong key counts against the address too: guessing keys is no way around the limit
            subject, limit = f"ip:{client_network(request)}", settings.API_RATE_LIMIT_ANONYMOUS
        verdict = take(subject=subject, limit=limit, window=settings.API_RATE_LIMIT_WINDOW_SECONDS)
        if not verdict.allowed:
            response = _error(request, status=429, code="rate_limited", message=TOO_MANY, seconds=verdict.retry_after)
            response["Retry-After"] = str(verdict.retry_after)
        elif sent_key is not None and api_key is None:
            response = _error(request, status=401, code="invalid_api_key", message=INVALID_KEY)
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        else:
            response = self.get_response(request)
        _limit_headers(response, limit=verdict.limit, remaining=verdict.remaining)
        return response
