"""The 第一责任人 part when it hides inside part 1: many reports give the principal leaders' duties
as a sub-item of the year's work ("（一）压实第一责任人职责…", "一是主要负责人带头…") instead of a
part of its own. Such a report has the part, but not at the top level: `partial`, quoting the
sub-heading or sentence that covers it. Nothing found keeps it `missing`."""

from __future__ import annotations

import re

from fazhi.checker.structure import Layout, PartStatus

# Words that name the principal leaders' own duty, not just any leadership: "在镇主要领导的带领下"
# and "以镇党委书记为组长" are not it, "主要负责人带头学法" and "第一责任人职责" are.
DUTY = re.compile(
    r"第一责任|述法|(?:主要负责人|主要领导|一把手|书记).{0,8}?"
    r"(?:履行|履职|职责|带头|亲自|负总责|第一)"
)
SENTENCE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")
# A sentence that opens an item of its own ("一是…", "首先…", "1.…"): it covers the duty, a
# passing mention elsewhere in a sentence ranks below it.
CN = "一二三四五六七八九十"
ITEM_START = re.compile(rf"^(?:[{CN}]+是|其[{CN}]|首先|第[{CN}]+[，,、]|\d{{1,2}}[.．、])")
MAX_QUOTE = 60


def _quote(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence if len(sentence) <= MAX_QUOTE else sentence[:MAX_QUOTE] + "…"


def find_duty_inside(layout: Layout) -> PartStatus | None:
    """The sub-heading, else the item sentence, else any sentence of the measures part that
    covers the first-responsible duty; None when there is none."""
    for heading in layout.headings:
        if layout.part_of_line[heading.line] == "measures" and DUTY.search(heading.squeezed):
            top = layout.parts["measures"].line == heading.line
            if not top:
                return PartStatus("partial", heading.text, heading.line)
    passing: PartStatus | None = None
    for paragraph in layout.paragraphs:
        if layout.part_of_line[paragraph.line] != "measures":
            continue
        for index, match in enumerate(SENTENCE.finditer(paragraph.squeezed)):
            sentence = match.group(0)
            if not DUTY.search(sentence):
                continue
            found = PartStatus("partial", _quote(sentence), paragraph.line, in_paragraph=True)
            if index == 0 or ITEM_START.match(sentence):
                return found
            passing = passing or found
    return passing
