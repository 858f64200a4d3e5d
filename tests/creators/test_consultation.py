"""CREATE IMPACT consultation requests: who may send, limits, double submissions, the email and its Reply-To."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from creators.models import ConsultationRequest, ImpactCreatorProfile
from creators.services.consultation import ConsultationRefusedError, consultation_send
from outbox.models import OutboxEmail
from tests.portal.test_directory_api import make_assessor as make_assessor_row
from tests.portal.test_directory_api import make_creator as make_creator_row

pytestmark = pytest.mark.django_db


def make_creator(slug, **fields):
    profile = make_creator_row(slug, **fields)
    profile.refresh_from_db()  # as a request would read it: approval published a copy
    return profile


def make_assessor(slug, **fields):
    profile = make_assessor_row(slug, **fields)
    profile.refresh_from_db()
    return profile


MESSAGE = "เราสนใจร่วมประเมินผลลัพธ์ทางสังคมของโครงการผู้สูงอายุ อยากนัดคุยรายละเอียดครับ"


def send(sender, recipient, subject="ขอคำปรึกษาเรื่อง SROI", message=MESSAGE):
    return consultation_send(
        sender=sender, recipient_profile=recipient, subject=subject, message=message, language="th"
    )


@pytest.fixture
def people():
    sender = make_creator("sender-org", email="sender@example.org", sdgs=[1])
    recipient = make_creator("recipient-org", email="recipient-login@example.org")
    recipient.user.preferred_language = "en"
    recipient.user.save(update_fields=["preferred_language"])
    return sender, recipient


def post(client, slug="recipient-org", kind="creators", **data):
    payload = {"subject": "ขอคำปรึกษาเรื่อง SROI", "message": MESSAGE, **data}
    return client.post(f"/{kind}/{slug}/consult/", payload)


# --- The service ------------------------------------------------------------------------------------


def test_request_is_stored_and_emailed_to_the_recipient_with_reply_to_the_sender(
    people, django_capture_on_commit_callbacks
):
    sender, recipient = people
    with django_capture_on_commit_callbacks(execute=True):
        request = send(sender.user, recipient, subject="ขอ\u200bคำปรึกษา\u202e", message=MESSAGE + "\u200d")
    assert (request.sender, request.recipient) == (sender.user, recipient.user)
    assert (request.subject, request.message) == ("ขอคำปรึกษา", MESSAGE)  # invisible characters removed
    email = OutboxEmail.objects.get(key=f"consultation:{request.pk}")
    assert (email.to, email.reply_to, email.language) == ("recipient-login@example.org", "sender@example.org", "en")
    assert email.status == OutboxEmail.Status.SENT
    assert "Consultation request from องค์กร sender-org" not in email.subject  # English: the English name
    assert email.subject == "Consultation request from Org sender-org: ขอคำปรึกษา"
    assert MESSAGE in email.body_text and "/en/creators/sender-org/" in email.body_text
    assert "reply to this email" in email.body_text
    (message,) = mail.outbox
    assert message.to == ["recipient-login@example.org"] and message.reply_to == ["sender@example.org"]


def test_refusals_store_nothing_and_send_nothing(people):
    sender, recipient = people
    pending = make_creator("pending-org", live=False)
    pending.save_revision()  # waiting for approval
    rejected = make_creator("rejected-org", live=False, rejection_reason="ข้อมูลไม่ครบ")
    deleted = make_creator("deleted-org")
    ImpactCreatorProfile.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    deleted.refresh_from_db()
    hidden_recipient = make_creator("hidden-recipient", live=False)
    cases = [
        (pending.user, recipient, "sender"),
        (rejected.user, recipient, "sender"),
        (deleted.user, recipient, "sender"),
        (sender.user, sender, "self"),
        (sender.user, hidden_recipient, "recipient"),
        (sender.user, deleted, "recipient"),
    ]
    for who, to, code in cases:
        with pytest.raises(ConsultationRefusedError) as refused:
            send(who, to)
        assert refused.value.code == code
    bad_input = (
        ("", MESSAGE, "subject"),
        ("\u200b\u200b", MESSAGE, "subject"),  # only invisible characters
        ("x" * 201, MESSAGE, "subject"),
        ("ok", "สั้น", "message"),
        ("ok", "ก" * 5001, "message"),
    )
    for subject, message, code in bad_input:
        with pytest.raises(ConsultationRefusedError) as refused:
            send(sender.user, recipient, subject=subject, message=message)
        assert refused.value.code == code
    assert not ConsultationRequest.objects.exists()
    assert not OutboxEmail.objects.filter(key__startswith="consultation:").exists()


def test_a_double_submission_creates_one_request(people):
    sender, recipient = people
    first, second = send(sender.user, recipient), send(sender.user, recipient)
    assert first.pk == second.pk
    assert ConsultationRequest.objects.count() == 1
    assert OutboxEmail.objects.filter(key__startswith="consultation:").count() == 1
    send(sender.user, recipient, message=MESSAGE + " (ฉบับแก้ไข)")  # a different message is a new request
    assert ConsultationRequest.objects.count() == 2


def test_rate_limits_per_hour_and_per_day_come_from_the_database_and_settings(people, settings):
    settings.CONSULTATION_LIMIT_PER_HOUR = 2
    settings.CONSULTATION_LIMIT_PER_DAY = 3
    sender, recipient = people
    other = make_assessor("other-recipient")
    send(sender.user, recipient, subject="หนึ่ง")
    send(sender.user, other, subject="สอง")
    with pytest.raises(ConsultationRefusedError) as refused:
        send(sender.user, recipient, subject="สาม")
    assert refused.value.code == "rate_limited"
    # Two hours later the hourly window is free, the daily one is not (after one more).
    ConsultationRequest.objects.update(created_at=timezone.now() - timezone.timedelta(hours=2))
    send(sender.user, recipient, subject="สาม")
    with pytest.raises(ConsultationRefusedError):
        send(sender.user, recipient, subject="สี่")
    ConsultationRequest.objects.update(created_at=timezone.now() - timezone.timedelta(days=2))
    send(sender.user, recipient, subject="สี่")
    assert ConsultationRequest.objects.count() == 4


# --- The pages --------------------------------------------------------------------------------------


def test_approved_user_sends_from_the_page_and_sees_a_confirmation(client, people):
    sender, _recipient = people
    client.force_login(sender.user)
    page = client.get("/en/creators/recipient-org/").content.decode()
    assert 'action="/en/creators/recipient-org/consult/"' in page
    assert "Their email address is not shown to you" in page
    assert "recipient-login@example.org" not in page
    response = client.post(
        "/en/creators/recipient-org/consult/", {"subject": "Advice on SROI", "message": MESSAGE}, follow=True
    )
    assert response.redirect_chain == [("/en/creators/recipient-org/", 302)]
    body = response.content.decode()
    assert "Your consultation request has been sent to Org recipient-org." in body
    assert "recipient-login@example.org" not in body
    assert ConsultationRequest.objects.get().subject == "Advice on SROI"


def test_assessor_pages_take_requests_too(client, people):
    sender, _recipient = people
    make_assessor("advice-assessor")
    client.force_login(sender.user)
    assert post(client, slug="advice-assessor", kind="assessors").status_code == 302
    assert ConsultationRequest.objects.get().recipient.assessor_profile.slug == "advice-assessor"


def test_form_errors_and_refusals_are_shown_and_change_nothing(client, people, settings):
    sender, _recipient = people
    client.force_login(sender.user)
    response = client.post("/en/creators/recipient-org/consult/", {"subject": "", "message": "short"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body and "short" in body  # what was typed is kept
    settings.CONSULTATION_LIMIT_PER_HOUR = 0
    response = client.post("/en/creators/recipient-org/consult/", {"subject": "Hello", "message": MESSAGE})
    assert response.status_code == 429
    assert "Please try again later." in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_visitors_who_may_not_send_see_why(client, people):
    _sender, recipient = people
    page = client.get("/en/creators/recipient-org/").content.decode()
    assert "Log in to send a consultation request." in page and "/accounts/login/?next=" in page
    assert 'action="/en/creators/recipient-org/consult/"' not in page
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/creators/recipient-org/"

    pending = make_creator("waiting-org", live=False)
    pending.save_revision()
    client.force_login(pending.user)
    page = client.get("/en/creators/recipient-org/").content.decode()
    assert "Your account is waiting for approval." in page and "consult/" not in page
    assert post(client).status_code == 400

    client.force_login(recipient.user)
    page = client.get("/en/creators/recipient-org/").content.decode()
    assert "This is your own public page" in page and "consult/" not in page
    assert not ConsultationRequest.objects.exists()


def test_post_only_csrf_and_no_hidden_recipients(people):
    sender, _recipient = people
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(sender.user)
    assert csrf_client.post("/creators/recipient-org/consult/", {"subject": "x", "message": MESSAGE}).status_code == 403
    client = Client()
    client.force_login(sender.user)
    assert client.get("/creators/recipient-org/consult/").status_code == 405
    make_creator("draft-recipient", live=False)
    assert post(client, slug="draft-recipient").status_code == 404
    assert post(client, slug="no-such-org").status_code == 404
    assert not ConsultationRequest.objects.exists()
