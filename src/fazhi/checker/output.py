"""Human-readable renderings of check results: terminal text, Markdown and HTML."""

from __future__ import annotations

import html
import unicodedata

from fazhi.catalogue import load_catalogue
from fazhi.checker.structure import PART_CODES, PART_NAMES

PART_SHORT_NAMES = {
    "measures": "主要举措和成效",
    "first_responsible": "第一责任人履职情况",
    "shortcomings": "存在的不足和原因",
    "plans": "下一年度主要安排",
    "other": "其他需要报告的情况",
}
STATUS_LABELS = {"present": "具备", "partial": "不完整（合并或仅为下级条目）", "missing": "缺失"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_STYLES = {"present": "green", "partial": "yellow", "missing": "red"}
SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


PARAGRAPH_MARK = "（第一部分段落）"


def shown_heading(part: dict) -> str | None:
    """The part's heading as people read it: a sentence found inside part 1 says so."""
    heading = part.get("heading")
    return f"{PARAGRAPH_MARK}{heading}" if heading and part.get("in_paragraph") else heading


def labelled(result: dict) -> dict:
    """A result's parts, findings and facts with their Chinese labels, for pages."""
    catalogue = load_catalogue()
    return {
        "parts": [
            {
                "code": code,
                "name": PART_SHORT_NAMES.get(code, code),
                "status": part["status"],
                "status_label": STATUS_LABELS.get(part["status"], part["status"]),
                "heading": shown_heading(part),
                "line": part["line"],
            }
            for code, part in result["parts"].items()
        ],
        "findings": [
            {**finding, "severity_label": SEVERITY_LABELS.get(finding["severity"], "")}
            for finding in result["findings"]
        ],
        "facts": [_labelled_fact(fact, catalogue) for fact in result["facts"]],
    }


def _labelled_fact(fact: dict, catalogue) -> dict:
    """A fact with its indicator's Chinese name and unit: pages never show the code."""
    code = fact["indicator"]
    indicator = catalogue[code] if code and code in catalogue else None
    return {
        **fact,
        "indicator_name": indicator.name if indicator else "",
        "indicator_unit": indicator.unit if indicator else "",
    }


def _where(line: int | None) -> str:
    return f"第 {line} 行" if line else "全文"


def _heading_line(result: dict) -> str:
    org = result.get("org") or "单位不详"
    year = f"{result['year']} 年度" if result.get("year") else "年度不详"
    return f"{result['source']}（{org}，{year}）"


def _count(result: dict, severity: str) -> int:
    return sum(1 for f in result.get("findings", []) if f["severity"] == severity)


ANSI = {"bold": "1", "red": "31", "green": "32", "yellow": "33", "cyan": "36", "bold red": "1;31"}


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _display_width(text))


class _Writer:
    """Plain lines, with ANSI colour only when writing to a terminal."""

    def __init__(self, color: bool):
        self.color = color
        self.lines: list[str] = []

    def paint(self, text: str, style: str) -> str:
        return f"\x1b[{ANSI[style]}m{text}\x1b[0m" if self.color and style in ANSI else text

    def line(self, text: str = "") -> None:
        self.lines.append(text)

    def table(self, headers: list[str], rows: list[list[str]], styles: list[str | None]) -> None:
        widths = [
            max(_display_width(cell) for cell in column)
            for column in zip(headers, *rows, strict=True)
        ]
        self.line("  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
        self.line("  ".join("─" * w for w in widths))
        for row, style in zip(rows, styles, strict=True):
            cells = [_pad(cell, width) for cell, width in zip(row, widths, strict=True)]
            if style:
                cells[1] = self.paint(cells[1], style)
            self.line("  ".join(cells).rstrip())


def render_text(results: list[dict], copies: list[dict] | None = None, color: bool = False) -> str:
    """The terminal summary: parts table, findings and the number of facts, per report."""
    out = _Writer(color)
    for result in results:
        if "error" in result:
            out.line(f"{out.paint('无法读取', 'bold red')} {result['source']}：{result['error']}")
            out.line()
            continue
        out.line(out.paint(f"报告：{_heading_line(result)}", "bold"))
        out.line(f"标题：{result.get('title') or '（无标题）'}")
        out.line(f"落款日期：{result.get('signed_on') or '（未写）'}")
        rows, styles = [], []
        for code in PART_CODES:
            part = result["parts"][code]
            rows.append(
                [PART_SHORT_NAMES[code], STATUS_LABELS[part["status"]], shown_heading(part) or "—",
                 str(part["line"] or "—")]
            )  # fmt: skip
            styles.append(STATUS_STYLES[part["status"]])
        out.table(["部分", "状态", "起始标题", "行"], rows, styles)
        findings = result["findings"]
        out.line(
            f"问题：{len(findings)} 个（错误 {_count(result, 'error')}，"
            f"警告 {_count(result, 'warning')}，提示 {_count(result, 'info')}）"
        )
        for finding in findings:
            label = out.paint(
                f"【{SEVERITY_LABELS[finding['severity']]}】", SEVERITY_STYLES[finding["severity"]]
            )
            out.line(f"  {label}{_where(finding['line'])}：{finding['message']}")
        mapped = sum(1 for fact in result["facts"] if fact["indicator"])
        out.line(f"数据：共提取 {len(result['facts'])} 条，其中 {mapped} 条对应到指标")
        out.line()
    if copies:
        out.line(out.paint(f"不同单位报告之间的雷同段落：{len(copies)} 处", "bold"))
        for passage in copies:
            a, b = passage["a"], passage["b"]
            out.line(
                f"  {a['source']} 第 {a['line']} 行 ↔ {b['source']} 第 {b['line']} 行"
                f"（约 {passage['chars']} 字，相似度 {passage['similarity']}）：{a['text'][:60]}…"
            )
    if len(results) > 1:
        readable = [r for r in results if "error" not in r]
        with_errors = sum(1 for r in readable if _count(r, "error"))
        out.line(
            out.paint(
                f"共审查 {len(results)} 份：{with_errors} 份有错误，"
                f"{len(results) - len(readable)} 份无法读取",
                "bold",
            )
        )
    return "\n".join(out.lines) + "\n"


def key_value(result: dict, code: str):
    """The figure a report gives for an indicator: its first exact statement, else the first
    approximate one; None when the report does not state it."""
    facts = [f for f in result.get("facts", []) if f["indicator"] == code]
    exact = [f for f in facts if not f["approx"]]
    chosen = (exact or facts or [None])[0]
    return chosen["value"] if chosen else None


def comparison(results: list[dict]) -> tuple[list[str], list[list]]:
    """Key indicators by reporting organisation (columns only for indicators someone states)."""
    catalogue = load_catalogue()
    readable = [r for r in results if "error" not in r]
    codes = [c for c in catalogue.key_codes if any(key_value(r, c) is not None for r in readable)]
    headers = ["单位", "文件"] + [f"{catalogue[c].name}（{catalogue[c].unit}）" for c in codes]
    rows = [[r.get("org") or "—", r["source"]] + [key_value(r, c) for c in codes] for r in readable]
    return headers, rows


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text is not None else "—"


def render_markdown(results: list[dict], copies: list[dict] | None = None) -> str:
    out = ["# 法治政府建设年度报告审查结果", ""]
    for result in results:
        if "error" in result:
            out += [f"## {result['source']}", "", f"**无法读取：** {result['error']}", ""]
            continue
        out += [f"## {_heading_line(result)}", ""]
        out += [f"- 标题：{result.get('title') or '（无标题）'}"]
        out += [f"- 落款日期：{result.get('signed_on') or '（未写）'}", ""]
        out += ["| 部分 | 状态 | 起始标题 | 行 |", "|---|---|---|---|"]
        for code in PART_CODES:
            part = result["parts"][code]
            out.append(
                f"| {PART_NAMES[code]} | {STATUS_LABELS[part['status']]} | "
                f"{_md_cell(shown_heading(part))} | {_md_cell(part['line'])} |"
            )
        out += ["", f"### 问题（{len(result['findings'])}）", ""]
        for finding in result["findings"] or []:
            out.append(
                f"- **{SEVERITY_LABELS[finding['severity']]}** {_where(finding['line'])}："
                f"{finding['message']}（`{finding['code']}`）"
            )
        if not result["findings"]:
            out.append("- 未发现问题")
        out += ["", f"### 数据（{len(result['facts'])}）", ""]
        out += ["| 行 | 数值 | 单位 | 约数 | 指标 | 原文 |", "|---|---|---|---|---|---|"]
        for fact in result["facts"]:
            out.append(
                f"| {fact['line']} | {fact['value']} | {fact['unit']} | "
                f"{'是' if fact['approx'] else '否'} | {_md_cell(fact['indicator'])} | "
                f"{_md_cell(fact['text'])} |"
            )
        out.append("")
    if len([r for r in results if "error" not in r]) > 1:
        headers, rows = comparison(results)
        out += ["## 指标对比", "", "| " + " | ".join(headers) + " |"]
        out.append("|" + "---|" * len(headers))
        out += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in rows]
        out.append("")
    if copies:
        out += ["## 雷同段落", ""]
        for passage in copies:
            a, b = passage["a"], passage["b"]
            out.append(
                f"- {a['source']} 第 {a['line']} 行 ↔ {b['source']} 第 {b['line']} 行"
                f"（约 {passage['chars']} 字）：{_md_cell(a['text'])}"
            )
        out.append("")
    return "\n".join(out)


def render_html(results: list[dict], copies: list[dict] | None = None) -> str:
    """A self-contained page (no external assets: government intranets have no internet)."""
    e = html.escape
    body = []
    for result in results:
        if "error" in result:
            body.append(
                f"<section><h2>{e(result['source'])}</h2>"
                f"<p class='error'>无法读取：{e(result['error'])}</p></section>"
            )
            continue
        rows = "".join(
            f"<tr class='{e(result['parts'][c]['status'])}'><td>{e(PART_NAMES[c])}</td>"
            f"<td>{e(STATUS_LABELS[result['parts'][c]['status']])}</td>"
            f"<td>{e(shown_heading(result['parts'][c]) or '—')}</td>"
            f"<td>{result['parts'][c]['line'] or '—'}</td></tr>"
            for c in PART_CODES
        )
        findings = (
            "".join(
                f"<li class='{e(f['severity'])}'><b>{e(SEVERITY_LABELS[f['severity']])}</b> "
                f"{e(_where(f['line']))}：{e(f['message'])} <code>{e(f['code'])}</code></li>"
                for f in result["findings"]
            )
            or "<li>未发现问题</li>"
        )
        facts = "".join(
            f"<tr><td>{f['line']}</td><td>{e(str(f['value']))}</td><td>{e(f['unit'])}</td>"
            f"<td>{'是' if f['approx'] else '否'}</td><td>{e(f['indicator'] or '—')}</td>"
            f"<td>{e(f['text'])}</td></tr>"
            for f in result["facts"]
        )
        body.append(
            f"<section><h2>{e(_heading_line(result))}</h2>"
            f"<p>标题：{e(result.get('title') or '（无标题）')}；"
            f"落款日期：{e(result.get('signed_on') or '（未写）')}</p>"
            f"<table><tr><th>部分</th><th>状态</th><th>起始标题</th><th>行</th></tr>{rows}</table>"
            f"<h3>问题（{len(result['findings'])}）</h3><ul>{findings}</ul>"
            f"<h3>数据（{len(result['facts'])}）</h3><table><tr><th>行</th><th>数值</th>"
            f"<th>单位</th><th>约数</th><th>指标</th><th>原文</th></tr>{facts}</table></section>"
        )
    if len([r for r in results if "error" not in r]) > 1:
        headers, rows = comparison(results)
        head = "".join(f"<th>{e(h)}</th>" for h in headers)
        cells = "".join(
            "<tr>"
            + "".join(f"<td>{e(str(c if c is not None else '—'))}</td>" for c in row)
            + "</tr>"
            for row in rows
        )
        body.append(f"<section><h2>指标对比</h2><table><tr>{head}</tr>{cells}</table></section>")
    if copies:
        items = "".join(
            f"<li>{e(p['a']['source'])} 第 {p['a']['line']} 行 ↔ {e(p['b']['source'])} "
            f"第 {p['b']['line']} 行（约 {p['chars']} 字）：{e(p['a']['text'])}</li>"
            for p in copies
        )
        body.append(f"<section><h2>雷同段落</h2><ul>{items}</ul></section>")
    style = (
        "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.missing{color:#b00}"
        ".partial{color:#a60}.error{color:#b00}.warning{color:#a60}"
    )
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>报告审查结果</title><style>{style}</style></head><body>"
        f"<h1>法治政府建设年度报告审查结果</h1>{''.join(body)}</body></html>\n"
    )
