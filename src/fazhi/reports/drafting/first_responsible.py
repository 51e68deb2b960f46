"""Part 3 (第一责任人职责): what the 党委书记 and the 镇长 presided, led and reported."""

from fazhi.reports.drafting.facts import YearFacts
from fazhi.reports.drafting.tables import PART3_PHRASES
from fazhi.reports.drafting.words import Words, names_list
from fazhi.study.selectors import topics_led_by_principals

PRINCIPALS = ("secretary", "head")  # the ledgers' keys of the 党委书记 and the 镇长


def first_responsible(facts: YearFacts, words: Words) -> str:
    organisation = facts.organisation
    lines = [
        f"{words.secretary}、{words.head}切实履行推进法治建设第一责任人职责，"
        "把法治建设纳入全局工作统筹谋划、一体推进。"
    ]
    sentences = []
    code = "governance.first_responsible_meetings"
    if facts.positive(code):
        sentences.append(f"{PART3_PHRASES[code]}{{{code}}}")
        # The meetings named are the figure's own records, by who presided.
        presided = {key: [] for key in PRINCIPALS}
        for position, title in (
            facts.rows(code).order_by("occurred_on", "pk").values_list("presider_position", "title")
        ):
            presided[position].append(title)
        for key in PRINCIPALS:
            titles = presided[key]
            named = names_list(
                titles, quote=("“", "”"), organisation=organisation, total=len(titles)
            )
            if named:
                sentences.append(f"{words.principal(key)}主持{named}")
    if sentences:
        lines.append("，".join(sentences) + "。")
    topics = topics_led_by_principals(year=facts.year, organisation=organisation)
    study = []
    for key in PRINCIPALS:
        named = names_list(topics[key], quote=("“", "”"), organisation=organisation)
        if named:
            study.append(f"{words.principal(key)}带头领学{named}")
    if study:
        lines.append("，".join(study) + "，发挥了“关键少数”的示范带动作用。")
    code = "governance.law_report_sessions"
    if facts.positive(code):
        lines.append(
            f"{PART3_PHRASES[code]}{{{code}}}，党政主要负责人就履行推进法治建设第一责任人职责"
            "情况接受评议。"
        )
    return "\n".join(lines)
