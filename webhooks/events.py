"""The events a partner can subscribe to, and the one body every delivery carries: pure Python, no Django.

A body names the event, the object's type and id, its locale and public address, and when it happened. An item
deleted on request, restored or purged is named by type and id only: its address (a slug may carry a name) and
anything else about it stay out, so a partner's log never holds personal data of a deleted item.
"""

from __future__ import annotations

import json
from datetime import datetime

PAGE_PUBLISHED = "page.published"
PAGE_UNPUBLISHED = "page.unpublished"
PROFILE_APPROVED = "profile.approved"
REPORT_APPROVED = "report.approved"
DELETED_ON_REQUEST = "item.deleted_on_request"
RESTORED = "item.restored"
PURGED = "item.purged"
TEST = "webhook.test"

EVENTS = (PAGE_PUBLISHED, PAGE_UNPUBLISHED, PROFILE_APPROVED, REPORT_APPROVED, DELETED_ON_REQUEST, RESTORED, PURGED)
# Events about an item that is (or may soon be) gone: no address, nothing but type and id.
ANONYMOUS_EVENTS = frozenset({DELETED_ON_REQUEST, RESTORED, PURGED})


def event_body(
    *, event: str, object_type: str, object_id: int, locale: str = "", url: str = "", occurred_at: datetime
) -> str:
    """The exact JSON text that is signed and sent (keys sorted, UTF-8 kept readable)."""
    if event in ANONYMOUS_EVENTS:
        url = ""
    body = {
        "event": event,
        "object": {"type": object_type, "id": object_id, "locale": locale or None, "url": url or None},
        "occurred_at": occurred_at.isoformat(),
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
