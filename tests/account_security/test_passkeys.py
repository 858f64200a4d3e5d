"""Passkeys beside the authenticator app, through the real login form and the pages' own posts (a software
authenticator answers the challenges): enrolment, sign-in, re-authentication, removal, lockout, reset, audit log."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.models import ModelLogEntry

from account_security.passkeys import rp_id, site_origin
from account_security.services import (
    ACTION_PASSKEY_ADDED,
    ACTION_PASSKEY_REMOVED,
    ACTION_PASSKEY_USED,
    second_factor_reset,
)
from creators.models import User, UserSession
from tests.account_security.helpers import PASSWORD, enrol, make_moderator, sign_in
from tests.account_security.soft_passkey import SoftPasskey

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]
HOME, VERIFY, REAUTH = "/admin/", "/admin/security/two-step/verify/", "/admin/security/confirm/"
OPTIONS = "/admin/security/passkeys/options/{}/"
ADD = "/admin/security/passkeys/add/"


def _options(client, purpose: str):
    return client.post(OPTIONS.format(purpose))


def _add(client, key: SoftPasskey, **extra):
    return client.post(ADD, {"passkey": key.create(_options(client, "register").json()), **extra})


def _passkey_staff(client) -> tuple[User, SoftPasskey]:
    staff = make_moderator()
    sign_in(client, staff.email)
    key = SoftPasskey()
    response = _add(client, key)
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    client.logout()
    return staff, key


def _log(action: str, user: User) -> int:
    return ModelLogEntry.objects.filter(action=action, object_id=str(user.pk)).count()


def test_relying_party_is_site_url_host():
    with override_settings(SITE_URL="https://impact.example.go.th"):
        assert (rp_id(), site_origin()) == ("impact.example.go.th", "https://impact.example.go.th")


def test_staff_enrol_with_a_passkey_instead_of_an_app_and_sign_in_with_it(client):
    staff, key = _passkey_staff(client)
    assert WebAuthnCredential.objects.filter(user=staff, confirmed=True).count() == 1
    assert _log(ACTION_PASSKEY_ADDED, staff) == 1
    sign_in(client, staff.email)
    assert client.get(HOME).status_code == 302  # the second step first
    page = client.get(VERIFY).content.decode()
    assert 'data-passkey="get"' in page and "passkeys.js" in page and "<script>" not in page
    response = client.post(VERIFY, {"passkey": key.get(_options(client, "authenticate").json()), "next": HOME})
    assert response.status_code == 302 and response.url == HOME
    assert client.get(HOME).status_code == 200
    assert _log(ACTION_PASSKEY_USED, staff) == 1


def test_a_forged_or_replayed_answer_is_refused_and_counted(client, settings):
    staff, key = _passkey_staff(client)
    sign_in(client, staff.email)
    options = _options(client, "authenticate").json()
    other = SoftPasskey()
    other.credential_id, other.sign_count = key.credential_id, 10  # the right id and a newer count, the wrong key
    refused = client.post(VERIFY, {"passkey": other.get(options)})
    assert refused.status_code == 200 and refused.context["passkey_error"]
    assert staff.second_factor_throttle.failures == 1
    good = key.get(_options(client, "authenticate").json())
    assert client.post(VERIFY, {"passkey": good}).status_code == 302
    client.logout()
    sign_in(client, staff.email)
    _options(client, "authenticate")
    assert client.post(VERIFY, {"passkey": good}).status_code == 200  # the old challenge does not sign in again
    assert client.get(HOME).status_code == 302
    assert client.post(VERIFY, {"passkey": "not json"}).status_code == 200


def test_adding_another_passkey_needs_reauthentication_and_removing_the_last_factor_is_refused(client):
    staff, key = _passkey_staff(client)
    sign_in(client, staff.email)
    client.post(VERIFY, {"passkey": key.get(_options(client, "authenticate").json())})
    session = client.session
    session["_reauth_at"] -= 11 * 60
    session.save()
    refused = _options(client, "register")
    assert refused.status_code == 403 and refused.json()["redirect"].startswith(REAUTH)
    assert (
        client.post(
            REAUTH, {"password": PASSWORD, "passkey": key.get(_options(client, "authenticate").json())}
        ).status_code
        == 302
    )
    other_session = Client()
    sign_in(other_session, staff.email)
    second = SoftPasskey()
    assert _add(client, second).status_code == 302
    assert WebAuthnCredential.objects.filter(user=staff).count() == 2
    assert not UserSession.objects.filter(user_id=staff.pk).exclude(session_key=client.session.session_key).exists()
    first, last = WebAuthnCredential.objects.filter(user=staff).order_by("pk")
    client.post(reverse("account_security_passkey_remove", args=[first.pk]))
    assert _log(ACTION_PASSKEY_REMOVED, staff) == 1
    client.post(reverse("account_security_passkey_remove", args=[last.pk]))
    assert WebAuthnCredential.objects.filter(user=staff).count() == 1  # the only second factor stays


def test_reauthentication_with_a_passkey_still_needs_the_password(client):
    staff, key = _passkey_staff(client)
    sign_in(client, staff.email)
    client.post(VERIFY, {"passkey": key.get(_options(client, "authenticate").json())})
    session = client.session
    session["_reauth_at"] -= 11 * 60
    session.save()
    wrong = client.post(REAUTH, {"password": "wrong", "passkey": key.get(_options(client, "authenticate").json())})
    assert wrong.status_code == 200
    assert not client.session.get("_reauth_at") or client.session["_reauth_at"] < session["_reauth_at"] + 60


def test_a_superuser_reset_removes_passkeys(client):
    staff, _key = _passkey_staff(client)
    boss = User.objects.create_superuser(email="boss@example.org", password=PASSWORD)
    second_factor_reset(account=staff, actor=boss)
    assert not WebAuthnCredential.objects.filter(user=staff).exists()


def test_group_changes_need_a_recent_reauthentication(client):
    boss = make_moderator("boss@example.org", is_superuser=True)
    sign_in(client, boss.email)
    enrol(client, boss)
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 200
    session = client.session
    session["_reauth_at"] -= 11 * 60
    session.save()
    for url in (reverse("wagtailusers_groups:add"), reverse("wagtailusers_groups:edit", args=[1])):
        response = client.post(url, {"name": "Sneaky"})
        assert response.status_code == 302 and response.url.startswith(REAUTH)
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 200  # the list stays open
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(name="Sneaky").exists()


def test_a_registrant_adds_a_passkey_and_a_superuser_resets_it_when_the_device_is_lost(client):
    from django.utils import timezone

    from account_security.services import ACTION_RESET
    from outbox.models import OutboxEmail

    person = User.objects.create_user(email="maker@example.org", password=PASSWORD, email_verified_at=timezone.now())
    client.force_login(person)
    key = SoftPasskey()
    options = client.post("/accounts/security/passkeys/options/register/").json()
    shown = client.post("/accounts/security/passkeys/add/", {"passkey": key.create(options)})
    assert shown.status_code == 200 and len(shown.context["codes"]) == 10
    assert (
        "Content-Security-Policy" in shown.headers and "unsafe-inline" not in shown.headers["Content-Security-Policy"]
    )
    root = User.objects.create_superuser(email="root@example.org", password=PASSWORD)
    boss = Client()
    boss.force_login(root)
    session = boss.session
    session["otp_device_id"], session["_reauth_at"] = "x", 10**10
    session.save()
    found = boss.get(reverse("account_security_staff"), {"email": "MAKER@example.org"})
    assert found.status_code == 302 and found.url == reverse("account_security_reset", args=[person.pk])
    assert boss.post(found.url).status_code == 302
    assert not WebAuthnCredential.objects.filter(user=person).exists()
    assert _log(ACTION_RESET, person) == 1
    email = OutboxEmail.objects.get(to=person.email)
    assert "/accounts/security/" in email.body_text
    assert client.get("/accounts/").status_code == 302  # their sessions ended
