"""Years and dates: year_mismatch, period_not_report_year, stale_plan_reference,
no_signature_date, late_signature."""

from __future__ import annotations

import datetime as dt
import re

from fazhi.checker.findings import Finding
from fazhi.checker.structure import PART_NAMES, squeeze

YEAR_AT_START = re.compile(r"^(?:\S{0,8}?[、.．）)]\s*)?((?:19|20)\d{2})\s*年")
HEADING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
SINCE_YEAR = re.compile(
    r"(?:自|从)?((?:19|20)\d{2})年(?:\d{1,2}月(?:份)?|底|初|末|[上下]半年)?(?:以来|至今|起至今|来)"
)
YEAR_RANGE = re.compile(
    r"(?<!《)((?:19|20)\d{2})年?(?:\d{1,2}月)?[-—–~～至到]((?:19|20)\d{2})年"
    r"(?!.{0,4}(?:规划|纲要|计划|方案))"
)
MULTI_YEAR = re.compile(
    r"近[两二三四五六七八九十]年(?:来|以来)?|[两三四五]年(?:来|以来)|(?:十[二三四五]五|党的十[八九]大|二十大)以来"
)
STALE_PLAN = re.compile(r"[“\"「‘]?([六七八九])五[”\"」’]?\s*(?:普法|法治宣传教育)")
OUTLINE_RANGE = re.compile(
    r"(?:纲要|规划)[（(《]?\s*((?:19|20)\d{2})\s*[-—–－至]\s*((?:19|20)\d{2})"
)
PERIOD_HINT = re.compile(r"以来|至今|年来|\d年?[-—–~～至到](?:19|20)\d{2}")
PLAN_HINT = re.compile(r"五|纲要|规划")
PLAN_ENDS = {"六": 2015, "七": 2020, "八": 2025, "九": 2030}
CITED = re.compile(
    r"《[^《》]*》"
)  # a cited plan's title is judged by citations.py (outdated_plan)
SENTENCE = re.compile(r"[^。；！？]+[。；！？]?")
COUNTED = re.compile(
    r"\d+\s*(?:余|多)?\s*(?:万|千)?\s*(?:次|场|份|册|条|幅|期|起|件|人|名|个|支|本|处|所|元|户|家|项|%|％)"
)


def _year_findings(analysis) -> list[Finding]:
    year = analysis.year
    findings = []
    if year is None:
        return findings
    layout = analysis.layout
    source = "标题" if analysis.year_source == "title" else "正文"
    for code, status in layout.parts.items():
        if not status.heading or status.status == "missing" or status.in_paragraph:
            continue
        match = HEADING_YEAR.search(squeeze(status.heading))
        if not match:
            continue
        stated = int(match.group(1))
        expected = year + 1 if code == "plans" else year
        merged_with_shortcomings = layout.parts["shortcomings"].heading == status.heading
        if code == "plans" and stated == year and merged_with_shortcomings:
            continue  # a merged 不足及下一步 heading names the report year
        if stated != expected:
            findings.append(
                Finding(
                    "year_mismatch",
                    f"“{PART_NAMES[code]}”部分标题写的是 {stated} 年，"
                    f"但{source}报告的是 {year} 年，应为 {expected} 年",
                    status.line,
                )
            )
    for paragraph in layout.paragraphs[:3]:
        match = YEAR_AT_START.match(paragraph.squeezed)
        if match and int(match.group(1)) != year and layout.part_of_line[paragraph.line] != "plans":
            findings.append(
                Finding(
                    "year_mismatch",
                    f"正文开头写的是 {match.group(1)} 年，与{source}的 {year} 年不一致",
                    paragraph.line,
                )
            )
            break
    plan_paragraphs = [p for p in layout.paragraphs if layout.part_of_line[p.line] == "plans"]
    for paragraph in plan_paragraphs[:2]:
        match = YEAR_AT_START.match(paragraph.squeezed)
        if match and int(match.group(1)) != year + 1:
            findings.append(
                Finding(
                    "year_mismatch",
                    f"下一年度安排写的是 {match.group(1)} 年，"
                    f"报告年度为 {year} 年，应为 {year + 1} 年",
                    paragraph.line,
                )
            )
    if analysis.signed_on and analysis.signed_on.year < year:
        findings.append(
            Finding(
                "year_mismatch",
                f"落款日期 {analysis.signed_on.isoformat()} 早于报告年度 {year} 年",
                analysis.signed_line,
            )
        )
    return findings


def _period_findings(analysis) -> list[Finding]:
    year = analysis.year
    findings = []
    layout = analysis.layout
    for paragraph in layout.paragraphs:
        if layout.part_of_line[paragraph.line] == "plans":
            continue
        if not PERIOD_HINT.search(paragraph.squeezed):
            continue
        for sentence in SENTENCE.findall(paragraph.squeezed):
            if not COUNTED.search(sentence):
                continue
            period = None
            match = SINCE_YEAR.search(sentence)
            if match and year and int(match.group(1)) != year:
                period = match.group(0)
            match = YEAR_RANGE.search(sentence)
            if (
                not period
                and match
                and year
                and {int(match.group(1)), int(match.group(2))} != {year}
            ):
                period = match.group(0)
            match = MULTI_YEAR.search(sentence)
            if not period and match:
                period = match.group(0)
            if period:
                findings.append(
                    Finding(
                        "period_not_report_year",
                        f"数据的统计区间“{period}”不是报告年度"
                        + (f" {year} 年" if year else "")
                        + f"：{sentence[:40]}",
                        paragraph.line,
                    )
                )
    return findings


def _stale_plan_findings(analysis) -> list[Finding]:
    year = analysis.year
    if year is None:
        return []
    findings = []
    seen = set()
    layout = analysis.layout
    places = [(h.line, h.squeezed) for h in layout.headings]
    places += [(p.line, p.squeezed) for p in layout.paragraphs]
    for line, text in sorted(places):
        if not PLAN_HINT.search(text):
            continue
        if "《" in text:
            text = CITED.sub(lambda m: "　" * len(m.group(0)), text)
        for match in STALE_PLAN.finditer(text):
            end = PLAN_ENDS[match.group(1)]
            key = match.group(1) + "五"
            if end < year and key not in seen:
                seen.add(key)
                findings.append(
                    Finding(
                        "stale_plan_reference",
                        f"引用了已结束的“{key}”普法规划（截至 {end} 年），"
                        f"{year} 年的报告应为当期规划",
                        line,
                    )
                )
        for match in OUTLINE_RANGE.finditer(text):
            end = int(match.group(2))
            if end < year and match.group(0) not in seen:
                seen.add(match.group(0))
                findings.append(
                    Finding(
                        "stale_plan_reference",
                        f"引用了已到期的规划期“{match.group(1)}—{end}年”，报告年度为 {year} 年",
                        line,
                    )
                )
    return findings


def _signature_findings(analysis) -> list[Finding]:
    if analysis.signed_on is None:
        return [Finding("no_signature_date", "报告末尾没有落款日期（成文日期）", None)]
    if analysis.year and analysis.signed_on > dt.date(analysis.year + 1, 3, 31):
        return [
            Finding(
                "late_signature",
                f"落款日期 {analysis.signed_on.isoformat()} 晚于报送期限"
                f"（{analysis.year + 1} 年 3 月 31 日）",
                analysis.signed_line,
            )
        ]
    return []


def check(analysis) -> list[Finding]:
    return (
        _year_findings(analysis)
        + _period_findings(analysis)
        + _stale_plan_findings(analysis)
        + _signature_findings(analysis)
    )
