"""django-q2 task entry points of the PDPA lifecycle. Arguments are stored forever by django-q2: ids only, never
personal data."""

from __future__ import annotations

from django_q.tasks import async_task

from privacy.purge import deletion_purge_due
from privacy.retention import retention_purge
from privacy.unverified import registration_purge_unverified

RETENTION_TASK = "privacy.tasks.purge_retained_records"


def purge_deleted_items() -> int:
    """Daily ("purge-deleted-items" schedule, 03:30 Bangkok): erase items whose restore window has passed."""
    return deletion_purge_due()


def purge_retained_records() -> dict[str, int]:
    """Daily ("retention-purge" schedule, 03:30 Bangkok): delete sent emails, task results and login records
    past their retention. A backlog larger than one run's time budget continues in a follow-up task."""
    result = retention_purge()
    if not result.finished:
        async_task(RETENTION_TASK)
    return result.deleted


def purge_unverified_registrations() -> int:
    """Daily ("purge-unverified-registrations", 03:00 Bangkok): registrations never verified within 7 days."""
    return registration_purge_unverified()
