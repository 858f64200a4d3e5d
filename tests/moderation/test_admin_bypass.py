"""Issue 22.2: in the Wagtail admin nobody (moderator or superuser) can publish registrant content without the
approval workflow, reassign it to another account, undo a delete on request, or create it; forged POSTs to
the edit, revert, add and unpublish views change nothing. Approval through the workflow still publishes."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry, Revision

from creators.models import ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from privacy.deletion import account_delete_on_request
from reports.models import ImpactReport
from tests.creators.factories import creator_form_data, make_moderator, verification_path
from tests.privacy.deletion_helpers import make_account

pytestmark = pytest.mark.django_db
PROFILES = "/admin/snippets/creators/impactcreatorprofile"
REPORTS = "/admin/snippets/reports/impactreport"


@pytest.fixture(params=["moderator", "superuser"])
def staff(request, client):
    if request.param == "moderator":
        user = make_moderator()
    else:
        user = User.objects.create_superuser(email="root@example.org", password="x-admin-password-1")
    client.force_login(user)
    return user


@pytest.fixture
def unverified():
    """A registration whose email was never verified: no workflow, not live (registered in its own browser)."""
    Client().post("/accounts/register/creator/", creator_form_data())
    return ImpactCreatorProfile.objects.get()


def _as_posted(value) -> str | list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def edit_form_data(obj, user) -> dict:
    """What the admin's edit form posts for ``obj`` unchanged (built from the viewset's own form class)."""
    form = type(obj).snippet_viewset.get_edit_handler().get_form_class()(instance=obj, for_user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is True:
            data[name] = "on"
        elif value is not False:
            data[name] = _as_posted(value)
    return data


def snapshot(obj) -> tuple:
    model = type(obj)
    return (
        model.objects.filter(pk=obj.pk).values().get(),
        Revision.objects.for_instance(obj).count(),
        ModelLogEntry.objects.filter(object_id=str(obj.pk)).count(),
        OutboxEmail.objects.count(),
        len(mail.outbox),
    )


def test_a_forged_publish_of_an_unverified_registration_changes_nothing(client, staff, unverified):
    assert client.get(f"{PROFILES}/edit/{unverified.pk}/").status_code == 200  # staff are logged in
    before = snapshot(unverified)
    data = {**edit_form_data(unverified, staff), "action-publish": "action-publish"}
    response = client.post(f"{PROFILES}/edit/{unverified.pk}/", data)
    assert response.status_code == 302
    assert snapshot(unverified) == before
    assert not ImpactCreatorProfile.objects.get(pk=unverified.pk).live
    assert client.get(f"/creators/{unverified.slug}/").status_code == 404
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("ไม่ได้บันทึก" in m for m in messages)


@pytest.mark.parametrize("action", ["action-submit", "action-restart-workflow"])
def test_staff_cannot_submit_a_registration_for_its_owner(client, staff, unverified, action):
    before = snapshot(unverified)
    client.post(f"{PROFILES}/edit/{unverified.pk}/", {**edit_form_data(unverified, staff), action: action})
    assert snapshot(unverified) == before
    assert not ImpactCreatorProfile.objects.get(pk=unverified.pk).workflow_in_progress


def test_a_forged_account_changes_nothing(client, staff, unverified):
    other = User.objects.create_user(email="someone-else@example.org", password="x" * 12)
    before = snapshot(unverified)
    client.post(f"{PROFILES}/edit/{unverified.pk}/", {**edit_form_data(unverified, staff), "user": other.pk})
    assert snapshot(unverified) == before
    assert ImpactCreatorProfile.objects.get(pk=unverified.pk).user_id == unverified.user_id


def test_a_forged_deleted_at_does_not_undo_a_delete_on_request(client, staff, unverified):
    account_delete_on_request(
        profile=unverified, reason="ขอลบ", channel="phone", requested_by="คุณผู้ขอ", staff_user=staff
    )
    unverified.refresh_from_db()
    before = snapshot(unverified)
    client.post(f"{PROFILES}/edit/{unverified.pk}/", {**edit_form_data(unverified, staff), "deleted_at": ""})
    assert snapshot(unverified) == before
    assert ImpactCreatorProfile.objects.get(pk=unverified.pk).deleted_at is not None


@pytest.mark.parametrize("field", ["owner", "go_live_at", "expire_at", "sroi_ratio", "slug"])
def test_forged_report_fields_change_nothing(client, staff, field):
    account = make_account()
    other = User.objects.create_user(email="someone-else@example.org", password="x" * 12)
    report = account.draft_report
    forged = {"owner": other.pk, "go_live_at": "2030-01-01 10:00", "expire_at": "2000-01-01 10:00"}
    forged |= {"sroi_ratio": "99.0000", "slug": "taken-over"}
    before = snapshot(report)
    client.post(f"{REPORTS}/edit/{report.pk}/", {**edit_form_data(report, staff), field: forged[field]})
    assert snapshot(report) == before


def test_the_admin_form_has_none_of_the_protected_fields(staff, unverified):
    report = make_account().report
    assert not {"user", "deleted_at", "go_live_at", "expire_at", "slug"} & set(edit_form_data(unverified, staff))
    assert not {"owner", "deleted_at", "sroi_ratio", "withdrawn_at"} & set(edit_form_data(report, staff))


def test_a_forged_publish_through_the_revert_view_changes_nothing(client, staff):
    report = make_account().draft_report
    revision = report.save_revision(user=report.owner)
    before = snapshot(report)
    url = f"{REPORTS}/history/{report.pk}/revisions/{revision.pk}/revert/"
    client.post(url, {**edit_form_data(report, staff), "action-publish": "action-publish"})
    assert snapshot(report) == before
    assert not ImpactReport.objects.get(pk=report.pk).live


@pytest.mark.parametrize("base", [PROFILES, REPORTS])
def test_nobody_creates_profiles_or_reports_in_the_admin(client, staff, base):
    model = ImpactCreatorProfile if base == PROFILES else ImpactReport
    count = model.objects.count()
    assert client.get(f"{base}/add/").status_code != 200
    client.post(f"{base}/add/", {"action-publish": "action-publish", "slug": "made-by-staff"})
    assert model.objects.count() == count
    assert f"{base}/add/" not in client.get(f"{base}/").content.decode()


def test_a_forged_unpublish_leads_to_delete_on_request_and_changes_nothing(client, staff):
    report = make_account().report
    before = snapshot(report)
    response = client.post(f"{REPORTS}/unpublish/{report.pk}/", {})
    assert response.status_code == 302 and "/admin/moderation/delete/" in response.url
    assert snapshot(report) == before and ImpactReport.objects.get(pk=report.pk).live


def test_approval_in_the_admin_still_publishes(client):
    client.post("/accounts/register/creator/", creator_form_data())
    client.post(verification_path("somchai@example.org"))
    client.logout()
    profile = ImpactCreatorProfile.objects.get()
    client.force_login(make_moderator())
    task_state = profile.current_workflow_state.current_task_state
    url = f"{PROFILES}/workflow/action/{profile.pk}/approve/{task_state.pk}/"
    assert client.post(url, {}).status_code == 302
    profile.refresh_from_db()
    assert profile.live and not profile.workflow_in_progress
    assert OutboxEmail.objects.filter(key__startswith="profile-decision:", to="somchai@example.org").exists()
