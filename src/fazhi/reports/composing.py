"""Texts with figure references → a ReportDocument (the form every renderer reads)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fazhi.reports.document import (
    Block,
    FigureRef,
    Part,
    ReportDocument,
    chinese_number,
    part_number,
)
from fazhi.reports.models import DEFAULT_PART_ORDER, PART_HEADINGS, SUGGESTION_PARTS
from fazhi.reports.references import FigureValues, change_text, codes_in, tokens, value_text

SUB_ITEM = re.compile(r"^（[一二三四五六七八九十]+）")
NUMBERED = re.compile(r"^\d{1,2}[.．、]")


@dataclass(frozen=True)
class SuggestionText:
    part: str
    text: str


@dataclass(frozen=True)
class Content:
    """What a version holds, independent of storage: the drafting code builds one in memory,
    the services read one from a stored version."""

    organisation_name: str
    organisation_code: str
    year: int
    title: str
    recipient: str
    signed_on: date
    part_order: tuple[str, ...]
    parts: dict[str, str]
    suggestions: tuple[SuggestionText, ...] = ()
    version: int = 1
    state_label: str = ""

    def texts(self) -> list[str]:
        return list(self.parts.values()) + [s.text for s in self.suggestions]

    def codes(self) -> set[str]:
        return codes_in(self.texts())


def title_for(organisation_name: str, year: int) -> str:
    return f"{organisation_name}{year}年度法治政府建设情况报告"


def ordered(part_order: Iterable[str] | None) -> tuple[str, ...]:
    order = tuple(part_order or ())
    return order if sorted(order) == sorted(DEFAULT_PART_ORDER) else DEFAULT_PART_ORDER


def segments(text: str, values: FigureValues, year: int, organisation_code: str) -> tuple:
    """Plain text and FigureRefs in reading order."""
    result: list = []
    for piece in tokens(text):
        if isinstance(piece, str):
            result.append(piece)
        elif piece.modifier == "change":
            current = values.get(piece.code, year)
            previous = values.get(piece.code, year - 1)
            result.append(change_text(piece.code, current, previous))
        else:
            figure_year = piece.year(year)
            value = values.get(piece.code, figure_year)
            result.append(
                FigureRef(
                    code=piece.code,
                    year=figure_year,
                    organisation_code=organisation_code,
                    value=value,
                    text=value_text(piece.code, value),
                )
            )
    merged: list = []
    for piece in result:  # adjacent strings as one segment
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return tuple(merged)


def _level(line: str) -> int:
    if SUB_ITEM.match(line):
        return 2
    if NUMBERED.match(line):
        return 3
    return 0


def blocks(text: str, values: FigureValues, year: int, organisation_code: str) -> list[Block]:
    result = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        result.append(Block(segments(line, values, year, organisation_code), _level(line)))
    return result


def compose(content: Content, values: FigureValues) -> ReportDocument:
    parts = []
    for position, key in enumerate(ordered(content.part_order), start=1):
        part_blocks = blocks(
            content.parts.get(key, ""), values, content.year, content.organisation_code
        )
        if key in SUGGESTION_PARTS:
            items = [s for s in content.suggestions if s.part == key and s.text.strip()]
            for index, item in enumerate(items):
                lead = f"{chinese_number(index + 1)}是"
                text = item.text.strip()
                if text[-1] not in "。！？；：":
                    text += "。"
                body = segments(text, values, content.year, content.organisation_code)
                if lead:
                    body = (
                        (lead + body[0],) + body[1:]
                        if isinstance(body[0], str)
                        else ((lead,) + body)
                    )
                part_blocks.append(Block(body))
        parts.append(Part(key, part_number(position) + PART_HEADINGS[key], tuple(part_blocks)))
    return ReportDocument(
        title=content.title,
        organisation_name=content.organisation_name,
        organisation_code=content.organisation_code,
        year=content.year,
        parts=tuple(parts),
        signed_on=content.signed_on,
        recipient=content.recipient,
        version=content.version,
        state_label=content.state_label,
        figures_frozen=values.frozen,
    )
