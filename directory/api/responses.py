"""What every cacheable portal API answer shares: compact JSON, a strong ETag, Cache-Control, 304s."""

import json
from decimal import Decimal
from hashlib import sha256
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response


def cacheable_json(request: HttpRequest, data: Any, *, cache_control: str) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{sha256(body).hexdigest()}"'
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    # 304 (headers kept, no body) when If-None-Match matches; Django's conditional-GET rules.
    return get_conditional_response(request, etag=etag, response=response)


def not_found() -> HttpResponse:
    """The answer every detail endpoint gives for an unknown or non-public item (never says which)."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def decimal_string(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")
