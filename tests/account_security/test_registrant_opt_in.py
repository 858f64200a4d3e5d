"""Registrants are never forced into two-step sign-in, but once they turn it on their logins need the code."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from creators.models import User
from tests.account_security.helpers import code_for, fresh_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]
PASSWORD = "a-registrant-password-7"


def _log_in(client, user):
    return client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})


def test_a_registrant_is_not_forced_then_opts_in_and_needs_the_code(client):
    user = User.objects.create_user(email="reg@example.org", password=PASSWORD, email_verified_at=timezone.now())
    _log_in(client, user)
    assert client.get("/accounts/").status_code == 200  # no second factor asked
    assert client.get("/accounts/security/").status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/accounts/security/", {"code": code_for(device)})
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    client.logout()
    _log_in(client, user)
    response = client.get("/accounts/")
    assert response.status_code == 302 and response.url.startswith("/accounts/security/verify/")
    assert client.post("/accounts/security/verify/", {"code": "000000x"}).status_code == 200
    assert client.post("/accounts/security/verify/", {"code": fresh_code(device)}).status_code == 302
    assert client.get("/accounts/").status_code == 200
