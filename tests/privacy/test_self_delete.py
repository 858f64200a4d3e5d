"""The owner deletes their own registration: only if nothing was ever approved, confirmed, and for real."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.test import Client
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from creators.models import (
    ConsentRecord,
    ConsultationRequest,
    ImpactCreatorProfile,
    PasswordResetRequest,
    User,
    UserSession,
)
from moderation.digest import moderator_digest_send
from outbox.models import OutboxEmail
from tests.creators.factories import (
    DEFAULT_PASSWORD,
    creator_form_data,
    decide,
    make_moderator,
    png_upload,
    verify_and_log_in,
)
from tests.creators.traces import database_traces, media_files
from tests.reports.factories import make_complete_report, make_owner

# Every test twice: media in folders, and in S3 buckets on a moto server (tests/media_areas.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_backend")]

EMAIL = "somchai@example.org"
MARKER = "SELF-DELETE-MARKER-7f3a"
NAMES = ("มูลนิธิพัฒนาชุมชนเชียงใหม่", "Chiang Mai Community Foundation", "สมชาย ใจดี")
RENAMED = ("มูลนิธิชื่อใหม่เชียงใหม่", "Renamed Chiang Mai Foundation")
PHONE_MESSAGE = 'data-testid="delete-by-phone"'  # the footer shows the numbers on every page


def register_and_verify(client, **overrides) -> ImpactCreatorProfile:
    data = creator_form_data(logo=png_upload(), description=f"{MARKER} โครงการผู้สูงอายุ", **overrides)
    assert client.post("/accounts/register/creator/", data).status_code == 302
    verify_and_log_in(client, data["email"])
    return ImpactCreatorProfile.objects.get(user__email=data["email"])


@pytest.fixture
def moderator():
    return make_moderator()


@pytest.fixture
def rejected(client, moderator, django_capture_on_commit_callbacks):
    """A registration that leaves traces everywhere: two private logos, two rejections, a digest
    that names it, a failed login, a password-reset request, a consultation request, another session."""
    with django_capture_on_commit_callbacks(execute=True):
        profile = register_and_verify(client)
        moderator_digest_send(today=profile.due_date)
        decide(profile, moderator, "reject", reason="กรุณาแนบเลขทะเบียน")
        # Renamed: the digest quotes the old names, which now live only in earlier revisions.
        edited = creator_form_data(
            logo=png_upload("second.png"), description=f"{MARKER} แก้ไขแล้ว", name_th=RENAMED[0], name_en=RENAMED[1]
        )
        assert client.post("/accounts/profile/edit/", edited).status_code == 302
        decide(profile, moderator, "reject", reason="ยังไม่ครบถ้วน")
        profile.refresh_from_db()
        # Never approved: the logos wait in the private root, where nothing can make a rendition of them.
        assert get_rendition_or_not_found(profile.logo, "fill-40x40").file.name == "not-found"
        Client().post("/accounts/login/", {"username": EMAIL, "password": DEFAULT_PASSWORD})  # a second device
        other = Client()
        other.post("/accounts/login/", {"username": EMAIL, "password": "not the password 12345"})
        other.post("/accounts/password/reset/", {"email": EMAIL})  # processed at once (sync tasks)
        PasswordResetRequest.objects.create(email=EMAIL)  # one not processed yet
        someone = make_owner("someone@example.org")
        ConsultationRequest.objects.create(sender=someone, recipient=profile.user, subject="ขอคำปรึกษา", message="x")
    return profile


def test_a_rejected_registration_deletes_itself_and_leaves_no_trace(
    client, rejected, django_capture_on_commit_callbacks
):
    images = list(get_image_model().objects.filter(uploaded_by_user=rejected.user))
    stems = [image.file.name.rsplit("/", 1)[-1].split(".")[0] for image in images]
    files = {file for file in media_files() if any(stem in file.rsplit("/", 1)[-1] for stem in stems)}
    assert len(images) == 2 and len(files) == 2  # two originals, private
    assert all(file.startswith("private:") for file in files)
    assert database_traces(EMAIL, MARKER, *NAMES, *RENAMED)  # the search really finds them before
    assert AccessAttempt.objects.filter(username=EMAIL).exists()
    assert PasswordResetRequest.objects.filter(email=EMAIL).exists()
    assert UserSession.objects.count() >= 2
    digest = OutboxEmail.objects.get(key__startswith="moderator-digest:")
    assert NAMES[0] in digest.body_text or NAMES[1] in digest.body_text

    page = client.get("/accounts/delete/")
    assert page.status_code == 200 and 'name="confirm"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"confirm": "yes"})

    assert response.status_code == 302 and response["Location"] == "/"
    assert not User.objects.filter(email=EMAIL).exists()
    assert database_traces(EMAIL, MARKER, *NAMES, *RENAMED) == []
    assert not files & media_files()
    assert not get_image_model().objects.filter(pk__in=[image.pk for image in images]).exists()
    for model in (ImpactCreatorProfile, ConsentRecord, ConsultationRequest, AccessAttempt, AccessLog, AccessFailureLog):
        assert not model.objects.exists(), model
    assert not Revision.objects.filter(object_id=str(rejected.pk), base_content_type__model="impactcreatorprofile")
    assert not WorkflowState.objects.filter(object_id=str(rejected.pk))
    assert not ModelLogEntry.objects.filter(object_id=str(rejected.pk), content_type__model="impactcreatorprofile")
    assert UserSession.objects.filter(expire_date__gt=timezone.now()).count() == 0
    digest.refresh_from_db()  # the moderator's email stays, without the name
    assert "[ลบแล้ว]" in digest.body_text or "[deleted]" in digest.body_text
    assert User.objects.filter(email="someone@example.org").exists()
    assert client.get("/accounts/").status_code == 302  # logged out


def test_the_dashboard_offers_delete_for_a_rejected_registration(client, rejected):
    page = client.get("/accounts/").content.decode()
    assert "/accounts/delete/" in page and PHONE_MESSAGE not in page


def test_without_the_confirmation_nothing_is_deleted(client, rejected):
    response = client.post("/accounts/delete/", {})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/delete/")
    assert User.objects.filter(email=EMAIL).exists() and ImpactCreatorProfile.objects.exists()


def test_a_never_verified_registration_may_delete_itself(client, django_capture_on_commit_callbacks):
    client.post("/accounts/register/creator/", creator_form_data(logo=png_upload()))
    user = User.objects.get(email=EMAIL)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/delete/", {"confirm": "yes"}).status_code == 302
    assert not User.objects.exists() and not get_image_model().objects.exists()
    assert database_traces(EMAIL, *NAMES) == []


def _refused(client, user):
    client.force_login(user)
    dashboard = client.get("/accounts/").content.decode()
    assert "/accounts/delete/" not in dashboard
    assert PHONE_MESSAGE in dashboard and 'href="/contact/"' in dashboard
    page = client.get("/accounts/delete/", follow=True)
    text = page.content.decode()
    assert "ลบได้โดยเจ้าหน้าที่เท่านั้น กรุณาโทรหาเรา" in text  # the message, above the numbers from the settings
    assert "กรุณาโทร 090-669-3961 หรือ 089-680-1233" in text
    response = client.post("/accounts/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    assert User.objects.filter(pk=user.pk).exists() and ImpactCreatorProfile.objects.filter(user=user).exists()


def test_an_approved_account_is_refused_and_pointed_to_the_phone_numbers(client, moderator):
    profile = register_and_verify(client)
    decide(profile, moderator, "approve")
    _refused(client, profile.user)


def test_the_refusal_is_in_english_under_en(client, moderator):
    profile = register_and_verify(client)
    decide(profile, moderator, "approve")
    page = client.get("/en/accounts/delete/", follow=True).content.decode()
    assert "can only be deleted by our staff" in page and 'href="/en/contact/"' in page


def test_a_once_approved_account_now_unpublished_and_rejected_is_refused(client, moderator):
    profile = register_and_verify(client)
    decide(profile, moderator, "approve")
    ImpactCreatorProfile.objects.filter(pk=profile.pk).update(live=False, rejection_reason="ข้อมูลไม่ครบ")
    _refused(client, profile.user)


def test_an_account_with_a_once_published_report_is_refused(client, moderator):
    profile = register_and_verify(client)
    decide(profile, moderator, "reject", reason="แก้ไข")
    report = make_complete_report(profile.user)
    type(report).objects.filter(pk=report.pk).update(first_published_at=timezone.now())
    _refused(client, profile.user)


def test_a_pending_registration_is_refused_with_its_own_message(client):
    register_and_verify(client)
    page = client.get("/accounts/delete/", follow=True).content.decode()
    assert "รอการพิจารณา" in page or "waiting for a moderator" in page
    assert User.objects.filter(email=EMAIL).exists()


def test_anonymous_is_sent_to_login(client):
    response = client.post("/accounts/delete/", {"confirm": "yes"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
