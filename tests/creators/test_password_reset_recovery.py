"""Queued password resets survive a SECRET_KEY rotation and a lost task (issue 22.6).

Before: django-q2 signed each task with SECRET_KEY and ignored SECRET_KEY_FALLBACKS, so after a rotation every
queued reset failed with BadSignature and was dropped; nothing looked at the request rows it left behind.
"""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import Schedule
from django_q.signing import BadSignature, SignedPackage

from creators.models import PasswordResetRequest, User
from creators.tasks import retry_stranded_password_resets
from outbox.models import OutboxEmail

pytestmark = pytest.mark.django_db

EMAIL = "staff-or-registrant@example.org"
OLD_KEY = "the-key-before-the-rotation-0123456789-abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
def account():
    return User.objects.create_user(email=EMAIL, password="x" * 12, email_verified_at=timezone.now())


def queue_reset_signed_with_the_old_key(client, django_capture_on_commit_callbacks) -> str:
    """The request as it was made before the rotation: its row, and its task signed with the old key."""
    with django_capture_on_commit_callbacks(execute=False):
        client.post("/accounts/password/reset/", {"email": EMAIL})
    request_id = PasswordResetRequest.objects.get().pk
    task = {"id": "t1", "name": "reset", "func": "creators.tasks.process_password_reset", "args": (request_id,),
            "kwargs": {}, "started": timezone.now()}  # fmt: skip
    with mock.patch.object(Conf, "SECRET_KEY", OLD_KEY):
        return SignedPackage.dumps(task)


def test_a_task_signed_before_the_rotation_runs_with_the_old_key_as_fallback(
    client, account, settings, django_capture_on_commit_callbacks
):
    package = queue_reset_signed_with_the_old_key(client, django_capture_on_commit_callbacks)
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    broker = get_broker()  # the ORM broker of the test settings: the row the worker would read
    broker.enqueue(package)
    (_ack, payload), *_ = broker.dequeue()
    task = SignedPackage.loads(payload)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_string(task["func"])(*task["args"]) is True
    assert OutboxEmail.objects.get(key__startswith="password-reset:").to == EMAIL
    assert [m.to for m in mail.outbox] == [[EMAIL]]


def test_without_the_fallback_the_old_signature_is_refused(
    client, account, settings, django_capture_on_commit_callbacks
):
    package = queue_reset_signed_with_the_old_key(client, django_capture_on_commit_callbacks)
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(BadSignature):
        SignedPackage.loads(package)
    tampered = package[:-2] + ("AA" if not package.endswith("AA") else "BB")
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    with pytest.raises(BadSignature):
        SignedPackage.loads(tampered)


def test_the_retry_job_sends_what_a_lost_task_left_behind_once(client, account, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # the task never runs
        client.post("/accounts/password/reset/", {"email": EMAIL})
    assert retry_stranded_password_resets() == 0  # too young: its task may still come
    PasswordResetRequest.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_stranded_password_resets() == 1
    assert not PasswordResetRequest.objects.exists()
    assert OutboxEmail.objects.filter(key__startswith="password-reset:").count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert retry_stranded_password_resets() == 0  # idempotent
    assert len(mail.outbox) == 1


def test_the_retry_job_drops_requests_older_than_a_day_unsent(client, account, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        client.post("/accounts/password/reset/", {"email": EMAIL})
    PasswordResetRequest.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert retry_stranded_password_resets() == 0
    assert not PasswordResetRequest.objects.exists() and not OutboxEmail.objects.exists()


def test_a_broker_that_is_down_does_not_fail_the_request(client, account, django_capture_on_commit_callbacks):
    broker_down = mock.patch("creators.services.passwords.async_task", side_effect=ConnectionError("broker down"))
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": EMAIL})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert PasswordResetRequest.objects.count() == 1  # for the retry job


def test_the_schedules_are_installed_by_migration():
    retry = Schedule.objects.get(name="password-reset-retry")
    assert (retry.func, retry.schedule_type, retry.minutes, retry.repeats) == (
        "creators.tasks.retry_stranded_password_resets", Schedule.MINUTES, 5, -1,
    )  # fmt: skip
    purge = Schedule.objects.get(name="rate-limit-purge")
    assert (purge.func, purge.schedule_type, purge.cron) == (
        "creators.tasks.purge_rate_limits",
        Schedule.CRON,
        "15 3 * * *",
    )
