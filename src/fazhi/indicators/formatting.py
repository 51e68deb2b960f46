"""How a figure is written, the same on every page, in the report and in exports."""

from decimal import Decimal

from fazhi.indicators.registry import indicator

MISSING = "—"


def format_number(value) -> str:
    """12000, 95.5, 3.25: no thousands separators (official documents write none)."""
    if value is None:
        return MISSING
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def raw_value(value) -> str:
    """A value as pages write it in data-value attributes: digits only, "" when there is none."""
    return "" if value is None else format_number(value)


def format_value(code: str, value) -> str:
    """The value with its catalogue unit: "12000份", "95.5%", "—" when there is none."""
    if value is None:
        return MISSING
    return f"{format_number(value)}{indicator(code).unit}"


def change(current, previous):
    """Year-on-year change (current − previous), None when either side is missing."""
    if current is None or previous is None:
        return None
    return current - previous


def format_change(code: str, current, previous) -> str:
    difference = change(current, previous)
    if difference is None:
        return MISSING
    unit = indicator(code).unit
    sign = "+" if difference > 0 else ""
    if unit == "%":
        return f"{sign}{format_number(difference)}个百分点"
    return f"{sign}{format_number(difference)}{unit}"
