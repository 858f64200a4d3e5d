"""Writes: issuing and revoking keys, and noting their use."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from wagtail.log_actions import log

from api_access.keys import key_hash as hash_of
from api_access.keys import new_key
from api_access.models import ApiKey

USE_NOTED_EVERY_SECONDS = 60
ACTION_REVOKED = "api_access.revoke"  # in the admin's history and reports beside Wagtail's own "wagtail.create"


@dataclass(frozen=True)
class IssuedKey:
    api_key: ApiKey
    plaintext: str  # shown to the staff member once, never stored


def api_key_issue(*, name: str, contact_email: str, created_by=None) -> IssuedKey:
    plaintext, prefix = new_key()
    api_key = ApiKey.objects.create(
        name=name, contact_email=contact_email, key_prefix=prefix, key_hash=hash_of(plaintext), created_by=created_by
    )
    log(instance=api_key, action="wagtail.create", user=created_by)
    return IssuedKey(api_key=api_key, plaintext=plaintext)


def api_key_revoke(*, api_key_id: int, revoked_by=None) -> bool:
    """Revoke a key now; False if it was already revoked (the first revocation time stays)."""
    revoked = bool(ApiKey.objects.filter(pk=api_key_id, revoked_at__isnull=True).update(revoked_at=timezone.now()))
    if revoked:
        log(instance=ApiKey.objects.get(pk=api_key_id), action=ACTION_REVOKED, user=revoked_by)
    return revoked


def api_key_note_use(*, api_key_id: int) -> None:
    """Record the key's last use, at most once a minute per key whatever the machine (one shared cache entry)."""
    if cache.add(f"api-key-used:{api_key_id}", 1, USE_NOTED_EVERY_SECONDS):
        ApiKey.objects.filter(pk=api_key_id).update(last_used_at=timezone.now())
