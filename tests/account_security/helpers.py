"""Codes computed from the shared secret, as an authenticator app would."""

from __future__ import annotations

import time

from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from creators.models import User

PASSWORD = "x-staff-password-1"


def make_moderator(email: str = "mod@example.org", **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    device.refresh_from_db()
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)).zfill(
        device.digits
    )


def fresh_code(device: TOTPDevice) -> str:
    """A code newer than the last one used (now's, or the next step's within the allowed drift); waits for the
    clock when both were used already."""
    device.refresh_from_db()
    while True:
        now_step = int((time.time() - device.t0) // device.step)
        for ahead in (0, 1):
            if now_step + ahead > device.last_t:
                return code_for(device, steps_ahead=ahead)
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.2)


def sign_in(client, email: str, password: str = PASSWORD):
    """The admin's real login form (not force_login): password only, the second factor still to come."""
    return client.post("/admin/login/", {"username": email, "password": password})


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    client.get("/admin/security/two-step/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/security/two-step/", {"code": code_for(device)})
    assert response.status_code == 200, response.content[:500]
    codes = [c.strip() for c in response.context["codes"]]
    device.refresh_from_db()
    return device, codes
