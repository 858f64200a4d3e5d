"""What the portal API's OpenAPI document says about keys and limits (config/portal_api.py applies it).

The key is optional: the document's ``security`` lists "no key" beside the two ways to send one. The numbers come
from settings when the document is made, so the document states the limits actually in force.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from api_access.middleware import limited_path

BEARER_SCHEME = "ApiKeyBearer"
HEADER_SCHEME = "ApiKeyHeader"
ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "required": ["detail", "code"],
}
INTEGER = {"schema": {"type": "integer"}}


def access_description() -> str:
    numbers = {
        "anonymous": settings.API_RATE_LIMIT_ANONYMOUS,
        "keyed": settings.API_RATE_LIMIT_KEYED,
        "window": settings.API_RATE_LIMIT_WINDOW_SECONDS,
    }
    return (
        _(
            "Reading needs no key. Without a key each network address may make %(anonymous)d requests every "
            "%(window)d seconds; with an API key (ask the site's staff for one) each key may make %(keyed)d. Send the "
            "key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`. An unknown or revoked key is refused with "
            "401. Over the limit the answer is 429 with `Retry-After` (seconds); every answer carries "
            "`X-RateLimit-Limit` and `X-RateLimit-Remaining`."
        )
        % numbers
    )


def describe_access(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the key's security schemes, the limits' description and the 401/429 answers to ``schema``."""
    info = schema.setdefault("info", {})
    info["description"] = "\n\n".join(part for part in (info.get("description", ""), access_description()) if part)
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {}).update(
        {
            BEARER_SCHEME: {"type": "http", "scheme": "bearer", "description": _("An API key issued by staff.")},
            HEADER_SCHEME: {
                "type": "apiKey",
                "in": "header",
                "name": "X-Api-Key",
                "description": _("An API key issued by staff."),
            },
        }
    )
    schema["security"] = [{}, {BEARER_SCHEME: []}, {HEADER_SCHEME: []}]
    limit_headers = {
        "X-RateLimit-Limit": {**INTEGER, "description": _("Requests allowed in the current window.")},
        "X-RateLimit-Remaining": {**INTEGER, "description": _("Requests left in the current window.")},
    }
    error = {"application/json": {"schema": ERROR_SCHEMA}}
    for path, operations in schema.get("paths", {}).items():
        if not limited_path(path):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "401", {"description": _("The API key is not valid or has been revoked."), "content": error}
            )
            responses.setdefault(
                "429",
                {
                    "description": _("Too many requests: wait the number of seconds in Retry-After."),
                    "headers": {
                        "Retry-After": {**INTEGER, "description": _("Seconds until the limit resets.")},
                        **limit_headers,
                    },
                    "content": error,
                },
            )
    return schema
