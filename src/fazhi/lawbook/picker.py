"""Names a citation field offers as the person types (法律依据, 制定依据, laws studied)."""

from __future__ import annotations

import functools

import fazhi.lawbook as lawbook

# Offered before anything is typed (and all a browser without JavaScript gets): the laws,
# the constitution and the rule-of-law documents in force; regulations and interpretations
# come from `names(query)` as the person types.
COMMON_LEVELS = ("法律", "宪法", "党内法规和规范性文件")
LIMIT = 20


@functools.cache
def common_names() -> tuple[str, ...]:
    laws = lawbook._names()["laws"]
    return tuple(row[0] for row in laws if row[1] in COMMON_LEVELS and row[2] == "in_force")


def names(query: str, limit: int = LIMIT) -> list[tuple[str, str]]:
    """(name, note) of the catalogue's laws matching `query` (name or short name, those in
    force first; the note says 已废止 of a repealed one); the common names when nothing is
    typed."""
    query = (query or "").strip().strip("《》")
    if not query:
        return [(name, "") for name in common_names()]
    return [
        (hit.record["name"], "已废止" if hit.record["status"] == "repealed" else "")
        for hit in lawbook.search(query, limit=limit)
    ]
