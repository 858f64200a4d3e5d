"""Issue 22.8: a worker killed (SIGKILL) in the middle of sending an email must not make it arrive twice.

Real processes: the worker is ``manage.py shell`` on a real SQLite file under the development settings, talking
to a real SMTP server (aiosmtpd on loopback) that holds the conversation at the chosen moment; the test kills
the worker there, lets the sending lease expire and runs the retry job as the schedule would.
"""

from __future__ import annotations

import asyncio
import email as email_lib
import signal
import threading

import pytest

from tests.file_database import FileDatabase, file_database

from .conftest import CollectingHandler

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
WAIT = 60  # seconds: a generous bound for a loaded machine; the tests never sleep for it when all goes well


class HoldingHandler(CollectingHandler):
    """Receives the message, then holds the reply to DATA (``hold="data"``) or to QUIT (``hold="quit"``)
    until ``release`` is set: the moment at which the test kills the worker."""

    def __init__(self, hold: str) -> None:
        super().__init__()
        self.hold = hold
        self.reached = threading.Event()
        self.release = threading.Event()

    async def _wait(self) -> None:
        self.reached.set()
        while not self.release.is_set():
            await asyncio.sleep(0.02)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        if self.hold == "data":
            await self._wait()
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope) -> str:
        if self.hold == "quit":
            await self._wait()
        return "221 Bye"


SMTP = (
    "from django.test import override_settings\n"
    "smtp = override_settings(EMAIL_BACKEND='django.core.mail.backends.smtp.EmailBackend', EMAIL_HOST='127.0.0.1',"
    " EMAIL_PORT={port}, EMAIL_USE_TLS=False, EMAIL_USE_SSL=False, EMAIL_HOST_USER='', EMAIL_HOST_PASSWORD='',"
    " EMAIL_TIMEOUT=120)\n"
    "smtp.enable()\n"
)
ENQUEUE = (
    "from outbox.services import outbox_enqueue\n"
    "print(outbox_enqueue(key='killed:1', to='creator@example.com', template='test_message', context={}, "
    "language='th').pk)"
)
SEND = "from outbox.services import outbox_send\nprint(outbox_send(email_id={email_id}))"
# The lease of a dead sender ends after SENDING_LEASE; move it to the past instead of waiting 10 minutes.
RETRY = (
    "from datetime import timedelta\n"
    "from django.utils import timezone\n"
    "from outbox.models import OutboxEmail\n"
    "from outbox.services import outbox_retry_due\n"
    "OutboxEmail.objects.filter(status='sending').update(next_attempt_at=timezone.now() - timedelta(seconds=1))\n"
    "print(outbox_retry_due())"
)
ROW = (
    "from outbox.models import OutboxEmail\n"
    "row = OutboxEmail.objects.get(pk={email_id})\n"
    "print(row.status, row.attempts, row.interrupted_sends, row.sent_at is not None, row.last_error[:40])"
)


@pytest.fixture
def database(tmp_path) -> FileDatabase:
    return file_database(tmp_path / "var")


def _kill_when_reached(database: FileDatabase, code: str, handler: HoldingHandler) -> None:
    worker = database.start_shell(code)
    try:
        assert handler.reached.wait(WAIT), worker.communicate(timeout=WAIT)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.communicate(timeout=WAIT)
    assert worker.returncode == -signal.SIGKILL


def _row(database: FileDatabase, email_id: int) -> list[str]:
    return database.shell(ROW.format(email_id=email_id)).split(maxsplit=4)


def _message_ids(envelopes) -> list[str]:
    return [email_lib.message_from_bytes(envelope.original_content)["Message-ID"] for envelope in envelopes]


def test_killed_after_the_server_accepted_is_recorded_as_sent_and_never_resent(database, loopback_smtp):
    handler = HoldingHandler(hold="quit")
    loopback_smtp.start(handler)
    smtp = SMTP.format(port=loopback_smtp.port)
    email_id = int(database.shell(ENQUEUE).strip())

    _kill_when_reached(database, smtp + SEND.format(email_id=email_id), handler)
    handler.release.set()

    assert _row(database, email_id)[:4] == ["sent", "1", "0", "True"]
    assert database.shell(smtp + RETRY).strip() == "0"
    assert len(handler.envelopes) == 1


def test_killed_before_the_reply_is_retried_once_with_the_same_message_id(database, loopback_smtp):
    handler = HoldingHandler(hold="data")
    loopback_smtp.start(handler)
    smtp = SMTP.format(port=loopback_smtp.port)
    email_id = int(database.shell(ENQUEUE).strip())

    # The server has the message, the worker dies before the "250": nobody knows whether it was delivered.
    _kill_when_reached(database, smtp + SEND.format(email_id=email_id), handler)
    assert _row(database, email_id)[:4] == ["sending", "1", "0", "False"]

    handler.hold = ""
    handler.release.set()
    assert database.shell(smtp + RETRY).strip() == "1"
    assert _row(database, email_id)[:4] == ["sent", "2", "1", "True"]
    first, second = _message_ids(handler.envelopes)
    assert first == second  # the receiving server can drop the second copy
    assert first.startswith(f"<outbox.{email_id}.")


def test_a_send_cut_off_twice_is_not_sent_a_third_time(database, loopback_smtp):
    handler = HoldingHandler(hold="data")
    loopback_smtp.start(handler)
    smtp = SMTP.format(port=loopback_smtp.port)
    email_id = int(database.shell(ENQUEUE).strip())
    _kill_when_reached(database, smtp + SEND.format(email_id=email_id), handler)

    handler.reached.clear()
    _kill_when_reached(database, smtp + RETRY, handler)  # the one retry is killed too
    handler.hold = ""
    handler.release.set()

    assert database.shell(smtp + RETRY).strip() == "0"
    status, attempts, interrupted, sent, error = _row(database, email_id)
    assert (status, attempts, interrupted, sent) == ("failed", "2", "1", "False")
    assert error  # staff see why, in the outbox, and can re-queue it
    assert len(handler.envelopes) == 2
    assert len(set(_message_ids(handler.envelopes))) == 1
