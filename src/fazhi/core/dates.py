"""Dates of things that happened: never in the future, never before 2000."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

EARLIEST = date(2000, 1, 1)


def today() -> date:
    return timezone.localdate()


def happened_error(value: date | None, label: str, today: date | None = None) -> str | None:
    """The Chinese reason a date of something that happened cannot be `value`, or None
    (`today`: the latest possible date, the local date unless a caller fixes it)."""
    if value is None:
        return None
    today = today or globals()["today"]()
    if value > today:
        return f"{label}不能晚于今天（{today.year}年{today.month}月{today.day}日）"
    if value < EARLIEST:
        return f"{label}不能早于{EARLIEST.year}年"
    return None


def check_happened(value: date | None, label: str) -> None:
    """Raise ValidationError when `value` is not a possible date of something that happened."""
    message = happened_error(value, label)
    if message:
        raise ValidationError(message, code="not_happened")
