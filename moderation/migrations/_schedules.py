"""Helpers shared by schedule data migrations (not a migration: the name starts with an underscore)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


def next_bangkok_run(at: time, now: datetime | None = None) -> datetime:
    """The next occurrence of the Bangkok wall-clock time ``at`` strictly after ``now``."""
    now = (now or datetime.now(BANGKOK)).astimezone(BANGKOK)
    candidate = datetime.combine(now.date(), at, tzinfo=BANGKOK)
    if candidate <= now:
        candidate += timedelta(days=1)
    return candidate
