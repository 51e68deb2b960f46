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


def _token_sql() -> str:
    quote = connection.ops.quote_name
    table, year, revision = (quote(n) for n in (HolidayYear._meta.db_table, "year", "revision"))
    return f"SELECT {year}, {revision} FROM {table} ORDER BY {year}"  # noqa: S608


def stored_tables() -> dict[int, YearTable]:
    """{year: YearTable} of every stored official table."""
    global _cached
    if not _table_exists():
        return {}
    # Plain SQL: the ORM would cost ten times the query itself, and this runs per computation.
    with connection.cursor() as cursor:
        cursor.execute(_token_sql())
        token = tuple(cursor.fetchall())
    if token == _cached[0]:
        return _cached[1]
    days: dict[int, tuple[set, set]] = {int(year): (set(), set()) for year, _ in token}
    for year, day, kind in HolidayDay.objects.values_list("table__year", "day", "kind"):
        # setdefault: a table committed between the two queries is read whole next time.
        days.setdefault(year, (set(), set()))[0 if kind == DayKind.HOLIDAY else 1].add(day)
    tables = {
        year: YearTable(year, frozenset(holidays), frozenset(workdays))
        for year, (holidays, workdays) in days.items()
    }
    _cached = (token, tables)
    return tables


def install() -> None:
    use_official_tables(stored_tables)
