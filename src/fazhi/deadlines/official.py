"""The stored official year tables as the calendar's source (fazhi.deadlines.calendar).

Cached per process, keyed by each table's revision: every computation asks the database for the
(year, revision) pairs — one small query on a table of a few rows — so a table saved by another
worker (gunicorn runs several), or rolled back, is seen at once, and the days are only re-read
when a revision changed."""

from django.db import connection

from fazhi.deadlines.calendar import YearTable, use_official_tables
from fazhi.deadlines.models import DayKind, HolidayDay, HolidayYear

_cached: tuple[tuple, dict[int, YearTable]] = ((), {})
_table_seen = False


def _table_exists() -> bool:
    # Data migrations compute due dates before this app's tables exist.
    global _table_seen
    if not _table_seen:
        _table_seen = HolidayYear._meta.db_table in connection.introspection.table_names()
    return _table_seen


def stored_tables() -> dict[int, YearTable]:
    """{year: YearTable} of every stored official table."""
    global _cached
    if not _table_exists():
        return {}
    token = tuple(HolidayYear.objects.order_by("year").values_list("year", "revision"))
    if token == _cached[0]:
        return _cached[1]
    days: dict[int, tuple[set, set]] = {year: (set(), set()) for year, _ in token}
    for year, day, kind in HolidayDay.objects.values_list("table__year", "day", "kind"):
        days[year][0 if kind == DayKind.HOLIDAY else 1].add(day)
    tables = {
        year: YearTable(year, frozenset(holidays), frozenset(workdays))
        for year, (holidays, workdays) in days.items()
    }
    _cached = (token, tables)
    return tables


def install() -> None:
    use_official_tables(stored_tables)
