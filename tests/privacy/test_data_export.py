"""ดาวน์โหลดข้อมูลของฉัน / "Download my data": everything about the account, nothing about anyone else."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from creators.models import ConsultationRequest, ImpactCreatorProfile, User
from outbox.models import OutboxEmail
from privacy.data_export import EXPORTS_PER_HOUR
from reports.services.submission import report_submit
from taxonomy.models import Province, Sector
from tests.creators.factories import DEFAULT_PASSWORD, creator_form_data, decide, make_moderator, verify_and_log_in
from tests.reports.factories import make_complete_report, make_owner

pytestmark = pytest.mark.django_db

EMAIL = "somchai@example.org"
URL = "/accounts/my-data/"
PROFILE_MARKER = "PROFILE-MARKER-a41c"
REPORT_MARKER = "REPORT-MARKER-93bd"
STRANGER = {
    "email": "stranger@example.org",
    "name_th": "สมาคมคนแปลกหน้า",
    "name_en": "Stranger Association",
    "contact_name": "คนแปลก หน้าใหม่",
    "description": "STRANGER-PROFILE-5e2f",
    "report": "STRANGER-REPORT-77aa",
    "message": "STRANGER-MESSAGE-0c19",
}


def _orm_profile(user, *, slug, name_th, name_en, contact_name, description="", live=True):
    profile = ImpactCreatorProfile(
        user=user,
        slug=slug,
        name_th=name_th,
        name_en=name_en,
        contact_name=contact_name,
        description=description,
        organisation_type=Sector.objects.get(slug="social"),
        province=Province.objects.get(slug="bangkok"),
        live=live,
    )
    profile.save()
    profile.save_revision(user=user)
    return profile


@pytest.fixture
def moderator():
    return make_moderator()


@pytest.fixture
def owner(client, moderator) -> User:
    """An approved creator with a report rejected once then approved, login records and consultations."""
    data = creator_form_data(description=f"{PROFILE_MARKER} ผู้สูงอายุ")
    client.post("/accounts/register/creator/", data)
    verify_and_log_in(client, EMAIL)
    profile = ImpactCreatorProfile.objects.get(user__email=EMAIL)
    decide(profile, moderator, "approve")
    user = profile.user
    report = make_complete_report(user, slug="mine", title=f"โครงการของฉัน {REPORT_MARKER}")
    report_submit(report=report, user=user)
    decide(report, moderator, "reject", reason="ขาดแหล่งที่มาของตัวแทนทางการเงิน")
    report_submit(report=report, user=user)
    decide(report, moderator, "approve")
    Client().post("/accounts/login/", {"username": EMAIL, "password": "not the password 12345"})
    friend = make_owner("friend@example.org")
    _orm_profile(friend, slug="friend", name_th="มูลนิธิเพื่อน", name_en="Friend Foundation", contact_name="เพื่อน ดี")
    ConsultationRequest.objects.create(sender=friend, recipient=user, subject="ขอคำปรึกษา SROI", message="ช่วยด้วย")
    ConsultationRequest.objects.create(sender=user, recipient=friend, subject="ตอบกลับ", message="ยินดี")
    return user


@pytest.fixture
def stranger(moderator) -> User:
    """Another registrant with a profile, a report, emails and login records: none of it may leak."""
    user = make_owner(STRANGER["email"])
    _orm_profile(
        user,
        slug="stranger",
        name_th=STRANGER["name_th"],
        name_en=STRANGER["name_en"],
        contact_name=STRANGER["contact_name"],
        description=STRANGER["description"],
    )
    report = make_complete_report(user, slug="theirs", title=STRANGER["report"])
    report_submit(report=report, user=user)
    decide(report, moderator, "reject", reason="STRANGER-REASON")
    Client().post("/accounts/login/", {"username": STRANGER["email"], "password": "not the password 12345"})
    friend = make_owner("friend2@example.org")
    ConsultationRequest.objects.create(sender=user, recipient=friend, subject="x", message=STRANGER["message"])
    return user


def download(client) -> dict:
    response = client.post(URL)
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content.decode("utf-8"))


def test_the_file_is_a_dated_utf8_json_attachment_with_readable_thai(client, owner):
    response = client.post(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="impact-partnership-my-data-20') and ".json" in disposition
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode("utf-8")
    assert "มูลนิธิพัฒนาชุมชนเชียงใหม่" in text  # ensure_ascii=False: Thai as Thai, not \\u escapes
    assert '\n  "schema_version": 1,' in text  # indented
    data = json.loads(text)
    assert list(data)[:2] == ["schema_version", "generated_at"]


def test_everything_about_the_account_is_in_it(client, owner):
    data = download(client)
    account = data["account"]
    assert account["email"] == EMAIL and account["email_verified_at"]
    assert "password" not in account and owner.password.split("$")[-1] not in json.dumps(data)

    (profile,) = data["profiles"]
    assert profile["kind"] == "creator" and profile["status"] == "approved"
    assert profile["name_th"] == "มูลนิธิพัฒนาชุมชนเชียงใหม่" and PROFILE_MARKER in profile["description"]
    assert profile["province"] == {"th": "เชียงใหม่", "en": "Chiang Mai"}
    assert len(profile["sdg_goals"]) == 2
    assert profile["revisions"] and profile["revisions"][-1]["status"] == "live"
    assert PROFILE_MARKER in profile["revisions"][0]["content"]["description"]
    assert profile["workflow"][0]["status"] == "approved"
    assert profile["workflow"][0]["decisions"][0]["decided_by"] == "moderator"

    (report,) = data["reports"]
    assert REPORT_MARKER in report["title_th"] and report["status"] == "approved"
    assert report["inputs"][0]["amount"] == "250000.00"
    assert report["outcomes"][0]["outcome"] == "มีรายได้เพิ่มขึ้น" and report["stakeholders"][0]["name"] == "ผู้สูงอายุ"
    assert len(report["revisions"]) >= 3  # created, submitted, resubmitted
    assert all(REPORT_MARKER in revision["content"]["title_th"] for revision in report["revisions"])
    assert report["revisions"][0]["content"]["outcomes"][0]["quantity"]  # child rows in every revision
    decisions = [d for state in report["workflow"] for d in state["decisions"]]
    assert [d["status"] for d in decisions] == ["rejected", "approved"]
    assert decisions[0]["reason"] == "ขาดแหล่งที่มาของตัวแทนทางการเงิน"

    assert data["consents"][0]["version"]
    subjects = " ".join(email["subject"] for email in data["emails"])
    assert len(data["emails"]) >= 5 and all(email["body_text"] for email in data["emails"])
    assert "อนุมัติ" in subjects or "approved" in subjects.lower()
    assert data["login_records"]["failed_attempts"][0]["failures_since_start"] == 1
    assert data["consultation_requests"]["received"][0] == {
        "from": "มูลนิธิเพื่อน",
        "subject": "ขอคำปรึกษา SROI",
        "message": "ช่วยด้วย",
        "created_at": data["consultation_requests"]["received"][0]["created_at"],
    }
    assert data["consultation_requests"]["sent"][0]["to"] == "มูลนิธิเพื่อน"


def test_nothing_about_anyone_else_is_in_it(client, owner, stranger, moderator):
    text = client.post(URL).content.decode("utf-8")
    for value in STRANGER.values():
        assert value not in text
    assert "STRANGER-REASON" not in text
    assert moderator.email not in text and "friend@example.org" not in text
    assert '"locked_by"' not in text and '"prepared_by": null' in text


def test_english_labels_under_en(client, owner):
    data = json.loads(client.post("/en" + URL).content.decode())
    assert data["profiles"][0]["status_label"] == "Approved"
    assert data["notice"].startswith("Everything Impact Partnership holds")


def test_the_dashboard_offers_the_download(client, owner):
    page = client.get("/accounts/").content.decode()
    assert f'action="{URL}"' in page and 'data-testid="download-my-data"' in page


def test_anonymous_visitors_are_sent_to_login_and_get_is_refused(client, owner):
    assert client.get(URL).status_code == 405
    client.logout()
    response = client.post(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_staff_user_without_a_profile_gets_their_account_only(client, moderator, owner):
    client.force_login(moderator)
    data = download(client)
    assert data["account"]["email"] == moderator.email and data["profiles"] == [] and data["reports"] == []


def test_downloads_are_limited_per_hour(client, owner):
    for _ in range(EXPORTS_PER_HOUR):
        assert client.post(URL).status_code == 200
    response = client.post("/en" + URL, follow=True)
    assert response.redirect_chain[-1][0] == "/en/accounts/"
    assert "downloaded your data several times in the last hour" in response.content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.post(URL).status_code == 200
    return len(context.captured_queries)


def test_the_number_of_queries_does_not_grow_with_reports_or_revisions(client, owner, moderator):
    _queries(client)  # warm the content-type cache
    few = _queries(client)
    for n in range(4):
        report = make_complete_report(owner, slug=f"more-{n}", title=f"รายงานเพิ่ม {n}")
        report_submit(report=report, user=owner)
        decide(report, moderator, "reject", reason="แก้ไข")
        report.save_revision(user=owner)
    ConsultationRequest.objects.create(sender=owner, recipient=make_owner("x@example.org"), subject="s", message="m")
    many = _queries(client)
    assert many == few, (few, many)
    assert few <= 30


def test_a_login_in_another_browser_with_the_password_is_listed(client, owner):
    Client().post("/accounts/login/", {"username": EMAIL, "password": DEFAULT_PASSWORD})
    assert download(client)["login_records"]["logins"]


def test_a_password_reset_link_in_an_email_is_not_in_the_file(client, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post("/accounts/password/reset/", {"email": EMAIL})
    token_link = re.compile(r"/accounts/password/reset/[^\s/]+/[^\s/]+/")
    sent = OutboxEmail.objects.get(to=EMAIL, key__startswith="password-reset:")
    assert token_link.search(sent.body_text)  # the email itself carries the link
    bodies = "\n".join(email["body_text"] for email in download(client)["emails"])
    assert "/accounts/password/reset/[…]/" in bodies and not token_link.search(bodies)
