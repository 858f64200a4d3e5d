"""Passkeys (WebAuthn, through django-otp-webauthn) as a second factor beside the authenticator app.

The package's ceremonies are used through its helper; its own JSON views and scripts are not: the browser's answer
is posted with the page's form (static account_security/passkeys.js, no inline script), so signing in, enrolment
and re-authentication keep one path each, with the step's lockout, the audit log and the "next" address.
The relying party is SITE_URL's host: a passkey made for one address does not work at another.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django_otp_webauthn.exceptions import OTPWebAuthnApiError
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers.exceptions import WebAuthnException

REGISTER_STATE_KEY = "otp_webauthn_register_state"
AUTH_STATE_KEY = "otp_webauthn_authentication_state"


def site_origin(request=None) -> str:
    """SITE_URL's scheme, host and port; without SITE_URL (a developer's machine), the request's own."""
    if settings.SITE_URL:
        parts = urlsplit(settings.SITE_URL)
        return f"{parts.scheme}://{parts.netloc}"
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def rp_id(request=None) -> str:
    return urlsplit(site_origin(request)).hostname or ""


class PasskeyHelper(WebAuthnHelper):
    def get_relying_party_domain(self) -> str:
        return rp_id(self.request)

    def get_allowed_origins(self) -> list[str]:
        return [site_origin(self.request)]


class PasskeyError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _helper(request) -> PasskeyHelper:
    return PasskeyHelper(request)


def _answer(raw: str) -> dict:
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        data = None
    if not isinstance(data, dict):
        raise PasskeyError(translation.gettext("The passkey did not answer. Please try again."))
    return data


def registration_options(*, request) -> dict:
    """What the browser needs to make a passkey for the signed-in account; the challenge is kept in the session."""
    options, state = _helper(request).register_begin(user=request.user)
    request.session[REGISTER_STATE_KEY] = state
    return options


def authentication_options(*, request) -> dict:
    """What the browser needs to sign with one of the signed-in account's passkeys."""
    options, state = _helper(request).authenticate_begin(user=request.user, require_user_verification=False)
    request.session[AUTH_STATE_KEY] = state
    return options


def passkey_create(*, request, answer: str) -> WebAuthnCredential:
    """Check the browser's new passkey against the challenge (used once) and store it, confirmed."""
    state = request.session.pop(REGISTER_STATE_KEY, None)
    data = _answer(answer)
    if not state:
        raise PasskeyError(translation.gettext("This set-up has expired. Please start again."))
    try:
        with transaction.atomic():
            device = _helper(request).register_complete(user=request.user, state=state, data=data)
    except (OTPWebAuthnApiError, WebAuthnException, IntegrityError, ValueError, KeyError, TypeError) as error:
        raise PasskeyError(translation.gettext("This passkey could not be added. Please try again.")) from error
    return device


def passkey_assert(*, request, answer: str) -> WebAuthnCredential:
    """The account's passkey that signed the challenge (used once), else PasskeyError."""
    state = request.session.pop(AUTH_STATE_KEY, None)
    data = _answer(answer)
    if not state:
        raise PasskeyError(translation.gettext("This sign-in has expired. Please try again."))
    try:
        device = _helper(request).authenticate_complete(user=request.user, state=state, data=data)
    except (OTPWebAuthnApiError, WebAuthnException, ValueError, KeyError, TypeError) as error:
        raise PasskeyError(translation.gettext("The passkey was not accepted. Please try again.")) from error
    if not device.confirmed or device.user_id != request.user.pk:
        raise PasskeyError(translation.gettext("The passkey was not accepted. Please try again."))
    return device
