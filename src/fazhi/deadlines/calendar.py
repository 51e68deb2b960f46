"""Working-day arithmetic under China's official holiday calendar. Pure: no Django models.

The holiday data (statutory holidays and make-up working days, 调休) comes from the registry
package chinese-calendar, which covers a fixed range of years (2004–2026 in the pinned version).
A day outside that range is judged Monday–Friday = working day, and every result that depended
on such a day is marked `estimated` — never an exception.

Counting convention: the day of the triggering event is not counted (《民法典》第二百零一条:
按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算; the same practice holds for
《行政处罚法》 periods). REGULATIONS.md does not state it: it is this module's convention.

- Working-day periods: the due date is the n-th working day after the start day. A period that
  starts on a holiday therefore begins counting on the first working day after it.
- Calendar-day periods: the due date is start + n days; when that last day is not a working day
  (a statutory holiday or a rest day not made up), the period ends on the next working day
  (《民法典》第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

# A guard against endless loops on absurd input; no statutory period comes near it.
MAX_DAYS = 3660


@dataclass(frozen=True)
class DueDate:
    """A computed last day of a period; `estimated` when any day judged lies outside the data."""

    day: date
    estimated: bool = False


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> tuple[bool, bool]:
    """(is it a working day, is that an estimate). Make-up working days count as working days."""
    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        return day.weekday() < 5, True


def covered_years() -> tuple[int, int]:
    """The first and last year the holiday data covers."""
    years = sorted({day.year for day in chinese_calendar.holidays})
    return years[0], years[-1]


def _check(n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0 or n > MAX_DAYS:
        raise ValueError(f"period length must be an integer from 0 to {MAX_DAYS}, got {n!r}")


def add_working_days(start: date, n: int) -> DueDate:
    """The n-th working day after `start` (`start` itself not counted; n=0 gives `start`)."""
    _check(n)
    day, estimated, counted = start, False, 0
    while counted < n:
        day += timedelta(days=1)
        working, guessed = is_working_day(day)
        estimated = estimated or guessed
        if working:
            counted += 1
    return DueDate(day, estimated)


def next_working_day_from(day: date) -> DueDate:
    """`day` itself when it is a working day, else the first working day after it."""
    estimated = False
    for _ in range(MAX_DAYS):
        working, guessed = is_working_day(day)
        estimated = estimated or guessed
        if working:
            return DueDate(day, estimated)
        day += timedelta(days=1)
    raise ValueError("no working day found")  # pragma: no cover - the fallback always finds one


def add_calendar_days(start: date, n: int) -> DueDate:
    """start + n days, rolled forward to the next working day when that day is a holiday or a
    rest day (《民法典》第二百零三条). n=0 gives `start` unchanged."""
    _check(n)
    if n == 0:
        return DueDate(start, False)
    return next_working_day_from(start + timedelta(days=n))


def working_days_between(start: date, end: date) -> tuple[int, bool]:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, estimated, day = 0, False, start
    while day < end:
        day += timedelta(days=1)
        working, guessed = is_working_day(day)
        estimated = estimated or guessed
        count += working
    return count, estimated
