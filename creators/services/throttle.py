"""Limits on actions that send email or create accounts, counted in the database so every app server agrees.

``throttle_take`` records one use of an action by a subject (an IP network, an account) unless one of its
limits is already reached. The subject's bucket row is locked first (``select_for_update`` on PostgreSQL; on
SQLite the IMMEDIATE transaction holds the write lock), so concurrent requests on any server cannot both slip
under a limit. Windows slide: a limit of 3 an hour means at most 3 uses in any 60 minutes.

Subjects are stored as a keyed hash only. Limits come from settings; a limit set to 0 or None is off.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from creators.models import RateLimitBucket

__all__ = ["client_network", "throttle_limits", "throttle_purge", "throttle_take"]

logger = logging.getLogger(__name__)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
# Every scope's longest window: buckets untouched for longer hold nothing that still counts.
LONGEST_WINDOW = DAY

# scope -> ((window, setting name), ...): the settings are documented in README (Security).
SCOPES: dict[str, tuple[tuple[timedelta, str], ...]] = {
    "password-reset-email": ((HOUR, "PASSWORD_RESET_EMAILS_PER_ADDRESS_PER_HOUR"),),
    "password-reset-ip": ((HOUR, "PASSWORD_RESET_REQUESTS_PER_IP_PER_HOUR"),),
    "registration-ip": ((HOUR, "REGISTRATIONS_PER_IP_PER_HOUR"), (DAY, "REGISTRATIONS_PER_IP_PER_DAY")),
    "verification-email": ((HOUR, "VERIFICATION_EMAILS_PER_ADDRESS_PER_HOUR"),),
    "verification-resend-ip": ((HOUR, "VERIFICATION_RESENDS_PER_IP_PER_HOUR"),),
}


def throttle_limits(scope: str) -> list[tuple[timedelta, int]]:
    """(window, most uses in it) for ``scope``, read from settings now (tests and operators change them)."""
    limits = []
    for window, name in SCOPES[scope]:
        limit = getattr(settings, name, None)
        if limit:
            limits.append((window, int(limit)))
    return limits


def client_network(request) -> str:
    """Who sent the request, as the throttles count it: the IPv4 address, or the IPv6 /64 network (one household
    or phone gets a whole /64 and can pick any address in it). Uses the same client address as the lockout."""
    raw = get_client_ip_address(request) or ""
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False))


def _digest(scope: str, subject: str) -> str:
    return salted_hmac("creators.throttle", f"{scope}\n{subject}", algorithm="sha256").hexdigest()


def _locked_bucket(scope: str, digest: str, now: datetime) -> RateLimitBucket:
    buckets = RateLimitBucket.objects.select_for_update()
    bucket = buckets.filter(scope=scope, digest=digest).first()
    if bucket is not None:
        return bucket
    try:
        with transaction.atomic():
            return RateLimitBucket.objects.create(scope=scope, digest=digest, hits=[], updated_at=now)
    except IntegrityError:
        # Another server created it a moment ago: wait for its lock like everyone else.
        return buckets.get(scope=scope, digest=digest)


def throttle_take(*, scope: str, subject: str, now: datetime | None = None) -> bool:
    """Count one use of ``scope`` by ``subject``; False (and nothing counted) when a limit is already reached."""
    limits = throttle_limits(scope)
    if not limits:
        return True
    now = now or timezone.now()
    moment = now.timestamp()
    with transaction.atomic():
        bucket = _locked_bucket(scope, _digest(scope, subject), now)
        recent = [hit for hit in bucket.hits if hit > moment - LONGEST_WINDOW.total_seconds()]
        for window, limit in limits:
            if sum(1 for hit in recent if hit > moment - window.total_seconds()) >= limit:
                # Logged for operators, never shown: the caller answers as if nothing happened.
                logger.warning("rate limit reached: %s (%s in %s)", scope, limit, window)
                return False
        bucket.hits = [*recent, moment]
        bucket.updated_at = now
        bucket.save(update_fields=["hits", "updated_at"])
        return True


def throttle_purge(*, now: datetime | None = None, scopes: Iterable[str] | None = None) -> int:
    """Delete buckets with no use inside any window (daily; idempotent)."""
    stale = RateLimitBucket.objects.filter(updated_at__lt=(now or timezone.now()) - LONGEST_WINDOW)
    if scopes is not None:
        stale = stale.filter(scope__in=list(scopes))
    return stale.delete()[0]
