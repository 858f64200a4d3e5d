"""Reads: which key a request's header names."""

from __future__ import annotations

from api_access.keys import key_matches, key_prefix
from api_access.models import ApiKey


def active_key(key: str) -> ApiKey | None:
    """The unrevoked key this string is, or None (malformed, unknown or revoked)."""
    prefix = key_prefix(key)
    if prefix is None:
        return None
    api_key = ApiKey.objects.filter(key_prefix=prefix, revoked_at__isnull=True).first()
    if api_key is None or not key_matches(key, api_key.key_hash):
        return None
    return api_key


def key_from_headers(meta) -> str | None:
    """The key a request sends (``Authorization: Bearer <key>`` or ``X-Api-Key: <key>``), or None if it sends none."""
    authorization = meta.get("HTTP_AUTHORIZATION", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    header = meta.get("HTTP_X_API_KEY", "").strip()
    return header or None
