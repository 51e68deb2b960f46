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
