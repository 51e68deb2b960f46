"""The county workbook: one row per report, a sheet of all facts, a sheet of findings."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.catalogue import load_catalogue
from fazhi.checker.output import SEVERITY_LABELS, STATUS_LABELS, key_value
from fazhi.checker.structure import PART_CODES, PART_NAMES


def _bold_header(sheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def write_workbook(path: str | Path, results: list[dict], copies: list[dict] | None = None) -> None:
    catalogue = load_catalogue()
    key_codes = catalogue.key_codes
    workbook = Workbook()
    reports = workbook.active
    reports.title = "报告"
    headers = ["文件", "单位", "年度", "标题", "落款日期"]
    headers += [PART_NAMES[code] for code in PART_CODES]
    headers += ["错误", "警告", "提示", "数据条数", "读取问题"]
    headers += [f"{catalogue[code].name}（{catalogue[code].unit}）" for code in key_codes]
    _bold_header(reports, headers)
    for result in results:
        if "error" in result:
            reports.append([result["source"]] + [None] * 13 + [result["error"]])
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
        reports.append(row)

    facts = workbook.create_sheet("数据")
    _bold_header(
        facts, ["文件", "单位", "行", "数值", "单位（计量）", "约数", "指标代码", "指标", "原文"]
    )
    for result in results:
        for fact in result.get("facts", []):
            code = fact["indicator"]
            facts.append(
                [
                    result["source"],
                    result.get("org"),
                    fact["line"],
                    fact["value"],
                    fact["unit"],
                    "是" if fact["approx"] else "否",
                    code,
                    catalogue[code].name if code in catalogue else None,
                    fact["text"],
                ]
            )

    findings = workbook.create_sheet("问题")
    _bold_header(findings, ["文件", "单位", "行", "级别", "代码", "说明"])
    for result in results:
        if "error" in result:
            findings.append([result["source"], None, None, "错误", "unreadable", result["error"]])
        for finding in result.get("findings", []):
            findings.append(
                [
                    result["source"],
                    result.get("org"),
                    finding["line"],
                    SEVERITY_LABELS[finding["severity"]],
                    finding["code"],
                    finding["message"],
                ]
            )

    if copies:
        shared = workbook.create_sheet("雷同段落")
        _bold_header(shared, ["文件甲", "行", "文件乙", "行", "字数", "相似度", "段落"])
        for passage in copies:
            a, b = passage["a"], passage["b"]
            shared.append(
                [a["source"], a["line"], b["source"], b["line"], passage["chars"],
                 passage["similarity"], a["text"]]
            )  # fmt: skip
    for sheet in workbook.worksheets:
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column[:50])
            sheet.column_dimensions[column[0].column_letter].width = min(max(8, width * 1.6), 60)
    workbook.save(str(path))
