"""What a session knows about its second factor: which device verified it, when, and when the password and second
factor were last given together (re-authentication). Nothing here queries the database per request.

A second factor is verified with django-otp's ``login`` (``otp_device_id`` in the session). Resetting or
changing an account's second factor ends its other sessions (``account_security.services``), so a session
never outlives the device that verified it.
"""

from __future__ import annotations

import time

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from account_security.selectors import has_second_factor
from creators.access import may_use_admin

VERIFIED_AT_KEY = "_second_factor_at"
REAUTH_AT_KEY = "_reauth_at"
# Set at login: this session must pass a second factor (staff, or a registrant who turned one on).
REQUIRED_KEY = "_second_factor_required"


def staff_must_enrol() -> bool:
    return bool(getattr(settings, "SECOND_FACTOR_REQUIRED_FOR_STAFF", True))


def note_login(sender, request, user, **kwargs) -> None:
    """user_logged_in: decide once whether this session needs a second factor (no query per request later)."""
    if request is None or not hasattr(request, "session"):
        return
    required = (may_use_admin(user) and staff_must_enrol()) or has_second_factor(user=user)
    request.session[REQUIRED_KEY] = required


def second_factor_required(request) -> bool:
    session = request.session
    if REQUIRED_KEY not in session:  # a login from before two-step sign-in: staff need it, registrants don't
        session[REQUIRED_KEY] = may_use_admin(request.user) and staff_must_enrol()
    return bool(session[REQUIRED_KEY])


def is_verified(session) -> bool:
    return bool(session.get(DEVICE_ID_SESSION_KEY))


def mark_verified(request, device, *, with_password: bool = False) -> None:
    """The person gave this device's code (and, at sign-in or re-authentication, the password)."""
    otp_login(request, device)
    now = int(time.time())
    request.session[VERIFIED_AT_KEY] = now
    request.session[REQUIRED_KEY] = True
    if with_password:
        request.session[REAUTH_AT_KEY] = now


def reauthenticated_recently(session, now: int | None = None) -> bool:
    at = session.get(REAUTH_AT_KEY)
    now = int(time.time()) if now is None else now
    return bool(at) and is_verified(session) and now - int(at) <= settings.REAUTH_MAX_AGE_SECONDS
