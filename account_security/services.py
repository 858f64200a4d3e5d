"""Changes to accounts' second factors: enrolment, recovery codes, checking a code (with its own lockout), reset.

Every change that matters is in Wagtail's audit log (``ModelLogEntry`` on the account: Reports → Site history,
visible to superusers). Codes and secrets are never logged, emailed or shown to anyone but their owner.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.log_actions import log

from account_security.models import SecondFactorThrottle
from account_security.passkeys import PasskeyError, passkey_assert, passkey_create
from account_security.recovery import code_hash, looks_like_recovery_code, new_code
from account_security.selectors import RECOVERY_DEVICE_NAME, confirmed_totp, has_second_factor, recovery_device
from creators.access import may_use_admin
from creators.models import UserSession
from moderation.staff_notifications import staff_language
from outbox.services import outbox_enqueue

ACTION_ENROLLED = "account_security.enrolled"
ACTION_CODES = "account_security.recovery_codes"
ACTION_CODE_USED = "account_security.recovery_code_used"
ACTION_LOCKOUT = "account_security.lockout"
ACTION_RESET = "account_security.reset"
ACTION_PASSKEY_ADDED = "account_security.passkey_added"
ACTION_PASSKEY_REMOVED = "account_security.passkey_removed"
ACTION_PASSKEY_USED = "account_security.passkey_used"
ACTIONS = (
    ACTION_ENROLLED,
    ACTION_CODES,
    ACTION_CODE_USED,
    ACTION_LOCKOUT,
    ACTION_RESET,
    ACTION_PASSKEY_ADDED,
    ACTION_PASSKEY_REMOVED,
    ACTION_PASSKEY_USED,
)


class SecondFactorError(Exception):
    def __init__(self, message: str, *, locked_until: datetime | None = None):
        super().__init__(message)
        self.message = message
        self.locked_until = locked_until


def _audit(*, account, action: str, actor=None, data: dict | None = None) -> None:
    # Stored labels are in the site's language whoever acts (as privacy/deletion.py does).
    with translation.override(settings.LANGUAGE_CODE):
        log(instance=account, action=action, user=actor, data=data or {})


def sessions_end_others(*, user_id: int, keep_session_key: str | None) -> int:
    """End every session of the account except the one making the change."""
    ended, _ = UserSession.objects.filter(user_id=user_id).exclude(session_key=keep_session_key or "").delete()
    return ended


# --- enrolment ---------------------------------------------------------------------------------------------


def totp_enrolment_device(*, user) -> TOTPDevice:
    """The authenticator being set up: one unconfirmed device, kept across reloads so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def _totp_accept(device: TOTPDevice, code: str) -> bool:
    """The code is right and newer than the last one used; one conditional UPDATE makes replays and races lose."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != device.digits:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance, device.last_t + 1):
        return False
    step = totp.t()
    return (
        TOTPDevice.objects.filter(pk=device.pk, last_t__lt=step).update(last_t=step, last_used_at=timezone.now()) == 1
    )


def recovery_codes_replace(*, user, actor=None) -> list[str]:
    """Ten new recovery codes (the old ones stop working); only their hashes are stored. Shown once by the caller."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [new_code() for _ in range(settings.RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code_hash(c, salt=str(device.pk))) for c in codes
        )
        _audit(account=user, action=ACTION_CODES, actor=actor or user)
    return codes


def totp_enrol_confirm(*, user, device: TOTPDevice, code: str, keep_session_key: str | None) -> list[str]:
    """Confirm the authenticator with a code from it; returns the new recovery codes. Other sessions end."""
    if device.user_id != user.pk or device.confirmed:
        raise SecondFactorError(translation.gettext("This set-up has expired. Please start again."))
    _refuse_if_locked(user=user)
    if not _totp_accept(device, code):
        _record_failure(user=user)
        raise SecondFactorError(translation.gettext("The code is not correct. Please try again."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        SecondFactorThrottle.objects.filter(user=user).delete()
        _audit(account=user, action=ACTION_ENROLLED, actor=user)
        codes = recovery_codes_replace(user=user)
        sessions_end_others(user_id=user.pk, keep_session_key=keep_session_key)
    return codes


def passkey_enrol(*, request, answer: str, keep_session_key: str | None) -> tuple[WebAuthnCredential, list[str] | None]:
    """Add the browser's new passkey to the signed-in account. The first second factor also brings recovery codes
    (returned, to be shown once); adding one to an account that had one already returns None. Other sessions end."""
    user = request.user
    _refuse_if_locked(user=user)
    first = not has_second_factor(user=user)
    try:
        device = passkey_create(request=request, answer=answer)
    except PasskeyError as error:
        raise SecondFactorError(error.message) from error
    with transaction.atomic():
        _audit(account=user, action=ACTION_PASSKEY_ADDED, actor=user, data={"passkey": device.pk})
        codes = recovery_codes_replace(user=user) if first else None
        sessions_end_others(user_id=user.pk, keep_session_key=keep_session_key)
    return device, codes


def passkey_remove(*, user, passkey_id: int, keep_session_key: str | None) -> None:
    """Remove one of the account's own passkeys; the last second factor cannot go (ask for a reset instead)."""
    device = WebAuthnCredential.objects.filter(user=user, pk=passkey_id).first()
    if device is None:
        raise SecondFactorError(translation.gettext("This passkey was removed already."))
    with transaction.atomic():
        device.delete()
        if not has_second_factor(user=user):
            raise SecondFactorError(
                translation.gettext("This is your only second factor: add another passkey or an authenticator first.")
            )
        _audit(account=user, action=ACTION_PASSKEY_REMOVED, actor=user, data={"passkey": passkey_id})
        sessions_end_others(user_id=user.pk, keep_session_key=keep_session_key)


def passkey_check(*, request, answer: str) -> WebAuthnCredential:
    """The passkey that signed this session's challenge, with the step's lockout counting failures."""
    user = request.user
    _refuse_if_locked(user=user)
    try:
        device = passkey_assert(request=request, answer=answer)
    except PasskeyError as error:
        _record_failure(user=user)
        _refuse_if_locked(user=user)
        raise SecondFactorError(error.message) from error
    SecondFactorThrottle.objects.filter(user=user).delete()
    _audit(account=user, action=ACTION_PASSKEY_USED, actor=user, data={"passkey": device.pk})
    return device


# --- checking a code, with the step's own lockout -----------------------------------------------------------


def _refuse_if_locked(*, user) -> None:
    throttle = SecondFactorThrottle.objects.filter(user=user).first()
    if throttle and throttle.locked_until and throttle.locked_until > timezone.now():
        raise SecondFactorError(
            translation.gettext("Too many wrong codes. Please try again after %(time)s.")
            % {"time": timezone.localtime(throttle.locked_until).strftime("%H:%M")},
            locked_until=throttle.locked_until,
        )


def _record_failure(*, user) -> None:
    now = timezone.now()
    window = timedelta(seconds=settings.SECOND_FACTOR_LOCKOUT_SECONDS)
    with transaction.atomic():
        throttle, _ = SecondFactorThrottle.objects.select_for_update().get_or_create(user=user)
        if throttle.window_started is None or now - throttle.window_started > window:
            throttle.failures, throttle.window_started = 0, now
        throttle.failures += 1
        if throttle.failures >= settings.SECOND_FACTOR_FAILURE_LIMIT:
            throttle.locked_until, throttle.failures, throttle.window_started = now + window, 0, None
            _audit(account=user, action=ACTION_LOCKOUT, data={"until": throttle.locked_until.isoformat()})
        throttle.save()


def second_factor_check(*, user, code: str):
    """The device the code belongs to (an authenticator code, or a recovery code, used up), else SecondFactorError."""
    _refuse_if_locked(user=user)
    device = None
    totp = confirmed_totp(user=user)
    if totp is not None and _totp_accept(totp, code):
        device = totp
    elif looks_like_recovery_code(code) and (static := recovery_device(user=user)) is not None:
        # One DELETE: of two requests with the same code, exactly one gets the row.
        used, _ = StaticToken.objects.filter(device=static, token=code_hash(code, salt=str(static.pk))).delete()
        if used:
            device = static
            _audit(account=user, action=ACTION_CODE_USED, actor=user, data={"left": static.token_set.count()})
    if device is None:
        _record_failure(user=user)
        _refuse_if_locked(user=user)
        raise SecondFactorError(translation.gettext("The code is not correct. Please try again."))
    SecondFactorThrottle.objects.filter(user=user).delete()  # not locked (checked above): start counting afresh
    return device


# --- reset by a superuser ----------------------------------------------------------------------------------


def second_factor_reset(*, account, actor) -> None:
    """Remove every second factor of ``account`` (never read or shown) and end its sessions; it enrols again at
    its next sign-in. Logged, and the person is told by email in their admin language."""
    if not actor.is_superuser:
        raise SecondFactorError(translation.gettext("Only a superuser can reset a second factor."))
    if account.pk == actor.pk:
        raise SecondFactorError(translation.gettext("You cannot reset your own second factor here."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=account).delete()
        StaticDevice.objects.filter(user=account).delete()
        WebAuthnCredential.objects.filter(user=account).delete()
        SecondFactorThrottle.objects.filter(user=account).delete()
        sessions_end_others(user_id=account.pk, keep_session_key=None)
        _audit(account=account, action=ACTION_RESET, actor=actor)
        if account.email:
            outbox_enqueue(
                key=f"second-factor-reset:{account.pk}:{time.time_ns()}",
                to=account.email,
                template="second_factor_reset",
                context={"name": account.get_full_name() or account.email, "staff": may_use_admin(account)},
                language=staff_language(account),
            )
