"""Resident ID numbers (GB 11643): 17 digits and a check character."""

from datetime import date

from django.core.exceptions import ValidationError

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def check_character(first17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    text = (value or "").upper()
    if len(text) != 18 or not text[:17].isdigit():
        raise ValidationError("身份证号码应为18位（前17位为数字）。")
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError as exc:
        raise ValidationError("身份证号码中的出生日期无效。") from exc
    if text[17] != check_character(text[:17]):
        raise ValidationError("身份证号码校验位不正确。")


def fake_id_number(region: str, born: date, sequence: int) -> str:
    """A well-formed number for demo data; region 999901 exists nowhere, so it is clearly fake."""
    first17 = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_character(first17)
