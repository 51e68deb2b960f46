"""missing_part, part_not_top_level, no_title."""

from __future__ import annotations

from fazhi.checker.findings import Finding
from fazhi.checker.structure import PART_NAMES, REQUIRED_PARTS


def check(analysis) -> list[Finding]:
    findings = []
    layout = analysis.layout
    for code, status in layout.parts.items():
        name = PART_NAMES[code]
        if status.status == "missing" and code in REQUIRED_PARTS:
            findings.append(Finding("missing_part", f"缺少必备部分“{name}”", None))
        elif status.status == "partial":
            if status.in_paragraph:
                where = f"只在第一部分的段落中述及：“{status.heading}”"
            elif status.heading and any(
                other != code and s.heading == status.heading and s.line == status.line
                for other, s in layout.parts.items()
            ):
                where = f"与其他部分合并在同一标题“{status.heading}”下"
            else:
                where = f"只作为下级条目“{status.heading}”出现"
            findings.append(
                Finding("part_not_top_level", f"“{name}”没有单独成为一级标题，{where}", status.line)
            )
    if layout.title is None:
        findings.append(Finding("no_title", "报告没有标题行（应写明单位、年度和报告名称）", 1))
    return findings
