"""Retention purges: sent emails, task results and login records past their retention go; nothing else does."""

import uuid
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_q.models import Schedule, Task

from outbox.models import OutboxEmail
from privacy import retention
from privacy.retention import retention_purge
from privacy.tasks import purge_retained_records

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(days: float):
    return NOW - timedelta(days=days)


def outbox(key: str, *, status=OutboxEmail.Status.SENT, sent_days_ago: float | None = None, **fields) -> OutboxEmail:
    email = OutboxEmail.objects.create(
        key=key, to=f"{key}@example.org", subject=key, body_text="body", status=status, **fields
    )
    created = ago(sent_days_ago if sent_days_ago is not None else 200)
    sent_at = ago(sent_days_ago) if sent_days_ago is not None else None
    OutboxEmail.objects.filter(pk=email.pk).update(created_at=created, sent_at=sent_at)
    return email


def task_result(days_ago: float, *, success: bool) -> Task:
    return Task.objects.create(
        id=uuid.uuid4().hex,
        name=f"task-{days_ago}-{success}",
        func="outbox.tasks.send_outbox_email",
        started=ago(days_ago),
        stopped=ago(days_ago),
        success=success,
    )


def login_record(model, days_ago: float, username: str = "someone@example.org"):
    extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
    # One attempt row per (username, ip, user agent): the agent tells them apart.
    request = {"ip_address": "127.0.0.1", "user_agent": f"ua-{days_ago}", "http_accept": "*/*", "path_info": "/"}
    record = model.objects.create(username=username, **request, **extra)
    model.objects.filter(pk=record.pk).update(attempt_time=ago(days_ago))
    return record


def keys() -> set[str]:
    return set(OutboxEmail.objects.values_list("key", flat=True))


def test_sent_emails_are_kept_89_days_and_gone_at_91():
    outbox("day-89", sent_days_ago=89)
    outbox("day-89-23h", sent_days_ago=89.99)
    outbox("day-91", sent_days_ago=91)
    outbox("day-400", sent_days_ago=400)
    result = retention_purge(now=NOW)
    assert keys() == {"day-89", "day-89-23h"}
    assert result.deleted["outbox_emails"] == 2 and result.finished


def test_unsent_sending_and_failed_emails_are_never_purged_whatever_their_age():
    outbox("pending", status=OutboxEmail.Status.PENDING)
    outbox("sending", status=OutboxEmail.Status.SENDING, next_attempt_at=ago(150))
    outbox("retrying", status=OutboxEmail.Status.FAILED, attempts=2, next_attempt_at=ago(120), last_error="451")
    outbox("gave-up", status=OutboxEmail.Status.FAILED, attempts=5, last_error="550")
    # A failed row that once had a sent_at from an earlier attempt is still not "sent".
    outbox("failed-with-date", status=OutboxEmail.Status.FAILED, sent_days_ago=300)
    retention_purge(now=NOW)
    assert keys() == {"pending", "sending", "retrying", "gave-up", "failed-with-date"}


def test_task_results_are_kept_29_days_and_gone_at_31_successes_and_failures_alike():
    kept = {task_result(29, success=True).pk, task_result(29, success=False).pk}
    task_result(31, success=True)
    task_result(31, success=False)
    result = retention_purge(now=NOW)
    assert set(Task.objects.values_list("pk", flat=True)) == kept
    assert result.deleted["task_results"] == 2


@pytest.mark.parametrize("model", [AccessAttempt, AccessLog, AccessFailureLog])
def test_login_records_are_kept_89_days_and_gone_at_91(model):
    kept = login_record(model, 89)
    login_record(model, 91)
    login_record(model, 365)
    retention_purge(now=NOW)
    assert list(model.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_rerun_is_a_no_op():
    outbox("old", sent_days_ago=100)
    outbox("new", sent_days_ago=1)
    task_result(40, success=True)
    login_record(AccessLog, 100)
    first = retention_purge(now=NOW)
    assert first.total == 3
    second = retention_purge(now=NOW)
    assert second.total == 0 and second.finished
    assert keys() == {"new"}


def test_small_batches_delete_everything():
    for n in range(7):
        outbox(f"old-{n}", sent_days_ago=100 + n)
    result = retention_purge(now=NOW, batch_size=2)
    assert result.deleted["outbox_emails"] == 7 and keys() == set()


def test_a_run_out_of_time_stops_after_a_batch_and_the_next_run_continues():
    for n in range(5):
        outbox(f"old-{n}", sent_days_ago=100 + n)
    partial = retention_purge(now=NOW, batch_size=2, time_budget=0)
    assert not partial.finished and partial.deleted["outbox_emails"] == 2
    assert len(keys()) == 3
    rest = retention_purge(now=NOW, batch_size=2)
    assert rest.finished and rest.deleted["outbox_emails"] == 3 and keys() == set()


def test_the_task_continues_a_backlog_in_a_follow_up_task(monkeypatch):
    for n in range(5):
        outbox(f"old-{n}", sent_days_ago=100 + n)
    monkeypatch.setattr(retention, "BATCH_SIZE", 1)
    monkeypatch.setattr(retention, "TIME_BUDGET_SECONDS", 0.0)
    purge_retained_records()  # django-q2 runs the follow-ups inline in the tests
    assert keys() == set()


def test_retention_is_configurable(settings):
    settings.OUTBOX_RETENTION_DAYS = 10
    settings.LOGIN_RECORD_RETENTION_DAYS = 10
    settings.TASK_RESULT_RETENTION_DAYS = 5
    outbox("day-9", sent_days_ago=9)
    outbox("day-11", sent_days_ago=11)
    login_record(AccessLog, 11)
    task_result(6, success=True)
    retention_purge(now=NOW)
    assert keys() == {"day-9"} and not AccessLog.objects.exists() and not Task.objects.exists()


@pytest.mark.parametrize("value", [0, -1, "90"])
def test_a_nonsense_retention_is_refused(settings, value):
    settings.OUTBOX_RETENTION_DAYS = value
    with pytest.raises(ImproperlyConfigured):
        retention_purge(now=NOW)


def test_the_daily_schedule_exists_at_0330_bangkok():
    schedule = Schedule.objects.get(name="retention-purge")
    assert schedule.func == "privacy.tasks.purge_retained_records"
    assert schedule.schedule_type == Schedule.CRON and schedule.cron == "30 3 * * *" and schedule.repeats == -1
    local = timezone.localtime(schedule.next_run, timezone.get_fixed_timezone(7 * 60))
    assert (local.hour, local.minute) == (3, 30)
