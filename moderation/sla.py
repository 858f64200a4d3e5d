"""Business-day clock for moderation SLAs (pure: standard library + ``holidays`` only).

Business days are Monday-Friday in Asia/Bangkok, minus Thai public holidays (``holidays`` package,
country TH, category "public") and minus closure days supplied by staff.

Counting rule ("N business days after submission"), as Thai law counts periods (Civil and Commercial
Code section 193/3: the first day of a period is not counted):

* The submission is placed on its Bangkok calendar date (aware datetimes are converted first).
* The due date is the N-th business day strictly AFTER that date, whatever day the submission fell
  on: a weekend, holiday or closure-day submission gets no extra day. N must be >= 1.
* The deadline ends at 23:59:59.999999 Bangkok time on the due date (:func:`due_datetime`).
* Equivalently, the due date is the first business day ``d`` with exactly N business days in
  ``(submission date, d]``, which is what :func:`business_days_between` counts, so "business days
  left" and "overdue by" follow the same rule.

Examples (real 2026 calendar): submitted Friday 2026-11-27, N=1 -> Monday 2026-11-30; submitted
Saturday 2026-11-28 or Sunday 2026-11-29, N=1 -> also Monday 2026-11-30. Submitted Saturday
2026-12-12, N=3 -> Wednesday 2026-12-16 (Mon 14, Tue 15, Wed 16). Submitted Friday 2026-12-04, N=1
-> Tuesday 2026-12-08 (Monday 2026-12-07 is the in-lieu day for Father's Day, Saturday 5 Dec).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "BANGKOK",
    "add_business_days",
    "business_days_between",
    "due_datetime",
    "is_business_day",
    "next_business_day",
]

BANGKOK = ZoneInfo("Asia/Bangkok")

# In holidays 0.109, TH "public" already contains in-lieu days (ชดเชย) and cabinet bridge days
# ("Bridge Public Holiday"); "government" (Royal Ploughing Day, civil service only) and "workday"
# (observances that are normal working days) are not days off for everyone, so they are excluded.
_CATEGORIES = ("public",)

_ONE_DAY = timedelta(days=1)


@functools.lru_cache(maxsize=256)
def _holidays_in_year(year: int) -> frozenset[date]:
    """Thai public holidays in ``year``; adjacent years are loaded too so spill-over in-lieu days count."""
    calendar = holidays.country_holidays("TH", categories=_CATEGORIES, years=range(year - 1, year + 2))
    return frozenset(day for day in calendar if day.year == year)


def _to_local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given; pass an aware datetime or a date")
        return value.astimezone(BANGKOK).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or an aware datetime, got {type(value).__name__}")


def _closure_set(closures: Iterable[date]) -> frozenset[date]:
    result = frozenset(closures)
    for day in result:
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"closures must be dates, got {type(day).__name__}")
    return result


def _is_business(day: date, closures: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in closures and day not in _holidays_in_year(day.year)


def _next_business_day(day: date, closures: frozenset[date]) -> date:
    """First business day strictly after ``day``."""
    day += _ONE_DAY
    while not _is_business(day, closures):
        day += _ONE_DAY
    return day


def is_business_day(day: date | datetime, closures: Iterable[date] = ()) -> bool:
    """True if ``day`` (a date, or an aware datetime taken in Bangkok) is a business day."""
    return _is_business(_to_local_date(day), _closure_set(closures))


def add_business_days(start: date | datetime, days: int, closures: Iterable[date] = ()) -> date:
    """Due date: the ``days``-th business day after the submission's Bangkok date (section 193/3).

    ``start`` is a date or an aware datetime (converted to Asia/Bangkok); a naive datetime raises
    ValueError. The submission's own date is never counted, whatever day it is (see module doc).
    ``days`` must be an int >= 1.
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError("days must be an int")
    if days < 1:
        raise ValueError("days must be >= 1: a period of business days starts the day after the submission")
    closed = _closure_set(closures)
    day = _to_local_date(start)
    for _ in range(days):
        day = _next_business_day(day, closed)
    return day


def next_business_day(day: date | datetime, closures: Iterable[date] = ()) -> date:
    """First business day strictly after ``day``'s Bangkok date (``add_business_days(day, 1)``)."""
    return add_business_days(day, 1, closures)


def due_datetime(start: date | datetime, days: int, closures: Iterable[date] = ()) -> datetime:
    """Aware Asia/Bangkok datetime at 23:59:59.999999 of :func:`add_business_days`."""
    return datetime.combine(add_business_days(start, days, closures), time.max, tzinfo=BANGKOK)


def business_days_between(start: date | datetime, end: date | datetime, closures: Iterable[date] = ()) -> int:
    """Business days in ``(start, end]``; negative (minus those in ``(end, start]``) when end < start.

    ``business_days_between(today, due)`` is "business days left" (0 on the due day itself);
    when overdue it is negative and its absolute value is "overdue by N business days".
    """
    closed = _closure_set(closures)
    first, last = _to_local_date(start), _to_local_date(end)
    sign = 1
    if last < first:
        first, last, sign = last, first, -1
    count = 0
    day = first + _ONE_DAY
    while day <= last:
        count += _is_business(day, closed)
        day += _ONE_DAY
    return sign * count
