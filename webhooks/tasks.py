"""django-q2 task entry points of webhooks. Arguments are stored forever by django-q2: ids only."""

from __future__ import annotations

from webhooks.services import webhook_deliver, webhook_retry_due


def deliver_webhook(delivery_id: int) -> bool:
    return webhook_deliver(delivery_id=delivery_id)


def retry_webhooks() -> int:
    """Periodic ("webhooks-retry" schedule, every minute)."""
    return webhook_retry_due()
