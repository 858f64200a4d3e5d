"""The purge ledger: every erasure leaves ids and dates (no personal data) in the database and in the ledger store
outside it; a replay erases again only the very item erased (same id and creation date)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from creators.models import ImpactCreatorProfile, User
from ops.models import PurgeLedgerEntry
from ops.purge_ledger import LedgerItem, purge_ledger_items, purge_ledger_sync
from ops.restore import purge_ledger_replay
from privacy.accounts import account_delete_own
from privacy.deletion import account_delete_on_request, report_delete_on_request
from privacy.tasks import purge_deleted_items
from reports.models import ImpactReport
from tests.privacy.deletion_helpers import (
    database_and_files_mentioning,
    make_account,
    make_staff,
    shift_deleted_back,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ledger_store(settings, tmp_path) -> Path:
    settings.PURGE_LEDGER_ROOT = tmp_path / "ledger"
    return tmp_path / "ledger"


def store_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def needles(account) -> list[str]:
    profile = account.profile
    return [*account.names, profile.contact_name, profile.contact_email, profile.slug, account.report.slug]


def test_the_daily_purge_writes_ids_and_dates_only(ledger_store, django_capture_on_commit_callbacks):
    account, staff = make_account(), make_staff()
    user_id, joined = account.user.pk, account.user.date_joined
    record = account_delete_on_request(
        profile=account.profile, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
    )
    shift_deleted_back(record, days=31)
    assert PurgeLedgerEntry.objects.count() == 0 and store_files(ledger_store) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_deleted_items() == 1
    entry = PurgeLedgerEntry.objects.get()
    assert (entry.kind, entry.object_id, entry.created_at) == ("account", user_id, joined)
    [copy] = store_files(ledger_store)
    data = json.loads(copy.read_text())
    assert set(data) == {"kind", "object_id", "created_at", "purged_at"}
    assert (data["kind"], data["object_id"]) == ("account", user_id)
    text = str(copy) + copy.read_text()
    assert not any(needle.lower() in text.lower() for needle in needles(account))
    assert purge_ledger_items() == [LedgerItem("account", user_id, joined, entry.purged_at)]


def test_a_report_purged_alone_and_an_owner_deleting_their_own_account_are_in_the_ledger(
    ledger_store, django_capture_on_commit_callbacks
):
    account, staff = make_account(), make_staff()
    report = account.report
    record = report_delete_on_request(
        report=report, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
    )
    shift_deleted_back(record, days=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_deleted_items() == 1
    assert list(PurgeLedgerEntry.objects.values_list("kind", "object_id")) == [("report", report.pk)]
    never_approved = User.objects.create_user(email="never@example.org", password="x-password-123")
    with django_capture_on_commit_callbacks(execute=True):
        account_delete_own(user=never_approved)
    assert ("account", never_approved.pk) in PurgeLedgerEntry.objects.values_list("kind", "object_id")
    assert len(store_files(ledger_store)) == 2


def test_a_lost_copy_is_written_by_the_next_sync(ledger_store, django_capture_on_commit_callbacks):
    user = User.objects.create_user(email="gone@example.org", password="x-password-123")
    account_delete_own(user=user)  # the commit callbacks never run: as if the store was down at commit time
    assert store_files(ledger_store) == []
    assert purge_ledger_sync() == 1
    assert purge_ledger_sync() == 0
    assert [item.object_id for item in purge_ledger_items()] == [user.pk]


def test_a_replay_erases_the_same_item_again_but_never_a_newer_one_with_the_same_id():
    """After a restore, the database holds the item again; ids may also have been handed out anew since."""
    erased, newer, staff = make_account(), make_account(), make_staff()
    newer_record = account_delete_on_request(
        profile=newer.profile, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
    )
    # The ledger says: this account (its id, its creation date) was erased after the backup.
    item = LedgerItem("account", erased.user.pk, erased.user.date_joined, timezone.now())
    # A different account whose id matches a ledger entry, but not its creation date.
    reused = LedgerItem("account", newer.user.pk, newer.user.date_joined - timedelta(days=3), timezone.now())
    assert purge_ledger_replay(items=[item, reused]) == 1
    assert not User.objects.filter(pk=erased.user.pk).exists()
    assert database_and_files_mentioning(needles(erased)) == []
    assert ImpactCreatorProfile.objects.filter(pk=newer.profile.pk).exists()
    assert ImpactReport.objects.filter(pk=newer.report.pk).exists()
    newer_record.refresh_from_db()  # the newer account's deletion request is untouched: still restorable
    assert (newer_record.requested_by, newer_record.purged_at, newer_record.is_restorable) == ("คุณผู้ขอ", None, True)
    assert list(PurgeLedgerEntry.objects.values_list("object_id", flat=True)) == [erased.user.pk]
