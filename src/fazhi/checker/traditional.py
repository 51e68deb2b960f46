"""Reports published in traditional characters are read after conversion to simplified ones.

The character table is jionlp's (tra2sim_char.txt). A few traditional characters are also
ordinary simplified ones (著, 乾, 於 …), so a text is converted only when traditional characters
make up a clear share of it.
"""

from __future__ import annotations

import functools

from fazhi.checker.places import _dictionary_file

MIN_SHARE = 0.04  # of Han characters; traditional texts are typically at 20% or more
MIN_COUNT = 20
# Where the table's choice is not the standard simplified form used in reports.
OVERRIDES = {"餘": "余", "鍾": "钟", "瀋": "沈"}


@functools.cache
def conversion_table() -> dict[int, str]:
    path = _dictionary_file("tra2sim_char.txt")
    table: dict[int, str] = {}
    if path is None:
        return table
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            parts = raw.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and parts[1] and parts[0] != parts[1]:
                table[ord(parts[0])] = parts[1]
    for traditional, simplified in OVERRIDES.items():
        table[ord(traditional)] = simplified
    return table


def is_traditional(text: str) -> bool:
    table = conversion_table()
    han = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    converted = sum(1 for char in text if ord(char) in table)
    return converted >= MIN_COUNT and converted >= han * MIN_SHARE


def to_simplified(text: str) -> str:
    return text.translate(conversion_table())
