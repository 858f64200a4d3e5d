"""Two-step sign-in through the real login form: enrolment with a QR code, codes, recovery codes, lockout, reset,
re-authentication, and the session policy."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from account_security.services import ACTION_CODE_USED, ACTION_ENROLLED, ACTION_LOCKOUT, ACTION_RESET
from creators.models import User, UserSession
from outbox.models import OutboxEmail
from tests.account_security.helpers import PASSWORD, code_for, enrol, fresh_code, make_moderator, sign_in
from tests.portal.test_site_url import _production

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]
HOME = "/admin/"
ENROL, VERIFY, REAUTH = "/admin/security/two-step/", "/admin/security/two-step/verify/", "/admin/security/confirm/"


def test_staff_without_a_second_factor_see_only_enrolment_then_enrol_with_a_qr_code(client):
    staff = make_moderator()
    assert sign_in(client, staff.email).status_code == 302
    response = client.get(HOME)
    assert (response.status_code, response.url) == (302, f"{VERIFY}?next=%2Fadmin%2F")
    assert client.get(VERIFY).url.startswith(ENROL)  # nothing to verify yet: set one up
    page = client.get(ENROL)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    response = client.post(ENROL, {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert "The code is not correct" in response.content.decode() or "รหัสไม่ถูกต้อง" in response.content.decode()
    assert client.get(HOME).status_code == 302  # still nothing but enrolment
    device, codes = enrol(client, staff)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=staff).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes} and not stored & set(codes)
    assert client.get(HOME).status_code == 200
    assert ModelLogEntry.objects.filter(action=ACTION_ENROLLED, object_id=str(staff.pk)).count() == 1


def _enrolled(client) -> tuple[User, TOTPDevice, list[str]]:
    staff = make_moderator()
    sign_in(client, staff.email)
    device, codes = enrol(client, staff)
    client.logout()
    return staff, device, codes


def test_sign_in_with_password_and_code_and_a_wrong_code_is_refused(client):
    staff, device, _codes = _enrolled(client)
    sign_in(client, staff.email)
    assert client.get(HOME).status_code == 302
    refused = client.post(VERIFY, {"code": "12345x"})
    assert refused.status_code == 200 and client.get(HOME).status_code == 302
    used = code_for(device)
    ok = client.post(VERIFY, {"code": fresh_code(device), "next": "/admin/"})
    assert (ok.status_code, ok.url) == (302, "/admin/")
    assert client.get(HOME).status_code == 200
    client.logout()
    sign_in(client, staff.email)
    device.refresh_from_db()
    if code_for(device) == used:  # the same code cannot be used twice
        assert client.post(VERIFY, {"code": used}).status_code == 200
        assert client.get(HOME).status_code == 302


def test_a_recovery_code_works_once(client):
    staff, _device, codes = _enrolled(client)
    sign_in(client, staff.email)
    assert client.post(VERIFY, {"code": codes[3].upper()}).status_code == 302
    assert client.get(HOME).status_code == 200
    assert ModelLogEntry.objects.filter(action=ACTION_CODE_USED, object_id=str(staff.pk)).count() == 1
    client.logout()
    sign_in(client, staff.email)
    assert client.post(VERIFY, {"code": codes[3]}).status_code == 200
    assert client.get(HOME).status_code == 302
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_the_second_factor_step_locks_after_five_wrong_codes_and_logs_it(client):
    staff, device, _codes = _enrolled(client)
    sign_in(client, staff.email)
    for _ in range(5):
        client.post(VERIFY, {"code": "000001"})
    locked = client.post(VERIFY, {"code": fresh_code(device)})  # even the right code, while locked
    assert locked.status_code == 200
    assert client.get(HOME).status_code == 302
    assert ModelLogEntry.objects.filter(action=ACTION_LOCKOUT, object_id=str(staff.pk)).count() == 1


def test_a_superuser_resets_a_second_factor_ending_sessions_logged_and_emailed(
    client, django_capture_on_commit_callbacks
):
    staff, _device, _codes = _enrolled(client)
    other = Client()
    sign_in(other, staff.email)
    assert UserSession.objects.filter(user_id=staff.pk).exists()
    root = User.objects.create_superuser(email="root@example.org", password="x-root-password-1")
    client.force_login(root)
    session = client.session
    session["otp_device_id"] = "otp_totp.totpdevice/0"
    session.save()
    url = reverse("account_security_reset", args=[staff.pk])
    assert client.get(url).url.startswith(REAUTH)  # re-authentication first
    root_device = TOTPDevice.objects.create(user=root, name="a", confirmed=True)
    wrong = client.post(f"{REAUTH}?next={url}", {"password": "nope", "code": code_for(root_device)})
    assert wrong.status_code == 200
    assert (
        client.post(f"{REAUTH}?next={url}", {"password": "x-root-password-1", "code": fresh_code(root_device)}).url
        == url
    )
    with translation.override("en"):
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    assert not UserSession.objects.filter(user_id=staff.pk).exists()
    entry = ModelLogEntry.objects.get(action=ACTION_RESET, object_id=str(staff.pk))
    assert entry.user_id == root.pk
    email = OutboxEmail.objects.get(to=staff.email)
    assert "second factor" in email.body_text or "ยืนยันตัวตน" in email.body_text
    assert [m.to for m in mail.outbox] == [[staff.email]]


def test_only_superusers_reset(client):
    staff, _device, _codes = _enrolled(client)
    moderator = make_moderator("other@example.org")
    client.force_login(moderator)
    session = client.session
    session["otp_device_id"], session["_reauth_at"] = "x", 10**10
    session.save()
    assert client.post(reverse("account_security_reset", args=[staff.pk])).status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=staff).exists()


@pytest.mark.parametrize("name", ["delete", "restore", "user_edit"])
def test_delete_restore_and_user_edits_need_a_recent_reauthentication(client, name):
    staff, device, _codes = _enrolled(client)
    if name == "user_edit":
        staff.is_superuser = True
        staff.save()
    sign_in(client, staff.email)
    client.post(VERIFY, {"code": fresh_code(device)})
    session = client.session
    session["_reauth_at"] -= 11 * 60  # signed in 11 minutes ago
    session.save()
    url = {
        "delete": reverse("moderation_delete_on_request", args=["creator", 1]),
        "restore": reverse("moderation_deletion_restore", args=[1]),
        "user_edit": reverse("wagtailusers_users:edit", args=[staff.pk]),
    }[name]
    response = client.post(url, {})
    assert response.status_code == 302 and response.url.startswith(REAUTH)
    client.post(f"{REAUTH}?next={url}", {"password": PASSWORD, "code": fresh_code(device)})
    after = client.get(url)
    assert after.status_code in (200, 404)  # past the re-authentication (404: no such item)


def test_session_limits_staff_30_minutes_idle_12_hours_registrants_2_hours_idle_14_days(settings):
    assert (settings.STAFF_SESSION_IDLE_SECONDS, settings.STAFF_SESSION_ABSOLUTE_SECONDS) == (1800, 43200)
    assert (settings.REGISTRANT_SESSION_IDLE_SECONDS, settings.REGISTRANT_SESSION_ABSOLUTE_SECONDS) == (7200, 1209600)


def test_a_staff_session_idle_for_31_minutes_ends(client):
    staff, device, _codes = _enrolled(client)
    sign_in(client, staff.email)
    client.post(VERIFY, {"code": fresh_code(device)})
    assert client.get(HOME).status_code == 200
    session = client.session
    session["_login_active"] -= 31 * 60
    session.save()
    response = client.get(HOME)
    assert response.status_code == 302 and "login" in response.url


def test_changing_a_password_ends_the_other_sessions(client):
    staff, device, _codes = _enrolled(client)
    other = Client()
    sign_in(other, staff.email)
    other.post(VERIFY, {"code": fresh_code(device)})
    assert other.get(HOME).status_code == 200
    sign_in(client, staff.email)
    client.post(VERIFY, {"code": fresh_code(device)})
    response = client.post(
        reverse("creators:password_change"),
        {"old_password": PASSWORD, "new_password1": "a-new-long-password-9", "new_password2": "a-new-long-password-9"},
    )
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert other.get(HOME).status_code == 302  # logged out: its session no longer matches the password


def test_setting_up_a_second_factor_ends_the_other_sessions(client):
    staff = make_moderator()
    other = Client()
    sign_in(other, staff.email)
    assert UserSession.objects.filter(user_id=staff.pk).count() == 1
    sign_in(client, staff.email)
    enrol(client, staff)
    assert list(UserSession.objects.filter(user_id=staff.pk).values_list("session_key", flat=True)) == [
        client.session.session_key
    ]
    assert other.get(HOME).status_code == 302 and "login" in other.get(HOME).url


def test_production_settings_refuse_switching_two_step_sign_in_off():
    address = {"SITE_URL": "https://impact.example.go.th"}
    relaxed = _production(address | {"SECOND_FACTOR_REQUIRED_FOR_STAFF": "false"})
    assert relaxed.returncode != 0
    assert "SECOND_FACTOR_REQUIRED_FOR_STAFF cannot be switched off in production" in relaxed.stderr
    enforced = _production(address, "print(s.SECOND_FACTOR_REQUIRED_FOR_STAFF)")
    assert enforced.returncode == 0, enforced.stderr
    assert enforced.stdout.strip() == "True"
