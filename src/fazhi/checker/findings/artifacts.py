"""conversion_artifact: debris left by Word/PDF conversion or by copying across pages."""

from __future__ import annotations

import re

from fazhi.checker.findings import Finding
from fazhi.checker.structure import SENTENCE_END

DEBRIS = re.compile(
    r"\[bookmark:[^\]]*\]|_GoBack|[（(]\s*此页无正文\s*[)）]|此页无正文|"
    r"错误[!！]\s*未定义书签|错误[!！]\s*未找到引用源|Error! Bookmark not defined|"
    r"Error! Reference source not found|\[image:[^\]]*\]|!\[[^\]]*\]\(media/[^)]*\)|"
    r"\{\\field|\\\*\s*MERGEFORMAT|MERGEFORMAT|Evaluation Warning"
)
PAGE_NUMBER_LINE = re.compile(
    r"^[—－\-–]\s*\d{1,3}\s*[—－\-–]$|^第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?$"
)
MAX_DOUBLED = 8


def _doubled_across_break(previous: str, following: str) -> str | None:
    for size in range(min(MAX_DOUBLED, len(previous), len(following)), 0, -1):
        tail = previous[-size:]
        if following.startswith(tail) and tail.strip() and not tail.isdigit():
            return tail
    return None


def check(analysis) -> list[Finding]:
    layout = analysis.layout
    findings = []
    heading_lines = {h.line for h in layout.headings}
    bare_heading_lines = {h.line for h in layout.headings if not h.has_body}
    for index, raw in enumerate(layout.lines):
        for match in DEBRIS.finditer(raw):
            findings.append(
                Finding("conversion_artifact", f"文档转换残留：“{match.group(0)}”", index + 1)
            )
        if PAGE_NUMBER_LINE.match(layout.cleaned[index]):
            findings.append(
                Finding(
                    "conversion_artifact", f"正文中夹有页码“{layout.cleaned[index]}”", index + 1
                )
            )
    # A line cut mid-sentence and resumed after blank lines or a page break, repeating words.
    cleaned = layout.cleaned
    previous_index = None
    gap = False
    for index in range(layout.header_end, len(cleaned)):
        text = cleaned[index]
        if not text or text == "\f":
            gap = gap or previous_index is not None
            continue
        if previous_index is not None and gap:
            before = cleaned[previous_index]
            if (
                len(before) >= 20
                and before[-1] not in SENTENCE_END + '：:；;，,”"）)'
                and previous_index + 1 not in bare_heading_lines
                and index + 1 not in heading_lines
            ):
                doubled = _doubled_across_break(before, text)
                if doubled:
                    findings.append(
                        Finding(
                            "conversion_artifact",
                            f"跨页处文字重复：“{doubled}”在第 {previous_index + 1} 行末尾"
                            f"和第 {index + 1} 行开头各出现一次",
                            index + 1,
                        )
                    )
        previous_index, gap = index, False
    return findings
