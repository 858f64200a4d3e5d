"""Reads about accounts' second factors."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_DEVICE_NAME = "recovery-codes"


def confirmed_totp(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device(*, user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True).first()


def recovery_codes_left(*, user) -> int:
    device = recovery_device(user=user)
    return device.token_set.count() if device else 0


def has_second_factor(*, user) -> bool:
    """A confirmed authenticator app (recovery codes alone are a way back in, not a second factor to enrol)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def staff_second_factor_status():
    """Active accounts that may use the admin, each with ``has_totp``: one query."""
    access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    staff = Q(is_staff=True) | Q(is_superuser=True) | Q(groups__permissions__in=access) | Q(user_permissions__in=access)
    confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        get_user_model()
        .objects.filter(staff, is_active=True)
        .distinct()
        .annotate(has_totp=Exists(confirmed))
        .order_by("email")
    )
