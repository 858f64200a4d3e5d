"""django-q2 finds a task by the path stored with it: tasks queued before the outbox left moderation (old path)
and after (new path) both send their email."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Task
from django_q.tasks import async_task

from outbox.models import OutboxEmail
from outbox.services import LEGACY_SEND_TASK, SEND_TASK, outbox_enqueue

pytestmark = pytest.mark.django_db

RETRY_PATHS = ["outbox.tasks.retry_outbox", "moderation.tasks.retry_outbox"]


def unsent_row(key: str) -> OutboxEmail:
    # Enqueued without running the after-commit send: the row waits for a task, as in the broker.
    return outbox_enqueue(key=key, to="someone@example.com", template="test_message", context={}, language="en")


@pytest.mark.parametrize("path", [SEND_TASK, LEGACY_SEND_TASK])
def test_send_task_runs_under_old_and_new_path(path):
    row = unsent_row(f"path:{path}")
    assert row.status == OutboxEmail.Status.PENDING and mail.outbox == []

    async_task(path, row.pk)  # sync mode in tests: the worker resolves the path string as from the broker

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert [message.to for message in mail.outbox] == [["someone@example.com"]]
    assert Task.objects.get(func=path).success


@pytest.mark.parametrize("path", RETRY_PATHS)
def test_retry_task_runs_under_old_and_new_path(path):
    row = unsent_row(f"retry:{path}")
    OutboxEmail.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=30))  # task lost

    async_task(path)

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert Task.objects.get(func=path).result == 1
