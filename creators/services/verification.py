"""Email verification: the link in the confirmation email, and sending it again.

The link confirms the address once and never logs anyone in. It is signed (3 days) and bound to the account's
state: its address, its password hash and whether it is verified yet. So it stops confirming when the password
or the address changes, and once the address is confirmed a second use only says "already confirmed, please
log in". Logging in always takes the password, so the lockout (django-axes) applies to every login.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from core.links import site_url
from creators.models import User
from creators.services.profiles import profile_submit
from creators.services.throttle import throttle_take
from outbox.models import OutboxEmail
from outbox.services import outbox_enqueue

VERIFY_SALT = "creators.verify-email"
VERIFY_MAX_AGE = datetime.timedelta(days=3)
RESEND_INTERVAL = datetime.timedelta(minutes=1)


class VerificationError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


@dataclass(frozen=True)
class VerificationResult:
    user: User
    confirmed_now: bool  # False: the address was already confirmed, nothing changed


def _state_digest(user: User) -> str:
    # Changes with the address or the password hash: a link sent before either changed stops confirming.
    value = f"{user.pk}\n{user.email.lower()}\n{user.password}"
    return salted_hmac(VERIFY_SALT, value, algorithm="sha256").hexdigest()[:32]


def verification_token(*, user: User) -> str:
    return signing.dumps({"u": user.pk, "s": _state_digest(user)}, salt=VERIFY_SALT, compress=True)


def verification_url(*, user: User) -> str:
    with translation.override(user.preferred_language):
        path = reverse("creators:verify", kwargs={"token": verification_token(user=user)})
    return site_url(path)


def send_verification(*, user: User, sequence: int) -> None:
    outbox_enqueue(
        key=f"verify:{user.pk}:{sequence}",
        to=user.email,
        template="verify_email",
        context={"verify_url": verification_url(user=user), "valid_days": VERIFY_MAX_AGE.days},
        language=user.preferred_language,
    )


def _token_data(token: str) -> dict:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as error:
        raise VerificationError("expired") from error
    except signing.BadSignature as error:
        raise VerificationError("invalid") from error
    if not isinstance(data, dict):
        raise VerificationError("invalid")
    return data


def _token_owner(users, data: dict) -> User:
    user = users.filter(pk=data.get("u")).first()
    if user is None:
        raise VerificationError("invalid")
    if user.email_verified_at is not None:
        return user  # only ever answered with "already confirmed": nothing to bind
    if not user.is_active or not constant_time_compare(str(data.get("s", "")), _state_digest(user)):
        raise VerificationError("invalid")
    return user


def verification_user(*, token: str) -> User:
    """Whose verification link this is, changing nothing (the page that asks to confirm); VerificationError
    when the link is expired, changed, or no longer matches the account's address or password."""
    return _token_owner(User.objects.all(), _token_data(token))


def registration_verify(*, token: str) -> VerificationResult:
    """Confirm the address and submit the profile into moderation, once. Never logs anyone in."""
    data = _token_data(token)
    with transaction.atomic():
        user = _token_owner(User.objects.select_for_update(), data)
        if user.email_verified_at is not None:
            return VerificationResult(user=user, confirmed_now=False)
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
        profile = user.profile
        if profile is not None and not profile.workflow_in_progress:
            profile_submit(profile=profile, user=user)
        return VerificationResult(user=user, confirmed_now=True)


def registration_resend_verification(*, email: str, source: str) -> None:
    """Send a fresh link to an unverified address; silently nothing for unknown or verified ones, and nothing
    beyond the per-address and per-source limits (logged, never announced)."""
    with transaction.atomic():
        if not throttle_take(scope="verification-resend-ip", subject=source):
            return
        user = User.objects.select_for_update().filter(email__iexact=email.strip(), email_verified_at=None).first()
        if user is None:
            return
        sent = OutboxEmail.objects.filter(key__startswith=f"verify:{user.pk}:")
        last = sent.order_by("-created_at").first()
        if last is not None and timezone.now() - last.created_at < RESEND_INTERVAL:
            return
        if not throttle_take(scope="verification-email", subject=f"user:{user.pk}"):
            return
        send_verification(user=user, sequence=sent.count() + 1)
