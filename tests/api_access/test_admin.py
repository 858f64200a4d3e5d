"""Staff issue API keys in the Wagtail admin: shown once, stored as a hash, revocable; nobody else gets in."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from api_access.keys import key_hash
from api_access.models import ApiKey
from api_access.services import api_key_issue
from creators.models import User

pytestmark = pytest.mark.django_db

INDEX = "/admin/api_keys/"
ADD = "/admin/api_keys/new/"


def _staff(email: str, *codenames: str) -> User:
    user = User.objects.create_user(email=email, password="x-staff-password-1", is_staff=True)
    group = Group.objects.create(name=f"group {email}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(*Permission.objects.filter(content_type__app_label="api_access", codename__in=codenames))
    user.groups.add(group)
    return user


@pytest.fixture
def key_admin(client):
    client.force_login(_staff("keys@example.org", "add_apikey", "change_apikey", "view_apikey"))
    return client


def test_the_urls_are_the_viewsets():
    assert reverse("api_keys:index") == INDEX
    assert reverse("api_keys:add") == ADD


def test_a_registrant_cannot_reach_the_key_admin(client):
    registrant = User.objects.create_user(email="someone@example.org", password="x-some-password-1")
    client.force_login(registrant)
    for url in (INDEX, ADD):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert b"API" not in response.content
    assert client.post(ADD, {"name": "Mine", "contact_email": "a@b.example"}).status_code in (302, 403, 404)
    assert not ApiKey.objects.exists()


def test_staff_without_the_permission_cannot_list_or_create_keys(client):
    api_key_issue(name="Ministry portal", contact_email="it@ministry.example")
    client.force_login(_staff("editor@example.org"))
    listing = client.get(INDEX)
    assert listing.status_code in (302, 403)
    assert b"Ministry portal" not in listing.content
    assert client.post(ADD, {"name": "Mine", "contact_email": "a@b.example"}).status_code in (302, 403)
    assert ApiKey.objects.count() == 1
    key = ApiKey.objects.get()
    assert client.post(f"{INDEX}revoke/{key.pk}/").status_code in (302, 403)
    assert ApiKey.objects.get().revoked_at is None


def test_staff_create_a_key_and_see_it_only_once(key_admin):
    response = key_admin.post(ADD, {"name": "Funder site", "contact_email": "dev@funder.example"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    plaintext = re.search(r'value="(ipk_[0-9a-f]{12}_[^"]+)"', response.content.decode()).group(1)
    stored = ApiKey.objects.get()
    assert stored.name == "Funder site"
    assert stored.created_by.email == "keys@example.org"
    assert stored.key_hash == key_hash(plaintext)
    for url in (INDEX, reverse("api_keys:edit", args=[stored.pk]), reverse("api_keys:inspect", args=[stored.pk])):
        page = key_admin.get(url)
        assert page.status_code == 200
        assert plaintext not in page.content.decode()
    listing = key_admin.get(INDEX).content.decode()
    assert stored.key_prefix in listing
    assert str(stored.created_at.year + 543) in listing  # Thai admin: Buddhist Era dates
    created = ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(stored.pk))
    assert created.get().user == stored.created_by
    assert key_admin.get("/api/portal/reports", headers={"X-Api-Key": plaintext}).status_code == 200


def test_bad_input_creates_no_key(key_admin):
    response = key_admin.post(ADD, {"name": "", "contact_email": "not-an-email"})
    assert response.status_code == 200
    assert not ApiKey.objects.exists()


def test_staff_revoke_a_key_and_it_stops_working(key_admin):
    issued = api_key_issue(name="Old app", contact_email="app@partner.example")
    url = reverse("api_keys:revoke", args=[issued.api_key.pk])
    assert url in key_admin.get(INDEX).content.decode()
    assert key_admin.get(url).status_code == 200
    assert key_admin.post(url).status_code == 302
    assert ApiKey.objects.get().revoked_at is not None
    assert key_admin.get("/api/portal/reports", headers={"X-Api-Key": issued.plaintext}).status_code == 401
    assert url not in key_admin.get(INDEX).content.decode()
    actions = list(ModelLogEntry.objects.filter(object_id=str(issued.api_key.pk)).values_list("action", "user__email"))
    assert ("api_access.revoke", "keys@example.org") in actions
    assert ("wagtail.create", None) in actions


def test_issuing_a_key_asks_who_it_is_again_after_ten_minutes(key_admin):
    session = key_admin.session
    session["_reauth_at"] -= 11 * 60
    session.save()
    for response in (
        key_admin.get(ADD),
        key_admin.post(ADD, {"name": "Ministry portal", "contact_email": "it@example.org"}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_security_reauth"))
    assert not ApiKey.objects.exists()
