"""SDG target and indicator codes ("1.2", "17.a", "1.2.1") → Latin slugs and sort keys. Pure Python.

Codes sort part by part: numbers numerically (1.10 after 1.9), letters after numbers (1.a after 1.5).
One scale serves targets and indicators: a target's key is its first indicator's key minus its number.
"""

from __future__ import annotations

import re

PART_LIMIT = 999  # each part of a key takes three decimal digits
LETTER_BASE = 500  # "a" sorts after every number an SDG code uses
TARGET_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
INDICATOR_CODE = re.compile(r"^[0-9a-z]+(\.[0-9a-z]+){2,3}$")


def _part_value(part: str) -> int:
    if part.isdigit():
        return min(int(part), PART_LIMIT)
    if len(part) == 1 and "a" <= part <= "z":
        return LETTER_BASE + ord(part) - ord("a")
    return PART_LIMIT  # anything else an editor types sorts last in its place


def sort_key(code: str) -> int:
    """1.2 → 1_002_000, 1.10 → 1_010_000, 1.a → 1_500_000, 1.2.1 → 1_002_001, 17.19.2 → 17_019_002."""
    parts = [_part_value(part) for part in code.strip().lower().split(".")[:3]]
    parts += [0] * (3 - len(parts))
    return parts[0] * 1_000_000 + parts[1] * 1_000 + parts[2]


def _slug_body(code: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", code.strip().lower()).strip("-")


def target_slug(number: str) -> str:
    return f"target-{_slug_body(number)}"


def indicator_slug(code: str) -> str:
    return f"indicator-{_slug_body(code)}"


def goal_of(code: str) -> int | None:
    head = code.strip().split(".", 1)[0]
    return int(head) if head.isdigit() else None


def is_target_number(number: str) -> bool:
    match = TARGET_CODE.match(number.strip().lower())
    return bool(match) and 1 <= int(match[1]) <= 17


def is_indicator_code(code: str) -> bool:
    return bool(INDICATOR_CODE.match(code.strip().lower()))
