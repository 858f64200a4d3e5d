"""What the portal API's OpenAPI document says about webhooks (OpenAPI 3.1 ``webhooks``; config/portal_api.py
applies it): one entry per event, the body's schema and the signature header."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from webhooks import events
from webhooks.models import EVENT_CHOICES

SCHEMA_NAME = "WebhookEvent"
OBJECT_TYPES = ["page", "creator", "assessor", "report", "account", "endpoint"]


def _event_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["event", "object", "occurred_at"],
        "properties": {
            "event": {"type": "string", "enum": [*events.EVENTS, events.TEST]},
            "object": {
                "type": "object",
                "required": ["type", "id", "locale", "url"],
                "properties": {
                    "type": {"type": "string", "enum": OBJECT_TYPES},
                    "id": {"type": "integer"},
                    "locale": {"type": ["string", "null"], "description": _("The page's language; null otherwise.")},
                    "url": {
                        "type": ["string", "null"],
                        "description": _("The public address; null for deleted, restored and purged items."),
                    },
                },
            },
            "occurred_at": {"type": "string", "format": "date-time"},
        },
    }


def describe_webhooks(schema: dict[str, Any]) -> dict[str, Any]:
    schema.setdefault("components", {}).setdefault("schemas", {})[SCHEMA_NAME] = _event_schema()
    headers = [
        {
            "name": "X-Signature",
            "in": "header",
            "required": True,
            "schema": {"type": "string", "example": "t=1764840600,v1=5d41402abc4b2a76b9719d911017c592"},
            "description": _(
                "HMAC-SHA256 of '<t>.<body>' with the endpoint's secret, in hex; refuse a t older than 5 minutes."
            ),
        },
        {"name": "X-Webhook-Event", "in": "header", "required": True, "schema": {"type": "string"}},
        {
            "name": "X-Webhook-Delivery",
            "in": "header",
            "required": True,
            "schema": {"type": "string"},
            "description": _("The same on every retry of one delivery."),
        },
    ]
    reference = {"$ref": f"#/components/schemas/{SCHEMA_NAME}"}
    body = {"required": True, "content": {"application/json": {"schema": reference}}}
    answer = {"2XX": {"description": _("Received. Any other answer (or none in 5 seconds) is retried.")}}
    schema["webhooks"] = {
        str(event): {"post": {"summary": str(label), "parameters": headers, "requestBody": body, "responses": answer}}
        for event, label in EVENT_CHOICES
    }
    return schema
