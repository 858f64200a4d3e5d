"""Passkeys in Chromium's virtual authenticator (WebAuthn over CDP): a moderator adds a passkey instead of an
authenticator app at the enrolment page, gets the recovery codes, signs out and signs in again with password and
passkey; a registrant adds one on the public pages (strict CSP) and is then asked for it at sign-in.

Its own stack at http://localhost:PORT: a WebAuthn relying party must be a domain name, not 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.stack import start_stack

pytestmark = pytest.mark.e2e
PASSWORD = "พาสคีย์ทดสอบยามเย็น 2569"
MODERATOR = "mod-passkey@example.org"
REGISTRANT = "creator-passkey@example.org"


@pytest.fixture(scope="module")
def localhost_stack(tmp_path_factory):
    running = start_stack(tmp_path_factory.mktemp("passkey-stack"), host="localhost")
    yield running
    running.stop()


def _authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})


def _csp_violations(page) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: seen.append(str(e)))  # the passkey script failing
    page.on(
        "response", lambda r: seen.append(f"{r.status} {r.url}") if "/static/" in r.url and r.status >= 400 else None
    )
    return seen


def _log_actions(stack, email: str) -> list[str]:
    out = stack.shell(
        "from wagtail.models import ModelLogEntry\n"
        "from creators.models import User\n"
        f"u = User.objects.get(email='{email}')\n"
        "print(','.join(ModelLogEntry.objects.filter(object_id=str(u.pk), action__startswith='account_security.')"
        ".order_by('pk').values_list('action', flat=True)))"
    )
    return out.splitlines()[-1].split(",")


def test_a_moderator_adds_a_passkey_and_signs_in_with_it(localhost_stack, page):
    stack, base = localhost_stack, localhost_stack.base_url
    stack.shell(
        "from django.contrib.auth.models import Group\n"
        "from creators.models import User\n"
        f"user = User.objects.create_user(email='{MODERATOR}', password='{PASSWORD}', is_staff=True)\n"
        "user.groups.add(Group.objects.get(name='Moderators'))\n"
    )
    _authenticator(page)
    violations = _csp_violations(page)

    def password_step() -> None:
        page.goto(base + "/admin/login/")
        page.locator("#id_username").fill(MODERATOR)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("form button[type=submit]").click()

    password_step()
    page.wait_for_url(re.compile(r"/admin/security/two-step/\?"))  # nothing but enrolment
    page.locator("button[data-passkey=create]").click()
    shown = page.locator("[data-recovery-codes]").first.locator("code")
    expect(shown).to_have_count(10)
    count = stack.shell(
        "from django_otp_webauthn.models import WebAuthnCredential\n"
        f"print(WebAuthnCredential.objects.filter(user__email='{MODERATOR}', confirmed=True).count())"
    )
    assert count.splitlines()[-1] == "1"

    # Signed out, the admin asks for the passkey after the password, and lets the moderator in with it.
    page.context.clear_cookies()
    password_step()
    page.wait_for_url(re.compile(r"/admin/security/two-step/verify/"))
    page.goto(base + "/admin/snippets/creators/impactcreatorprofile/")
    expect(page).to_have_url(re.compile(r"/admin/security/two-step/verify/"))
    page.locator("button[data-passkey=get]").click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/creators/impactcreatorprofile/"))
    expect(page.locator("main").first).to_be_visible()

    actions = _log_actions(stack, MODERATOR)
    assert "account_security.passkey_added" in actions
    assert "account_security.passkey_used" in actions
    assert "account_security.recovery_codes" in actions
    assert violations == []


def test_a_registrant_turns_on_a_passkey_on_the_public_pages(localhost_stack, page):
    stack, base = localhost_stack, localhost_stack.base_url
    stack.shell(
        "from django.utils import timezone\n"
        "from creators.models import User\n"
        f"User.objects.create_user(email='{REGISTRANT}', password='{PASSWORD}', email_verified_at=timezone.now())\n"
    )
    _authenticator(page)
    violations = _csp_violations(page)

    def password_step() -> None:
        page.goto(base + "/accounts/login/")
        page.locator("input[name=username], input[name=email]").first.fill(REGISTRANT)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").first.click()

    password_step()
    page.goto(base + "/accounts/security/")
    page.locator("button[data-passkey=create]").click()
    expect(page.locator("[data-recovery-codes]").first.locator("code")).to_have_count(10)

    page.context.clear_cookies()
    password_step()
    page.wait_for_url(re.compile(r"/accounts/security/verify/"))
    page.locator("button[data-passkey=get]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/security/verify/"))
    assert "account_security.passkey_used" in _log_actions(stack, REGISTRANT)
    assert violations == []
