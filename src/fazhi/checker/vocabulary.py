"""Map facts to indicator codes of the catalogue through the synonyms reports use."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import partial

from fazhi.catalogue import Catalogue, load_catalogue
from fazhi.checker.context import corrected
from fazhi.checker.facts import Fact

SCOPE_CHARS = set("镇乡村县市区校组")
GAP = r"[^，。；！？、\n]{0,8}?"  # what "*" in a synonym stands for
# Compound units written in reports, and the catalogue units each one may stand for.
UNIT_ALIASES = {
    "场次": ("场", "次"),
    "期次": ("期", "次"),
    "件次": ("件", "次"),
    "户次": ("户", "次"),
    "批次": ("次",),
    "人次": ("人次", "人"),
}
AFTER_PENALTY = 6  # a cue after the number ("召开了40次研判会") counts, but less than one before it
OVERLAP_PENALTY = 5  # a cue that is the tail of an earlier, overlapping one


@dataclass(frozen=True)
class Synonym:
    text: str
    codes: tuple[str, ...]
    head: str  # the literal part before any "*"
    tail: re.Pattern | None  # the rest, matched right after the head


@dataclass(frozen=True)
class Vocabulary:
    # first two characters -> synonyms starting with them, longest first
    by_prefix: dict[str, tuple[Synonym, ...]]
    units_by_code: dict[str, frozenset[str]]


@functools.cache
def build_vocabulary(catalogue: Catalogue | None = None) -> Vocabulary:
    catalogue = catalogue or load_catalogue()
    codes_by_synonym: dict[str, list[str]] = {}
    for indicator in catalogue.indicators:
        for synonym in indicator.synonyms:
            codes_by_synonym.setdefault(synonym, []).append(indicator.code)
    index: dict[str, list[Synonym]] = {}
    for text, codes in codes_by_synonym.items():
        head, *rest = text.split("*")
        tail = None
        if rest:
            tail = re.compile("".join(GAP + re.escape(piece) for piece in rest))
        synonym = Synonym(text=text, codes=tuple(codes), head=head, tail=tail)
        index.setdefault(head[:2], []).append(synonym)
    by_prefix = {
        prefix: tuple(sorted(items, key=lambda s: -len(s.text))) for prefix, items in index.items()
    }
    units = {ind.code: frozenset(ind.units) for ind in catalogue.indicators}
    return Vocabulary(by_prefix=by_prefix, units_by_code=units)


def find_cues(text: str, vocabulary: Vocabulary, offset: int = 0) -> list[tuple[int, int, Synonym]]:
    """(start, end, synonym) of every synonym occurrence in text, overlapping ones included."""
    cues = []
    lookup = vocabulary.by_prefix
    for position in range(len(text) - 1):
        for synonym in lookup.get(text[position : position + 2], ()):
            if not text.startswith(synonym.head, position):
                continue
            end = position + len(synonym.head)
            if synonym.tail is not None:
                match = synonym.tail.match(text, end)
                if not match:
                    continue
                end = match.end()
            cues.append((offset + position, offset + end, synonym))
    return cues


def _fits(synonym: Synonym, units: tuple[str, ...], vocabulary: Vocabulary) -> list[str]:
    return [c for c in synonym.codes if not vocabulary.units_by_code[c].isdisjoint(units)]


def _unit_fits(vocabulary: Vocabulary, units: tuple[str, ...], code: str) -> bool:
    allowed = vocabulary.units_by_code.get(code)
    return allowed is not None and not allowed.isdisjoint(units)


def assign_indicators(paragraph: str, facts: list[Fact], vocabulary: Vocabulary) -> None:
    """Set fact.indicator to the best-fitting code: unit compatible, cue nearest the number.

    When two fitting cues overlap ("协助调解" and "调解矛盾纠纷" in "协助调解矛盾纠纷20起"),
    the one that starts first heads the phrase and the later one is only its tail."""
    if not facts:
        return
    clause_cues: dict[int, list] = {}
    is_table_row = "|" in paragraph and len(paragraph) < 1000
    for fact in facts:
        clause_end = fact.clause_start + len(fact.text) + 2
        if fact.clause_start not in clause_cues:
            clause_text = paragraph[fact.clause_start : clause_end]
            clause_cues[fact.clause_start] = find_cues(clause_text, vocabulary, fact.clause_start)
        units = UNIT_ALIASES.get(fact.unit, ()) + (fact.unit,)
        cues = clause_cues[fact.clause_start]
        if is_table_row and "|" in paragraph[fact.clause_start - 3 : fact.start]:
            # A table cell: the row's first cells name the figure ("法律顾问进村 | 130次").
            cues = cues + find_cues(paragraph[: fact.clause_start], vocabulary)
        fitting = []
        for start, end, synonym in cues:
            if end <= fact.start:
                distance = fact.start - end
            elif start >= fact.end:
                distance = start - fact.end + AFTER_PENALTY
            else:
                continue
            codes = _fits(synonym, units, vocabulary)
            if codes:
                fitting.append((start, end, synonym, codes, distance))
        best: tuple[float, str, str, int] | None = None
        for start, _end, synonym, codes, distance in fitting:
            score = distance - 0.5 * len(synonym.text)
            if any(other < start < other_end for other, other_end, *_ in fitting):
                score += OVERLAP_PENALTY
            if best is None or score < best[0]:
                best = (score, codes[0], synonym.text, start)
        if best:
            fact.indicator, fact.synonym = best[1], best[2]
            before = paragraph[best[3] - 1 : best[3]] if best[3] > 0 else ""
            fact.scope = before if before in SCOPE_CHARS else ""
            # Who the activity was for (学生 / 领导干部) outranks the nearest synonym.
            wanted = corrected(paragraph, fact, partial(_unit_fits, vocabulary, units))
            if wanted:
                fact.indicator = wanted
