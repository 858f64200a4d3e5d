"""The email outbox: enqueue in the caller's transaction, send once by task, retry with back-off, staff admin.

django-q2 runs in sync mode under the test settings, so a task scheduled with ``transaction.on_commit``
runs inline when pytest-django's ``django_capture_on_commit_callbacks(execute=True)`` fires the callbacks.
"""

from __future__ import annotations

import email as email_lib
from datetime import date, timedelta

import pytest
from django.contrib.messages import constants as message_constants
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule, Task

from moderation.models import ClosureDay
from moderation.selectors import closure_dates
from moderation.sla import add_business_days
from outbox import services
from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue, outbox_requeue, outbox_retry_due, outbox_send
from outbox.tasks import retry_outbox, send_outbox_email

from .conftest import TemporaryFailureHandler

pytestmark = pytest.mark.django_db

OUTBOX_INDEX = "/admin/moderation/outboxemail/"
CLOSURE_INDEX = "/admin/moderation/closureday/"


def enqueue(key: str = "test:1", *, to: str = "someone@example.com", language: str = "en", **context) -> OutboxEmail:
    return outbox_enqueue(key=key, to=to, template="test_message", context=context, language=language)


def requeue_url(email_id: int) -> str:
    return reverse("outbox_requeue", args=[email_id])


# --- enqueue and send ----------------------------------------------------------------------------------


def test_enqueue_in_transaction_creates_one_row_and_sends_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        row = outbox_enqueue(
            key="verify:42:3",
            to="creator@example.com",
            template="test_message",
            context={"note": "R&D <team>"},
            language="en",
            reply_to="help@example.com",
        )
        assert mail.outbox == []  # nothing leaves before commit

    assert len(callbacks) == 1
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert row.attempts == 1
    assert row.sent_at is not None
    assert row.next_attempt_at is None
    assert OutboxEmail.objects.count() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["creator@example.com"]
    assert message.reply_to == ["help@example.com"]
    assert message.subject == "Impact Partnership test email: R&D <team>" == row.subject
    assert "This is a test email" in message.body
    assert "R&D <team>" in message.body  # plain text is not HTML-escaped
    assert "This email was sent by Impact Partnership" in message.body
    assert "http://testserver/en/" in message.body  # site_url from SITE_URL
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert "R&amp;D &lt;team&gt;" in html  # HTML is escaped
    assert "This email was sent by Impact Partnership" in html


def test_task_receives_only_the_row_id(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        row = enqueue(to="private@example.com")

    task = Task.objects.get(func="outbox.tasks.send_outbox_email")
    assert task.args == (row.pk,)
    assert not task.kwargs
    assert task.success


def test_language_is_rendered_into_the_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue("test:th", language="th")
    row.refresh_from_db()
    assert row.language == "th"
    assert '<html lang="th">' in row.body_html
    assert "http://testserver/en/" not in row.body_text


def test_same_key_twice_gives_one_row_and_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            first = enqueue("approved:7", note="first")
        with transaction.atomic():
            second = enqueue("approved:7", note="second")

    assert second.pk == first.pk
    assert second.subject.endswith("first")  # the existing row is returned unchanged
    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_rollback_leaves_no_row_and_no_email(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue("rejected:9")
        raise RuntimeError("the state change failed")

    assert callbacks == []
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_unknown_language_and_bad_template_names_are_refused():
    with pytest.raises(ValueError, match="language"):
        enqueue(language="fr")
    with pytest.raises(ValueError, match="template"):
        outbox_enqueue(key="x", to="a@example.com", template="../secrets", context={}, language="en")


def test_subject_header_injection_is_impossible(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue("inject:1", note="hello\r\nBcc: x@evil.example\nX-Other: 1")

    row.refresh_from_db()
    assert "\r" not in row.subject
    assert "\n" not in row.subject
    assert row.status == OutboxEmail.Status.SENT
    [message] = mail.outbox
    assert message.bcc == []
    assert message.recipients() == ["someone@example.com"]
    parsed = message.message()
    assert parsed["Bcc"] is None
    assert parsed["X-Other"] is None
    assert "\n" not in str(parsed["Subject"]).replace("\n ", " ")


# --- failures and retries against a real SMTP server on loopback --------------------------------------


def test_mail_server_down_then_up(loopback_smtp, django_capture_on_commit_callbacks):
    before = timezone.now()
    with loopback_smtp.settings():
        # Nothing listens on the port yet: connection refused. Nothing is raised to the caller.
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            row = enqueue("down:1", to="creator@example.com")

        row.refresh_from_db()
        assert row.status == OutboxEmail.Status.FAILED
        assert row.attempts == 1
        assert "ConnectionRefusedError" in row.last_error
        assert row.next_attempt_at > before
        assert row.sent_at is None
        assert outbox_retry_due() == 0  # back-off not elapsed yet

        loopback_smtp.start()
        OutboxEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        assert outbox_retry_due() == 1

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert row.attempts == 2
    assert row.last_error == ""
    assert len(loopback_smtp.envelopes) == 1
    envelope = loopback_smtp.envelopes[0]
    assert envelope.rcpt_tos == ["creator@example.com"]
    received = email_lib.message_from_bytes(envelope.original_content)
    assert received["Subject"] == "Impact Partnership test email"
    assert received.is_multipart()
    assert [part.get_content_type() for part in received.walk()][1:] == ["text/plain", "text/html"]


def test_temporary_smtp_failure_marks_the_row_failed(loopback_smtp, django_capture_on_commit_callbacks):
    loopback_smtp.start(TemporaryFailureHandler())
    with loopback_smtp.settings(), django_capture_on_commit_callbacks(execute=True):
        row = enqueue("greylisted:1")

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.FAILED
    assert row.attempts == 1
    assert "SMTPDataError" in row.last_error
    assert "451" in row.last_error
    assert row.next_attempt_at > timezone.now()
    assert loopback_smtp.envelopes == []


def test_backoff_grows_with_attempts():
    assert [services._backoff(n) for n in range(1, 7)] == [
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(minutes=15),
        timedelta(minutes=60),
        timedelta(minutes=60),
        timedelta(minutes=60),
    ]


def test_max_attempts_stays_failed_until_staff_requeue(loopback_smtp, django_capture_on_commit_callbacks):
    row = enqueue("capped:1")  # the on-commit task never runs: the test transaction is not committed
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxEmail.Status.FAILED, attempts=4, next_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    with loopback_smtp.settings():  # nothing listening
        assert outbox_retry_due() == 1

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.FAILED
    assert row.attempts == row.max_attempts == 5
    assert row.next_attempt_at is None
    assert row.last_error

    # Not retried automatically, even if its next attempt time were in the past.
    assert outbox_retry_due() == 0
    OutboxEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() - timedelta(hours=1))
    assert outbox_retry_due() == 0
    assert outbox_send(email_id=row.pk) is False
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        outbox_requeue(email_id=row.pk)

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert row.attempts == 1
    assert len(mail.outbox) == 1


def test_requeue_refuses_a_sent_row(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue("sent:1")
    with pytest.raises(services.OutboxRequeueError):
        outbox_requeue(email_id=row.pk)
    with pytest.raises(OutboxEmail.DoesNotExist):
        outbox_requeue(email_id=row.pk + 1000)
    assert len(mail.outbox) == 1


def test_two_claims_for_the_same_row_send_once():
    row = enqueue("race:1")
    now = timezone.now()
    assert services._claim(row.pk, now) is True
    assert services._claim(row.pk, now) is False  # the conditional UPDATE matched no row

    # A second worker that gets the same task while the first one holds the row sends nothing.
    assert outbox_send(email_id=row.pk) is False
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENDING
    assert row.attempts == 1


def test_redelivered_task_sends_once():
    row = enqueue("redelivered:1")
    assert send_outbox_email(row.pk) is True
    assert send_outbox_email(row.pk) is False
    assert len(mail.outbox) == 1


def test_missing_row_is_ignored():
    assert outbox_send(email_id=987654) is False


def test_retry_picks_up_lost_tasks_and_abandoned_sends():
    fresh = enqueue("fresh:1")
    lost = enqueue("lost:1")
    abandoned = enqueue("abandoned:1")
    long_ago = timezone.now() - timedelta(minutes=30)
    OutboxEmail.objects.filter(pk=lost.pk).update(created_at=long_ago)
    OutboxEmail.objects.filter(pk=abandoned.pk).update(
        created_at=long_ago, status=OutboxEmail.Status.SENDING, attempts=1, next_attempt_at=long_ago
    )

    assert retry_outbox() == 2

    statuses = dict(OutboxEmail.objects.values_list("key", "status"))
    assert statuses == {"fresh:1": "pending", "lost:1": "sent", "abandoned:1": "sent"}
    assert sorted(m.to[0] for m in mail.outbox) == ["someone@example.com"] * 2
    fresh.refresh_from_db()
    assert fresh.attempts == 0


def test_retry_schedule_is_installed_by_migration():
    schedule = Schedule.objects.get(name="outbox-retry")
    assert schedule.func == "outbox.tasks.retry_outbox"
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.minutes == 2
    assert schedule.repeats == -1


# --- management command --------------------------------------------------------------------------------


def test_send_test_email_command(capsys):
    call_command("send_test_email", "you@example.com", "--language", "en")
    assert "Sent outbox email" in capsys.readouterr().out
    [message] = mail.outbox
    assert message.to == ["you@example.com"]
    assert message.subject == "Impact Partnership test email"
    assert OutboxEmail.objects.get().key.startswith("test:")


def test_send_test_email_command_reports_failure(loopback_smtp):
    with loopback_smtp.settings(), pytest.raises(CommandError, match="ConnectionRefusedError"):
        call_command("send_test_email", "you@example.com")
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.FAILED


def test_send_test_email_command_rejects_a_bad_address():
    with pytest.raises(CommandError, match="valid email"):
        call_command("send_test_email", "not-an-address")


# --- admin ---------------------------------------------------------------------------------------------


def failed_row(key: str = "failed:1") -> OutboxEmail:
    row = enqueue(key)
    OutboxEmail.objects.filter(pk=row.pk).update(
        status=OutboxEmail.Status.FAILED, attempts=5, last_error="ConnectionRefusedError: " + "x" * 200
    )
    return row


def test_superuser_sees_outbox_and_closure_day_lists(client, admin_user):
    row = failed_row()
    ClosureDay.objects.create(date=date(2026, 12, 24), reason="Office closed")
    client.force_login(admin_user)

    response = client.get(OUTBOX_INDEX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "someone@example.com" in content
    assert requeue_url(row.pk) in content  # the per-row Re-queue button
    assert "x" * 200 not in content  # last error truncated in the list

    assert client.get(OUTBOX_INDEX, {"status": "failed"}).status_code == 200
    assert client.get(OUTBOX_INDEX, {"q": "someone"}).status_code == 200

    response = client.get(f"{OUTBOX_INDEX}inspect/{row.pk}/")
    assert response.status_code == 200
    assert requeue_url(row.pk) in response.content.decode()

    response = client.get(CLOSURE_INDEX)
    assert response.status_code == 200
    assert "Office closed" in response.content.decode()


def test_outbox_is_read_only_in_admin(client, admin_user):
    row = failed_row()
    client.force_login(admin_user)
    assert client.get(f"{OUTBOX_INDEX}create/").status_code in (302, 403)
    assert client.get(f"{OUTBOX_INDEX}edit/{row.pk}/").status_code in (302, 403)
    assert client.get(f"{OUTBOX_INDEX}delete/{row.pk}/").status_code in (302, 403)
    assert OutboxEmail.objects.filter(pk=row.pk).exists()


def test_closure_days_have_full_crud(client, admin_user):
    client.force_login(admin_user)
    response = client.post(f"{CLOSURE_INDEX}create/", {"date": "2026-12-24", "reason": "Year-end closure"})
    assert response.status_code == 302
    day = ClosureDay.objects.get()
    response = client.post(f"{CLOSURE_INDEX}edit/{day.pk}/", {"date": "2026-12-25", "reason": "Moved"})
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.date, day.reason) == (date(2026, 12, 25), "Moved")
    assert client.post(f"{CLOSURE_INDEX}delete/{day.pk}/").status_code == 302
    assert not ClosureDay.objects.exists()


def test_superuser_can_requeue(client, admin_user, django_capture_on_commit_callbacks):
    row = failed_row()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(requeue_url(row.pk), {"next": f"{OUTBOX_INDEX}?status=failed"})
    assert response.status_code == 302
    assert response["Location"] == f"{OUTBOX_INDEX}?status=failed"
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1

    # A Wagtail success message (checked by level: the text is translated once Thai is compiled).
    assert [m.level for m in get_messages(response.wsgi_request)] == [message_constants.SUCCESS]


def test_requeue_ignores_an_offsite_next_url(client, admin_user):
    row = failed_row()
    client.force_login(admin_user)
    response = client.post(requeue_url(row.pk), {"next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == OUTBOX_INDEX


def test_requeue_is_post_only_with_csrf(admin_user):
    row = failed_row()
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.get(requeue_url(row.pk)).status_code == 405
    assert client.post(requeue_url(row.pk)).status_code == 403  # no CSRF token
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.FAILED


def test_requeue_of_a_sent_row_shows_an_error(client, admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = enqueue("sent:2")
    client.force_login(admin_user)
    response = client.post(requeue_url(row.pk))
    assert response.status_code == 302
    assert [m.level for m in get_messages(response.wsgi_request)] == [message_constants.ERROR]
    assert len(mail.outbox) == 1


def test_requeue_of_unknown_row_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.post(requeue_url(424242)).status_code == 404


def test_requeue_needs_permission(client, make_user):
    row = failed_row()

    client.force_login(make_user("nobody@example.com"))
    assert client.post(requeue_url(row.pk)).status_code in (302, 403)

    # Can enter the admin and view the outbox, but may not change it.
    viewer = make_user("viewer@example.com", "wagtailadmin.access_admin", "outbox.view_outboxemail")
    client.force_login(viewer)
    assert client.get(OUTBOX_INDEX).status_code == 200
    assert requeue_url(row.pk) not in client.get(OUTBOX_INDEX).content.decode()
    assert client.post(requeue_url(row.pk)).status_code in (302, 403)

    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.FAILED
    assert row.attempts == 5
    assert mail.outbox == []


def test_user_with_change_permission_can_requeue(client, make_user, django_capture_on_commit_callbacks):
    row = failed_row()
    operator = make_user("operator@example.com", "wagtailadmin.access_admin", "outbox.change_outboxemail")
    client.force_login(operator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(requeue_url(row.pk)).status_code == 302
    row.refresh_from_db()
    assert row.status == OutboxEmail.Status.SENT


# --- closure days --------------------------------------------------------------------------------------


def test_closure_dates_returns_the_staff_dates():
    ClosureDay.objects.create(date=date(2026, 11, 30), reason="Staff seminar")
    ClosureDay.objects.create(date=date(2027, 1, 4), reason="Year-end closure")

    assert closure_dates() == frozenset({date(2026, 11, 30), date(2027, 1, 4)})
    assert closure_dates(date(2027, 1, 1)) == frozenset({date(2027, 1, 4)})
    assert ClosureDay.closure_dates() == closure_dates()
    assert ClosureDay.closure_dates(start=date(2028, 1, 1)) == frozenset()

    # Friday 2026-11-27 + 1 business day: Monday 30th is closed, so Tuesday.
    assert add_business_days(date(2026, 11, 27), 1, closures=closure_dates()) == date(2026, 12, 1)
