"""Retention purges (daily, django-q2): records kept only as long as they are useful, then deleted.

* sent outbox emails older than ``OUTBOX_RETENTION_DAYS`` (by ``sent_at``); pending, sending and failed
  rows are never touched, whatever their age: they are still to be sent or for staff to look at;
* django-q2 task results (successes and failures) older than ``TASK_RESULT_RETENTION_DAYS`` (by ``stopped``);
* django-axes login records (attempts, logins, failures) older than ``LOGIN_RECORD_RETENTION_DAYS``.

Deletes in small batches, each its own short transaction, and re-applies the age condition to every batch,
so a run can be killed at any point, rerun, or run twice at once: the result is the same. A run stops
starting new batches after ``time_budget`` seconds (below the task timeout); the task then queues the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django_q.models import Task

from outbox.models import OutboxEmail

BATCH_SIZE = 500
TIME_BUDGET_SECONDS = 40.0
DEFAULT_DAYS = {"OUTBOX_RETENTION_DAYS": 90, "TASK_RESULT_RETENTION_DAYS": 30, "LOGIN_RECORD_RETENTION_DAYS": 90}


@dataclass
class RetentionResult:
    deleted: dict[str, int] = field(default_factory=dict)
    finished: bool = True

    @property
    def total(self) -> int:
        return sum(self.deleted.values())


def retention_days(name: str) -> int:
    days = getattr(settings, name, DEFAULT_DAYS[name])
    if not isinstance(days, int) or days < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of days, at least 1 (got {days!r}).")
    return days


def _expired(now: datetime) -> dict[str, models.QuerySet]:
    """What each purge removes: a queryset per kind of record, by its own age field."""
    outbox_cutoff = now - timedelta(days=retention_days("OUTBOX_RETENTION_DAYS"))
    task_cutoff = now - timedelta(days=retention_days("TASK_RESULT_RETENTION_DAYS"))
    login_cutoff = now - timedelta(days=retention_days("LOGIN_RECORD_RETENTION_DAYS"))
    return {
        "outbox_emails": OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT, sent_at__lt=outbox_cutoff),
        "task_results": Task.objects.filter(stopped__lt=task_cutoff),
        "login_attempts": AccessAttempt.objects.filter(attempt_time__lt=login_cutoff),
        "login_logs": AccessLog.objects.filter(attempt_time__lt=login_cutoff),
        "login_failures": AccessFailureLog.objects.filter(attempt_time__lt=login_cutoff),
    }


def _delete_batch(queryset: models.QuerySet, batch_size: int) -> int:
    """Delete up to ``batch_size`` rows still matching ``queryset``; returns how many of its rows went."""
    with transaction.atomic():
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return 0
        # The condition again: a row that changed since it was listed (e.g. re-queued) is kept.
        _count, per_model = queryset.filter(pk__in=ids).delete()
        return per_model.get(queryset.model._meta.label, 0)


def retention_purge(
    *, now: datetime | None = None, batch_size: int | None = None, time_budget: float | None = None
) -> RetentionResult:
    """Delete every expired record, in batches; ``finished`` is False if the time budget ran out first."""
    now = now or timezone.now()
    batch_size = batch_size or BATCH_SIZE
    time_budget = TIME_BUDGET_SECONDS if time_budget is None else time_budget
    started = time.monotonic()
    result = RetentionResult()
    for name, queryset in _expired(now).items():
        result.deleted[name] = 0
        while deleted := _delete_batch(queryset, batch_size):
            result.deleted[name] += deleted
            # Checked after a batch, so every run makes progress however small the budget.
            if time.monotonic() - started > time_budget:
                result.finished = False
                return result
    return result
