"""Preview for partner sites: an editor's ten-minute token reveals one draft revision at the API, nothing else."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.core import signing
from django.urls import reverse

from headless_preview.tokens import PREVIEW_TOKEN_SECONDS, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_with_draft(th_home):
    from portal.models import ContentPage

    page = ContentPage(title="หน้าที่เผยแพร่แล้ว", slug="partner-preview", live=False)
    th_home.add_child(instance=page)
    page.save_revision().publish()
    page.title = "ร่างที่ยังไม่เผยแพร่"
    page.save_revision()
    return page


def _token_from(response) -> str:
    url = response.context["api_url"]
    return parse_qs(urlsplit(url).query)["token"][0]


def test_an_editor_gets_an_address_that_shows_the_draft_and_the_live_api_does_not(client, admin_user, page_with_draft):
    client.force_login(admin_user)
    response = client.get(reverse("headless_preview", args=[page_with_draft.pk]))
    assert response.status_code == 200
    token = _token_from(response)

    preview = client.get("/api/v2/preview/", {"token": token})
    assert preview.status_code == 200
    assert preview.json()["title"] == "ร่างที่ยังไม่เผยแพร่" and preview.json()["id"] == page_with_draft.pk
    assert "no-store" in preview["Cache-Control"]
    assert client.get(f"/api/v2/pages/{page_with_draft.pk}/").json()["title"] == "หน้าที่เผยแพร่แล้ว"
    client.logout()  # the partner's front-end has no session: the token alone opens the draft
    assert client.get("/api/v2/preview/", {"token": token}).json()["title"] == "ร่างที่ยังไม่เผยแพร่"


def test_the_token_expires_after_ten_minutes(client, page_with_draft, monkeypatch):
    token = issue(page_id=page_with_draft.pk, revision_id=page_with_draft.get_latest_revision().pk)
    assert client.get("/api/v2/preview/", {"token": token}).status_code == 200
    issued = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: issued + PREVIEW_TOKEN_SECONDS + 1)
    response = client.get("/api/v2/preview/", {"token": token}, HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 403
    assert "หมดอายุ" in response.json()["message"]


def test_a_token_reveals_only_its_own_page_and_revision(client, page_with_draft, th_home):
    revision = page_with_draft.get_latest_revision()
    other_page_id = th_home.pk
    for token in (
        issue(page_id=other_page_id, revision_id=revision.pk),  # the revision belongs to another page
        issue(page_id=page_with_draft.pk, revision_id=revision.pk)[:-2] + "xx",  # altered
        "",
        "not-a-token",
    ):
        response = client.get("/api/v2/preview/", {"token": token})
        assert response.status_code == 403, token
        assert "title" not in response.json()


def test_someone_who_cannot_edit_the_page_gets_no_token(client, page_with_draft, django_user_model):
    staff = django_user_model.objects.create_user(email="no-page-rights@example.org", password="x" * 12)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))  # the admin, but no page rights
    client.force_login(staff)
    response = client.get(reverse("headless_preview", args=[page_with_draft.pk]))
    assert response.status_code in (302, 403)
    assert "api_url" not in (response.context or {})


def test_with_a_partner_front_end_configured_the_editor_is_sent_there(client, admin_user, page_with_draft, settings):
    settings.HEADLESS_PREVIEW_CLIENT_URL = "https://partner.example.org/preview"
    client.force_login(admin_user)
    response = client.get(reverse("headless_preview", args=[page_with_draft.pk]))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (target.netloc, target.path) == ("partner.example.org", "/preview")
    query = parse_qs(target.query)
    assert query["content_type"] == ["portal.contentpage"]
    assert client.get("/api/v2/preview/", {"token": query["token"][0]}).json()["title"] == "ร่างที่ยังไม่เผยแพร่"


def test_the_page_editor_offers_the_partner_preview(client, admin_user, page_with_draft):
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page_with_draft.pk])).content.decode()
    assert reverse("headless_preview", args=[page_with_draft.pk]) in html
