"""Part 1 (主要举措和成效): a sub-item per domain with its figures, and the named records
behind some of them (documents issued, decisions taken, demonstration villages)."""

from fazhi.reports.document import item_number
from fazhi.reports.drafting.consistency import clause_for
from fazhi.reports.drafting.facts import YearFacts
from fazhi.reports.drafting.tables import DOMAINS
from fazhi.reports.drafting.words import Words, names_list


def achievements(facts: YearFacts, words: Words) -> str:
    lines = [
        f"{facts.year}年，{words.we}坚持以习近平法治思想为指导，认真落实法治政府建设各项任务，"
        "依法行政水平不断提升，各项工作取得新成效。"
    ]
    number = 0
    for domain in DOMAINS:
        clauses = [c for c in (clause_for(facts, s) for s in domain.statements) if c]
        extra = named_records(domain.key, facts)
        if not clauses and not extra:
            continue
        number += 1
        lines.append(item_number(number) + domain.heading)
        body = "，".join(clauses) + "。" if clauses else ""
        lines.append(body + extra)
    return "\n".join(lines)


def named_records(domain: str, facts: YearFacts) -> str:
    """The records behind a domain's figure, named: the list is the figure's own rows, so a
    count beside it never differs from the list ("等" when not all are named)."""
    organisation = facts.organisation
    if domain == "normative":
        rows = list(facts.rows("normative.issued").order_by("published_on", "pk"))
        documents = [
            f"《{d.title}》（{d.doc_number}）" if d.doc_number else f"《{d.title}》" for d in rows
        ]
        named = names_list(documents, organisation=organisation, total=len(rows))
        return f"制定的文件有{named}。" if named else ""
    if domain == "decisions":
        rows = list(facts.rows("decisions.major").order_by("decided_on", "pk"))
        named = names_list(
            [d.title for d in rows], quote=("“", "”"), organisation=organisation, total=len(rows)
        )
        return f"作出的决策有{named}。" if named else ""
    if domain == "publicity":
        return _demonstration_villages(facts)
    return ""


def _demonstration_villages(facts: YearFacts) -> str:
    code = "publicity.demonstration_villages"
    if not facts.positive(code):
        return ""
    # A village named at county level and later at city level is one village: its highest title.
    best = {}
    for row in facts.rows(code).select_related("organisation").order_by("occurred_on", "pk"):
        rank = list(row.Level.values).index(row.level)
        if row.organisation_id not in best or rank >= best[row.organisation_id][0]:
            best[row.organisation_id] = (
                rank,
                f"{row.organisation.name}（{row.get_level_display()}）",
            )
    villages = [name for _rank, name in best.values()]
    named = names_list(villages, organisation=facts.organisation)
    if not named:
        return f"获评民主法治示范村{{{code}}}。"
    lead = "包括" if named.endswith("等") else "分别是"
    return f"获评民主法治示范村{{{code}}}，{lead}{named}。"
