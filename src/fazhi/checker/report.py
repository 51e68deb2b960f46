"""Check one report: text in, a "fazhi.check/1" dictionary out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.checker.errors import CheckerInputError
from fazhi.checker.facts import Fact, extract_facts
from fazhi.checker.findings import Finding, run_all
from fazhi.checker.limits import FileLimits
from fazhi.checker.metadata import find_org, find_signature, find_year
from fazhi.checker.places import Gazetteer, load_gazetteer
from fazhi.checker.reading import MAX_TEXT_CHARS, read_bytes, read_path
from fazhi.checker.structure import PART_CODES, Layout, analyse_layout
from fazhi.checker.traditional import Restorer, is_traditional, to_simplified
from fazhi.checker.vocabulary import assign_indicators, build_vocabulary

SCHEMA_ID = "fazhi.check/1"


@dataclass
class Analysis:
    source: str
    text: str
    layout: Layout
    gazetteer: Gazetteer
    org: str | None = None
    year: int | None = None
    year_source: str = ""
    signed_on: dt.date | None = None
    signed_line: int | None = None
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict:
        layout = self.layout
        return {
            "schema": SCHEMA_ID,
            "source": self.source,
            "title": layout.title,
            "org": self.org,
            "year": self.year,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "parts": {
                code: {
                    "status": layout.parts[code].status,
                    "heading": layout.parts[code].heading,
                    "line": layout.parts[code].line,
                }
                | ({"in_paragraph": True} if layout.parts[code].in_paragraph else {})
                for code in PART_CODES
            },
            "facts": [fact.as_dict() for fact in self.facts],
            "findings": [finding.as_dict() for finding in self.findings],
        }


def analyse_text(text: str, source: str = "<text>") -> Analysis:
    """The full analysis of a report's text (the object behind the JSON)."""
    if not isinstance(text, str):
        raise CheckerInputError("输入必须是文本", source)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise CheckerInputError("文件没有文字内容", source)
    if len(text) > MAX_TEXT_CHARS:
        raise CheckerInputError(f"文本过长，超过 {MAX_TEXT_CHARS} 字的上限", source)
    converted = is_traditional(text)
    original = text
    if converted:
        text = to_simplified(text)
    gazetteer = load_gazetteer()
    layout = analyse_layout(text)
    analysis = Analysis(source=source, text=text, layout=layout, gazetteer=gazetteer)
    analysis.signed_on, analysis.signed_line = find_signature(layout)
    analysis.org = find_org(layout, gazetteer)
    analysis.year, analysis.year_source = find_year(layout, analysis.signed_on)
    vocabulary = build_vocabulary()
    for index, paragraph in enumerate(layout.paragraphs):
        if paragraph.line == analysis.signed_line:
            continue  # the date line is not a figure
        facts = extract_facts(paragraph.text, paragraph.line)
        assign_indicators(paragraph.text, facts, vocabulary)
        part = layout.part_of_line[paragraph.line]
        for fact in facts:
            fact.part, fact.paragraph = part, index
        analysis.facts.extend(facts)
    analysis.findings = run_all(analysis)
    if converted:
        _restore_quotes(analysis, Restorer(original, text))
        analysis.findings.insert(
            0, Finding("traditional_script", "报告使用繁体字，已转换为简体字后审查", None)
        )
    return analysis


def _restore_quotes(analysis: Analysis, restore: Restorer) -> None:
    """Quotes shown to people keep the report's own (traditional) characters; the org stays
    the gazetteer's simplified name."""
    layout = analysis.layout
    layout.title = restore(layout.title, layout.title_line)
    for status in layout.parts.values():
        status.heading = restore(status.heading, status.line)
    for fact in analysis.facts:
        fact.text = restore(fact.text, fact.line)
    for finding in analysis.findings:
        finding.message = restore.message(finding.message, finding.line)


def check_text(text: str, source: str = "<text>") -> dict:
    """Check a report given as text; returns the "fazhi.check/1" dictionary."""
    return analyse_text(text, source).as_dict()


INTERNAL_ERROR = "审查此文件时发生内部错误，请把文件提交给维护人员"


def check_bytes(data: bytes, filename: str, limits: FileLimits | None = None) -> dict:
    """Check an uploaded file's bytes (.txt/.md/.docx/.pdf); raises CheckerInputError only."""
    source = Path(filename or "").name or "<upload>"
    try:
        return check_text(read_bytes(data, source, limits), source)
    except CheckerInputError as error:
        error.source = source
        raise
    except Exception as error:  # the upload page must get a message, never a traceback
        raise CheckerInputError(INTERNAL_ERROR, source) from error


def check_file(path: str | Path, limits: FileLimits | None = None) -> dict:
    """Check a report file on disk; raises CheckerInputError when it cannot be read."""
    path = Path(path)
    try:
        return check_text(read_path(path, limits), path.name)
    except CheckerInputError as error:
        error.source = path.name
        raise
    except Exception as error:
        raise CheckerInputError(INTERNAL_ERROR, path.name) from error
