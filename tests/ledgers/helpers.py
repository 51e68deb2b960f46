"""Test data for any ledger kind, taken from the kind's own demo generator."""

import io
from datetime import date
from decimal import Decimal
from random import Random

from openpyxl import load_workbook

from fazhi.ledgers.columns import columns_for, to_cell
from fazhi.ledgers.excel import FIRST_DATA_ROW, template_bytes


def sample_rows(kind, organisation, count: int) -> list[dict]:
    """`count` demo records with distinct natural keys (from several years if needed)."""
    rows, keys = [], set()
    key_fields = [f for f in kind.natural_key if f != "organisation"]
    for year in (2025, 2024, 2023, 2022, 2021):
        for values in kind.demo(organisation, year, Random(year), date(year, 12, 31)):
            key = tuple(values.get(f) for f in key_fields)
            if key not in keys:
                keys.add(key)
                rows.append(values)
            if len(rows) == count:
                return rows
    raise AssertionError(f"{kind.slug}: demo generator gave fewer than {count} distinct rows")


def form_data(kind, values: dict, organisation) -> dict:
    """A POST body for the kind's form."""
    data = {"organisation": str(organisation.pk)}
    for name in ("occurred_on", *kind.fields):
        value = values.get(name)
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def workbook_with_rows(kind, rows: list[dict], organisation_label: str) -> bytes:
    """The kind's template filled with rows (values as the services take them)."""
    workbook = load_workbook(io.BytesIO(template_bytes(kind)))
    sheet = workbook.active
    columns = columns_for(kind)
    for offset, values in enumerate(rows):
        row = FIRST_DATA_ROW + offset
        sheet.cell(row=row, column=1, value=values.get("organisation", organisation_label))
        for index, column in enumerate(columns[1:], start=2):
            value = values.get(column.name)
            if isinstance(value, float):
                value = Decimal(str(value))
            sheet.cell(row=row, column=index, value=to_cell(column, value))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def comparable(record, kind) -> dict:
    """A record's editable values, normalised for comparison with sample rows."""
    result = {}
    for name in ("occurred_on", *kind.fields):
        value = getattr(record, name)
        result[name] = Decimal(str(value)) if isinstance(value, float | Decimal) else value
    return result


def normalised(kind, values: dict) -> dict:
    result = {}
    for name in ("occurred_on", *kind.fields):
        field = kind.model._meta.get_field(name)
        value = values.get(name, field.get_default())
        result[name] = Decimal(str(value)) if isinstance(value, float | Decimal) else value
    return result
