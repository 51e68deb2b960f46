"""foreign_place_name: a township or county named in the body that is not the reporter's own."""

from __future__ import annotations

from fazhi.checker.findings import Finding
from fazhi.checker.places import find_places
from fazhi.checker.structure import squeeze


def check(analysis) -> list[Finding]:
    org = analysis.org
    if not org:
        return []
    gazetteer = analysis.gazetteer
    layout = analysis.layout
    own = {org} | gazetteer.ancestors(org)
    # Names in the title block and the signature describe the reporter itself.
    framing = [layout.cleaned[i] for i in range(min(layout.header_end, len(layout.cleaned)))]
    if analysis.signed_line:
        framing += layout.cleaned[max(0, analysis.signed_line - 4) : analysis.signed_line]
    for mention in find_places(squeeze("\n".join(framing)), gazetteer):
        own.add(mention.name)
        own |= gazetteer.ancestors(mention.name)
    check_counties = gazetteer.knows(org)
    first_seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for paragraph in layout.paragraphs:
        for mention in find_places(paragraph.squeezed, gazetteer):
            if mention.name in own or (mention.level == "county" and not check_counties):
                continue
            if org.endswith(mention.name) or mention.name.endswith(org):
                continue
            first_seen.setdefault(mention.name, paragraph.line)
            counts[mention.name] = counts.get(mention.name, 0) + 1
    findings = []
    for name, line in first_seen.items():
        level = "乡镇" if gazetteer.level(name) == "town" else "县区"
        times = f"（共 {counts[name]} 处）" if counts[name] > 1 else ""
        findings.append(
            Finding(
                "foreign_place_name",
                f"正文出现了其他{level}的名称“{name}”{times}，报告单位是“{org}”，可能是照抄其他单位的材料",
                line,
            )
        )
    return findings
