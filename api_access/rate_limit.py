"""Fixed-window request counting in the shared cache (Redis with several machines).

Each client has one counter per window: ``cache.add`` creates it at 0 (only the first machine succeeds) and
``cache.incr`` adds one atomically, so every machine counts against the same number. If the cache is unreachable
the fail-open backend finds no counter: the request goes through uncounted rather than failing.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until the window ends (at least 1)


def current_time() -> float:
    """The clock the windows are counted on (tests set it: no test may depend on when it runs)."""
    return time.time()


def window_seconds_left(*, now: float, window: int) -> int:
    """Whole seconds until the current window ends (pure)."""
    return max(1, math.ceil((math.floor(now / window) + 1) * window - now))


def take(*, subject: str, limit: int, window: int, now: float | None = None) -> Verdict:
    """Count one request of ``subject`` in the current window and say whether it is within ``limit``."""
    now = current_time() if now is None else now
    key = f"api-rate:{window}:{int(now // window)}:{subject}"
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is unreachable (fail-open: not counted)
        count = 1 if cache.add(key, 1, window + 1) else 0
    return Verdict(
        allowed=count <= limit,
        limit=limit,
        remaining=max(0, limit - count),
        retry_after=window_seconds_left(now=now, window=window),
    )
