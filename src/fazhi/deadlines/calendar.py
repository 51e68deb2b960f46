"""Working-day arithmetic under China's official holiday calendar. Pure: no Django models.

The holiday data (statutory holidays and make-up working days, 调休) comes first from a year's
official table entered by the administrator (the State Council's 放假安排, stored by
fazhi.deadlines; handed in here through `use_official_tables`), which wins for its year; then
from the registry package chinese-calendar, which covers a fixed range of years (2004–2026 in the
pinned version). A day in neither is judged Monday–Friday = working day, and every result that
depended on such a day is marked `estimated` — never an exception.

Counting convention: the day of the triggering event is not counted (《民法典》第二百零一条:
按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算; the same practice holds for
《行政处罚法》 periods). REGULATIONS.md does not state it: it is this module's convention.

- Working-day periods: the due date is the n-th working day after the start day. A period that
  starts on a holiday therefore begins counting on the first working day after it.
- Calendar-day periods: the due date is start + n days; when that last day is not a working day
  (a statutory holiday or a rest day not made up), the period ends on the next working day
  (《民法典》第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
"""

from collections.abc import Callable, Mapping
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


@dataclass(frozen=True)
class YearTable:
    """One year's official table: its holidays (放假) and make-up working days (调休上班)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]


Tables = Mapping[int, YearTable]
_NO_TABLES: Tables = {}


def _no_tables() -> Tables:
    return _NO_TABLES


_provider: Callable[[], Tables] = _no_tables


def use_official_tables(provider: Callable[[], Tables]) -> Callable[[], Tables]:
    """Make `provider` the source of the stored year tables (fazhi.deadlines does at start-up);
    returns the previous one (tests put it back)."""
    global _provider
    previous, _provider = _provider, provider
    return previous


def official_tables() -> Tables:
    """The stored year tables in force now (asked once per computation, not per day)."""
    return _provider()


@lru_cache(maxsize=4096)
def _builtin_working_day(day: date) -> tuple[bool, bool]:
    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        return day.weekday() < 5, True


def is_working_day(day: date, tables: Tables | None = None) -> tuple[bool, bool]:
    """(is it a working day, is that an estimate). Make-up working days count as working days.
    A year with an official table is judged by it alone."""
    table = (official_tables() if tables is None else tables).get(day.year)
    if table is None:
        return _builtin_working_day(day)
    if day in table.workdays:
        return True, False
    return (day not in table.holidays and day.weekday() < 5), False


def builtin_covers(year: int) -> bool:
    """Whether chinese-calendar's own data covers `year`."""
    first, last = covered_years()
    return first <= year <= last


@lru_cache(maxsize=1)
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
    tables = official_tables()
    day, estimated, counted = start, False, 0
    while counted < n:
        day += timedelta(days=1)
        working, guessed = is_working_day(day, tables)
        estimated = estimated or guessed
        if working:
            counted += 1
    return DueDate(day, estimated)


def next_working_day_from(day: date, tables: Tables | None = None) -> DueDate:
    """`day` itself when it is a working day, else the first working day after it."""
    tables = official_tables() if tables is None else tables
    estimated = False
    for _ in range(MAX_DAYS):
        working, guessed = is_working_day(day, tables)
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
    tables = official_tables()
    count, estimated, day = 0, False, start
    while day < end:
        day += timedelta(days=1)
        working, guessed = is_working_day(day, tables)
        estimated = estimated or guessed
        count += working
    return count, estimated


_BUILTIN_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.constants.Holiday}


def builtin_days(year: int) -> list[tuple[date, bool, str]]:
    """chinese-calendar's own marked days of `year`: (day, is a make-up working day, name)."""
    marked = [
        (day, False, _BUILTIN_NAMES.get(name, name or ""))
        for day, name in chinese_calendar.holidays.items()
        if day.year == year
    ]
    marked += [
        (day, True, _BUILTIN_NAMES.get(name, name or ""))
        for day, name in chinese_calendar.workdays.items()
        if day.year == year
    ]
    return sorted(marked)
