"""Staff sign in to the admin with password and a code: each staff account gets an authenticator whose secret the
test knows, and codes are computed from it as the phone app would (each code used once, as the server demands)."""

from __future__ import annotations

import re
import secrets
import time
from binascii import unhexlify

from django_otp.oath import totp
from playwright.sync_api import Page, expect

STEP = 30
_keys: dict[tuple[str, str], str] = {}
_last_step: dict[str, int] = {}


def give_authenticator(stack, email: str) -> str:
    key = secrets.token_hex(20)
    stack.shell(
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from creators.models import User\n"
        f"user = User.objects.get(email='{email}')\n"
        "TOTPDevice.objects.filter(user=user).delete()\n"
        f"TOTPDevice.objects.create(user=user, name='e2e', key='{key}', confirmed=True)"
    )
    _keys[(stack.base_url, email)] = key
    return key


def next_code(key: str) -> str:
    """Now's code, or the next step's (the server allows one step of drift), never one already used."""
    while True:
        now = int(time.time() // STEP)
        for step in (now, now + 1):
            if step > _last_step.get(key, -1):
                _last_step[key] = step
                return str(totp(unhexlify(key), STEP, 0, 6, step - now)).zfill(6)
        time.sleep(STEP - time.time() % STEP + 0.2)


def submit_code(page: Page, code: str) -> None:
    # The form on screen (the page holds one; .first guards against icons or dialogs that might repeat it).
    form = page.locator("form:has(#id_code)").first
    form.locator("#id_code").fill(code)
    form.locator("button[type=submit]").click()


def admin_sign_in(page: Page, stack, email: str, password: str) -> None:
    key = _keys.get((stack.base_url, email)) or give_authenticator(stack, email)
    page.goto(stack.base_url + "/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/security/two-step/verify/"))
    submit_code(page, next_code(key))
    expect(page).not_to_have_url(re.compile(r"/security/two-step/"))
