"""django-q2 task entry points of the outbox. Arguments are stored forever by django-q2: ids only."""

from __future__ import annotations

from outbox.services import outbox_retry_due, outbox_send


def send_outbox_email(email_id: int) -> bool:
    """Send one outbox row (idempotent: a sent or in-flight row is left alone)."""
    return outbox_send(email_id=email_id)


def retry_outbox() -> int:
    """Periodic ("outbox-retry" schedule): send due retries and rows whose task was lost."""
    return outbox_retry_due()
