"""Issue 22.7: after a purge, the erased strings are gone from the SQLite database file and its WAL (secure_delete,
a TRUNCATE checkpoint, FTS5 segments merged), and from the development copies of emails in ``var/emails/``.

Runs ``make run``'s development settings in separate processes on a real database file, as the task worker does.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.file_database import file_database

SCRIPT_SEED = """
import json
from privacy.deletion import account_delete_on_request, deletion_restore
from outbox.models import OutboxEmail
from outbox.services import outbox_send
from tests.privacy.deletion_helpers import MARKER, make_account, make_staff, shift_deleted_back
account, staff = make_account(), make_staff()
asked = dict(profile=account.profile, channel="phone", staff_user=staff)
record = account_delete_on_request(reason="ร้องขอลับ-1 " + MARKER, requested_by="คุณผู้ขอลับหนึ่ง", **asked)
deletion_restore(record=record, staff_user=staff)
record = account_delete_on_request(reason="ร้องขอลับ-2 " + MARKER, requested_by="คุณผู้ขอลับสอง", **asked)
for email_id in OutboxEmail.objects.filter(status="pending").values_list("pk", flat=True):
    outbox_send(email_id=email_id)  # the development file backend writes var/emails/*.log
shift_deleted_back(record, days=31)
profile = account.profile
print(json.dumps([*account.names, profile.contact_name, profile.contact_email, account.report.title_th, MARKER,
                  "ร้องขอลับ-1", "คุณผู้ขอลับหนึ่ง", "ร้องขอลับ-2", "คุณผู้ขอลับสอง",
                  "erasable"]))  # a single word, as Wagtail's FTS5 admin index stores it
"""
SCRIPT_PURGE = "from privacy.tasks import purge_deleted_items\nprint(purge_deleted_items())"
# Another process with an idle connection, as the web server and the task cluster keep: so no process exit
# checkpoints the WAL away (the last connection to close does that). Not this process: reading the file here
# would drop its POSIX locks.
HOLD_CONNECTION = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM django_migrations").fetchone()
print("ready", flush=True)
sys.stdin.read()
"""


def _forms(needle: str) -> list[bytes]:
    # TEXT columns hold UTF-8; JSON columns (revisions, audit data) hold Thai as \\uXXXX escapes.
    return [needle.lower().encode(), json.dumps(needle.lower())[1:-1].encode()]


def _found(database, needles: list[str]) -> list[str]:
    places = [database.path, database.path.with_name("db.sqlite3-wal"), *sorted(database.var_dir.glob("emails/*"))]
    places += [p for folder in ("media", "quarantine") for p in (database.var_dir / folder).rglob("*") if p.is_file()]
    hits = []
    for place in places:
        data = place.read_bytes().lower() + str(place).lower().encode() if place.exists() else b""
        hits += [f"{place.name}: {needle}" for needle in needles if any(form in data for form in _forms(needle))]
    return hits


def test_purged_strings_are_gone_from_the_database_file_its_wal_and_the_email_copies(tmp_path):
    database = file_database(tmp_path / "var")
    web_server = subprocess.Popen(
        [sys.executable, "-c", HOLD_CONNECTION, str(database.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert web_server.stdout.readline() == b"ready\n"
    needles = json.loads(database.shell(SCRIPT_SEED).strip().splitlines()[-1])
    copies = list(database.var_dir.glob("emails/*.log"))
    assert copies, "the development file backend wrote the emails"
    before = _found(database, needles)
    assert {hit.split(": ", 1)[1] for hit in before} == set(needles)  # the search can fail

    assert database.shell(SCRIPT_PURGE).strip().splitlines()[-1] == "1"

    assert _found(database, needles) == []
    assert not any(path.exists() for path in copies)
    assert database.path.with_name("db.sqlite3-wal").stat().st_size == 0  # checkpointed and truncated
    web_server.communicate(timeout=30)
