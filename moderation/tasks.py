"""django-q2 task entry points. Arguments are stored forever by django-q2: ids only, never personal data."""

from __future__ import annotations

from moderation.digest import moderator_digest_send
from outbox import tasks as outbox_tasks
from privacy import tasks as privacy_tasks

# Tasks queued before the outbox and the PDPA lifecycle moved to their own apps still name these paths: they must
# find their function (the schedules were re-pointed by outbox 0003 and privacy 0003). The one upward import
# (moderation → privacy) is allowed for this module alone in .importlinter.
send_outbox_email = outbox_tasks.send_outbox_email
retry_outbox = outbox_tasks.retry_outbox
purge_deleted_items = privacy_tasks.purge_deleted_items
purge_retained_records = privacy_tasks.purge_retained_records


def send_moderator_digest() -> int:
    """Daily ("moderator-digest" schedule, 08:00 Bangkok): one digest email per moderator, once per day."""
    return moderator_digest_send()
