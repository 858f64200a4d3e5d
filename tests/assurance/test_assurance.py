"""Assurance by an Impact Assessor: the owner invites, the assessor accepts, records findings and issues a
statement; the public page, the API and the assessor's page show it; editing the report withdraws it. Only the
invited assessor sees the report, only while the request is open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assurance.models import AssuranceEngagement, AssuranceFinding, Status
from assurance.services import AssuranceError, assurance_invite, assurance_respond
from creators.models import ImpactAssessorProfile
from outbox.models import OutboxEmail
from tests.privacy.deletion_helpers import make_account
from tests.reports.factories import make_complete_report
from tests.search.factories import make_assessor

pytestmark = pytest.mark.django_db
REPORTS_DIRECTORY = "/impact-reports/"


@pytest.fixture
def owner():
    return make_account()


@pytest.fixture
def assessor():
    return make_assessor("assurance-firm", name="สำนักงานประเมินอิสระ")


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(owner, assessor) -> AssuranceEngagement:
    return assurance_invite(report=owner.report, assessor=assessor, by=owner.user)


def emails_to(user) -> list[str]:
    return list(
        OutboxEmail.objects.filter(to=user.email, key__startswith="assurance:")
        .order_by("pk")
        .values_list("key", flat=True)
    )


def test_the_whole_assurance_reaches_the_public_page_the_api_and_the_assessors_page(owner, assessor):
    owner_client = logged_in_client(owner.user)
    response = owner_client.post(reverse("assurance:invite", args=[owner.report.pk]), {"assessor": assessor.pk})
    assert response.status_code == 302
    engagement = AssuranceEngagement.objects.get()
    assert engagement.status == Status.INVITED and emails_to(assessor.user) == [f"assurance:{engagement.pk}:invited"]

    page = logged_in_client(assessor.user)
    url = reverse("assurance:engagement", args=[engagement.pk])
    assert owner.report.title_th in page.get(url).content.decode()
    page.post(url, {"action": "accept"})
    page.post(url, {"action": "finding", "section": "proxies", "text": "ตัวแทนค่ามีแหล่งอ้างอิงครบ"})
    page.post(url, {"action": "issue", "level": "consistency", "statement": "ทบทวนแล้วสอดคล้องกับหลักการ"})

    engagement.refresh_from_db()
    owner.report.refresh_from_db()
    assert engagement.status == Status.ASSURED and engagement.assured_revision_id == owner.report.live_revision_id
    assert AssuranceFinding.objects.filter(engagement=engagement, section="proxies").count() == 1
    assert emails_to(owner.user) == [f"assurance:{engagement.pk}:accepted", f"assurance:{engagement.pk}:assured"]
    public = owner_client.get(reverse("reports:public", args=[owner.report.slug])).content.decode()
    assert "สำนักงานประเมินอิสระ" in public and "ทบทวนแล้วสอดคล้องกับหลักการ" in public
    detail = owner_client.get(f"/api/portal/reports/{owner.report.slug}").json()
    assert detail["assurance"]["assessor"] == "สำนักงานประเมินอิสระ" and detail["assurance"]["level"] == "consistency"
    profile_page = owner_client.get(reverse("creators:assessor_detail", args=[assessor.slug])).content.decode()
    assert reverse("reports:public", args=[owner.report.slug]) in profile_page
    directory = Client().get(REPORTS_DIRECTORY, headers={"X-Page-Cache-Bypass": "1"}).content.decode()
    assert "รับรองโดย สำนักงานประเมินอิสระ" in directory


def test_only_the_invited_assessor_sees_the_report_and_only_while_it_is_open(owner, assessor):
    engagement = invite(owner, assessor)
    url = reverse("assurance:engagement", args=[engagement.pk])
    other = make_assessor("other-firm", name="บริษัทอื่น")
    assert logged_in_client(other.user).get(url).status_code == 404
    assert logged_in_client(owner.user).get(url).status_code == 404
    assert logged_in_client(assessor.user).get(url).status_code == 200

    ImpactAssessorProfile.objects.filter(pk=assessor.pk).update(deleted_at=timezone.now())  # deleted on request
    assert logged_in_client(assessor.user).get(url).status_code == 404

    ImpactAssessorProfile.objects.filter(pk=assessor.pk).update(deleted_at=None)
    assurance_respond(engagement=engagement, accept=False, by=assessor.user)
    assert logged_in_client(assessor.user).get(url).status_code == 404  # declined: access ends at once


def test_an_assessor_cannot_assure_their_own_organisations_report(owner):
    own = ImpactAssessorProfile(user=owner.user, slug="own-firm", name="ตัวเอง", live=True)
    own.save()
    with pytest.raises(AssuranceError):
        invite(owner, own)
    assert not AssuranceEngagement.objects.exists()


def test_a_draft_cannot_be_sent_for_assurance_and_a_stranger_cannot_invite(owner, assessor):
    draft = make_complete_report(owner.user, slug="assurance-draft")
    with pytest.raises(AssuranceError):
        assurance_invite(report=draft, assessor=assessor, by=owner.user)
    with pytest.raises(AssuranceError):
        assurance_invite(report=owner.report, assessor=assessor, by=assessor.user)
    stranger = logged_in_client(assessor.user)
    assert (
        stranger.post(reverse("assurance:invite", args=[owner.report.pk]), {"assessor": assessor.pk}).status_code == 404
    )
    assert not AssuranceEngagement.objects.exists()


def test_a_double_click_on_accept_accepts_once(owner, assessor):
    engagement = invite(owner, assessor)
    url = reverse("assurance:engagement", args=[engagement.pk])
    page = logged_in_client(assessor.user)
    page.post(url, {"action": "accept"})
    page.post(url, {"action": "accept"})
    engagement.refresh_from_db()
    assert engagement.status == Status.ACCEPTED
    assert emails_to(owner.user) == [f"assurance:{engagement.pk}:accepted"]
    with pytest.raises(AssuranceError):
        invite(owner, make_assessor("second-firm", name="อีกราย"))  # one open request per report


def test_returned_with_comments_the_owner_reads_them(owner, assessor):
    engagement = invite(owner, assessor)
    page = logged_in_client(assessor.user)
    url = reverse("assurance:engagement", args=[engagement.pk])
    page.post(url, {"action": "accept"})
    page.post(url, {"action": "return", "comments": "กรุณาเพิ่มแหล่งอ้างอิงของตัวแทนค่า"})
    engagement.refresh_from_db()
    assert engagement.status == Status.RETURNED
    owner_page = logged_in_client(owner.user).get(reverse("reports:report", args=[owner.report.pk])).content.decode()
    assert "กรุณาเพิ่มแหล่งอ้างอิงของตัวแทนค่า" in owner_page


def test_publishing_an_edited_report_withdraws_its_assurance(owner, assessor):
    engagement = invite(owner, assessor)
    page = logged_in_client(assessor.user)
    url = reverse("assurance:engagement", args=[engagement.pk])
    page.post(url, {"action": "accept"})
    page.post(url, {"action": "issue", "level": "evidence", "statement": "ทวนสอบกับหลักฐานแล้ว"})
    report = owner.report
    report.refresh_from_db()
    report.summary = "แก้ไขหลังการรับรอง"
    report.save_revision().publish()

    engagement.refresh_from_db()
    assert engagement.status == Status.WITHDRAWN
    public = logged_in_client(owner.user).get(reverse("reports:public", args=[report.slug])).content.decode()
    assert "ทวนสอบกับหลักฐานแล้ว" not in public
