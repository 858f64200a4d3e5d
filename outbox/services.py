"""The email outbox: every notification is a row written in the caller's transaction, sent by a task.

* ``outbox_enqueue`` renders the email in the recipient's language and stores it under a unique event
  key (idempotent), then schedules ``outbox.tasks.send_outbox_email`` *after commit*, passing only
  the row id (django-q2 keeps task arguments forever: never personal data).
* ``outbox_send`` claims the row with one conditional UPDATE (status "sending", ``claimed_at``), so two
  workers (or a redelivered task) never send the same row twice, sends it through Django's mail system,
  and records the acceptance as soon as the server accepted the message, before closing the connection.
  It never raises for mail errors: a mail server that is down must not roll anything back.
* Every attempt of a row carries the same Message-ID (``outbox_message_id``, derived from the row), so a
  receiving server that already has the message can drop a second copy.
* ``outbox_retry_due`` (periodic, every 2 minutes) sends what is due again: failed rows whose back-off
  has elapsed, pending rows whose task was lost, and rows stuck in "sending" after a worker died. A worker
  killed mid-send may have delivered the message, so such a row is retried once (``interrupted_sends``);
  stuck a second time, it becomes failed for staff to judge instead of being sent a third time.
* ``outbox_requeue`` is the staff action for failed or stuck rows.

Row life cycle: pending -> sending -> sent | failed; failed -> sending (after back-off) ... until
``max_attempts``, after which it stays failed with ``next_attempt_at`` empty until staff re-queue it.
While a row is "sending", ``next_attempt_at`` holds the end of the sender's lease (``SENDING_LEASE``).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import Case, F, PositiveSmallIntegerField, Q, When
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_q.tasks import async_task

from outbox.models import OutboxEmail

__all__ = [
    "BACKOFF",
    "LANGUAGES",
    "LEGACY_SEND_TASK",
    "LOST_TASK_AFTER",
    "SENDING_LEASE",
    "SEND_TASK",
    "OutboxRequeueError",
    "outbox_enqueue",
    "outbox_message_id",
    "outbox_requeue",
    "outbox_retry_due",
    "outbox_send",
    "requeueable_q",
]

logger = logging.getLogger(__name__)

SEND_TASK = "outbox.tasks.send_outbox_email"
# The path tasks queued before the outbox left moderation still carry (moderation.tasks keeps an alias).
LEGACY_SEND_TASK = "moderation.tasks.send_outbox_email"
# Wait after the n-th failed attempt (the last value repeats).
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=60))
# A pending row whose task has not run after this long is assumed lost and sent by the retry schedule.
LOST_TASK_AFTER = timedelta(minutes=2)
# A row left "sending" this long (far beyond EMAIL_TIMEOUT and the task timeout) had its worker die.
SENDING_LEASE = timedelta(minutes=10)
# A row whose send was cut off this many times is not sent again automatically (it may have arrived).
MAX_INTERRUPTED_SENDS = 1
MAX_ERROR_LENGTH = 2000
SUBJECT_MAX_LENGTH = OutboxEmail._meta.get_field("subject").max_length
LANGUAGES = frozenset(OutboxEmail.Language.values)
_TEMPLATE_NAME = re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_]+)*$")


class OutboxRequeueError(ValueError):
    """The row is neither failed nor stuck (e.g. already sent, or being sent right now)."""


# --- querysets -----------------------------------------------------------------------------------------


def _abandoned_q(now: datetime) -> Q:
    """Rows whose sender's lease expired while "sending": its worker died, perhaps after the server had it."""
    return Q(status=OutboxEmail.Status.SENDING, next_attempt_at__lte=now)


def _claimable_q(now: datetime) -> Q:
    """Rows a sender may take now: due pending/failed rows, or abandoned rows not interrupted before."""
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    waiting = Q(status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.FAILED]) & due
    abandoned = _abandoned_q(now) & Q(interrupted_sends__lt=MAX_INTERRUPTED_SENDS)
    return (waiting | abandoned) & Q(attempts__lt=F("max_attempts"))


def _retry_due_q(now: datetime) -> Q:
    """What the periodic job sends: due retries, lost pending tasks, abandoned sends (once)."""
    retry = Q(status__in=[OutboxEmail.Status.PENDING, OutboxEmail.Status.FAILED], next_attempt_at__lte=now)
    lost = Q(status=OutboxEmail.Status.PENDING, next_attempt_at__isnull=True, created_at__lte=now - LOST_TASK_AFTER)
    abandoned = _abandoned_q(now) & Q(interrupted_sends__lt=MAX_INTERRUPTED_SENDS)
    return (retry | lost | abandoned) & Q(attempts__lt=F("max_attempts"))


def requeueable_q(now: datetime | None = None) -> Q:
    """Rows staff may re-queue: failed, pending longer than ``LOST_TASK_AFTER``, or abandoned while sending."""
    now = now or timezone.now()
    return (
        Q(status=OutboxEmail.Status.FAILED)
        | Q(status=OutboxEmail.Status.PENDING, created_at__lte=now - LOST_TASK_AFTER)
        | Q(status=OutboxEmail.Status.SENDING, next_attempt_at__lte=now)
    )


def is_requeueable(email: OutboxEmail, now: datetime | None = None) -> bool:
    """In-memory twin of ``requeueable_q`` for list views."""
    now = now or timezone.now()
    if email.status == OutboxEmail.Status.FAILED:
        return True
    if email.status == OutboxEmail.Status.PENDING:
        return email.created_at is not None and email.created_at <= now - LOST_TASK_AFTER
    if email.status == OutboxEmail.Status.SENDING:
        return email.next_attempt_at is not None and email.next_attempt_at <= now
    return False


# --- enqueue -------------------------------------------------------------------------------------------


def _render(name: str, context: dict, *, autoescape: bool) -> str:
    # Plain-text parts are rendered without HTML escaping ("R&D", not "R&amp;D").
    return get_template(name).template.render(Context(context, autoescape=autoescape))


def _one_line(text: str) -> str:
    # str.split() also splits on \r, \n, \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029: no header injection.
    return " ".join(text.split())[:SUBJECT_MAX_LENGTH]


def _schedule_send(email_id: int) -> None:
    # robust: a broker that is down must not turn a committed request into an error; the periodic
    # retry job picks up pending rows whose task was lost.
    transaction.on_commit(lambda: async_task(SEND_TASK, email_id), robust=True)


def outbox_enqueue(
    *, key: str, to: str, template: str, context: dict, language: str, reply_to: str = ""
) -> OutboxEmail:
    """Store one email for the event ``key`` and send it after the caller's transaction commits.

    Call it inside the transaction that makes the state change, so the email exists if and only if the
    change does. Renders ``templates/email/<template>.subject.txt``, ``.txt`` and ``.html`` (optional)
    in ``language`` with ``context`` plus ``site_url``. Calling it again with the same key returns the
    existing row unchanged and sends nothing.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unsupported email language {language!r}")
    if not _TEMPLATE_NAME.match(template):
        raise ValueError(f"invalid email template name {template!r}")

    existing = OutboxEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing

    full_context = {
        **context,
        # SITE_URL read here, not through core.links.site_url: the outbox sits below portal.
        "site_url": settings.SITE_URL.rstrip("/"),
        "language": language,
    }
    with translation.override(language):
        subject = _one_line(_render(f"email/{template}.subject.txt", full_context, autoescape=False))
        body_text = _render(f"email/{template}.txt", full_context, autoescape=False).strip() + "\n"
        try:
            body_html = _render(f"email/{template}.html", full_context, autoescape=True)
        except TemplateDoesNotExist:
            body_html = ""

    email = OutboxEmail(
        key=key,
        to=to,
        reply_to=reply_to,
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        status=OutboxEmail.Status.PENDING,
    )
    email.full_clean(validate_unique=False)
    try:
        # A savepoint inside the caller's transaction (or a transaction of its own without one).
        with transaction.atomic():
            email.save(force_insert=True)
    except IntegrityError:
        # Another transaction enqueued the same event first.
        return OutboxEmail.objects.get(key=key)
    _schedule_send(email.pk)
    return email


# --- send ----------------------------------------------------------------------------------------------


def _backoff(attempts: int) -> timedelta:
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def _claim(email_id: int, now: datetime) -> bool:
    """Atomically take the row for sending; False if another sender has it or it isn't due.

    Taking over an abandoned row counts an interrupted send: the dead worker may have delivered it.
    """
    claimed = OutboxEmail.objects.filter(_claimable_q(now), pk=email_id).update(
        interrupted_sends=Case(
            When(status=OutboxEmail.Status.SENDING, then=F("interrupted_sends") + 1),
            default=F("interrupted_sends"),
            output_field=PositiveSmallIntegerField(),
        ),
        status=OutboxEmail.Status.SENDING,
        attempts=F("attempts") + 1,
        claimed_at=now,
        next_attempt_at=now + SENDING_LEASE,
    )
    return claimed == 1


def outbox_message_id(email: OutboxEmail) -> str:
    """The same Message-ID for every attempt of a row, unique across rows and databases (key and creation time)."""
    digest = hashlib.sha256(f"{email.pk}|{email.key}|{email.created_at.isoformat()}".encode()).hexdigest()[:24]
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or str(DNS_NAME)
    return f"<outbox.{email.pk}.{digest}@{domain}>"


def _build_message(email: OutboxEmail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=_one_line(email.subject),
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": outbox_message_id(email)},
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _send_and_record(email: OutboxEmail) -> None:
    """Send on a connection opened here, and record "sent" the moment the server accepted the message: a
    worker killed while the connection closes (QUIT can wait up to EMAIL_TIMEOUT) never sends it twice."""
    connection = get_connection(fail_silently=False)
    connection.open()
    try:
        _build_message(email, connection).send()
        OutboxEmail.objects.filter(pk=email.pk, status=OutboxEmail.Status.SENDING).update(
            status=OutboxEmail.Status.SENT, sent_at=timezone.now(), next_attempt_at=None, last_error=""
        )
    finally:
        try:
            connection.close()
        except Exception as exc:  # the message was accepted (or already failed): closing changes nothing
            logger.info("outbox email %s: closing the mail connection failed: %s", email.pk, type(exc).__name__)


def _deliver(email_id: int) -> tuple[bool, bool]:
    """Claim and send one row. Returns (claimed, sent). Never raises for mail errors."""
    if not _claim(email_id, timezone.now()):
        return False, False
    # The claim is committed on its own (autocommit in workers): no transaction is held open while
    # talking to the mail server.
    email = OutboxEmail.objects.get(pk=email_id)
    try:
        _send_and_record(email)
    except Exception as exc:
        now = timezone.now()
        exhausted = email.attempts >= email.max_attempts
        OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.SENDING).update(
            status=OutboxEmail.Status.FAILED,
            last_error=f"{type(exc).__name__}: {exc}"[:MAX_ERROR_LENGTH],
            next_attempt_at=None if exhausted else now + _backoff(email.attempts),
        )
        # Ids only in logs: the recipient is personal data.
        logger.warning(
            "outbox email %s failed (attempt %s/%s): %s",
            email_id,
            email.attempts,
            email.max_attempts,
            type(exc).__name__,
        )
        return True, False
    return True, True


def _give_up_interrupted(now: datetime) -> int:
    """Rows whose send was cut off again after their one retry: failed, for staff to check and re-queue."""
    return OutboxEmail.objects.filter(_abandoned_q(now), interrupted_sends__gte=MAX_INTERRUPTED_SENDS).update(
        status=OutboxEmail.Status.FAILED,
        next_attempt_at=None,
        last_error=gettext(
            "The sending was cut off twice (the worker stopped). The email may have been delivered, so it is not "
            "sent again automatically: re-queue it if the recipient did not get it."
        ),
    )


def outbox_send(*, email_id: int) -> bool:
    """Send one outbox row if it is due and nobody else is sending it. True when it was sent now."""
    return _deliver(email_id)[1]


def outbox_requeue(*, email_id: int) -> None:
    """Staff action: give a failed or stuck row a fresh set of attempts and send it after commit.

    Raises ``OutboxEmail.DoesNotExist`` for an unknown id and ``OutboxRequeueError`` when the row is
    neither failed nor stuck (sent, or being sent right now).
    """
    now = timezone.now()
    with transaction.atomic():
        updated = OutboxEmail.objects.filter(requeueable_q(now), pk=email_id).update(
            status=OutboxEmail.Status.PENDING, attempts=0, interrupted_sends=0, next_attempt_at=now
        )
        if not updated:
            if not OutboxEmail.objects.filter(pk=email_id).exists():
                raise OutboxEmail.DoesNotExist(f"no outbox email {email_id}")
            raise OutboxRequeueError(f"outbox email {email_id} is neither failed nor stuck")
        _schedule_send(email_id)


def outbox_retry_due(*, limit: int = 200, time_budget: float = 40.0) -> int:
    """Send every row that is due (see ``_retry_due_q``); returns how many sends were attempted.

    Stops starting new sends after ``limit`` rows or ``time_budget`` seconds (kept below the django-q2
    task timeout); the next scheduled run continues. Safe to run twice at once: each row is claimed.
    """
    now = timezone.now()
    _give_up_interrupted(now)
    email_ids = list(
        OutboxEmail.objects.filter(_retry_due_q(now))
        .order_by(F("next_attempt_at").asc(nulls_first=True), "pk")
        .values_list("pk", flat=True)[:limit]
    )
    started = time.monotonic()
    attempted = 0
    for email_id in email_ids:
        if time.monotonic() - started > time_budget:
            break
        claimed, _sent = _deliver(email_id)
        attempted += claimed
    return attempted
