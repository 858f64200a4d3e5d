"""Recovery codes: made, shown once and stored only as hashes. Pure Python, no Django."""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes are typed from paper
GROUP, GROUPS = 4, 3  # xxxx-xxxx-xxxx: 12 characters from 31, about 59 bits


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUP * GROUPS))
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def looks_like_recovery_code(code: str) -> bool:
    return len(normalise(code)) == GROUP * GROUPS


def code_hash(code: str, *, salt: str) -> str:
    """What is stored (django-otp's static token column holds 16 characters): a salted SHA-256, truncated."""
    return hashlib.sha256(f"{salt}:{normalise(code)}".encode()).hexdigest()[:16]
