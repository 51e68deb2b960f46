"""The county workbook: one row per report (part statuses, finding counts, key indicators),
a sheet of all facts, a sheet of findings and a sheet of passages shared between organisations."""

from __future__ import annotations

import unicodedata

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from fazhi import spreadsheet
from fazhi.catalogue import load_catalogue
from fazhi.checker.output import SEVERITY_LABELS, STATUS_LABELS, key_value
from fazhi.checker.structure import PART_CODES, PART_NAMES

WIDTH_SAMPLE_ROWS = 50
MAX_COLUMN_WIDTH = 60


def _display_width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _report_rows(results: list[dict], catalogue) -> list[list]:
    key_codes = catalogue.key_codes
    headers = ["文件", "单位", "年度", "标题", "落款日期"]
    headers += [PART_NAMES[code] for code in PART_CODES]
    headers += ["错误", "警告", "提示", "数据条数", "读取问题"]
    headers += [f"{catalogue[code].name}（{catalogue[code].unit}）" for code in key_codes]
    rows = [headers]
    for result in results:
        if "error" in result:
            rows.append([result["source"]] + [None] * (len(headers) - len(key_codes) - 2))
            rows[-1].append(result["error"])
            continue
        severities = [f["severity"] for f in result["findings"]]
        row = [
            result["source"],
            result["org"],
            result["year"],
            result["title"],
            result["signed_on"],
        ]
        row += [STATUS_LABELS[result["parts"][code]["status"]] for code in PART_CODES]
        row += [severities.count(s) for s in ("error", "warning", "info")]
        row += [len(result["facts"]), None]
        row += [key_value(result, code) for code in key_codes]
        rows.append(row)
    return rows


def _fact_rows(results: list[dict], catalogue) -> list[list]:
    rows = [["文件", "单位", "行", "数值", "计量单位", "约数", "指标代码", "指标", "原文"]]
    for result in results:
        for fact in result.get("facts", []):
            code = fact["indicator"]
            rows.append(
                [result["source"], result.get("org"), fact["line"], fact["value"], fact["unit"],
                 "是" if fact["approx"] else "否", code,
                 catalogue[code].name if code in catalogue else None, fact["text"]]
            )  # fmt: skip
    return rows


def _finding_rows(results: list[dict]) -> list[list]:
    rows = [["文件", "单位", "行", "级别", "代码", "说明"]]
    for result in results:
        if "error" in result:
            rows.append([result["source"], None, None, "错误", "unreadable", result["error"]])
        for finding in result.get("findings", []):
            rows.append(
                [result["source"], result.get("org"), finding["line"],
                 SEVERITY_LABELS[finding["severity"]], finding["code"], finding["message"]]
            )  # fmt: skip
    return rows


def _copy_rows(copies: list[dict]) -> list[list]:
    rows = [["文件甲", "行", "文件乙", "行", "字数", "相似度", "段落"]]
    for passage in copies:
        a, b = passage["a"], passage["b"]
        rows.append(
            [a["source"], a["line"], b["source"], b["line"], passage["chars"],
             passage["similarity"], a["text"]]
        )  # fmt: skip
    return rows


def _write_sheet(workbook: Workbook, title: str, rows: list[list]) -> None:
    sheet = workbook.create_sheet(title)
    sample = rows[:WIDTH_SAMPLE_ROWS]
    for index in range(len(rows[0])):
        width = max(_display_width(row[index]) for row in sample if index < len(row))
        column = sheet.column_dimensions[get_column_letter(index + 1)]
        column.width = min(max(8, width + 2), MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    header = []
    for value in rows[0]:
        cell = spreadsheet.put(WriteOnlyCell(sheet), value)
        cell.font = Font(bold=True)
        header.append(cell)
    spreadsheet.append(sheet, header)
    for row in rows[1:]:
        spreadsheet.append(sheet, row)


def write_workbook(path, results: list[dict], copies: list[dict] | None = None) -> None:
    """Write the county workbook (write-only mode: fast for thousands of facts) to a path or a
    binary file object (a download)."""
    catalogue = load_catalogue()
    workbook = Workbook(write_only=True)
    _write_sheet(workbook, "报告", _report_rows(results, catalogue))
    _write_sheet(workbook, "数据", _fact_rows(results, catalogue))
    _write_sheet(workbook, "问题", _finding_rows(results))
    if copies:
        _write_sheet(workbook, "雷同段落", _copy_rows(copies))
    workbook.save(path if hasattr(path, "write") else str(path))
