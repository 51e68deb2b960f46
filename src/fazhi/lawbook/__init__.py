"""The law catalogue (法律法规库): shipped data built from LawRefBook/Laws (build.py) plus the
rule-of-law documents added by hand (additions.py). Plain Python, no Django; nothing is read
until asked, and the report checker reads only the compact names file (data/names.json).

- `find(title)` -> `LawRef` or None: a 《…》 title (full name, short name, alias) to its law.
- `entry(name)` -> the full catalogue record (editions, events, sources) from data/index.jsonl.
- `articles(name)` -> [(label, text)] of the law's current edition, inflated from data/texts.bin.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from pathlib import Path

from fazhi.lawbook.names import article_label, article_number, normalise

DATA_DIR = Path(__file__).with_name("data")
STATUS_NAMES = {"in_force": "现行有效", "repealed": "已废止"}


@dataclass(frozen=True)
class LawRef:
    row: int
    name: str
    level: str
    status: str
    repealed_on: str | None
    replaced_by: str | None
    period_end: int | None
    editions: tuple[tuple[str | None, int | None], ...]  # (published, article count)

    def articles_in(self, year: int | None) -> int | None:
        """Article count of the edition in force in `year` (the newest one without a year)."""
        dated = [e for e in self.editions if e[0]]
        if year is not None:
            before = [e for e in dated if e[0] <= f"{year}-12-31"]
            if before:
                dated = before
        counts = [e[1] for e in (dated or self.editions) if e[1]]
        return counts[-1] if counts else None

    def repealed_by(self, day: dt.date) -> bool:
        return bool(self.repealed_on) and dt.date.fromisoformat(self.repealed_on) <= day


@functools.cache
def _names() -> dict:
    return json.loads((DATA_DIR / "names.json").read_text(encoding="utf-8"))


def catalogue_commit() -> str:
    return _names()["commit"]


def catalogue_date() -> str:
    """The date of the LawRefBook/Laws commit the catalogue was built from (ISO)."""
    return _names()["as_of"]


@functools.lru_cache(maxsize=8192)
def find(title: str) -> LawRef | None:
    """The law a title names (《》 and 中华人民共和国 optional), or None (cached: reports
    cite the same few laws)."""
    data = _names()
    row = data["keys"].get(normalise(title))
    if row is None:
        return None
    name, level, status, repealed_on, replaced_by, period_end, editions = data["laws"][row]
    return LawRef(
        row,
        name,
        level,
        status,
        repealed_on,
        replaced_by,
        period_end,
        tuple((e[0], e[1]) for e in editions),
    )


@functools.cache
def _index() -> tuple[dict, tuple[str, ...]]:
    header, *lines = (DATA_DIR / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return json.loads(header), tuple(lines)


def entry(name_or_ref: str | LawRef) -> dict | None:
    """The full record of a law (by any of its names), or None."""
    ref = name_or_ref if isinstance(name_or_ref, LawRef) else find(name_or_ref)
    if ref is None:
        return None
    return json.loads(_index()[1][ref.row])


def articles(record: dict) -> list[tuple[str, str]]:
    """(label, text) of every article of the record's current edition; [] when not shipped."""
    if not record.get("text"):
        return []
    import zlib

    offset, length = record["text"]
    with open(DATA_DIR / "texts.bin", "rb") as handle:
        handle.seek(offset)
        packed = handle.read(length)
    return [(label, text) for label, text in json.loads(zlib.decompress(packed))]


def article(record: dict, number: int) -> tuple[str, str] | None:
    """Article `number` (its first form when 之一 forms follow), or None."""
    for label, text in articles(record):
        if article_number(label) == number:
            return label, text
    return None


@dataclass(frozen=True)
class Hit:
    record: dict
    articles: tuple[tuple[str, str], ...] = ()  # (label, text) of articles holding the words


def records() -> list[dict]:
    """Every full record, in catalogue order (parsed on each call: ~60 ms)."""
    return [json.loads(line) for line in _index()[1]]


def search(query: str, in_text: bool = False, limit: int = 50) -> list[Hit]:
    """Laws whose name or short name holds the query (exact names first, laws in force before
    repealed ones); with `in_text`, also laws with an article holding it (each such article)."""
    key = normalise(query)
    if not key:
        return []
    hits, seen = [], set()
    all_records = records()
    exact = find(query)
    if exact is not None:
        hits.append(Hit(all_records[exact.row]))
        seen.add(exact.row)
    named = [
        (row, record)
        for row, record in enumerate(all_records)
        if row not in seen and any(key in normalise(name) for name in record["keys"])
    ]
    named.sort(key=lambda item: (item[1]["status"] != "in_force", len(item[1]["name"])))
    for row, record in named:
        hits.append(Hit(record))
        seen.add(row)
    if in_text and len(hits) < limit:
        import zlib

        words = query.strip()
        blob = (DATA_DIR / "texts.bin").read_bytes()
        in_force = sorted(
            range(len(all_records)), key=lambda row: all_records[row]["status"] != "in_force"
        )
        for row in in_force:
            record = all_records[row]
            if row in seen or not record.get("text"):
                continue
            offset, length = record["text"]
            raw = zlib.decompress(blob[offset : offset + length]).decode("utf-8")
            if words not in raw:
                continue
            found = tuple((label, text) for label, text in json.loads(raw) if words in text)
            if found:
                hits.append(Hit(record, found))
                if len(hits) >= limit:
                    break
    return hits[:limit]


__all__ = [
    "Hit",
    "DATA_DIR",
    "STATUS_NAMES",
    "LawRef",
    "article",
    "article_label",
    "article_number",
    "articles",
    "catalogue_commit",
    "catalogue_date",
    "entry",
    "find",
    "normalise",
    "records",
    "search",
]
