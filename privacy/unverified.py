"""Registrations never verified are erased after a week (PDPA: nothing kept without a purpose)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from creators.models import User
from creators.services.registration import UNVERIFIED_LIFETIME
from privacy.erasure import account_erase


def registration_purge_unverified(*, now: datetime.datetime | None = None) -> int:
    """Delete registrations never verified within 7 days, with their profiles, images and emails."""
    cutoff = (now or timezone.now()) - UNVERIFIED_LIFETIME
    stale = User.objects.filter(email_verified_at=None, date_joined__lt=cutoff, is_staff=False, is_superuser=False)
    removed = 0
    for user in stale.iterator():
        account_erase(user=user)
        removed += 1
    return removed
