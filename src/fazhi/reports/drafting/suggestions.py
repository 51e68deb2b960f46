"""Parts 2 and 4 (不足 and 安排) as suggestions the person keeps, edits or drops: each problem
found in the data gives a shortcoming and the plan that answers it, with the same evidence."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from fazhi.deadlines import selectors as deadline_selectors
from fazhi.indicators.registry import indicator
from fazhi.ledgers.registry import kind_for_model
from fazhi.legal_services.selectors import villages_without_service_in_year
from fazhi.publicity.selectors import theme_days_without_activity
from fazhi.publicity.theme_days import BY_KEY as THEMES
from fazhi.reports.drafting.facts import YearFacts
from fazhi.reports.drafting.tables import (
    DEADLINE_FAMILIES,
    FALL_NAMES,
    FALL_PHRASES,
    FALL_WATCHED,
    REQUIRED_THEME_DAYS,
    REQUIRED_WORK,
)
from fazhi.reports.drafting.words import names_list
from fazhi.reports.references import literal
from fazhi.supervision.selectors import report_shortcomings

FINDINGS_PLAN = "对督察指出的问题逐项落实整改，按期完成整改销号，举一反三完善长效机制"
STANDING_PLAN = (
    "持续深化法治政府建设，严格落实重大行政决策程序和规范性文件合法性审核制度，不断提升依法行政水平"
)


@dataclass
class DraftSuggestion:
    part: str
    text: str
    evidence: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    shortcoming: str
    plan: str
    evidence: list[dict]


def suggestions(facts: YearFacts) -> list[DraftSuggestion]:
    problems = _falls(facts) + _lapses(facts) + _coverage_gaps(facts) + _work_never_done(facts)
    problems += _unclosed_findings(facts)
    return (
        [
            DraftSuggestion("shortcomings", p.shortcoming, p.evidence)
            for p in problems
            if p.shortcoming
        ]
        + [DraftSuggestion("plans", p.plan, p.evidence) for p in problems if p.plan]
        + [DraftSuggestion("plans", STANDING_PLAN, [_standing()])]
    )


def _unclosed_findings(facts: YearFacts) -> list[Problem]:
    """Supervision findings not closed (销号) when the report is drafted, one shortcoming each;
    one plan answers them all."""
    items = report_shortcomings(facts.organisation, facts.year, facts.today)
    problems = [Problem(literal(item.text), "", [item.evidence]) for item in items]
    if items:
        problems.append(Problem("", FINDINGS_PLAN, [item.evidence for item in items]))
    return problems


def _standing() -> dict:
    return {"kind": "standing", "label": "常规工作安排", "url": ""}


def _gap(label: str) -> dict:
    return {"kind": "gap", "label": label, "url": ""}


def _falls(facts: YearFacts) -> list[Problem]:
    """Figures people plan for that fell from last year."""
    problems = []
    for code in FALL_WATCHED:
        now, before = facts.value(code), facts.value(code, facts.year - 1)
        if now is None or before is None or not before > now:
            continue
        if now > 0:
            text = (
                f"{FALL_NAMES[code]}有所减少，全年{FALL_PHRASES[code]}{{{code}}}，"
                f"比上年的{{{code}@prev}}减少，常态化开展不够"
            )
        else:
            text = f"全年未开展{indicator(code).name}，上年为{{{code}@prev}}，工作出现断档"
        plan = f"加强{FALL_NAMES[code]}的统筹安排，制定全年计划并按月推进，保持工作常态长效"
        problems.append(Problem(text, plan, [facts.figure_evidence(code)]))
    return problems


# --- statutory deadlines missed -----------------------------------------------------------------


def _lapses(facts: YearFacts) -> list[Problem]:
    """Deadlines missed, by family. A family with an on-time rate reports the lapses of the
    records its rate counts; the others report deadlines that fell due in the year."""
    problems = []
    family_codes = {code for family in DEADLINE_FAMILIES for code in family.codes}
    for family in DEADLINE_FAMILIES:
        missed = _missed_of_family(facts, family)
        if not missed:
            continue
        rate = facts.value(family.rate) if family.rate else None
        rate_text = f"，{family.rate_phrase}{{{family.rate}}}" if rate is not None else ""
        text = f"{family.name}不够及时{rate_text}，部分事项超过法定期限，期限管理仍有漏洞"
        evidence = [_deadline_evidence(d, facts.today) for d in missed]
        if rate_text:
            evidence.insert(0, facts.figure_evidence(family.rate))
        plan = family.plan + "，运用平台期限提醒，做到事前预警、按期办结"
        problems.append(Problem(text, plan, evidence))
    due_in_year = deadline_selectors.in_subtree(facts.organisation).filter(due_on__year=facts.year)
    others = list(
        _ordered(deadline_selectors.missed_in(due_in_year, facts.today)).exclude(
            code__in=sorted(family_codes)
        )
    )
    if others:
        names = names_list(sorted({d.name for d in others}))
        problems.append(
            Problem(
                f"{names}等事项存在超过期限办理的情况，依法按期履职的意识有待增强",
                "建立期限台账，对各类法定期限事项逐项明确责任人，运用平台期限提醒按期办结",
                [_deadline_evidence(d, facts.today) for d in others],
            )
        )
    return problems


def _missed_of_family(facts: YearFacts, family) -> list:
    if family.rate:
        whole = indicator(family.rate).denominator
        deadlines = deadline_selectors.of_records(facts.rows(whole), family.codes)
    else:
        deadlines = deadline_selectors.in_subtree(facts.organisation).filter(
            due_on__year=facts.year, code__in=family.codes
        )
    return list(_ordered(deadline_selectors.missed_in(deadlines, facts.today)))


def _ordered(deadlines):
    # Each missed deadline links to its record: fetch them together, not one query each.
    return (
        deadlines.select_related("organisation").prefetch_related("record").order_by("due_on", "pk")
    )


def _deadline_evidence(deadline, today: date) -> dict:
    if deadline.met_on:
        status = f"{deadline.met_on.isoformat()}完成，逾期"
    else:
        status = f"至{today.isoformat()}仍未完成"
    record = deadline.record
    kind = kind_for_model(type(record)) if record is not None else None
    url = reverse("ledgers:detail", args=[kind.slug, record.pk]) if kind else ""
    return {
        "kind": "deadline",
        "label": f"{deadline.name}：截止{deadline.due_on.isoformat()}，{status}"
        f"（{deadline.organisation.name}）",
        "url": url,
    }


# --- coverage and required work -----------------------------------------------------------------


def _coverage_gaps(facts: YearFacts) -> list[Problem]:
    problems = []
    villages = villages_without_service_in_year(year=facts.year, organisation=facts.organisation)
    if villages:
        named = names_list([gap.village.name for gap in villages]) or "部分村（社区）"
        problems.append(
            Problem(
                f"公共法律服务覆盖不够均衡，{named}全年没有法律顾问服务记录",
                "推动法律顾问服务覆盖所有村（社区），定期进村开展法律咨询和法治宣传",
                [_gap(f"无法律顾问服务记录：{gap.village.name}") for gap in villages],
            )
        )
    themes = [THEMES[key] for key in REQUIRED_THEME_DAYS]
    for gap in theme_days_without_activity(
        year=facts.year, today=facts.today, organisation=facts.organisation, themes=themes
    ):
        theme = gap.theme
        problems.append(
            Problem(
                f"普法宣传的针对性有待加强，全年未围绕{theme.name}组织主题宣传",
                f"精心组织{theme.name}主题宣传活动，增强群众尊法学法守法用法意识",
                [_gap(f"{theme.label}：全年无主题日活动记录")],
            )
        )
    return problems


def _work_never_done(facts: YearFacts) -> list[Problem]:
    problems = [
        Problem(text, plan, [facts.figure_evidence(code)])
        for code, text, plan in REQUIRED_WORK
        if facts.value(code) == 0
    ]
    if facts.positive("enforcement.cases") and facts.value("enforcement.case_files_reviewed") == 0:
        problems.append(
            Problem(
                "行政执法案卷评查尚未开展，执法质量的内部监督有待加强",
                "定期开展行政执法案卷评查，以评查促规范，提升执法办案质量",
                [
                    facts.figure_evidence("enforcement.cases"),
                    facts.figure_evidence("enforcement.case_files_reviewed"),
                ],
            )
        )
    return problems
