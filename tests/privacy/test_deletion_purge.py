"""The daily purge: never early, no trace left on day 31, killed mid-run and rerun, restore racing a purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django_q.models import Schedule
from wagtail.models import ModelLogEntry

from creators.models import ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from privacy import purge
from privacy.deletion import (
    ACTION_PURGE,
    DeletionError,
    account_delete_on_request,
    deletion_restore,
    report_delete_on_request,
)
from privacy.models import DeletionRecord
from privacy.purge import PURGE_REASON_CODE, deletion_purge_due
from privacy.tasks import purge_deleted_items
from reports.models import ImpactReport
from tests.media_areas import area_files
from tests.privacy.deletion_helpers import (
    MARKER,
    database_and_files_mentioning,
    logged_in_client,
    make_account,
    make_staff,
    shift_deleted_back,
)

# Every test twice: media in folders, and in S3 buckets on a moto server (tests/media_areas.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_backend")]


def delete(account, staff, days_ago: float = 0):
    record = account_delete_on_request(
        profile=account.profile, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
    )
    if days_ago:
        shift_deleted_back(record, days=days_ago)
    return record


def needles(account) -> list[str]:
    profile = account.profile
    return [*account.names, profile.contact_name, profile.contact_email, profile.slug, account.report.slug, MARKER]


def files_of(record) -> list[str]:
    return list(record.quarantined_files)


def test_purge_on_day_31_leaves_no_trace(client, django_capture_on_commit_callbacks):
    account, staff = make_account(), make_staff()
    logged_in_client(account.user)  # a session to end
    with django_capture_on_commit_callbacks(execute=True):
        record = delete(account, staff, days_ago=31)
    files = files_of(record)
    assert files and set(files) <= area_files("quarantine")
    # The search can fail: before the purge, every needle is found somewhere.
    before = database_and_files_mentioning(needles(account))
    assert {hit.rsplit(": ", 1)[1] for hit in before} == {n.lower() for n in needles(account)}

    with django_capture_on_commit_callbacks(execute=True):
        assert purge_deleted_items() == 1

    assert database_and_files_mentioning(needles(account)) == []
    assert not set(files) & (area_files("quarantine") | area_files("default") | area_files("private"))
    assert not User.objects.filter(pk=account.user.pk).exists()
    record.refresh_from_db()
    assert record.purged_at is not None
    assert (record.label, record.reason, record.requested_by, record.quarantined_files) == ("", "", "", [])
    entry = ModelLogEntry.objects.for_instance(record).get(action=ACTION_PURGE)
    assert entry.user is None
    assert entry.data == {
        "record": record.pk,
        "kind": "account",
        "object_id": account.profile.pk,
        "reason": PURGE_REASON_CODE,
    }
    assert not ModelLogEntry.objects.for_instance(account.profile).exists()
    with pytest.raises(DeletionError, match="ถูกลบถาวรแล้ว"):
        deletion_restore(record=record, staff_user=staff)


def test_the_purge_never_purges_early_and_skips_restored_items():
    staff = make_staff()
    early, restored = make_account(), make_account()
    early_record = delete(early, staff, days_ago=29.9)
    restored_record = delete(restored, staff, days_ago=10)
    deletion_restore(record=restored_record, staff_user=staff)
    shift_deleted_back(restored_record, days=25)
    assert deletion_purge_due() == 0
    assert ImpactCreatorProfile.objects.filter(pk__in=[early.profile.pk, restored.profile.pk]).count() == 2
    early_record.refresh_from_db()
    assert early_record.purge_started_at is None


def test_a_report_purge_keeps_the_account():
    account, staff = make_account(), make_staff()
    record = report_delete_on_request(
        report=account.report, reason="r", channel="email", requested_by="x", staff_user=staff
    )
    shift_deleted_back(record, days=31)
    assert deletion_purge_due() == 1
    assert not ImpactReport.objects.filter(pk=account.report.pk).exists()
    assert ImpactCreatorProfile.objects.public().filter(pk=account.profile.pk).exists()
    assert database_and_files_mentioning([account.report.slug]) == []


def test_purge_killed_after_the_first_batch_and_rerun(settings, monkeypatch):
    settings.DELETION_PURGE_BATCH_SIZE = 1
    staff = make_staff()
    accounts = [make_account(), make_account()]
    records = [delete(account, staff, days_ago=31) for account in accounts]
    real_purge_one, calls = purge.deletion_purge_one, []

    def killed_after_first_batch(**kwargs):
        if calls:
            raise SystemExit("killed")
        calls.append(kwargs)
        return real_purge_one(**kwargs)

    monkeypatch.setattr(purge, "deletion_purge_one", killed_after_first_batch)
    with pytest.raises(SystemExit):
        deletion_purge_due()
    assert [DeletionRecord.objects.get(pk=r.pk).purged_at is not None for r in records] == [True, False]

    monkeypatch.setattr(purge, "deletion_purge_one", real_purge_one)
    assert deletion_purge_due() == 1
    assert DeletionRecord.objects.filter(purged_at__isnull=True).count() == 0
    assert ModelLogEntry.objects.filter(action=ACTION_PURGE).count() == 2  # one audit entry each, never twice
    assert database_and_files_mentioning([n for a in accounts for n in needles(a)]) == []


def test_purge_killed_mid_item_is_finished_by_the_rerun_and_cannot_be_restored(monkeypatch):
    account, staff = make_account(), make_staff()
    record = delete(account, staff, days_ago=31)
    real_erase_files = purge.erase_files

    def crash(names):
        raise OSError("disk went away")

    monkeypatch.setattr(purge, "erase_files", crash)
    with pytest.raises(OSError):
        deletion_purge_due()
    record.refresh_from_db()
    assert record.purge_started_at is not None and record.purged_at is None
    with pytest.raises(DeletionError, match="ถูกลบถาวรแล้ว"):
        deletion_restore(record=record, staff_user=staff, now=record.purge_after - timedelta(minutes=1))

    monkeypatch.setattr(purge, "erase_files", real_erase_files)
    assert deletion_purge_due() == 1
    assert database_and_files_mentioning(needles(account)) == []


def test_a_restore_that_claims_first_wins_over_a_running_purge(monkeypatch):
    account, staff = make_account(), make_staff()
    record = delete(account, staff, days_ago=31)
    real_claim = purge._claim

    def restore_slips_in(record_id, now):
        # Another server's restore, a moment before the window closed, commits before the purge's claim.
        deletion_restore(record=record, staff_user=staff, now=record.purge_after - timedelta(seconds=1))
        return real_claim(record_id, now)

    monkeypatch.setattr(purge, "_claim", restore_slips_in)
    assert deletion_purge_due() == 0
    record.refresh_from_db()
    assert record.restored_at is not None and record.purged_at is None and record.purge_started_at is None
    assert ImpactCreatorProfile.objects.public().filter(pk=account.profile.pk).exists()
    assert OutboxEmail.objects.filter(key=f"deletion-restored:{record.pk}").count() == 1


def test_the_daily_schedule_exists():
    schedule = Schedule.objects.get(name="purge-deleted-items")
    assert schedule.func == "privacy.tasks.purge_deleted_items"
    assert schedule.schedule_type == Schedule.CRON
    assert schedule.cron == "30 3 * * *"


def test_a_report_erased_with_its_account_cannot_be_restored_later():
    account, staff = make_account(), make_staff()
    report_record = report_delete_on_request(
        report=account.report, reason="r", channel="phone", requested_by="x", staff_user=staff
    )
    account_record = delete(account, staff)
    shift_deleted_back(account_record, days=31)
    assert deletion_purge_due(now=report_record.purge_after - timedelta(days=1)) == 1  # the account only
    with pytest.raises(DeletionError, match="ถูกลบถาวรแล้ว"):
        deletion_restore(record=report_record, staff_user=staff)
    assert DeletionRecord.objects.get(pk=report_record.pk).restored_at is None
