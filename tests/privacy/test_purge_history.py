"""Issue 21: a purge also erases the history of earlier deletions (delete → restore → delete → purge).

Each test first proves every string IS found (dumpdata, raw rows of every table, django-q2 task rows, media and
quarantine files, the development copies of emails), then that none is left after the purge.
"""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue
from privacy.deletion import account_delete_on_request, deletion_restore, report_delete_on_request
from privacy.deletion_history import ERASED_WITH_ACCOUNT, PURGE_REASON_CODE
from privacy.models import DeletionRecord
from privacy.purge import deletion_purge_due
from tests.privacy.deletion_helpers import (
    MARKER,
    database_and_files_mentioning,
    make_account,
    make_staff,
    shift_deleted_back,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def email_copies(settings, tmp_path):
    """The development file backend (``make run`` writes ``var/emails/``), so its copies are checked too."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "emails"
    settings.EMAIL_FILE_PATH.mkdir()
    return settings.EMAIL_FILE_PATH


def _request(cycle: int, what: str) -> dict:
    return {
        "reason": f"เหตุผลลับ-{what}-{cycle} {MARKER}",
        "channel": "phone",
        "requested_by": f"คุณผู้ขอลับ-{what}-{cycle}",
    }


def _needles(account, cycles: int) -> list[str]:
    profile, report = account.profile, account.report
    requests = [_request(n, what) for n in range(1, cycles + 1) for what in ("account", "report")]
    return [
        *account.names,
        profile.contact_name,
        profile.contact_email,
        profile.slug,
        report.slug,
        report.title_th,
        MARKER,
        *(request["reason"] for request in requests),
        *(request["requested_by"] for request in requests),
    ]


def _staff_email_naming(account, staff) -> OutboxEmail:
    # Like a moderator's digest: someone else's email that quotes the account's name.
    return outbox_enqueue(
        key=f"staff-note:{account.user.pk}",
        to=staff.email,
        template="test_message",
        context={"note": f"รอพิจารณา: {account.profile.name_th}"},
        language="th",
    )


def _cycles(account, staff, cycles: int) -> DeletionRecord:
    """Per cycle: the report deleted on its own and restored, then the whole account deleted (and restored,
    except the last time)."""
    for n in range(1, cycles + 1):
        report_record = report_delete_on_request(report=account.report, staff_user=staff, **_request(n, "report"))
        deletion_restore(record=report_record, staff_user=staff)
        record = account_delete_on_request(profile=account.profile, staff_user=staff, **_request(n, "account"))
        if n < cycles:
            deletion_restore(record=record, staff_user=staff)
    return record


def _assert_history_names_nobody(account) -> None:
    records = DeletionRecord.objects.filter(owner_id=account.user.pk)
    assert records.count() >= 2
    for values in records.values_list("label", "reason", "requested_by", "quarantined_files"):
        assert values == ("", "", "", [])
    assert records.filter(purged_at__isnull=True, restored_at__isnull=True).count() == 0
    entries = ModelLogEntry.objects.filter(
        content_type__model="deletionrecord", object_id__in=[str(pk) for pk in records.values_list("pk", flat=True)]
    )
    for entry in entries:
        assert set(entry.data) <= {"channel", "record", "reports", "with_account", "kind", "object_id", "reason"}
        assert entry.data.get("reason", PURGE_REASON_CODE) in (PURGE_REASON_CODE, ERASED_WITH_ACCOUNT)
        assert entry.label == str(records.get(pk=int(entry.object_id)))


@pytest.mark.parametrize("cycles", [2, 3])
def test_purge_after_delete_restore_cycles_leaves_no_trace(cycles, email_copies, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account, staff = make_account(), make_staff()
        _staff_email_naming(account, staff)
        record = _cycles(account, staff, cycles)
    shift_deleted_back(record, days=31)
    needles = _needles(account, cycles)
    assert len(list(email_copies.glob("*.log"))) >= 2 * cycles
    before = database_and_files_mentioning(needles)
    assert {hit.rsplit(": ", 1)[1] for hit in before} == {needle.lower() for needle in needles}
    assert any(hit.startswith("table moderation_deletionrecord") for hit in before)
    assert any(hit.startswith("table wagtailcore_modellogentry") for hit in before)
    assert any(hit.startswith("email copy") for hit in before)

    with django_capture_on_commit_callbacks(execute=True):
        assert deletion_purge_due() == 1

    assert database_and_files_mentioning(needles) == []
    _assert_history_names_nobody(account)
    staff_note = OutboxEmail.objects.get(key=f"staff-note:{account.user.pk}")
    assert "[ลบแล้ว]" in staff_note.body_text  # the staff member's email stays, without the name


def test_a_report_still_in_its_restore_window_is_closed_with_its_account(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account, staff = make_account(), make_staff()
        report_record = report_delete_on_request(report=account.report, staff_user=staff, **_request(1, "report"))
        record = account_delete_on_request(profile=account.profile, staff_user=staff, **_request(1, "account"))
    shift_deleted_back(record, days=31)
    needles = _needles(account, 1)

    with django_capture_on_commit_callbacks(execute=True):
        assert deletion_purge_due() == 1

    assert database_and_files_mentioning(needles) == []
    report_record.refresh_from_db()
    assert report_record.purged_at is not None and report_record.restored_at is None
    closed = ModelLogEntry.objects.for_instance(report_record).get(action="privacy.purge")
    assert closed.data["reason"] == ERASED_WITH_ACCOUNT
    _assert_history_names_nobody(account)
    shift_deleted_back(report_record, days=31)
    assert deletion_purge_due() == 0  # nothing left to purge later


def test_a_report_purge_erases_its_earlier_deletions_and_keeps_the_account(
    email_copies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        account, staff = make_account(), make_staff()
        outbox_enqueue(
            key="staff-note:report",
            to=staff.email,
            template="test_message",
            context={"note": f"รายงาน: {account.report.title_th}"},
            language="th",
        )
        first = report_delete_on_request(report=account.report, staff_user=staff, **_request(1, "report"))
        deletion_restore(record=first, staff_user=staff)
        second = report_delete_on_request(report=account.report, staff_user=staff, **_request(2, "report"))
    shift_deleted_back(second, days=31)
    needles = [account.report.title_th, account.report.slug]
    needles += [_request(n, "report")[field] for n in (1, 2) for field in ("reason", "requested_by")]
    before = database_and_files_mentioning(needles)
    assert {hit.rsplit(": ", 1)[1] for hit in before} == {needle.lower() for needle in needles}

    with django_capture_on_commit_callbacks(execute=True):
        assert deletion_purge_due() == 1

    assert database_and_files_mentioning(needles) == []
    first.refresh_from_db()
    assert (first.label, first.reason, first.requested_by) == ("", "", "")
    assert first.restored_at is not None  # the restore itself stays recorded (dates and ids only)
    assert database_and_files_mentioning([account.user.email, account.profile.name_th])  # the account stays
