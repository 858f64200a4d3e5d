"""Tests for the business-day clock (moderation/sla.py), using the real Thai calendar (holidays 0.109).

The rule (Civil and Commercial Code section 193/3): the due date of "N business days after a submission" is
the N-th business day strictly after the submission's Bangkok date, whatever day that is.

Thai public holidays that fall on weekdays around the cases below (from the package, category "public"):
  2025-12-31 Wed New Year's Eve, 2026-01-01 Thu New Year's Day, 2026-01-02 Fri Bridge Public Holiday
  2026-04-06 Mon Chakri Day, 2026-04-13..15 Mon-Wed Songkran (no in-lieu needed in 2026)
  2026-06-01 Mon Visakha Bucha (in lieu of Sun 31 May), 2026-06-03 Wed Queen Suthida's Birthday
  2026-12-07 Mon Father's Day (in lieu of Sat 5 Dec), 2026-12-10 Thu Constitution Day
  2026-12-31 Thu New Year's Eve, 2027-01-01 Fri New Year's Day
"""

from __future__ import annotations

import bisect
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from moderation import sla
from moderation.sla import (
    BANGKOK,
    add_business_days,
    business_days_between,
    due_datetime,
    is_business_day,
    next_business_day,
)

D = date


# --------------------------------------------------------------------------- calendar data


WEEKDAY_HOLIDAYS_2026 = {
    D(2026, 1, 1),  # New Year's Day (Thu)
    D(2026, 1, 2),  # Bridge Public Holiday (Fri), declared by cabinet
    D(2026, 3, 3),  # Makha Bucha
    D(2026, 4, 6),  # Chakri Memorial Day
    D(2026, 4, 13),  # Songkran
    D(2026, 4, 14),  # Songkran
    D(2026, 4, 15),  # Songkran
    D(2026, 5, 1),  # National Labour Day
    D(2026, 5, 4),  # Coronation Day
    D(2026, 6, 1),  # Visakha Bucha (in lieu of Sunday 31 May)
    D(2026, 6, 3),  # HM Queen Suthida's Birthday
    D(2026, 7, 28),  # HM the King's Birthday
    D(2026, 7, 29),  # Asarnha Bucha
    D(2026, 7, 30),  # Buddhist Lent Day
    D(2026, 8, 12),  # Mother's Day
    D(2026, 10, 13),  # King Bhumibol Memorial Day
    D(2026, 10, 23),  # Chulalongkorn Day
    D(2026, 12, 7),  # Father's Day (in lieu of Saturday 5 Dec)
    D(2026, 12, 10),  # Constitution Day
    D(2026, 12, 31),  # New Year's Eve
}


def all_days(year: int):
    day = D(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def test_2026_weekday_holidays_are_exactly_the_public_list():
    closed_weekdays = {d for d in all_days(2026) if d.weekday() < 5 and not is_business_day(d)}
    assert closed_weekdays == WEEKDAY_HOLIDAYS_2026


def test_weekend_holidays_2026_are_not_business_days():
    # Children's Day (Sat 10 Jan), Visakha Bucha (Sun 31 May), Father's Day (Sat 5 Dec).
    for day in (D(2026, 1, 10), D(2026, 5, 31), D(2026, 12, 5)):
        assert not is_business_day(day)


def test_non_public_categories_are_business_days():
    assert is_business_day(D(2026, 5, 13))  # Royal Ploughing Ceremony: "government" category only
    assert is_business_day(D(2026, 11, 24))  # Loy Krathong: "workday" observance
    assert is_business_day(D(2026, 1, 16))  # Teacher's Day: "school" category


def test_ordinary_weekdays_and_weekends():
    assert is_business_day(D(2026, 3, 9))  # Monday
    assert is_business_day(D(2026, 3, 13))  # Friday
    assert not is_business_day(D(2026, 3, 14))  # Saturday
    assert not is_business_day(D(2026, 3, 15))  # Sunday


def test_is_business_day_with_closures_and_datetimes():
    assert not is_business_day(D(2026, 3, 10), closures=[D(2026, 3, 10)])
    assert is_business_day(D(2026, 3, 10), closures=[D(2026, 3, 11)])
    # 2026-03-13T17:30Z is Saturday 00:30 in Bangkok.
    assert not is_business_day(datetime(2026, 3, 13, 17, 30, tzinfo=UTC))
    assert is_business_day(datetime(2026, 3, 13, 16, 59, tzinfo=UTC))
    with pytest.raises(ValueError):
        is_business_day(datetime(2026, 3, 13, 12, 0))


def test_holiday_cache_is_used():
    sla._holidays_in_year(2026)
    before = sla._holidays_in_year.cache_info()
    for _ in range(50):
        is_business_day(D(2026, 6, 1))
    after = sla._holidays_in_year.cache_info()
    assert after.misses == before.misses
    assert after.hits >= before.hits + 50


# --------------------------------------------------------------------------- hand-checked cases


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # The example: Saturday 12 Dec 2026 + 3 -> Mon 14, Tue 15, Wed 16 (the old rule said Thu 17).
        (D(2026, 12, 12), 3, D(2026, 12, 16)),
        (D(2026, 12, 13), 3, D(2026, 12, 16)),  # Sunday: the same
        (D(2026, 12, 11), 3, D(2026, 12, 16)),  # Friday: the same
        # Ordinary week (March 2026 has no weekday holidays after Tue 3 Mar).
        (D(2026, 3, 9), 1, D(2026, 3, 10)),  # Mon -> Tue
        (D(2026, 3, 9), 4, D(2026, 3, 13)),  # Mon -> Fri
        (D(2026, 3, 9), 5, D(2026, 3, 16)),  # Mon -> next Mon
        (D(2026, 3, 9), 10, D(2026, 3, 23)),
        (D(2026, 3, 11), 3, D(2026, 3, 16)),  # Wed -> Mon
        # Friday submission: day 1 is Monday.
        (D(2026, 3, 13), 1, D(2026, 3, 16)),
        (D(2026, 3, 13), 5, D(2026, 3, 20)),
        # Saturday / Sunday submission: no extra day, day 1 is Monday too.
        (D(2026, 3, 14), 1, D(2026, 3, 16)),
        (D(2026, 3, 14), 5, D(2026, 3, 20)),
        (D(2026, 3, 15), 1, D(2026, 3, 16)),
        (D(2026, 3, 15), 5, D(2026, 3, 20)),
        # Sun 29 Nov 2026, N=5: Mon 30 Nov, Tue 1 .. Fri 4 Dec (the old rule said Tue 8 Dec).
        (D(2026, 11, 29), 5, D(2026, 12, 4)),
        (D(2026, 11, 28), 5, D(2026, 12, 4)),  # Saturday: the same
        (D(2026, 11, 27), 5, D(2026, 12, 4)),  # Friday: the same
        # Sat 5 Dec is Father's Day and its in-lieu day Mon 7 Dec is a holiday.
        (D(2026, 12, 4), 1, D(2026, 12, 8)),
        (D(2026, 12, 5), 1, D(2026, 12, 8)),  # a holiday on a Saturday: no extra day
        (D(2026, 12, 7), 1, D(2026, 12, 8)),  # the in-lieu Monday: no extra day
        (D(2026, 12, 9), 1, D(2026, 12, 11)),  # Wed -> skips Constitution Day (Thu 10 Dec)
        (D(2026, 12, 10), 1, D(2026, 12, 11)),  # Constitution Day itself -> Fri 11 (old rule: Mon 14)
        # New Year 2026: Wed 31 Dec 2025, Thu 1 Jan, Fri 2 Jan (bridge) all closed.
        (D(2025, 12, 29), 1, D(2025, 12, 30)),
        (D(2025, 12, 29), 2, D(2026, 1, 5)),
        (D(2025, 12, 30), 1, D(2026, 1, 5)),
        (D(2025, 12, 30), 3, D(2026, 1, 7)),
        (D(2025, 12, 31), 1, D(2026, 1, 5)),  # holiday submission: no extra day (old rule: Tue 6 Jan)
        (D(2026, 1, 1), 1, D(2026, 1, 5)),
        (D(2026, 1, 2), 5, D(2026, 1, 9)),
        (D(2026, 1, 3), 1, D(2026, 1, 5)),  # Saturday
        # New Year 2027: Thu 31 Dec 2026 and Fri 1 Jan 2027 closed.
        (D(2026, 12, 28), 5, D(2027, 1, 6)),  # Tue 29, Wed 30, Mon 4, Tue 5, Wed 6
        (D(2026, 12, 30), 1, D(2027, 1, 4)),
        (D(2026, 12, 31), 1, D(2027, 1, 4)),
        (D(2027, 1, 1), 1, D(2027, 1, 4)),
        # Songkran 2026: Mon 6 Apr (Chakri), Mon 13 - Wed 15 Apr closed; no in-lieu day in 2026.
        (D(2026, 4, 2), 5, D(2026, 4, 10)),  # Fri 3, Tue 7, Wed 8, Thu 9, Fri 10
        (D(2026, 4, 2), 6, D(2026, 4, 16)),
        (D(2026, 4, 10), 1, D(2026, 4, 16)),  # Fri -> Thu after Songkran
        (D(2026, 4, 10), 3, D(2026, 4, 20)),
        (D(2026, 4, 12), 1, D(2026, 4, 16)),  # Sunday before Songkran
        (D(2026, 4, 13), 1, D(2026, 4, 16)),
        (D(2026, 4, 14), 1, D(2026, 4, 16)),
        (D(2026, 4, 15), 10, D(2026, 4, 29)),  # the report clock from the last Songkran day
        # Songkran 2025: 13 Apr was a Sunday, in-lieu Wed 16 Apr 2025.
        (D(2025, 4, 11), 1, D(2025, 4, 17)),
        (D(2025, 4, 13), 1, D(2025, 4, 17)),
        # In-lieu week: Visakha Bucha Sun 31 May 2026 -> in-lieu Mon 1 Jun; Wed 3 Jun is also closed.
        (D(2026, 5, 29), 1, D(2026, 6, 2)),
        (D(2026, 5, 29), 2, D(2026, 6, 4)),
        (D(2026, 5, 29), 3, D(2026, 6, 5)),
        (D(2026, 5, 31), 1, D(2026, 6, 2)),
        (D(2026, 6, 1), 1, D(2026, 6, 2)),
        (D(2026, 6, 2), 1, D(2026, 6, 4)),
        # In-lieu 2027: Makha Bucha Sun 21 Feb 2027 -> Mon 22 Feb 2027.
        (D(2027, 2, 19), 1, D(2027, 2, 23)),
        (D(2027, 2, 21), 1, D(2027, 2, 23)),
        # Year-boundary spill-over: bridge Fri 30 Dec 2022, in-lieu Mon 2 and Tue 3 Jan 2023.
        (D(2022, 12, 29), 1, D(2023, 1, 4)),
        (D(2022, 12, 31), 1, D(2023, 1, 4)),
    ],
)
def test_add_business_days_hand_checked(start, days, expected):
    assert add_business_days(start, days) == expected


def test_due_datetime_is_end_of_bangkok_day():
    due = due_datetime(D(2026, 3, 13), 1)
    assert due == datetime(2026, 3, 16, 23, 59, 59, 999999, tzinfo=BANGKOK)
    assert due.tzinfo == BANGKOK
    assert due.astimezone(UTC) == datetime(2026, 3, 16, 16, 59, 59, 999999, tzinfo=UTC)
    assert due_datetime(D(2026, 12, 12), 3) == datetime(2026, 12, 16, 23, 59, 59, 999999, tzinfo=BANGKOK)


def test_next_business_day():
    assert next_business_day(D(2026, 11, 27)) == D(2026, 11, 30)  # Fri -> Mon
    assert next_business_day(D(2026, 11, 28)) == D(2026, 11, 30)  # Sat -> Mon
    assert next_business_day(D(2026, 12, 4)) == D(2026, 12, 8)  # Fri -> Tue (in-lieu Monday)
    assert next_business_day(D(2026, 11, 27), closures=[D(2026, 11, 30)]) == D(2026, 12, 1)
    assert next_business_day(datetime(2026, 11, 27, 17, 0, tzinfo=UTC)) == D(2026, 11, 30)  # Sat 00:00 BKK


# --------------------------------------------------------------------------- closures


def test_closure_pushes_due_date():
    assert add_business_days(D(2026, 3, 9), 1, closures=[D(2026, 3, 10)]) == D(2026, 3, 11)
    assert add_business_days(D(2026, 3, 9), 5, closures=[D(2026, 3, 10), D(2026, 3, 12)]) == D(2026, 3, 18)


def test_closure_on_submission_day_gives_no_extra_day():
    # Tue 10 Mar closed: the period still starts on Wed 11 Mar, as for an open Tuesday.
    closures = {D(2026, 3, 10)}
    assert add_business_days(D(2026, 3, 10), 1, closures) == D(2026, 3, 11)
    assert add_business_days(D(2026, 3, 10), 1) == D(2026, 3, 11)
    assert add_business_days(D(2026, 3, 10), 5, closures) == add_business_days(D(2026, 3, 10), 5)


def test_closure_on_weekend_or_holiday_changes_nothing():
    assert add_business_days(D(2026, 3, 13), 1, closures=[D(2026, 3, 14)]) == D(2026, 3, 16)
    assert add_business_days(D(2026, 3, 13), 5, closures=[D(2026, 3, 14), D(2026, 3, 15)]) == D(2026, 3, 20)
    assert add_business_days(D(2026, 4, 10), 1, closures=[D(2026, 4, 14)]) == D(2026, 4, 16)


def test_closures_accept_any_iterable_once():
    gen = (d for d in [D(2026, 3, 10), D(2026, 3, 11)])
    assert add_business_days(D(2026, 3, 9), 1, closures=gen) == D(2026, 3, 12)
    assert due_datetime(D(2026, 3, 9), 1, closures=(D(2026, 3, 10),)).date() == D(2026, 3, 11)


def test_closures_must_be_dates():
    with pytest.raises(TypeError):
        add_business_days(D(2026, 3, 9), 1, closures=[datetime(2026, 3, 10, tzinfo=UTC)])
    with pytest.raises(TypeError):
        add_business_days(D(2026, 3, 9), 1, closures=["2026-03-10"])


# --------------------------------------------------------------------------- datetimes and validation


def test_utc_evening_is_next_day_in_bangkok():
    # 2026-11-26T18:30Z = Fri 27 Nov 01:30 Bangkok -> day 1 = Mon 30 Nov.
    start = datetime(2026, 11, 26, 18, 30, tzinfo=UTC)
    assert add_business_days(start, 1) == D(2026, 11, 30)
    assert add_business_days(D(2026, 11, 26), 1) == D(2026, 11, 27)  # the naive UTC date would be Thu


def test_bangkok_midnight_boundary():
    # Thu 26 Nov 23:59:59 Bangkok vs Fri 27 Nov 00:00 Bangkok.
    assert add_business_days(datetime(2026, 11, 26, 16, 59, 59, tzinfo=UTC), 1) == D(2026, 11, 27)
    assert add_business_days(datetime(2026, 11, 26, 17, 0, tzinfo=UTC), 1) == D(2026, 11, 30)
    assert add_business_days(datetime(2026, 11, 27, 0, 0, tzinfo=BANGKOK), 1) == D(2026, 11, 30)
    # Friday evening and Saturday morning in Bangkok end the same day.
    assert add_business_days(datetime(2026, 11, 27, 23, 59, tzinfo=BANGKOK), 3) == D(2026, 12, 2)
    assert add_business_days(datetime(2026, 11, 28, 0, 0, tzinfo=BANGKOK), 3) == D(2026, 12, 2)
    # A New York evening is already the next morning in Bangkok.
    ny = datetime(2026, 3, 12, 20, 0, tzinfo=ZoneInfo("America/New_York"))  # Fri 13 Mar 07:00 BKK
    assert add_business_days(ny, 1) == D(2026, 3, 16)


def test_naive_datetime_rejected():
    with pytest.raises(ValueError):
        add_business_days(datetime(2026, 3, 9, 10, 0), 1)
    with pytest.raises(ValueError):
        due_datetime(datetime(2026, 3, 9, 10, 0), 1)
    with pytest.raises(ValueError):
        business_days_between(datetime(2026, 3, 9, 10, 0), D(2026, 3, 10))


def test_invalid_days():
    with pytest.raises(ValueError):
        add_business_days(D(2026, 3, 9), -1)
    with pytest.raises(ValueError):
        add_business_days(D(2026, 3, 9), 0)  # a period has at least one day
    with pytest.raises(TypeError):
        add_business_days(D(2026, 3, 9), 1.5)
    with pytest.raises(TypeError):
        add_business_days(D(2026, 3, 9), True)
    with pytest.raises(TypeError):
        add_business_days("2026-03-09", 1)


# --------------------------------------------------------------------------- business_days_between


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 3, 11), D(2026, 3, 11), 0),
        (D(2026, 3, 11), D(2026, 3, 13), 2),
        (D(2026, 3, 13), D(2026, 3, 11), -2),
        (D(2026, 3, 13), D(2026, 3, 16), 1),  # Fri -> Mon
        (D(2026, 3, 13), D(2026, 3, 15), 0),  # Fri -> Sun
        (D(2026, 3, 14), D(2026, 3, 16), 1),  # Sat -> Mon
        (D(2026, 3, 16), D(2026, 3, 14), -1),
        (D(2025, 12, 30), D(2026, 1, 5), 1),  # across New Year 2026
        (D(2026, 4, 10), D(2026, 4, 17), 2),  # across Songkran
        (D(2026, 12, 4), D(2026, 12, 11), 3),  # Tue 8, Wed 9, Fri 11 (Mon 7, Thu 10 closed)
        (D(2026, 1, 1), D(2027, 1, 1), 261 - 20),  # 261 weekdays from 2 Jan 2026 to 1 Jan 2027
    ],
)
def test_business_days_between(start, end, expected):
    assert business_days_between(start, end) == expected


def test_business_days_left_and_overdue():
    due = add_business_days(D(2026, 3, 9), 5)  # Mon 16 Mar
    assert business_days_between(D(2026, 3, 12), due) == 2  # Thu: Fri, Mon left
    assert business_days_between(due, due) == 0
    assert business_days_between(D(2026, 3, 18), due) == -2  # Wed after: overdue by 2
    assert business_days_between(due, D(2026, 3, 18)) == 2
    assert business_days_between(D(2026, 3, 12), due, closures=[D(2026, 3, 13)]) == 1
    assert business_days_between(datetime(2026, 3, 12, 18, 0, tzinfo=UTC), due) == 1  # Fri 01:00 BKK


def test_between_counts_the_same_period_as_add():
    # Saturday 12 Dec 2026 + 3: exactly 3 business days in (12 Dec, 16 Dec], so "3 left" on the day itself.
    due = add_business_days(D(2026, 12, 12), 3)
    assert business_days_between(D(2026, 12, 12), due) == 3
    assert business_days_between(D(2026, 12, 13), due) == 3  # Sunday: still 3 left
    assert business_days_between(D(2026, 12, 14), due) == 2


# --------------------------------------------------------------------------- property-based tests


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2032, 12, 31))
positive_n = st.integers(min_value=1, max_value=40)
closure_sets = st.frozensets(st.dates(min_value=D(2020, 1, 1), max_value=D(2033, 6, 30)), max_size=8)
PROPS = settings(max_examples=300, deadline=None)


def _business_days_in(first_excluded: date, last: date, closures) -> int:
    """Brute force: business days in (first_excluded, last]."""
    return sum(
        is_business_day(first_excluded + timedelta(i), closures) for i in range(1, (last - first_excluded).days + 1)
    )


@PROPS
@given(dates, positive_n, closure_sets)
def test_due_is_a_business_day_strictly_after_the_submission_date(start, n, closures):
    due = add_business_days(start, n, closures)
    assert is_business_day(due, closures)
    assert due > start
    assert due_datetime(start, n, closures) == datetime.combine(due, time.max, tzinfo=BANGKOK)


@PROPS
@given(dates, positive_n, closure_sets)
def test_exactly_n_business_days_lie_in_the_period(start, n, closures):
    due = add_business_days(start, n, closures)
    assert _business_days_in(start, due, closures) == n
    assert _business_days_in(start, due - timedelta(days=1), closures) == n - 1  # the first such day
    assert business_days_between(start, due, closures) == n
    assert business_days_between(due, start, closures) == -n


@PROPS
@given(dates, positive_n, closure_sets)
def test_a_non_business_submission_day_gives_no_extra_day(start, n, closures):
    # The submission's own day is never counted, so a closed one changes nothing: the period is the same as
    # for a submission on the day before (section 193/3).
    assume(not is_business_day(start, closures))
    assert add_business_days(start, n, closures) == add_business_days(start - timedelta(days=1), n, closures)


@PROPS
@given(dates, positive_n, st.integers(min_value=0, max_value=20), closure_sets)
def test_strictly_monotone_in_days(start, n, extra, closures):
    a = add_business_days(start, n, closures)
    b = add_business_days(start, n + extra, closures)
    assert a <= b
    if extra:
        assert a < b


@PROPS
@given(dates, st.integers(min_value=0, max_value=30), positive_n, closure_sets)
def test_monotone_in_the_submission_date(start, later_by, n, closures):
    later = start + timedelta(days=later_by)
    assert add_business_days(start, n, closures) <= add_business_days(later, n, closures)


@PROPS
@given(dates, positive_n, positive_n, closure_sets)
def test_additive(start, a, b, closures):
    mid = add_business_days(start, a, closures)
    assert add_business_days(start, a + b, closures) == add_business_days(mid, b, closures)


@PROPS
@given(dates, dates, closure_sets)
def test_between_antisymmetric(a, b, closures):
    assert business_days_between(a, b, closures) == -business_days_between(b, a, closures)


@PROPS
@given(dates, positive_n, closure_sets, st.dates(min_value=D(2020, 1, 1), max_value=D(2033, 6, 30)))
def test_extra_closure_never_earlier(start, n, closures, extra):
    assert add_business_days(start, n, closures | {extra}) >= add_business_days(start, n, closures)


@PROPS
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2032, 12, 31), timezones=st.just(UTC)), positive_n
)
def test_aware_datetime_equals_bangkok_date(moment, n):
    assert add_business_days(moment, n) == add_business_days(moment.astimezone(BANGKOK).date(), n)


# --------------------------------------------------------------------------- exhaustive vs reference


def _reference_business_days(first: date, last: date, closures: frozenset[date]) -> list[date]:
    """Independent reference: sorted list of every business day from ``first`` to ``last``."""
    thai = holidays.TH(categories=("public",), years=range(first.year, last.year + 1))
    days = (first + timedelta(i) for i in range((last - first).days + 1))
    return [day for day in days if day.isoweekday() <= 5 and day not in thai and day not in closures]


def _reference_add(business: list[date], start: date, n: int) -> date:
    return business[bisect.bisect_right(business, start) + n - 1]  # the n-th business day after start


@pytest.mark.parametrize(
    "closures",
    [
        frozenset(),
        frozenset({D(2026, 3, 10), D(2026, 7, 31), D(2026, 11, 28), D(2026, 12, 24), D(2028, 1, 3), D(2029, 4, 12)}),
    ],
    ids=["no-closures", "with-closures"],
)
def test_every_day_of_2022_to_2030_matches_reference(closures):
    business = _reference_business_days(D(2021, 12, 1), D(2031, 3, 31), closures)
    business_set = set(business)
    start = D(2022, 1, 1)
    while start.year <= 2030:
        for n in (1, 2, 3, 5, 10, 15):
            assert add_business_days(start, n, closures) == _reference_add(business, start, n), (start, n)
        assert is_business_day(start, closures) == (start in business_set)
        start += timedelta(days=1)


# September 2026 has no Thai public holiday, so staff closures alone make every holiday pattern.
QUIET_MONDAY = D(2026, 9, 7)


@pytest.mark.parametrize("weekday", range(7), ids=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
def test_every_weekday_and_holiday_pattern(weekday):
    """Each submission weekday × each of the 1,024 patterns of closed days among the next 10 weekdays
    (the submission day included when it is a weekday), for N = 1-5, against a brute-force count."""
    start = QUIET_MONDAY + timedelta(days=weekday)
    window = [start + timedelta(i) for i in range(30)]
    weekdays = [day for day in window if day.weekday() < 5][:10]
    for pattern in range(1 << len(weekdays)):
        closures = frozenset(day for bit, day in enumerate(weekdays) if pattern >> bit & 1)
        business = [day for day in window if day > start and day.weekday() < 5 and day not in closures]
        for n in range(1, 6):
            assert add_business_days(start, n, closures) == business[n - 1], (start, sorted(closures), n)
