"""foreign_place_name: another township, county or village named in the body: full names
anywhere, short names inside set phrases ("推进法治彭堡建设"), and the villages of the other
townships of the reporter's own county."""

from __future__ import annotations

from collections import Counter

from fazhi.checker.findings import Finding
from fazhi.checker.places import (
    Gazetteer,
    Neighbours,
    _stem,
    find_places,
    find_short_names,
    find_villages,
    neighbours,
)
from fazhi.checker.structure import squeeze

LEVEL_WORDS = {"town": "乡镇", "county": "县区"}


def own_names(analysis) -> tuple[set[str], set[str]]:
    """The reporter, its parents and every place named in its title block and signature (with
    their parents); and the names the title block and signature themselves give."""
    gazetteer, layout, org = analysis.gazetteer, analysis.layout, analysis.org
    own = {org} | gazetteer.ancestors(org)
    framing = [layout.cleaned[i] for i in range(min(layout.header_end, len(layout.cleaned)))]
    if analysis.signed_line:
        framing += signature_block(layout.cleaned, analysis.signed_line)
    named = {mention.name for mention in find_places(squeeze("\n".join(framing)), gazetteer)}
    for name in named:
        own.add(name)
        own |= gazetteer.ancestors(name)
    return own, named


SIGNATURE_LINES = 4
SENTENCE_MARKS = "。！？；，：!?;,:"


def signature_block(cleaned: list[str], signed_line: int) -> list[str]:
    """The short lines just above the date (the signing organisation), not the body above."""
    block = []
    for text in reversed(cleaned[max(0, signed_line - 1 - SIGNATURE_LINES) : signed_line]):
        if text and (len(text) > 30 or text[-1] in SENTENCE_MARKS):
            break
        block.append(text)
    return block


def own_county(org: str, named: set[str], gazetteer: Gazetteer) -> str | None:
    """The "county\\tcity" key of the reporting township; of several places of its name, the one
    whose county or city the title block or signature names; None when that stays open."""
    chains = [c for c in gazetteer.chains(org) if len(c) == 3]
    if len(chains) > 1:
        chains = [c for c in chains if c[0] in named or c[1] in named]
    return f"{chains[0][0]}\t{chains[0][1]}" if len(chains) == 1 else None


def check(analysis) -> list[Finding]:
    org = analysis.org
    if not org:
        return []
    gazetteer = analysis.gazetteer
    own, named = own_names(analysis)
    own_stems = own | {_stem(name) for name in own}
    check_counties = gazetteer.knows(org)
    village_index: Neighbours | None = None
    if gazetteer.level(org) == "town":
        county = own_county(org, named, gazetteer)
        village_index = neighbours(org, county) if county else None
    first_seen: dict[str, tuple[int, str]] = {}
    counts: Counter[str] = Counter()

    def note(name: str, line: int, message: str) -> None:
        first_seen.setdefault(name, (line, message))
        counts[name] += 1

    for paragraph in analysis.layout.paragraphs:
        text = paragraph.squeezed
        for mention in find_places(text, gazetteer):
            if mention.name in own or (mention.level == "county" and not check_counties):
                continue
            if org.endswith(mention.name) or mention.name.endswith(org):
                continue
            note(
                mention.name,
                paragraph.line,
                f"其他{LEVEL_WORDS[mention.level]}的名称“{mention.name}”",
            )
        for short in find_short_names(text, gazetteer):
            if short.stem in own_stems or org.startswith(short.stem):
                continue
            if check_counties or any(gazetteer.level(n) == "town" for n in short.full):
                full = "、".join(short.full[:3])
                note(short.stem, paragraph.line, f"其他地方的简称“{short.stem}”（{full}）")
        if village_index is not None:
            for mention in find_villages(text, village_index):
                town = village_index.owner[mention.name]
                if town == org or mention.name in own:
                    continue
                note(
                    mention.name,
                    paragraph.line,
                    f"本县其他乡镇的村（社区）“{mention.name}”（属{town}）",
                )
    findings = []
    for name, (line, what) in first_seen.items():
        times = f"（共 {counts[name]} 处）" if counts[name] > 1 else ""
        findings.append(
            Finding(
                "foreign_place_name",
                f"正文出现了{what}{times}，报告单位是“{org}”，可能是照抄其他单位的材料",
                line,
            )
        )
    return findings
