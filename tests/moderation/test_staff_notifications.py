"""Issue 21: staff hear of a new request in their own admin language through the outbox; Wagtail's own workflow
emails (English, sent inside the registrant's request, with admin links) go to nobody for profiles and reports."""

from __future__ import annotations

import email as email_lib

import pytest
from django.core import mail
from wagtail.users.models import UserProfile

from creators.models import ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from tests.creators.factories import creator_form_data, decide, make_moderator, verification_path

pytestmark = pytest.mark.django_db


def _admin_language(user: User, language: str) -> User:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def staff():
    thai = make_moderator("moderator-th@example.org")
    english = _admin_language(make_moderator("moderator-en@example.org"), "en")
    quiet = make_moderator("moderator-quiet@example.org")
    settings = UserProfile.get_for_user(quiet)
    settings.submitted_notifications = False  # switched off in their admin account
    settings.save()
    root = User.objects.create_superuser(email="root@example.org", password="x-admin-password-1")
    return {"th": thai, "en": english, "quiet": quiet, "root": root}


def _register_and_verify(client, django_capture_on_commit_callbacks) -> ImpactCreatorProfile:
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/register/creator/", creator_form_data())  # the registrant reads English
    with django_capture_on_commit_callbacks(execute=True):
        client.post(verification_path("somchai@example.org"))
    return ImpactCreatorProfile.objects.get()


def test_moderators_get_our_email_in_their_admin_language_and_wagtail_sends_none(
    client, staff, django_capture_on_commit_callbacks
):
    profile = _register_and_verify(client, django_capture_on_commit_callbacks)

    # Every email left through the outbox (each carries the outbox's Message-ID): none from Wagtail directly.
    for message in mail.outbox:
        assert email_lib.message_from_bytes(message.message().as_bytes())["Message-ID"].startswith("<outbox.")
    requests = {row.to: row for row in OutboxEmail.objects.filter(key__startswith="moderation-request:")}
    assert set(requests) == {"moderator-th@example.org", "moderator-en@example.org", "root@example.org"}
    thai, english = requests["moderator-th@example.org"], requests["moderator-en@example.org"]
    assert thai.language == "th" and "รออนุมัติ" in thai.subject and "มูลนิธิพัฒนาชุมชนเชียงใหม่" in thai.subject
    assert "ผู้สร้างผลกระทบ" in thai.body_text or "Impact Creator" in thai.body_text
    assert english.language == "en" and english.subject.startswith("Waiting for approval")
    assert f"/admin/snippets/creators/impactcreatorprofile/edit/{profile.pk}/" in thai.body_text
    assert requests["root@example.org"].language == "th"
    assert not [m for m in mail.outbox if "somchai@example.org" in m.to and "/admin/" in m.body]


def test_decisions_send_no_wagtail_email_to_anyone(client, staff, django_capture_on_commit_callbacks):
    profile = _register_and_verify(client, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(profile, staff["th"], "reject", reason="ขาดเอกสาร")
    assert [m.to for m in mail.outbox] == [["somchai@example.org"]]  # our own decision email only
    assert email_lib.message_from_bytes(mail.outbox[0].message().as_bytes())["Message-ID"].startswith("<outbox.")
