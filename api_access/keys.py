"""API key strings: made, split and hashed (pure Python, no Django).

A key reads ``ipk_<prefix>_<secret>``: the 12-hex-digit prefix finds the row, the secret (32 random bytes) is what
makes it a key. Only the prefix and the SHA-256 of the whole key are stored; a stolen database gives no usable key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_MARK = "ipk_"
PREFIX_LENGTH = 12


def new_key() -> tuple[str, str]:
    """A fresh key and its prefix."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"{KEY_MARK}{prefix}_{secrets.token_urlsafe(32)}", prefix


def key_prefix(key: str) -> str | None:
    """The prefix of a well-formed key, or None."""
    if not key.startswith(KEY_MARK) or len(key) < len(KEY_MARK) + PREFIX_LENGTH + 2:
        return None
    prefix = key[len(KEY_MARK) : len(KEY_MARK) + PREFIX_LENGTH]
    if key[len(KEY_MARK) + PREFIX_LENGTH] != "_" or any(c not in "0123456789abcdef" for c in prefix):
        return None
    return prefix


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_matches(key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(key_hash(key), stored_hash)
