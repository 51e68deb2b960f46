"""The spreadsheet columns of a ledger kind, and conversion between cells and field values."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import models

from fazhi.ledgers.registry import LedgerKind

ORG_HEADER = "单位"
TRUE_WORDS = {"是", "有", "Y", "YES", "TRUE", "1", "√"}
FALSE_WORDS = {"否", "无", "N", "NO", "FALSE", "0", "×"}
_DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True)
class Column:
    name: str  # model field name, or "organisation"
    header: str
    field: models.Field | None
    required: bool
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def note(self) -> str:
        parts = ["必填" if self.required else "选填"]
        if isinstance(self.field, models.DateField):
            parts.append("日期，如 2025-03-15")
        elif isinstance(self.field, models.BooleanField):
            parts.append("填“是”或“否”")
        elif self.choices:
            parts.append("从下拉列表选择")
        elif isinstance(self.field, models.IntegerField | models.DecimalField):
            parts.append("数字")
        elif self.name == "organisation":
            parts.append("单位名称或代码")
        return "；".join(parts)


def columns_for(kind: LedgerKind) -> list[Column]:
    meta = kind.model._meta
    columns = [Column("organisation", ORG_HEADER, None, True)]
    for name in ("occurred_on", *kind.fields):
        field = meta.get_field(name)
        required = not (field.blank or field.null) and not isinstance(field, models.BooleanField)
        choices = tuple((str(v), str(label)) for v, label in field.choices or ())
        columns.append(Column(name, str(field.verbose_name), field, required, choices))
    return columns


def to_cell(column: Column, value):
    """A field value as written in the spreadsheet."""
    if value is None or value == "":
        return None
    if column.choices:
        return dict(column.choices).get(str(value), str(value))
    if isinstance(column.field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return float(value)
    return value


def from_cell(column: Column, raw):
    """A cell as a value the field's form field can clean; ValueError with a Chinese reason."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str):
        raw = raw.strip()
    if column.choices:
        by_label = {label: value for value, label in column.choices}
        text = str(raw)
        if text in by_label:
            return by_label[text]
        if text in dict(column.choices):
            return text
        allowed = "、".join(label for _, label in column.choices)
        raise ValueError(f"“{text}”不在可选值中（可选：{allowed}）")
    field = column.field
    if isinstance(field, models.DateField):
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        match = _DATE_PATTERN.match(str(raw))
        if not match:
            raise ValueError(f"“{raw}”不是有效日期，请写成 2025-03-15")
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError as exc:
            raise ValueError(f"“{raw}”不是有效日期") from exc
    if isinstance(field, models.BooleanField):
        text = str(raw).strip().upper()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(f"“{raw}”应填“是”或“否”")
    if isinstance(field, models.IntegerField):
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, int):
            return raw
        text = str(raw).replace(",", "")
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"“{raw}”不是整数")
        return int(text)
    if isinstance(field, models.DecimalField):
        try:
            return Decimal(str(raw).replace(",", ""))
        except ArithmeticError as exc:
            raise ValueError(f"“{raw}”不是数字") from exc
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw)
