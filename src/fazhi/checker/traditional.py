"""Reports published in traditional characters are read after conversion to simplified ones.

The character table is jionlp's (tra2sim_char.txt). A few traditional characters are also
ordinary simplified ones (著, 乾, 於 …), so a text is converted only when traditional characters
make up a clear share of it.
"""

from __future__ import annotations

import functools
import re

from fazhi.checker.places import has_dictionary, open_dictionary

MIN_SHARE = 0.04  # of Han characters; traditional texts are typically at 20% or more
MIN_COUNT = 20
# Where the table's choice is not the standard simplified form used in reports.
OVERRIDES = {"餘": "余", "鍾": "钟", "瀋": "沈"}


@functools.cache
def conversion_table() -> dict[int, str]:
    table: dict[int, str] = {}
    if not has_dictionary("tra2sim_char.txt"):
        return table
    with open_dictionary("tra2sim_char.txt") as handle:
        for raw in handle:
            parts = raw.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and parts[1] and parts[0] != parts[1]:
                table[ord(parts[0])] = parts[1]
    for traditional, simplified in OVERRIDES.items():
        table[ord(traditional)] = simplified
    return table


HAN = re.compile("[\u4e00-\u9fff]")


@functools.cache
def _traditional_pattern() -> re.Pattern:
    chars = "".join(re.escape(chr(code)) for code in conversion_table())
    return re.compile(f"[{chars}]") if chars else re.compile(r"(?!)")


def is_traditional(text: str) -> bool:
    converted = len(_traditional_pattern().findall(text))  # counted in C, not char by char
    return converted >= MIN_COUNT and converted >= len(HAN.findall(text)) * MIN_SHARE


def to_simplified(text: str) -> str:
    return text.translate(conversion_table())


GAP = r"\s*"  # spaces and line breaks the checker's own quotes left out
QUOTED = re.compile(r"“([^“”]{1,200})”|《([^《》]{1,200})》")  # quotes and cited titles
WINDOW = 3000  # characters after a finding's line searched for its quotes


class Restorer:
    """Gives back a quote taken from the converted text in the report's own characters. The
    table maps one character to one, so a quote's place in the converted text is its place in
    the original; quotes that skipped spaces or line breaks skip them again."""

    def __init__(self, original: str, converted: str):
        self.original, self.converted = original, converted
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", converted)]

    def __call__(self, quote: str | None, line: int | None = None, window: int | None = None):
        if not quote or len(quote) > 400:
            return quote
        start = self.line_starts[line - 1] if line and line <= len(self.line_starts) else 0
        end = start + window if window else len(self.converted)
        pattern = re.compile(GAP.join(map(re.escape, quote)))
        match = pattern.search(self.converted, start, end)
        if match is None:
            return quote
        found = self.original[match.start() : match.end()]
        return found if len(found) == len(quote) else re.sub(r"\s+", "", found)

    def message(self, text: str, line: int | None) -> str:
        """The quotes of a finding's message, looked up from its line on."""
        if line is None:
            return text

        def restored(match: re.Match) -> str:
            if match.group(1) is not None:
                return f"“{self(match.group(1), line, WINDOW)}”"
            return f"《{self(match.group(2), line, WINDOW)}》"

        return QUOTED.sub(restored, text)
