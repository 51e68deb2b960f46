"""Path and query values checked before they reach a query, so junk is a 404 or 400, never a
500: a NUL byte (PostgreSQL refuses it in a string) or an integer beyond the column's range."""

from rest_framework.exceptions import NotFound

from fazhi.core.http import MAX_YEAR, MIN_YEAR

MAX_CODE = 64
MAX_PK = 2**63 - 1
MAX_SMALL = 32767


def code(value: str) -> str:
    """An organisation or indicator code from the URL or query: one that cannot exist is 404."""
    if not value or "\x00" in value or len(value) > MAX_CODE:
        raise NotFound()
    return value


def year(value: int) -> int:
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise NotFound()
    return value


def number(value: int, high: int = MAX_PK) -> int:
    if not 0 <= value <= high:
        raise NotFound()
    return value
