"""Figures in the report editor: named chips ("学法活动 36次 · 同比+6次") and the catalogue
picker. Values come from references.FigureValues (the engine's one computation, or the values
frozen at approval); names and units from the catalogue. Nothing here counts a figure."""

import re
from dataclasses import dataclass

from fazhi.catalogue import Indicator, load_catalogue
from fazhi.indicators.formatting import MISSING, format_change, format_value
from fazhi.reports.readable import display_token
from fazhi.reports.references import FigureValues, Reference, change_text, codes_in, tokens

LABEL_SUFFIX = {"": "", "prev": "（上年）", "change": "（较上年）"}


@dataclass(frozen=True)
class Chip:
    code: str
    modifier: str  # "" | "prev" | "change"
    name: str  # "学法活动（上年）"
    shown: str  # what the report prints: "36次", "增加6次"
    hint: str  # "同比+6次" beside this year's figure, else ""
    year: int  # the year the figure is of (the report's year for a change)
    value: object  # the number shown (None for a change, which is two numbers)
    organisation_code: str


def values_for(version, codes) -> FigureValues:
    """Frozen values once approved, live ones from the engine before (as the report shows)."""
    if version.frozen:
        return FigureValues.from_frozen(version.frozen_values)
    report = version.report
    return FigureValues.live(codes, report.organisation, report.year)


def chip(reference: Reference, values: FigureValues, year: int, organisation_code: str) -> Chip:
    code, modifier = reference.code, reference.modifier
    indicator = load_catalogue()[code]
    now, before = values.get(code, year), values.get(code, year - 1)
    if modifier == "change":
        shown, hint, value = change_text(code, now, before), "", None
    elif modifier == "prev":
        shown, hint, value = format_value(code, before), "", before
    else:
        change = format_change(code, now, before)
        shown, value = format_value(code, now), now
        hint = "" if change == MISSING else f"同比{change}"
        hint = "同比持平" if now is not None and now == before else hint
    return Chip(
        code=code,
        modifier=modifier,
        name=indicator.name + LABEL_SUFFIX[modifier],
        shown=shown,
        hint=hint,
        year=reference.year(year),
        value=value,
        organisation_code=organisation_code,
    )


def paragraphs(stored: str, version, values: FigureValues | None = None) -> list:
    """The stored text's non-empty lines, each as plain text and chips in reading order;
    `values` when the caller has them for every code the text holds."""
    report = version.report
    values = values or values_for(version, codes_in([stored]))
    code = report.organisation.code
    result = []
    for line in (stored or "").splitlines():
        if not line.strip():
            continue
        result.append(
            [
                piece if isinstance(piece, str) else chip(piece, values, report.year, code)
                for piece in tokens(line.strip())
            ]
        )
    return result


def with_chips(paragraphs: list) -> list:
    """The paragraphs when they hold a figure, else none (an item's text is shown already)."""
    has = any(not isinstance(piece, str) for line in paragraphs for piece in line)
    return paragraphs if has else []


# --- the picker -------------------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text or "").casefold()


def _synonym_matches(synonym: str, query: str) -> bool:
    """The query is part of the synonym, or names it ("开展*普法" in "开展宪法普法")."""
    parts = [_key(part) for part in synonym.split("*") if part.strip()]
    if query in "".join(parts):
        return True
    position = 0
    for part in parts:
        found = query.find(part, position)
        if found < 0 or len(part) < 2:
            return False
        position = found + len(part)
    return bool(parts)


def _rank(item: Indicator, query: str) -> tuple[int, str] | None:
    """(rank, the synonym that matched) of an indicator for the query; None: no match."""
    name = _key(item.name)
    if query == name:
        return 0, ""
    if query in name:
        return 1, ""
    for synonym in item.synonyms:
        if _key(synonym.replace("*", "")) == query:
            return 2, synonym.replace("*", "…")
    for synonym in item.synonyms:
        if _synonym_matches(synonym, query):
            return 3, synonym.replace("*", "…")
    if query in _key(item.counts):
        return 4, ""
    return None


def search(query: str) -> list[tuple[Indicator, str]]:
    """Catalogue indicators matching a Chinese name or synonym, best first (all for an empty
    query); each with the synonym it matched by ("" when by name)."""
    query = _key(query)
    indicators = load_catalogue().indicators
    if not query:
        return [(item, "") for item in indicators]
    ranked = []
    for position, item in enumerate(indicators):
        rank = _rank(item, query)
        if rank is not None:
            ranked.append((rank[0], position, item, rank[1]))
    return [(item, synonym) for _, _, item, synonym in sorted(ranked, key=lambda r: r[:2])]


@dataclass(frozen=True)
class Choice:
    """One indicator in the picker, with the three ways to insert it."""

    name: str
    counts: str
    matched: str  # the synonym it was found by, or ""
    now: Chip
    before: Chip
    change: Chip
    tokens: tuple[tuple[str, str], ...]  # (button label, token inserted)


def choices(query: str, version, values: FigureValues | None = None) -> list[Choice]:
    found = search(query)
    values = values or values_for(version, [item.code for item, _ in found])
    report = version.report
    code = report.organisation.code

    def of(item, modifier):
        return chip(Reference(item.code, modifier, 0, 0), values, report.year, code)

    return [
        Choice(
            name=item.name,
            counts=item.counts,
            matched=matched,
            now=of(item, ""),
            before=of(item, "prev"),
            change=of(item, "change"),
            tokens=(
                ("插入本年数", display_token(item.code)),
                ("插入上年数", display_token(item.code, "prev")),
                ("插入较上年增减", display_token(item.code, "change")),
            ),
        )
        for item, matched in found
    ]
