import threading

import pytest
from django.db import connection
from wagtail.models import TaskState

from creators.models import ImpactCreatorProfile
from creators.models.profiles import ProfileStatus
from creators.selectors import profile_status
from moderation.decisions import DecisionConflictError
from outbox.models import OutboxEmail
from tests.creators.factories import creator_form_data, decide, make_moderator, verification_path, verify_and_log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_profile(client):
    client.post("/accounts/register/creator/", creator_form_data())
    verify_and_log_in(client)
    return ImpactCreatorProfile.objects.get()


def test_approval_publishes_the_profile_and_emails_the_owner_once(client, pending_profile):
    moderator = make_moderator()
    decide(pending_profile, moderator, "approve")
    profile = ImpactCreatorProfile.objects.get()
    assert profile.live and not profile.workflow_in_progress
    assert profile_status(profile).status == ProfileStatus.APPROVED
    approved = OutboxEmail.objects.get(key__startswith="profile-decision:")
    assert "approved" in approved.subject.lower() or "อนุมัติ" in approved.subject
    page = client.get(f"/creators/{profile.slug}/")
    assert page.status_code == 200 and "มูลนิธิพัฒนาชุมชนเชียงใหม่" in page.content.decode()


def test_pending_and_rejected_profiles_are_not_public(client, pending_profile):
    assert client.get(f"/creators/{pending_profile.slug}/").status_code == 404
    decide(pending_profile, make_moderator(), "reject", reason="กรุณาแนบเลขทะเบียนที่ถูกต้อง")
    assert client.get(f"/creators/{pending_profile.slug}/").status_code == 404


def test_rejection_states_the_reason_and_allows_edit_and_resubmit_with_a_new_clock(client, pending_profile):
    decide(pending_profile, make_moderator(), "reject", reason="กรุณาแนบเลขทะเบียนที่ถูกต้อง")
    profile = ImpactCreatorProfile.objects.get()
    status = profile_status(profile)
    assert status.status == ProfileStatus.NEEDS_CHANGES and status.reason == "กรุณาแนบเลขทะเบียนที่ถูกต้อง"
    rejected = OutboxEmail.objects.get(key__startswith="profile-decision:")
    assert "กรุณาแนบเลขทะเบียนที่ถูกต้อง" in rejected.body_text

    ImpactCreatorProfile.objects.filter(pk=profile.pk).update(due_date="2020-01-01")
    response = client.post("/accounts/profile/edit/", creator_form_data(registration_number="0105555000001"))
    assert response.status_code == 302
    profile = ImpactCreatorProfile.objects.get()
    assert profile.workflow_in_progress and str(profile.due_date) != "2020-01-01"
    assert profile.registration_number == "0105555000001"  # not public yet, so the row holds the draft
    assert OutboxEmail.objects.filter(key__startswith="profile-received:").count() == 2


def test_an_edit_to_an_approved_profile_is_moderated_while_the_approved_version_stays_public(client, pending_profile):
    moderator = make_moderator()
    decide(pending_profile, moderator, "approve")
    client.post("/accounts/profile/edit/", creator_form_data(name_th="ชื่อใหม่ที่ยังไม่อนุมัติ"))
    profile = ImpactCreatorProfile.objects.get()
    assert profile_status(profile).status == ProfileStatus.CHANGES_PENDING
    public = client.get(f"/creators/{profile.slug}/").content.decode()
    assert "มูลนิธิพัฒนาชุมชนเชียงใหม่" in public and "ชื่อใหม่ที่ยังไม่อนุมัติ" not in public
    decide(profile, moderator, "approve")
    assert "ชื่อใหม่ที่ยังไม่อนุมัติ" in client.get(f"/creators/{profile.slug}/").content.decode()
    profile = ImpactCreatorProfile.objects.get()
    assert profile.due_date is not None and profile.submitted_at is not None  # kept through publishing


def test_a_second_decision_on_the_same_request_is_refused_and_sends_nothing(pending_profile):
    moderator, other = make_moderator(), make_moderator("other@example.org")
    task_state = ImpactCreatorProfile.objects.get().current_workflow_state.current_task_state
    stale_copy = TaskState.objects.get(pk=task_state.pk)  # what the second moderator's page loaded
    decide(pending_profile, moderator, "approve")
    with pytest.raises(DecisionConflictError):
        stale_copy.task.specific.on_action(stale_copy, other, "reject", comment="late")
    assert OutboxEmail.objects.filter(key__startswith="profile-decision:").count() == 1
    assert ImpactCreatorProfile.objects.get().live


def test_rejection_without_a_reason_is_not_accepted_by_the_admin_form():
    from moderation.workflow_models import RejectionReasonForm

    assert not RejectionReasonForm({"comment": "   "}).is_valid()
    assert RejectionReasonForm({"comment": "ขาดเอกสาร"}).is_valid()


def test_moderator_rejects_in_the_wagtail_admin_with_a_required_reason(client, pending_profile):
    moderator = make_moderator()
    client.force_login(moderator)
    profile = ImpactCreatorProfile.objects.get()
    task_state = profile.current_workflow_state.current_task_state
    url = f"/admin/snippets/creators/impactcreatorprofile/workflow/action/{profile.pk}/reject/{task_state.pk}/"
    client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert ImpactCreatorProfile.objects.get().workflow_in_progress
    client.post(url, {"comment": "ข้อมูลไม่ครบ"})
    profile = ImpactCreatorProfile.objects.get()
    assert not profile.workflow_in_progress and profile.rejection_reason == "ข้อมูลไม่ครบ"


def test_moderator_listing_shows_due_dates_and_the_dashboard_panel(client, pending_profile):
    client.force_login(make_moderator())
    listing = client.get("/admin/snippets/creators/impactcreatorprofile/")
    assert listing.status_code == 200
    assert "มูลนิธิพัฒนาชุมชนเชียงใหม่" in listing.content.decode()
    home = client.get("/admin/")
    assert home.status_code == 200 and "due-requests-heading" in home.content.decode()


def test_wagtail_does_not_send_its_own_workflow_emails_to_registrants(pending_profile, mailoutbox):
    decide(pending_profile, make_moderator(), "approve")
    assert not [m for m in mailoutbox if "somchai@example.org" in m.to and "/admin/" in m.body]


@pytest.mark.serial
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent transactions need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_deciding_at_once_end_with_one_outcome(client, django_db_blocker):
    from portal.initial_content import load_initial_content

    load_initial_content()
    client.post("/accounts/register/creator/", creator_form_data())
    client.post(verification_path("somchai@example.org"))
    moderators = [make_moderator(), make_moderator("other@example.org")]
    barrier = threading.Barrier(2)
    outcomes = []

    def act(user, action):
        state = ImpactCreatorProfile.objects.get().current_workflow_state.current_task_state
        barrier.wait()
        try:
            state.task.specific.on_action(state, user, action, **({"comment": "x"} if action == "reject" else {}))
            outcomes.append(action)
        except DecisionConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(moderators[0], "approve")),
        threading.Thread(target=act, args=(moderators[1], "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes).count("conflict") == 1
    assert OutboxEmail.objects.filter(key__startswith="profile-decision:").count() == 1


def test_moderators_can_only_publish_registrant_content_by_approving(client, pending_profile):
    client.force_login(make_moderator())
    page = client.get(f"/admin/snippets/creators/impactcreatorprofile/edit/{pending_profile.pk}/").content.decode()
    assert 'name="action-publish"' not in page
    assert "approve" in page  # the workflow's own approve action is still offered
