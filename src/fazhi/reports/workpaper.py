"""The 数据底稿 (working paper) of an annual report: every figure it states, with the records
it was computed from, so a reviewer can trace each number to the ledger.

Sheet 数据底稿 has one row per figure in reading order; sheet 指标说明 lists the catalogue entries
those figures use (a ratio's numerator and denominator included).
"""

import io
from collections.abc import Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fazhi import spreadsheet
from fazhi.catalogue import Indicator, load_catalogue
from fazhi.reports.document import FigureRef, ReportDocument

# (code, organisation code, year) -> ids of the records behind a non-ratio figure.
RecordIds = Callable[[str, str, int], Sequence[int]]

FIGURE_COLUMNS = (
    ("序号", 6),
    ("报告部分", 30),
    ("指标代码", 34),
    ("指标名称", 30),
    ("年度", 7),
    ("数值", 10),
    ("单位", 6),
    ("报告中的写法", 14),
    ("台账", 24),
    ("记录数", 8),
    ("记录编号", 40),
    ("分子记录编号", 40),
    ("分母记录编号", 40),
    ("记录清单地址", 56),
)
CATALOGUE_COLUMNS = (
    ("指标代码", 34),
    ("指标名称", 36),
    ("单位", 6),
    ("类型", 6),
    ("台账", 24),
    ("分子", 34),
    ("分母", 34),
    ("报告中的常见说法", 60),
)
KIND_LABELS = {"count": "计数", "sum": "求和", "ratio": "比率"}
CELL_LIMIT = 32_000  # Excel holds at most 32,767 characters in a cell
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")


def render_workpaper(document: ReportDocument, record_ids: RecordIds | None = None) -> bytes:
    """The working paper as .xlsx bytes. `record_ids` defaults to the ledgers (through
    fazhi.indicators.selectors.record_ids)."""
    ids_of = _cached(record_ids or _ledger_record_ids())
    catalogue = load_catalogue()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据底稿"
    _header(sheet, FIGURE_COLUMNS)
    used: dict[str, Indicator] = {}
    number = 0
    for part in document.parts:
        for block in part.blocks:
            for figure in block.figures:
                number += 1
                indicator = catalogue.by_code.get(figure.code)
                if indicator is not None:
                    used[indicator.code] = indicator
                    for code in (indicator.numerator, indicator.denominator):
                        if code:
                            used[code] = catalogue[code]
                spreadsheet.append(
                    sheet, _figure_row(number, part.heading, figure, indicator, ids_of)
                )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column in (2, 4, 11, 12, 13))

    sheet.auto_filter.ref = sheet.dimensions

    entries = workbook.create_sheet("指标说明")
    _header(entries, CATALOGUE_COLUMNS)
    # Catalogue order, as on every other indicator page.
    for indicator in catalogue.indicators:
        if indicator.code in used:
            spreadsheet.append(
                entries,
                [
                    indicator.code,
                    indicator.name,
                    indicator.unit,
                    KIND_LABELS.get(indicator.kind, indicator.kind),
                    indicator.ledger,
                    indicator.numerator or "",
                    indicator.denominator or "",
                    "、".join(indicator.synonyms),
                ],
            )

    properties = workbook.properties
    properties.title = f"{document.title}数据底稿"
    properties.creator = document.organisation_name
    properties.subject = f"{document.organisation_name}{document.year}年度 第{document.version}版"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _figure_row(number, heading, figure: FigureRef, indicator, ids_of) -> list:
    ids = numerator_ids = denominator_ids = ""
    count = None
    if indicator is None:
        name, unit, ledger = "（指标目录中没有此指标）", "", ""
    else:
        name, unit, ledger = indicator.name, indicator.unit, indicator.ledger
        if indicator.is_ratio:
            top = ids_of(indicator.numerator, figure.organisation_code, figure.year)
            bottom = ids_of(indicator.denominator, figure.organisation_code, figure.year)
            numerator_ids, denominator_ids = id_list(top), id_list(bottom)
            count = len(bottom)
        else:
            found = ids_of(figure.code, figure.organisation_code, figure.year)
            ids, count = id_list(found), len(found)
    return [
        number,
        heading,
        figure.code,
        name,
        figure.year,
        figure.value,
        unit,
        figure.text,
        ledger,
        count,
        ids,
        numerator_ids,
        denominator_ids,
        _records_path(figure),
    ]


def id_list(ids: Iterable[int]) -> str:
    """Ids in ascending order with runs shortened: "3, 7-12, 15". Cut, with the total, where a
    cell could not hold them all (the drill-down page lists every record)."""
    ordered = sorted(set(ids))
    pieces: list[str] = []
    start = previous = None
    for value in [*ordered, None]:
        if value is not None and previous is not None and value == previous + 1:
            previous = value
            continue
        if start is not None:
            pieces.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = value
    text = ", ".join(pieces)
    if len(text) > CELL_LIMIT:
        text = text[: text.rfind(", ", 0, CELL_LIMIT - 40)] + f" 等，共 {len(ordered)} 条"
    return text


def _records_path(figure: FigureRef) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse(
            "indicators:records",
            kwargs={"code": figure.organisation_code, "indicator": figure.code},
        )
    except NoReverseMatch:
        return ""
    return f"{path}?year={figure.year}"


def _header(sheet, columns) -> None:
    spreadsheet.append(sheet, [title for title, _ in columns])
    for position, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(position)].width = width
        cell = sheet.cell(row=1, column=position)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"


def _cached(function: RecordIds) -> RecordIds:
    seen: dict[tuple, list[int]] = {}

    def wrapper(code, organisation_code, year):
        key = (code, organisation_code, year)
        if key not in seen:
            seen[key] = list(function(code, organisation_code, year))
        return seen[key]

    return wrapper


def _ledger_record_ids() -> RecordIds:
    from fazhi.indicators.selectors import record_ids
    from fazhi.orgs.models import Organisation

    organisations: dict[str, Organisation] = {}

    def ids(code: str, organisation_code: str, year: int) -> list[int]:
        if organisation_code not in organisations:
            organisations[organisation_code] = Organisation.objects.get(code=organisation_code)
        return record_ids(code, organisations[organisation_code], year)

    return ids
