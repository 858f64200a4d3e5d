"""Wagtail admin: "Delete on request" replaces Delete/Unpublish for profiles and reports; "Deleted items"
lists purge dates and days left; "Restore" is a confirmed POST. Plus the purge of unverified registrations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from creators.models import ImpactCreatorProfile, User
from privacy.deletion import ACTION_DELETE, ACTION_RESTORE
from privacy.models import DeletionRecord
from privacy.unverified import registration_purge_unverified
from reports.models import ImpactReport
from tests.privacy.deletion_helpers import (
    MARKER,
    database_and_files_mentioning,
    make_account,
    make_staff,
    shift_deleted_back,
)

pytestmark = pytest.mark.django_db
FORM = {"reason": "เจ้าของโทรมาขอลบ", "channel": "phone", "requested_by": "คุณสมชาย", "confirm": "on"}


@pytest.fixture
def staff_client(client):
    staff = make_staff()
    client.force_login(staff)
    client.staff = staff
    return client


def delete_url(kind: str, pk: int) -> str:
    return reverse("moderation_delete_on_request", args=[kind, pk])


def test_staff_delete_an_account_on_request_with_a_reason(staff_client):
    account = make_account()
    url = delete_url("creator", account.profile.pk)
    page = staff_client.get(url)
    assert page.status_code == 200
    assert account.report.title_th in page.content.decode()  # the reports that go with it are listed
    response = staff_client.post(url, FORM)
    assert response.status_code == 302
    assert response.url == reverse("moderation_deleted_items")
    record = DeletionRecord.objects.get()
    assert (record.reason, record.channel, record.requested_by, record.staff_user) == (
        FORM["reason"],
        "phone",
        "คุณสมชาย",
        staff_client.staff,
    )
    assert ImpactCreatorProfile.objects.get(pk=account.profile.pk).deleted_at is not None
    assert ModelLogEntry.objects.for_instance(account.profile).filter(action=ACTION_DELETE).exists()


@pytest.mark.parametrize("missing", ["reason", "requested_by", "confirm"])
def test_the_form_needs_reason_name_and_confirmation(staff_client, missing):
    account = make_account()
    response = staff_client.post(delete_url("report", account.report.pk), {**FORM, missing: ""})
    assert response.status_code == 200
    assert not DeletionRecord.objects.exists()
    assert ImpactReport.objects.get(pk=account.report.pk).deleted_at is None


def test_people_without_the_permission_cannot_delete_or_restore(client):
    account = make_account()
    client.force_login(User.objects.create_user(email="editor@example.org", password="x" * 12, is_staff=True))
    assert client.post(delete_url("creator", account.profile.pk), FORM).status_code in (302, 403)
    assert not DeletionRecord.objects.exists()
    assert client.get(reverse("moderation_deleted_items")).status_code in (302, 403)


def test_deleted_items_list_shows_purge_date_and_days_left_and_restores(staff_client):
    account = make_account()
    staff_client.post(delete_url("creator", account.profile.pk), FORM)
    record = DeletionRecord.objects.get()
    shift_deleted_back(record, days=20)
    listing = staff_client.get(reverse("moderation_deleted_items")).content.decode()
    assert account.profile.name_th in listing
    assert f"<td>{record.days_left}</td>" in listing
    assert record.days_left in (9, 10)
    restore_url = reverse("moderation_deletion_restore", args=[record.pk])
    assert restore_url in listing
    assert staff_client.get(restore_url).status_code == 200  # the confirmation page changes nothing
    assert DeletionRecord.objects.get().restored_at is None
    staff_client.post(restore_url)
    record.refresh_from_db()
    assert record.restored_by == staff_client.staff
    assert ImpactCreatorProfile.objects.public().filter(pk=account.profile.pk).exists()
    assert ModelLogEntry.objects.for_instance(account.profile).filter(action=ACTION_RESTORE).exists()
    assert 'data-testid="deleted-item"' not in staff_client.get(reverse("moderation_deleted_items")).content.decode()


def test_a_late_restore_shows_a_clear_error(staff_client):
    account = make_account()
    staff_client.post(delete_url("creator", account.profile.pk), FORM)
    record = DeletionRecord.objects.get()
    shift_deleted_back(record, days=31)
    response = staff_client.post(reverse("moderation_deletion_restore", args=[record.pk]), follow=True)
    with translation.override(response.headers.get("Content-Language", "th")):
        expected = gettext("The %(days)s-day restore period has ended: this item can no longer be restored.") % {
            "days": 30
        }
    assert escape(expected) in response.content.decode()
    assert DeletionRecord.objects.get().restored_at is None


def test_generic_delete_and_unpublish_lead_to_delete_on_request(staff_client, admin_user):
    account = make_account()
    staff_client.force_login(admin_user)  # a superuser has every generic permission
    for viewset_url in ("delete", "unpublish"):
        url = reverse(f"wagtailsnippets_creators_impactcreatorprofile:{viewset_url}", args=[account.profile.pk])
        response = staff_client.post(url)
        assert response.status_code == 302
        assert response.url == delete_url("creator", account.profile.pk)
    profile = ImpactCreatorProfile.objects.get(pk=account.profile.pk)
    assert profile.live and profile.deleted_at is None
    edit = staff_client.get(reverse("wagtailsnippets_creators_impactcreatorprofile:edit", args=[profile.pk]))
    html = edit.content.decode()
    assert delete_url("creator", profile.pk) in html
    assert "/unpublish/" not in html
    listing = staff_client.get(reverse("wagtailsnippets_reports_impactreport:list")).content.decode()
    assert delete_url("report", account.report.pk) in listing
    assert f"/delete/{account.report.pk}/" not in listing


def test_bulk_delete_is_refused(staff_client, admin_user):
    account = make_account()
    staff_client.force_login(admin_user)
    url = reverse("wagtail_bulk_action", args=["reports", "impactreport", "delete"]) + f"?id={account.report.pk}"
    staff_client.post(url, {"id": [account.report.pk]})
    assert ImpactReport.objects.filter(pk=account.report.pk).exists()


def test_the_unverified_registration_purge_leaves_no_trace(django_capture_on_commit_callbacks):
    account = make_account()
    User.objects.filter(pk=account.user.pk).update(
        email_verified_at=None, date_joined=timezone.now() - timedelta(days=8)
    )
    needles = [*account.names, account.profile.contact_email, MARKER]
    assert database_and_files_mentioning(needles)
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_purge_unverified() == 1
    assert database_and_files_mentioning(needles) == []


def test_deleted_items_list_queries_do_not_grow_with_the_list(staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("moderation_deleted_items")

    def queries() -> int:
        staff_client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(url).status_code == 200
        return len(captured)

    staff_client.post(delete_url("creator", make_account().profile.pk), FORM)
    one = queries()
    for _ in range(3):
        staff_client.post(delete_url("creator", make_account().profile.pk), FORM)
    assert queries() == one <= 15
