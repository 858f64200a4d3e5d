import pytest
from django.test import Client
from django.urls import reverse

from creators.models import ConsentRecord, ImpactAssessorProfile, ImpactCreatorProfile, User
from creators.models.profiles import ProfileStatus
from creators.selectors import profile_status
from outbox.models import OutboxEmail
from tests.creators.factories import (
    assessor_form_data,
    creator_form_data,
    png_upload,
    verification_path,
    verify_and_log_in,
)

pytestmark = pytest.mark.django_db


def register(client, data, kind="creator", prefix=""):
    return client.post(f"{prefix}/accounts/register/{kind}/", data)


def test_creator_registration_creates_an_unverified_draft_and_a_verification_email(client):
    response = register(client, {**creator_form_data(), "logo": png_upload()})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/register/check-email/")
    user = User.objects.get(email="somchai@example.org")
    profile = user.creator_profile
    assert user.email_verified_at is None and not profile.live and not profile.workflow_in_progress
    assert profile.logo is not None and "logo" not in profile.logo.file.name  # re-encoded under a random name
    assert set(profile.sdg_goals.values_list("number", flat=True)) == {1, 10}
    assert ConsentRecord.objects.get(user=user).version == "2026-11"
    email = OutboxEmail.objects.get(key__startswith=f"verify:{user.pk}:")
    assert "/accounts/verify/" in email.body_text and email.language == "th"
    assert profile_status(profile).status == ProfileStatus.UNVERIFIED


def test_english_registration_gets_english_emails_and_english_links(client):
    register(client, creator_form_data(), prefix="/en")
    email = OutboxEmail.objects.get(key__startswith="verify:")
    assert email.language == "en" and "/en/accounts/verify/" in email.body_text


def test_verification_submits_the_profile_into_moderation_with_a_5_business_day_due_date(client):
    register(client, creator_form_data())
    response = client.post(verification_path("somchai@example.org"))
    assert response.status_code == 302
    profile = ImpactCreatorProfile.objects.get()
    assert profile.workflow_in_progress and profile.due_date is not None
    received = OutboxEmail.objects.get(key__startswith="profile-received:")
    assert received.to == "somchai@example.org"
    status = profile_status(profile)
    assert status.status == ProfileStatus.PENDING and status.due_date == profile.due_date
    # Opening the link again changes nothing and sends nothing more.
    client.post(verification_path("somchai@example.org"))
    assert OutboxEmail.objects.filter(key__startswith="profile-received:").count() == 1


def test_dashboard_shows_pending_with_its_due_date_and_no_edit_or_delete(client):
    register(client, creator_form_data())
    verify_and_log_in(client)
    page = client.get("/accounts/").content.decode()
    assert "รออนุมัติ" in page or "Pending" in page
    assert "/accounts/profile/edit/" not in page and "/accounts/delete/" not in page


def test_a_pending_registrant_posting_to_edit_or_delete_changes_nothing(client):
    register(client, creator_form_data())
    verify_and_log_in(client)
    before = ImpactCreatorProfile.objects.get()
    revisions = before.revisions.count()
    response = client.post("/accounts/profile/edit/", {**creator_form_data(name_th="ชื่อใหม่")})
    assert response.status_code == 302
    response = client.post("/accounts/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    after = ImpactCreatorProfile.objects.get()
    assert after.name_th == before.name_th and after.revisions.count() == revisions
    assert User.objects.filter(email="somchai@example.org").exists()


@pytest.mark.parametrize("email", ["somchai@example.org", "SomChai@Example.ORG", " somchai@example.org "])
def test_an_existing_address_in_any_case_creates_nothing_and_notifies_the_owner(client, email):
    register(client, creator_form_data())
    User.objects.filter(email="somchai@example.org").update(date_joined="2026-01-01T00:00:00+07:00")
    response = register(client, creator_form_data(email=email, name_th="องค์กรอื่น"))
    assert response.status_code == 302 and response["Location"].endswith("/accounts/register/check-email/")
    assert User.objects.count() == 1 and ImpactCreatorProfile.objects.count() == 1
    assert OutboxEmail.objects.filter(key__startswith="duplicate-registration:").count() == 1


def test_names_are_cleaned_of_invisible_characters_and_stored_in_nfc(client):
    register(client, creator_form_data(name_th="มูล\u200bนิธิ\u202eน\u0e4d\u0e32ทาง", name_en="Clean\ufeff Name"))
    profile = ImpactCreatorProfile.objects.get()
    assert profile.name_th == "มูลนิธินำทาง"
    assert profile.name_en == "Clean Name"


def test_a_name_of_only_invisible_characters_is_refused(client):
    response = register(client, creator_form_data(name_th="\u200b\u200c\u200d"))
    assert response.status_code == 200 and not User.objects.exists()
    assert "name_th" in response.context["form"].errors


def test_extra_post_fields_cannot_set_status_or_staff(client):
    register(
        client, {**creator_form_data(), "is_staff": "on", "is_superuser": "on", "live": "on", "status": "approved"}
    )
    user = User.objects.get()
    assert not user.is_staff and not user.is_superuser and not user.creator_profile.live


@pytest.mark.parametrize(
    "upload,code",
    [
        (lambda: png_upload(size=(1, 1)).__class__("logo.png", b"not an image at all", "image/png"), "image_invalid"),
        (lambda: png_upload().__class__("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
         "image_format_not_allowed"),
    ],
)  # fmt: skip
def test_bad_logos_are_refused_with_a_clear_error(client, upload, code):
    response = register(client, {**creator_form_data(), "logo": upload()})
    assert response.status_code == 200 and not User.objects.exists()
    assert response.context["form"].errors["logo"]


def test_header_injection_in_a_name_cannot_reach_email_headers(client):
    register(client, creator_form_data(name_th="ชื่อ\r\nBcc: evil@example.com"))
    profile = ImpactCreatorProfile.objects.get()
    assert "\n" not in profile.name_th and "\r" not in profile.name_th


def test_password_rules_and_long_passphrases(client):
    response = register(client, creator_form_data(password1="12345678", password2="12345678"))
    assert response.status_code == 200 and "password1" in response.context["form"].errors
    long_passphrase = "ช้างเผือก " * 40
    response = register(client, creator_form_data(password1=long_passphrase, password2=long_passphrase))
    assert response.status_code == 302 and User.objects.get().check_password(long_passphrase)


def test_privacy_notice_must_be_accepted(client):
    data = creator_form_data()
    del data["accept_privacy"]
    response = register(client, data)
    assert response.status_code == 200 and "accept_privacy" in response.context["form"].errors


def test_assessor_registration(client):
    response = register(client, {**assessor_form_data(), "photo": png_upload("me.png")}, kind="assessor")
    assert response.status_code == 302
    profile = ImpactAssessorProfile.objects.get()
    assert profile.photo is not None and profile.provinces_served.get().slug == "bangkok"


def test_unverified_login_is_refused_with_a_clear_message(client):
    register(client, creator_form_data())
    response = client.post(
        "/accounts/login/", {"username": "somchai@example.org", "password": creator_form_data()["password1"]}
    )
    assert response.status_code == 200
    assert "unverified" in [e.code for e in response.context["form"].non_field_errors().as_data()]


def test_resend_sends_a_new_link_but_not_twice_a_minute(client):
    register(client, creator_form_data())
    OutboxEmail.objects.update(created_at="2026-01-01T00:00:00+07:00")
    client.post(reverse("creators:resend_verification"), {"email": "SOMCHAI@example.org"})
    client.post(reverse("creators:resend_verification"), {"email": "somchai@example.org"})
    assert OutboxEmail.objects.filter(key__startswith="verify:").count() == 2
    client.post(reverse("creators:resend_verification"), {"email": "nobody@example.org"})
    assert OutboxEmail.objects.filter(key__startswith="verify:").count() == 2


def test_opening_the_link_only_asks_a_mail_scanners_get_confirms_nothing(client):
    register(client, creator_form_data())
    path = verification_path("somchai@example.org")
    scanner = Client()  # what a mail gateway does with every link in an email
    for _ in range(2):
        page = scanner.get(path)
        assert page.status_code == 200
        html = page.content.decode()
        assert "<h1>ยืนยันอีเมลของคุณ</h1>" in html and 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert User.objects.get().email_verified_at is None
    assert not ImpactCreatorProfile.objects.get().workflow_in_progress
    assert "_auth_user_id" not in scanner.session
    assert not OutboxEmail.objects.filter(key__startswith="profile-received:").exists()

    confirmed = client.post(path)
    assert confirmed.status_code == 302 and confirmed["Location"] == "/accounts/login/"
    assert User.objects.get().email_verified_at is not None
    again = client.get(path).content.decode()
    assert "ยืนยันอีเมลนี้แล้ว" in again and 'method="post"' not in again
    english = Client().get("/en" + path).content.decode()
    assert "<h1>Confirm your email address</h1>" in english


def test_tampered_or_expired_links_are_refused(client, settings):
    register(client, creator_form_data())
    path = verification_path("somchai@example.org")
    assert client.get(path[:-3] + "xyz/").status_code == 400
    assert client.post(path[:-3] + "xyz/").status_code == 400
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=10**10):
        assert client.get(path).status_code == 400
        assert client.post(path).status_code == 400
    assert User.objects.get().email_verified_at is None


def test_the_privacy_notice_is_linked_from_the_form_and_readable_in_both_languages(client):
    assert 'href="/privacy/"' in client.get("/accounts/register/creator/").content.decode()
    assert 'href="/en/privacy/"' in client.get("/en/accounts/register/assessor/").content.decode()
    assert "ประกาศความเป็นส่วนตัว" in client.get("/privacy/").content.decode()
    assert "Privacy notice" in client.get("/en/privacy/").content.decode()


def test_office_closure_days_push_the_due_date(client):
    import datetime

    from django.utils import timezone

    from moderation.models import ClosureDay
    from moderation.sla import add_business_days

    today = timezone.localdate()
    without_closures = add_business_days(today, 5)
    for offset in range(1, 15):
        ClosureDay.objects.create(date=today + datetime.timedelta(days=offset), reason="ปิดทำการ")
    register(client, creator_form_data())
    client.post(verification_path("somchai@example.org"))
    due = ImpactCreatorProfile.objects.get().due_date
    assert due > without_closures and due > today + datetime.timedelta(days=14)


@pytest.mark.parametrize(
    "password",
    ["somchai.example", "Chiang Mai Community Foundation", "มูลนิธิพัฒนาชุมชนเชียงใหม่", "สมชาย ใจดี 2569"],
)
def test_the_password_may_not_resemble_the_address_or_the_names(client, password):
    # Issue 22.8: the similarity validator was never given the account at registration.
    response = register(client, creator_form_data(password1=password, password2=password))
    assert response.status_code == 200 and not User.objects.exists()
    codes = [error.code for error in response.context["form"].errors.as_data()["password1"]]
    assert "password_too_similar" in codes


def test_an_assessors_password_may_not_be_their_name(client):
    password = "สมหญิง ประเมินดี"
    response = register(client, assessor_form_data(password1=password, password2=password), kind="assessor")
    assert response.status_code == 200 and not User.objects.exists()
    message = response.context["form"].errors["password1"][0]
    assert "ชื่อ (บุคคลหรือบริษัท)" in message or "Name (person or firm)" in message
