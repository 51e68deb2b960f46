"""Checks every 矛盾纠纷 workflow service makes before it writes anything."""

from datetime import date

from django.core.exceptions import ValidationError

from fazhi.core.dates import happened_error
from fazhi.ledgers.services import check_can_edit


def check_writable(*, actor, kind, record) -> None:
    check_can_edit(actor=actor, kind=kind, organisation=record.organisation)
    if record.is_archived:
        raise ValidationError("该记录已归档，不能办理。")


def check_day(day, *, label: str, not_before: date | None, before_label: str, today=None):
    """A step's date: given, not in the future, not before the step it follows."""
    if day is None:
        raise ValidationError(f"请填写{label}。")
    reason = happened_error(day, label, today=today)
    if reason:
        raise ValidationError(f"{reason}。", code="not_happened")
    if not_before is not None and day < not_before:
        raise ValidationError(f"{label}不能早于{before_label}（{not_before:%Y-%m-%d}）。")


def required_text(value, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"请填写{label}。")
    return text
