"""Reads about accounts' second factors."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Now
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from account_security.models import SecondFactorThrottle

RECOVERY_DEVICE_NAME = "recovery-codes"


def confirmed_totp(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device(*, user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()


def recovery_codes_left(*, user) -> int:
    device = recovery_device(user=user)
    return device.token_set.count() if device else 0


def has_second_factor(*, user) -> bool:
    """A confirmed authenticator app or passkey (recovery codes alone are a way back in, not a factor to enrol)."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    )


def passkeys(*, user) -> list[WebAuthnCredential]:
    return list(WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk"))


def has_passkey(*, user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def staff_second_factor_status():
    """Active accounts that may use the admin, each with ``has_totp`` and ``has_passkey``: one query."""
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    staff = Q(is_staff=True) | Q(is_superuser=True) | Q(groups__permissions__in=access) | Q(user_permissions__in=access)
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        get_user_model()
        .objects.filter(staff, is_active=True)
        .distinct()
        .annotate(
            has_totp=Exists(confirmed),
            has_passkey=Exists(WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)),
            # A current lockout of the second step (a past one is only in the audit log).
            locked_until=Subquery(
                SecondFactorThrottle.objects.filter(user=OuterRef("pk"), locked_until__gt=Now()).values("locked_until")[
                    :1
                ]
            ),
        )
        .order_by("email")
    )
