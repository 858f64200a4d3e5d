"""django-q2 task entry points. Arguments are stored forever by django-q2: ids only, never personal data."""

from __future__ import annotations

from django.utils.module_loading import import_string

from moderation.digest import moderator_digest_send
from outbox import tasks as outbox_tasks

# Tasks queued before the outbox and the PDPA lifecycle moved to their own apps still name these paths: they must
# find their function (the schedules were re-pointed by outbox 0003 and privacy 0003).
send_outbox_email = outbox_tasks.send_outbox_email
retry_outbox = outbox_tasks.retry_outbox


def purge_deleted_items() -> int:
    # privacy sits above moderation: forward by path, as django-q2 resolves task names.
    return import_string("privacy.tasks.purge_deleted_items")()


def purge_retained_records() -> dict[str, int]:
    return import_string("privacy.tasks.purge_retained_records")()


def send_moderator_digest() -> int:
    """Daily ("moderator-digest" schedule, 08:00 Bangkok): one digest email per moderator, once per day."""
    return moderator_digest_send()
