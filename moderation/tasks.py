"""django-q2 task entry points. Arguments are stored forever by django-q2: ids only, never personal data."""

from __future__ import annotations

from django_q.tasks import async_task

from moderation.digest import moderator_digest_send
from moderation.retention import retention_purge
from outbox import tasks as outbox_tasks

RETENTION_TASK = "moderation.tasks.purge_retained_records"


# Tasks queued before the outbox moved to its own app still name these paths: they must find their function.
send_outbox_email = outbox_tasks.send_outbox_email
retry_outbox = outbox_tasks.retry_outbox


def send_moderator_digest() -> int:
    """Daily ("moderator-digest" schedule, 08:00 Bangkok): one digest email per moderator, once per day."""
    return moderator_digest_send()


def purge_deleted_items() -> int:
    """Daily ("purge-deleted-items" schedule, 03:30 Bangkok): erase items whose restore window has passed."""
    from moderation.purge import deletion_purge_due

    return deletion_purge_due()


def purge_retained_records() -> dict[str, int]:
    """Daily ("retention-purge" schedule, 03:30 Bangkok): delete sent emails, task results and login records
    past their retention. A backlog larger than one run's time budget continues in a follow-up task."""
    result = retention_purge()
    if not result.finished:
        async_task(RETENTION_TASK)
    return result.deleted
