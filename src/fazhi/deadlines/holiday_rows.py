"""Reading a year's holiday rows (日期/类型/名称) from pasted text or an .xlsx sheet.

Only reading: each row becomes a HolidayRow or an error naming its row and column; the rules of
a whole table (dates within the year, no date twice, make-up days on weekends, ...) are the
service's (fazhi.deadlines.services.holiday_year_save)."""

import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from fazhi.core.uploads import check_upload_bytes
from fazhi.deadlines.models import DayKind

HEADERS = ("日期", "类型", "名称")
MAX_ROWS = 400  # a year has 366 days
KIND_WORDS = {
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "休息": DayKind.HOLIDAY,
    "假日": DayKind.HOLIDAY,
    "节假日": DayKind.HOLIDAY,
    "调休上班": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
    "补班": DayKind.WORKDAY,
    "调休": DayKind.WORKDAY,
}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class HolidayRow:
    number: int  # the row as the person sees it (line of the text, row of the sheet)
    day: date
    kind: str
    name: str


@dataclass(frozen=True)
class RowError:
    number: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.number} 行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


def parse_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value or "").strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _row(number: int, cells: list) -> tuple[HolidayRow | None, list[RowError]]:
    cells = [*cells, None, None, None][:3]
    raw_day, raw_kind, raw_name = cells
    errors = []
    day = parse_date(raw_day)
    if day is None:
        shown = str(raw_day or "").strip()
        errors.append(
            RowError(number, "日期", f"“{shown}”不是日期，请写成 2027-01-01 的形式")
            if shown
            else RowError(number, "日期", "请填写日期")
        )
    kind_text = str(raw_kind or "").strip()
    kind = KIND_WORDS.get(kind_text)
    if kind is None:
        errors.append(
            RowError(number, "类型", f"“{kind_text}”不是有效类型，请填写“放假”或“调休上班”")
            if kind_text
            else RowError(number, "类型", "请填写类型（放假或调休上班）")
        )
    name = str(raw_name or "").strip()
    if not name:
        errors.append(RowError(number, "名称", "请填写节日名称，如“春节”"))
    elif len(name) > 30:
        errors.append(RowError(number, "名称", "名称不能超过 30 个字"))
    if errors:
        return None, errors
    return HolidayRow(number, day, kind, name), []


def _rows(numbered_cells) -> tuple[list[HolidayRow], list[RowError]]:
    rows, errors = [], []
    for number, cells in numbered_cells:
        if all(str(cell or "").strip() == "" for cell in cells):
            continue
        if str(cells[0] or "").strip() == HEADERS[0]:
            continue  # a header row
        if len(rows) + len(errors) >= MAX_ROWS:
            raise ValidationError(f"一年的放假安排不会超过 {MAX_ROWS} 行，请检查内容。")
        row, row_errors = _row(number, list(cells))
        if row is not None:
            rows.append(row)
        errors.extend(row_errors)
    return rows, errors


def rows_from_text(text: str) -> tuple[list[HolidayRow], list[RowError]]:
    """Rows pasted from a sheet (tab-separated) or typed ("2027-01-01 放假 元旦")."""
    numbered = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        cells = line.split("\t") if "\t" in line else re.split(r"[,，\s]+", line.strip())
        numbered.append((number, cells))
    return _rows(numbered)


def rows_from_xlsx(data: bytes) -> tuple[list[HolidayRow], list[RowError]]:
    """Rows of the first sheet, its first row the headers 日期/类型/名称 (any order)."""
    check_upload_bytes(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a non-xlsx file
        raise ValidationError("无法读取该文件：请上传 .xlsx 格式的 Excel 文件。") from exc
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows()
        header = [str(c.value).strip() if c.value is not None else "" for c in next(lines, ())]
        missing = [name for name in HEADERS if name not in header]
        if missing:
            return [], [
                RowError(1, name, "缺少该列（表头应为 日期、类型、名称）") for name in missing
            ]
        positions = [header.index(name) for name in HEADERS]
        numbered, formula_errors = [], []
        for number, line in enumerate(lines, start=2):
            cells = [line[position] if position < len(line) else None for position in positions]
            # A formula is refused, not read as the value Excel last cached for it.
            formulas = [
                RowError(number, column, "该单元格是公式，请改为直接填写内容")
                for cell, column in zip(cells, HEADERS, strict=True)
                if cell is not None and cell.data_type == "f"
            ]
            formula_errors += formulas
            if not formulas:
                numbered.append((number, [None if c is None else c.value for c in cells]))
            if number > MAX_ROWS + 50:
                raise ValidationError(f"一年的放假安排不会超过 {MAX_ROWS} 行，请检查内容。")
    finally:
        workbook.close()
    rows, errors = _rows(numbered)
    return rows, sorted([*formula_errors, *errors], key=lambda e: e.number)
