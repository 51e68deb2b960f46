"""Lines, headings, the title block, paragraphs and the five required parts of a report."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PART_CODES = ("measures", "first_responsible", "shortcomings", "plans", "other")
REQUIRED_PARTS = PART_CODES[:4]
LATER_PARTS = ("shortcomings", "plans", "other")  # parts that come after the year's work
PART_NAMES = {
    "measures": "主要举措和成效",
    "first_responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "shortcomings": "存在的不足和原因",
    "plans": "下一年度主要安排",
    "other": "其他需要报告的情况",
}

CN = "一二三四五六七八九十"
NUMBERING = (
    (0, re.compile(rf"^第[{CN}]+(?:部分|章|篇)[、.．:：\s]*")),
    (1, re.compile(rf"^[{CN}]+\s*[、.．,，]\s*")),
    (2, re.compile(rf"^[（(]\s*[{CN}]+\s*[）)]\s*[、.．]?\s*")),
    (3, re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d)|\.(?=(?:19|20)\d{2}\s*年))\s*")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
)
NUMBERING_FIRST_CHARS = frozenset("第（(0123456789" + CN)
MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
BOLD_START = re.compile(r"^(\*\*|__)(.+?)(\*\*|__)")
SPACES = re.compile(r"[ \t\u3000\u00a0]+")
SENTENCE_END = "。！？!?"
MAX_HEADING_CHARS = 80
MAX_COLON_HEADING = 40  # a colon this early ends a heading that runs into its text

PART_WORDS = {
    "first_responsible": re.compile(
        r"第一责任|主要负责人.{0,16}(?:职责|履职|情况)|负责人履行|述法"
    ),
    "shortcomings": re.compile(
        r"不足|存在的?问题|问题(?:和|及|与)原因|短板|差距|困难和问题|薄弱环节|问题和困难"
    ),
    "plans": re.compile(
        r"下一年|下一步|下步|明年|来年|\d{4}年.{0,14}(?:安排|计划|打算|思路|重点|目标)|"
        r"主要安排|工作安排|工作计划|工作打算|工作思路|今后|努力方向|工作重点|展望"
    ),
    "measures": re.compile(
        r"主要举措|举措和成效|成效|开展情况|主要做法|工作情况|主要工作|工作举措|取得的?成绩|"
        r"推进情况|进展情况|完成情况|建设情况|工作总结|主要成绩"
    ),
    "other": re.compile(r"其他|其它|意见和建议|意见建议|有关建议"),
}
TITLE_WORDS = re.compile(r"报告|总结|汇报|情况")
TITLE_END = re.compile(r"(?:报告|总结|汇报)$")


def squeeze(text: str) -> str:
    """Text without any spaces, for matching ("2021 年度法治政府 建设")."""
    return SPACES.sub("", text)


def clean_line(raw: str) -> tuple[str, bool]:
    """The line without markdown heading marks, bold marks and edge spaces; and whether it had
    markup that makes it a heading on its own."""
    text = raw.strip().strip("\ufeff")
    marked = False
    heading = MARKDOWN_HEADING.match(text)
    if heading:
        text = text[heading.end() :]
        marked = True
    if text.startswith(("**", "__")):
        marked = True
    text = text.replace("**", "").replace("__", "")
    return text.strip(" \t\u3000"), marked


@dataclass
class Heading:
    line: int
    text: str  # markup stripped, up to the end of the heading
    level: int | None  # 0 第一部分, 1 一、, 2 （一）, 3 1., 4 （1）; None unnumbered markup
    parts: tuple[str, ...] = ()
    has_body: bool = False  # the first sentence of the section follows on the same line

    @property
    def squeezed(self) -> str:
        return squeeze(self.text)


@dataclass
class Paragraph:
    line: int
    text: str
    _squeezed: str | None = field(default=None, repr=False)

    @property
    def squeezed(self) -> str:
        """The text without spaces, computed once (several checks read it)."""
        if self._squeezed is None:
            self._squeezed = squeeze(self.text)
        return self._squeezed


@dataclass
class PartStatus:
    status: str = "missing"
    heading: str | None = None
    line: int | None = None
    in_paragraph: bool = False  # found in a sentence of another part, not in a heading


@dataclass
class Layout:
    lines: list[str]
    cleaned: list[str]
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    title_line: int | None = None
    header_end: int = 0  # index of the first line after the title block
    parts: dict[str, PartStatus] = field(default_factory=dict)
    part_of_line: list[str | None] = field(default_factory=list)  # top part of each line


def _heading_end(text: str, raw: str) -> int:
    """Where the heading ends in the cleaned text: the bold run, else the first sentence."""
    stripped = MARKDOWN_HEADING.sub("", raw.strip())
    bold = BOLD_START.match(stripped)
    if bold:
        inner = bold.group(2).strip()
        if inner and text.startswith(inner):
            return len(inner)
    for index, char in enumerate(text):
        if char in SENTENCE_END:
            return index + 1
        if char in "：:" and index + 1 < len(text) and index <= MAX_COLON_HEADING:
            return index + 1  # "一、主要做法：今年以来……"
    return len(text)


def classify_parts(text: str) -> tuple[str, ...]:
    words = squeeze(text)
    found = [code for code, pattern in PART_WORDS.items() if pattern.search(words)]
    if "first_responsible" in found and "measures" in found and "举措" not in words:
        found.remove("measures")
    if (
        "measures" in found
        and ("shortcomings" in found or "plans" in found)
        and not re.search(r"举措|成效|成绩|做法|开展情况", words)
    ):
        found.remove("measures")
    if "other" in found and len(found) > 1 and "其他" not in words:
        found.remove("other")
    return tuple(code for code in PART_CODES if code in found)


def parse_heading(line_no: int, raw: str, cleaned: str, marked: bool) -> Heading | None:
    if not cleaned:
        return None
    level = None
    if cleaned[0] in NUMBERING_FIRST_CHARS:
        for candidate, pattern in NUMBERING:
            if pattern.match(cleaned):
                level = candidate
                break
    if level is None and not marked:
        # A short line of its own naming a part: a heading whose automatic Word numbering was
        # lost when the text was extracted.
        words = squeeze(cleaned)
        if len(words) <= 40 and words[-1] not in "。；;，,：:" and classify_parts(words):
            heading = Heading(line=line_no, text=cleaned, level=None)
            heading.parts = classify_parts(words)
            return heading
        return None
    end = _heading_end(cleaned, raw)
    text = cleaned[:end].strip()
    if len(squeeze(text)) > MAX_HEADING_CHARS or len(squeeze(text)) < 2:
        return None
    if (
        level is None
        and end < len(cleaned)
        and not BOLD_START.match(raw.strip().lstrip("#").strip())
    ):
        return None  # a markdown line that is a whole paragraph is not a heading
    heading = Heading(line=line_no, text=text, level=level, has_body=end < len(cleaned))
    heading.parts = classify_parts(text)
    return heading


def _is_body_line(text: str) -> bool:
    return len(text) >= 50 or (len(text) >= 20 and text[-1:] in SENTENCE_END + "，；：")


def find_title(cleaned: list[str], headings: dict[int, Heading]) -> tuple[int | None, int]:
    """Index of the title line (or None) and the index where the body starts."""
    body_start = len(cleaned)
    for index, text in enumerate(cleaned):
        heading = headings.get(index + 1)
        looks_like_title = bool(TITLE_END.search(squeeze(text)))
        starts_part = heading is not None and (
            heading.level is not None or (heading.parts and not looks_like_title)
        )
        if starts_part or (text and _is_body_line(text)):
            body_start = index
            break
    title_index = None
    for index in range(body_start):
        text = squeeze(cleaned[index])
        if 4 <= len(text) <= 60 and TITLE_WORDS.search(text) and text[-1:] not in SENTENCE_END:
            title_index = index
    if title_index is None:
        for index in range(body_start):
            text = squeeze(cleaned[index])
            if 6 <= len(text) <= 40 and "法治" in text and text[-1:] not in SENTENCE_END:
                title_index = index
    return title_index, body_start


def build_paragraphs(
    cleaned: list[str], start: int, headings: dict[int, Heading]
) -> list[Paragraph]:
    """Logical paragraphs; a body line cut mid-sentence by a page break is joined to the next."""
    groups: list[tuple[int, list[str]]] = []  # pieces joined once at the end: no quadratic +=
    for index in range(start, len(cleaned)):
        text = cleaned[index]
        if not text or text == "\f":
            continue
        if groups and (index + 1) not in headings:
            last = groups[-1][1][-1]
            ended = last[-1:] in SENTENCE_END + '”"）)：:' or not _is_body_line(last)
            if not ended and not _is_signature_like(text):
                groups[-1][1].append(text)
                continue
        groups.append((index + 1, [text]))
    return [Paragraph(line=line, text="".join(pieces)) for line, pieces in groups]


def _is_signature_like(text: str) -> bool:
    return len(text) <= 30 and bool(
        re.search(r"人民政府|委员会|\d{4}\s*年\s*\d{1,2}\s*月|年.{1,3}月.{1,3}日$", text)
    )


OTHER_AS_SUBITEM = re.compile(r"其他需要(?:报告|说明)|其他事项|其他情况")


def _allowed_as_subitem(part: str, parent: str | None, heading: Heading) -> bool:
    if part == "other":
        return parent != part and bool(OTHER_AS_SUBITEM.search(heading.squeezed))
    if part == "first_responsible":
        return parent in (None, "measures", "other")
    return parent != part


def assess_parts(
    headings: list[Heading], line_count: int
) -> tuple[dict[str, PartStatus], list[str | None]]:
    """Status of each of the five parts, and the top-level part each line belongs to."""
    numbered = [h.level for h in headings if h.level is not None]
    top_level = min(numbered) if numbered else None
    top = [
        h
        for h in headings
        if (h.level == top_level and h.level is not None) or (h.level is None and h.parts)
    ]
    parts = {code: PartStatus() for code in PART_CODES}
    single: dict[str, Heading] = {}
    merged: dict[str, Heading] = {}
    for heading in top:
        for code in heading.parts:
            bucket = single if len(heading.parts) == 1 else merged
            bucket.setdefault(code, heading)
    # Sub-items: the part they belong to is the part of the last top heading before them.
    part_of_line: list[str | None] = [None] * (line_count + 2)
    current: str | None = None
    boundaries = {h.line: h for h in top}
    sub_items: dict[str, Heading] = {}
    first_unclassified: Heading | None = None
    later_part_seen = False
    for heading in headings:
        if heading.line in boundaries:
            current = heading.parts[0] if heading.parts else None
            later_part_seen = later_part_seen or any(p in LATER_PARTS for p in heading.parts)
            if not heading.parts and first_unclassified is None and not later_part_seen:
                first_unclassified = heading
            continue
        for code in heading.parts:
            if _allowed_as_subitem(code, current, heading):
                sub_items.setdefault(code, heading)
    current = None
    later_part_seen = False
    for line_no in range(1, line_count + 1):
        heading = boundaries.get(line_no)
        if heading is not None and heading.parts:
            current = heading.parts[0]
            later_part_seen = later_part_seen or current in LATER_PARTS
        elif heading is not None and not later_part_seen:
            current = "measures"  # numbered sections before 不足/安排 report the year's work
        part_of_line[line_no] = current
    for code in PART_CODES:
        if code in single:
            chosen, status = single[code], "present"
        elif code in merged:
            chosen, status = merged[code], "partial"
        elif code in sub_items:
            chosen, status = sub_items[code], "partial"
        elif code == "measures" and first_unclassified is not None:
            chosen, status = first_unclassified, "present"
        else:
            continue
        parts[code] = PartStatus(status=status, heading=chosen.text, line=chosen.line)
    return parts, part_of_line


def analyse_layout(text: str) -> Layout:
    lines = text.split("\n")
    cleaned: list[str] = []
    heading_by_line: dict[int, Heading] = {}
    for index, raw in enumerate(lines):
        text_line, marked = clean_line(raw)
        cleaned.append(text_line)
        heading = parse_heading(index + 1, raw, text_line, marked)
        if heading:
            heading_by_line[index + 1] = heading
    title_index, body_start = find_title(cleaned, heading_by_line)
    if body_start == len(cleaned):
        body_start = 0  # only short lines: no title block to skip
    header_end = title_index + 1 if title_index is not None else body_start
    headings = [h for line_no, h in sorted(heading_by_line.items()) if line_no > header_end]
    layout = Layout(lines=lines, cleaned=cleaned, headings=headings, header_end=header_end)
    if title_index is not None:
        layout.title = cleaned[title_index].strip()
        layout.title_line = title_index + 1
    body_headings = {h.line: h for h in headings}
    layout.paragraphs = build_paragraphs(cleaned, header_end, body_headings)
    layout.parts, layout.part_of_line = assess_parts(headings, len(lines))
    if layout.parts["first_responsible"].status == "missing":
        from fazhi.checker.duties import find_duty_inside

        layout.parts["first_responsible"] = find_duty_inside(layout) or PartStatus()
    return layout
