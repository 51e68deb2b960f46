"""Draft the annual report of a township and year from its ledgers.

Every figure is a reference to an indicator ({code}), never a typed number. Each statement puts
a catalogue synonym right before its figure ("发放宣传资料{publicity.materials}") so the report
checker maps it back to the same indicator, states each indicator once for the year, and keeps
last year's figures in clauses of their own with no synonym ("，比上年的{x@prev}有所减少"),
so they are never read as a second statement of this year's figure. No "…以来" periods and no
place names other than the township's own and its villages'.

`draft_document` is what the CLI and renderers call; `build_draft` gives the texts and the
suggestions (with their evidence) that services.report_create stores.
"""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils import timezone

from fazhi.ledgers.models import without_archived
from fazhi.orgs.models import Organisation
from fazhi.reports.composing import Content, SuggestionText, compose, ordered, title_for
from fazhi.reports.document import ReportDocument, item_number
from fazhi.reports.references import FigureValues

RECIPIENT = "县委全面依法治县委员会办公室："
MAX_NAMES = 5


@dataclass(frozen=True)
class Statement:
    """One figure as written: the words before it end with a catalogue synonym of `code`."""

    code: str
    phrase: str
    compare: bool = False  # add "，较上年增加N次" when the figure rose from last year


@dataclass(frozen=True)
class Domain:
    key: str
    heading: str
    statements: tuple[Statement, ...]


S = Statement
# Part 1 sub-items, in the order reports usually give them. Every phrase is checked against
# the report checker in tests/reports/test_drafting.py::test_every_phrase_maps_to_its_indicator.
DOMAINS: tuple[Domain, ...] = (
    Domain(
        "governance",
        "加强组织领导，压实法治建设责任",
        (
            S("governance.leading_group_meetings", "全年召开法治建设领导小组会议", True),
            S("governance.special_meetings", "召开专题会议"),
            S("governance.tasks", "梳理法治建设责任清单"),
            S("governance.budget", "落实法治建设经费"),
        ),
    ),
    Domain(
        "study",
        "坚持领导干部带头学法，提升依法行政能力",
        (
            S("study.sessions", "全年组织学法", True),
            S("study.central_group_sessions", "其中党委理论学习中心组学法"),
            S("study.pre_meeting_sessions", "会前学法"),
            S("study.lectures", "举办法治专题讲座"),
            S("study.enforcement_training", "组织执法人员培训"),
            S("study.training_attendance", "参训人员"),
            S("study.exams", "组织学法考试"),
            S("study.exam_participants", "参加考试"),
            S("study.exam_passed", "考试合格"),
            S("study.exam_pass_rate", "考试合格率"),
        ),
    ),
    Domain(
        "publicity",
        "深入开展普法宣传，营造浓厚法治氛围",
        (
            S("publicity.activities", "全年开展普法宣传活动", True),
            S("publicity.activities_in_villages", "送法入村"),
            S("publicity.activities_in_schools", "法治进校园"),
            S("publicity.activities_in_agencies", "法律进机关"),
            S("publicity.activities_in_communities", "法律进社区"),
            S("publicity.activities_in_enterprises", "法律进企业"),
            S("publicity.theme_day_activities", "开展主题日活动"),
            S("publicity.materials", "发放宣传资料", True),
            S("publicity.booklets", "发放宣传册"),
            S("publicity.banners", "悬挂横幅标语"),
            S("publicity.blackboards", "出版宣传栏"),
            S("publicity.audience", "受教育群众", True),
            S("publicity.questions_answered", "现场答疑"),
            S("publicity.online_posts", "线上推送"),
            S("publicity.assets", "建成普法阵地"),
            S("publicity.law_literate_people", "培育法律明白人"),
            S("publicity.law_leaders", "法律带头人"),
            S("publicity.teams", "组建法治宣传队伍"),
        ),
    ),
    Domain(
        "normative",
        "加强规范性文件管理，严格合法性审核",
        (
            S("normative.issued", "全年制定规范性文件"),
            S("normative.reviewed", "经合法性审核"),
            S("normative.filed", "报送备案"),
            S("normative.filed_on_time", "其中按期报备"),
            S("normative.filed_on_time_rate", "报备及时率"),
            S("normative.cleaned_up", "开展清理，清理"),
        ),
    ),
    Domain(
        "decisions",
        "规范重大行政决策，推进科学民主依法决策",
        (
            S("decisions.major", "全年作出重大行政决策"),
            S("decisions.all_procedures_held", "其中实际履行全部法定程序"),
            S("decisions.legality_reviewed", "决策经合法性审查"),
            S("decisions.public_hearings", "召开听证会、座谈会、论证会"),
        ),
    ),
    Domain(
        "enforcement",
        "严格规范公正文明执法",
        (
            S("enforcement.officers", "现有持证执法人员"),
            S("enforcement.cases", "全年办理执法案件", True),
            S("enforcement.legal_reviewed", "重大执法决定经法制审核"),
            S("enforcement.decisions_to_publicise", "作出执法决定"),
            S("enforcement.publicised_on_time", "执法决定按期公示"),
            S("enforcement.publicised_on_time_rate", "按期公示率"),
            S("enforcement.case_files_reviewed", "开展案卷评查，评查案卷"),
            S("enforcement.case_file_review_score", "案卷评查平均分"),
        ),
    ),
    Domain(
        "disputes",
        "坚持和发展新时代“枫桥经验”，加强矛盾纠纷排查化解",
        (
            S("disputes.screenings", "全年开展矛盾纠纷排查"),
            S("disputes.analysis_meetings", "召开研判会"),
            S("disputes.mediation_cases", "调解矛盾纠纷", True),
            S("disputes.mediation_closed", "调解结案"),
            S("disputes.mediation_success", "调解成功"),
            S("disputes.mediation_success_rate", "调解成功率"),
            S("disputes.assisted_mediations", "法律顾问协助调解"),
            S("disputes.petitions", "受理信访事项"),
            S("disputes.petitions_answered_on_time", "按期答复"),
            S("disputes.petitions_answered_on_time_rate", "按期答复率"),
            S("disputes.followup_visits", "开展安置帮教和重点人员走访"),
        ),
    ),
    Domain(
        "legal_services",
        "完善公共法律服务体系",
        (
            S("legal_services.villages_with_advisor", "配备法律顾问的村（社区）"),
            S("legal_services.advisor_services", "法律顾问提供服务", True),
            S("legal_services.consultations", "接待法律咨询"),
            S("legal_services.major_matter_reviews", "参与村级重大事项把关"),
            S("legal_services.legal_aid_cases", "办理法律援助案件"),
            S("legal_services.contract_reviews", "审查合同"),
        ),
    ),
    Domain(
        "openness",
        "推进政务公开，自觉接受监督",
        (
            S("openness.disclosures", "全年发布公开信息"),
            S("openness.complaints", "办理投诉举报"),
            S("openness.complaints_answered_on_time", "按期答复投诉"),
            S("openness.complaints_answered_on_time_rate", "投诉按期答复率"),
            S("openness.supervisor_visits", "行政执法监督员走访"),
        ),
    ),
)
PHRASES = {s.code: s.phrase for d in DOMAINS for s in d.statements}
PART3_PHRASES = {
    "governance.first_responsible_meetings": "全年党政主要负责人亲自主持会议",
    "governance.law_report_sessions": "年终开展述法",
}
# Figures whose fall from last year is worth a 不足 item (counts and sums people plan for).
FALL_WATCHED = (
    "governance.leading_group_meetings",
    "study.sessions",
    "study.central_group_sessions",
    "publicity.activities",
    "publicity.materials",
    "publicity.audience",
    "disputes.screenings",
    "legal_services.advisor_services",
    "openness.disclosures",
)
FALL_PHRASES = {  # short phrases that name the figure with its synonym (this year's clause)
    "governance.leading_group_meetings": "召开法治建设领导小组会议",
    "study.sessions": "组织学法",
    "study.central_group_sessions": "党委理论学习中心组学法",
    "publicity.activities": "开展普法宣传活动",
    "publicity.materials": "发放宣传资料",
    "publicity.audience": "受教育群众",
    "disputes.screenings": "开展矛盾纠纷排查",
    "legal_services.advisor_services": "法律顾问提供服务",
    "openness.disclosures": "发布公开信息",
}
FALL_NAMES = {
    "governance.leading_group_meetings": "法治建设领导小组会议",
    "study.sessions": "学法活动",
    "study.central_group_sessions": "党委理论学习中心组学法",
    "publicity.activities": "普法宣传活动",
    "publicity.materials": "宣传资料发放",
    "publicity.audience": "普法宣传覆盖面",
    "disputes.screenings": "矛盾纠纷排查",
    "legal_services.advisor_services": "法律顾问服务",
    "openness.disclosures": "政务信息公开",
}
# Work every township must do in a year: (code, shortcoming, plan).
REQUIRED_WORK = (
    (
        "governance.leading_group_meetings",
        "全年未召开法治建设领导小组会议，统筹推进法治建设的机制作用发挥不够",
        "定期召开法治建设领导小组会议，研究解决法治建设中的重大问题",
    ),
    (
        "governance.law_report_sessions",
        "党政主要负责人年终述法尚未开展，履职情况接受监督不够",
        "组织党政主要负责人年终述法，把履行推进法治建设第一责任人职责情况纳入年终述职内容",
    ),
    (
        "study.central_group_sessions",
        "党委理论学习中心组全年未安排法治专题学习，领导干部学法的示范带动作用不够",
        "把习近平法治思想和相关法律法规列入党委理论学习中心组学习计划，每季度安排法治专题学习",
    ),
    (
        "study.enforcement_training",
        "全年未组织行政执法人员业务培训，执法人员法律素养和办案能力有待提升",
        "将行政执法人员培训纳入年度学法计划，组织执法人员参加法律知识和执法实务培训",
    ),
)
DEADLINE_FAMILIES = (
    # (code prefixes, name, rate code, rate phrase, plan)
    (
        ("normative.filing",),
        "规范性文件报送备案",
        "normative.filed_on_time_rate",
        "规范性文件报备及时率",
        "严格落实规范性文件报备制度，文件公布后在法定期限内报送备案",
    ),
    (
        ("enforcement.publicity", "penalty.publicity"),
        "行政执法决定公示",
        "enforcement.publicised_on_time_rate",
        "执法决定按期公示率",
        "严格执行行政执法公示制度，执法决定在规定期限内向社会公布",
    ),
    (
        ("petition.",),
        "信访事项办理",
        "disputes.petitions_answered_on_time_rate",
        "信访事项按期答复率",
        "规范信访事项受理、办理和答复，确保在法定期限内办结",
    ),
    (
        ("complaint.",),
        "投诉举报答复",
        "openness.complaints_answered_on_time_rate",
        "投诉按期答复率",
        "完善投诉举报办理机制，按期答复群众诉求",
    ),
)
REQUIRED_THEME_DAYS = ("constitution", "civil_code_month")


@dataclass
class DraftSuggestion:
    part: str
    text: str
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Draft:
    """What a new report version starts with."""

    organisation: Organisation
    year: int
    title: str
    recipient: str
    signed_on: date
    part_order: tuple[str, ...]
    parts: dict[str, str]
    suggestions: list[DraftSuggestion]
    values: FigureValues

    def content(self, *, version: int = 1, state_label: str = "草稿") -> Content:
        return Content(
            organisation_name=self.organisation.name,
            organisation_code=self.organisation.code,
            year=self.year,
            title=self.title,
            recipient=self.recipient,
            signed_on=self.signed_on,
            part_order=self.part_order,
            parts=dict(self.parts),
            suggestions=tuple(SuggestionText(s.part, s.text) for s in self.suggestions),
            version=version,
            state_label=state_label,
        )


def draft_document(organisation: Organisation, year: int, *, today=None) -> ReportDocument:
    """The drafted report of a township for a year, with live figures (nothing stored)."""
    draft = build_draft(organisation, year, today=today)
    return compose(draft.content(), draft.values)


def build_draft(organisation: Organisation, year: int, *, today=None, part_order=None) -> Draft:
    from fazhi.indicators.registry import catalogue_codes
    from fazhi.reports.selectors import part_order_for, submission_due

    today = today or timezone.localdate()
    values = FigureValues.live(catalogue_codes(), organisation, year, today=today)
    words = Words.of(organisation)
    facts = _Facts(organisation, year, values, today)
    suggestions = _shortcomings(facts, words) + _plans(facts, words)
    parts = {
        "achievements": _achievements(facts, words),
        "shortcomings": f"对照法治政府建设各项要求，{words.we}工作中还存在一些不足，主要表现在：",
        "first_responsible": _first_responsible(facts, words),
        "plans": (
            f"{year + 1}年，{words.we}将坚持以习近平法治思想为指导，对照问题逐项整改，"
            "重点抓好以下工作："
        ),
        "other": "无其他需要报告的情况。",
    }
    return Draft(
        organisation=organisation,
        year=year,
        title=title_for(organisation.name, year),
        recipient=RECIPIENT,
        signed_on=min(today, submission_due(organisation, year)),
        part_order=ordered(part_order or part_order_for(organisation)),
        parts=parts,
        suggestions=suggestions,
        values=values,
    )


@dataclass(frozen=True)
class Words:
    """How a township, a 乡 and a 街道 name themselves and their heads."""

    we: str
    secretary: str
    head: str

    @classmethod
    def of(cls, organisation: Organisation) -> "Words":
        name = organisation.name
        if name.endswith("街道"):
            return cls("我街道", "党工委书记", "街道办事处主任")
        if name.endswith("乡"):
            return cls("我乡", "党委书记", "乡长")
        return cls("我镇", "党委书记", "镇长")


class _Facts:
    """The year's figures and the named records the draft cites."""

    def __init__(self, organisation, year, values: FigureValues, today):
        self.organisation = organisation
        self.year = year
        self.values = values
        self.today = today

    def value(self, code, year=None):
        return self.values.get(code, year or self.year)

    def positive(self, code, year=None) -> bool:
        value = self.value(code, year)
        return value is not None and value > 0

    def records(self, code):
        """The rows behind a figure, or None when it has no computation yet."""
        from fazhi.indicators.engine import records
        from fazhi.indicators.registry import registered_codes

        if code not in registered_codes():
            return None
        return records(code, self.organisation, self.year, today=self.today)

    def in_subtree(self, model):
        return without_archived(
            model._default_manager.filter(
                organisation__path__startswith=self.organisation.path, year=self.year
            )
        )


def _names(items: list[str], quote: tuple[str, str] = ("", ""), organisation=None) -> str:
    """Up to MAX_NAMES items joined with 、 ("…等" when some are left out). With an organisation,
    items naming another township or county (or reading like one: "实施集镇道路" holds
    "施集镇") are left out, so the report never names another place."""
    kept = [
        item for item in items if organisation is None or not _names_other_place(item, organisation)
    ]
    shown = [f"{quote[0]}{item}{quote[1]}" for item in kept[:MAX_NAMES]]
    text = "、".join(shown)
    return text + ("等" if len(items) > len(shown) else "") if shown else ""


def _names_other_place(text: str, organisation) -> bool:
    from fazhi.checker.places import find_places, load_gazetteer
    from fazhi.checker.structure import squeeze

    gazetteer = load_gazetteer()
    own = {organisation.name} | gazetteer.ancestors(organisation.name)
    for mention in find_places(squeeze(text), gazetteer):
        name = mention.name
        if name in own or organisation.name.endswith(name) or name.endswith(organisation.name):
            continue
        return True
    return False


def _clause(facts: _Facts, statement: Statement) -> str | None:
    if not facts.positive(statement.code):
        return None
    text = f"{statement.phrase}{{{statement.code}}}"
    previous = facts.value(statement.code, facts.year - 1)
    # Part 1 reports achievements: a rise is worth saying; a fall goes to the 不足 part.
    if statement.compare and previous is not None and facts.value(statement.code) > previous:
        text += f"，较上年{{{statement.code}@change}}"
    return text


def _achievements(facts: _Facts, words: Words) -> str:
    lines = [
        f"{facts.year}年，{words.we}坚持以习近平法治思想为指导，认真落实法治政府建设各项任务，"
        "依法行政水平不断提升，各项工作取得新成效。"
    ]
    number = 0
    for domain in DOMAINS:
        clauses = [c for c in (_clause(facts, s) for s in domain.statements) if c]
        extra = _notable(domain.key, facts)
        if not clauses and not extra:
            continue
        number += 1
        lines.append(item_number(number) + domain.heading)
        body = "，".join(clauses) + "。" if clauses else ""
        lines.append(body + extra)
    return "\n".join(lines)


def _notable(domain: str, facts: _Facts) -> str:
    """Named items of a domain: decisions, documents with their 文号, demonstration villages."""
    if domain == "normative":
        rows = facts.records("normative.issued")
        if rows is None:
            from fazhi.normative.models import NormativeDocument

            rows = facts.in_subtree(NormativeDocument).exclude(doc_number="")
        documents = [f"《{d.title}》（{d.doc_number}）" for d in rows.order_by("occurred_on", "pk")]
        named = _names(documents, organisation=facts.organisation)
        return f"制定的文件有{named}。" if named else ""
    if domain == "decisions":
        rows = facts.records("decisions.major")
        if rows is None:
            from fazhi.decisions.models import MajorDecision

            rows = facts.in_subtree(MajorDecision)
        titles = [d.title for d in rows.order_by("occurred_on", "pk")]
        named = _names(titles, ("“", "”"), facts.organisation)
        return f"作出的决策有{named}。" if named else ""
    if domain == "publicity":
        rows = facts.records("publicity.demonstration_villages")
        if rows is None:
            from fazhi.publicity.models import DemonstrationVillage

            rows = facts.in_subtree(DemonstrationVillage)
        rows = list(rows.select_related("organisation").order_by("occurred_on", "pk"))
        if not rows:
            return ""
        names = [f"{r.organisation.name}（{r.get_level_display()}）" for r in rows]
        names = [n for n in names if not _names_other_place(n, facts.organisation)]
        figure = (
            "，获评民主法治示范村{publicity.demonstration_villages}"
            if facts.positive("publicity.demonstration_villages")
            else ""
        )
        if not names:
            return "获评民主法治示范村{publicity.demonstration_villages}。" if figure else ""
        return f"{_names(names)}被命名为民主法治示范村（社区）{figure}。"
    return ""


def _first_responsible(facts: _Facts, words: Words) -> str:
    from fazhi.governance.models import Meeting
    from fazhi.study.models import StudySession

    lines = [
        f"{words.secretary}、{words.head}切实履行推进法治建设第一责任人职责，"
        "把法治建设纳入全局工作统筹谋划、一体推进。"
    ]
    meetings = facts.in_subtree(Meeting).filter(presider_position__in=Meeting.PRINCIPALS)
    by_position = {Meeting.Position.SECRETARY: [], Meeting.Position.HEAD: []}
    for meeting in meetings.order_by("occurred_on", "pk"):
        by_position[meeting.presider_position].append(meeting.title)
    sentences = []
    code = "governance.first_responsible_meetings"
    if facts.positive(code):
        sentences.append(f"{PART3_PHRASES[code]}{{{code}}}")
    for position, title in (
        (Meeting.Position.SECRETARY, words.secretary),
        (Meeting.Position.HEAD, words.head),
    ):
        if by_position[position]:
            named = _names(by_position[position], ("“", "”"), facts.organisation)
            if named:
                sentences.append(f"{title}主持{named}")
    if sentences:
        lines.append("，".join(sentences) + "。")
    sessions = facts.in_subtree(StudySession).exclude(led_by="").order_by("occurred_on", "pk")
    led = {StudySession.Leader.SECRETARY: [], StudySession.Leader.HEAD: []}
    for session in sessions:
        if session.led_by in led:
            led[session.led_by].append(session.topic)
    study = []
    for key, title in (
        (StudySession.Leader.SECRETARY, words.secretary),
        (StudySession.Leader.HEAD, words.head),
    ):
        named = _names(led[key], ("“", "”"), facts.organisation)
        if named:
            study.append(f"{title}带头领学{named}")
    if study:
        lines.append("，".join(study) + "，发挥了“关键少数”的示范带动作用。")
    code = "governance.law_report_sessions"
    if facts.positive(code):
        lines.append(
            f"{PART3_PHRASES[code]}{{{code}}}，党政主要负责人就履行推进法治建设第一责任人职责"
            "情况接受评议。"
        )
    return "\n".join(lines)


# --- 不足 and 安排 -------------------------------------------------------------------------


def _figure_evidence(facts: _Facts, code: str) -> dict:
    from fazhi.indicators.formatting import format_value
    from fazhi.indicators.registry import indicator

    item = indicator(code)
    now, before = facts.value(code), facts.value(code, facts.year - 1)
    return {
        "kind": "figure",
        "code": code,
        "year": facts.year,
        "label": (
            f"{item.name}：{facts.year}年{format_value(code, now)}，"
            f"{facts.year - 1}年{format_value(code, before)}"
        ),
        "url": _records_url(facts, code),
    }


def _records_url(facts: _Facts, code: str) -> str:
    url = reverse("indicators:records", kwargs={"code": facts.organisation.code, "indicator": code})
    return f"{url}?year={facts.year}"


def _deadline_evidence(deadline, today) -> dict:
    from fazhi.ledgers.registry import kind_for_model

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


def _missed_deadlines(facts: _Facts) -> list:
    from django.db.models import F, Q

    from fazhi.deadlines.selectors import in_subtree

    rows = in_subtree(facts.organisation).filter(due_on__year=facts.year)
    missed = rows.filter(Q(met_on__gt=F("due_on")) | Q(met_on__isnull=True, due_on__lt=facts.today))
    # Each missed deadline links to its record: fetch them together, not one query each.
    missed = missed.select_related("organisation").prefetch_related("record")
    return list(missed.order_by("due_on", "pk"))


def _shortcomings(facts: _Facts, words: Words) -> list[DraftSuggestion]:
    from fazhi.indicators.registry import indicator

    items: list[DraftSuggestion] = []
    year = facts.year
    # Figures that fell year on year.
    for code in FALL_WATCHED:
        now, before = facts.value(code), facts.value(code, year - 1)
        if now is None or before is None or not before > now:
            continue
        if now > 0:
            text = (
                f"{FALL_NAMES[code]}有所减少，全年{FALL_PHRASES[code]}{{{code}}}，"
                f"比上年的{{{code}@prev}}减少，常态化开展不够"
            )
        else:
            text = f"全年未开展{indicator(code).name}，上年为{{{code}@prev}}，工作出现断档"
        items.append(DraftSuggestion("shortcomings", text, [_figure_evidence(facts, code)]))
    # Deadlines missed, by family.
    missed = _missed_deadlines(facts)
    used = set()
    for prefixes, name, rate_code, rate_phrase, _plan in DEADLINE_FAMILIES:
        family = [d for d in missed if d.code.startswith(prefixes)]
        if not family:
            continue
        used |= {d.pk for d in family}
        rate = facts.value(rate_code)
        rate_text = f"，{rate_phrase}{{{rate_code}}}" if rate is not None and rate < 100 else ""
        text = f"{name}不够及时{rate_text}，部分事项未在法定期限内办结，期限管理仍有漏洞"
        evidence = [_deadline_evidence(d, facts.today) for d in family]
        if rate_text:
            evidence.insert(0, _figure_evidence(facts, rate_code))
        items.append(DraftSuggestion("shortcomings", text, evidence))
    others = [d for d in missed if d.pk not in used]
    if others:
        names = sorted({d.name for d in others}) or ["部分"]
        items.append(
            DraftSuggestion(
                "shortcomings",
                f"{_names(names)}等事项存在超过期限办理的情况，依法按期履职的意识有待增强",
                [_deadline_evidence(d, facts.today) for d in others],
            )
        )
    # Coverage gaps.
    villages = _villages_without_advisor(facts)
    if villages:
        items.append(
            DraftSuggestion(
                "shortcomings",
                "公共法律服务覆盖不够均衡，"
                f"{_names([v.name for v in villages]) or '部分村（社区）'}全年没有法律顾问服务记录",
                [
                    {"kind": "gap", "label": f"无法律顾问服务记录：{v.name}", "url": ""}
                    for v in villages
                ],
            )
        )
    for key in _theme_days_missed(facts):
        from fazhi.publicity.theme_days import BY_KEY

        theme = BY_KEY[key]
        items.append(
            DraftSuggestion(
                "shortcomings",
                f"普法宣传的针对性有待加强，全年未围绕{theme.name}组织主题宣传",
                [{"kind": "gap", "label": f"{theme.label}：全年无主题日活动记录", "url": ""}],
            )
        )
    # Required work never done.
    for code, text, _plan in REQUIRED_WORK:
        if facts.value(code) == 0:
            items.append(DraftSuggestion("shortcomings", text, [_figure_evidence(facts, code)]))
    if facts.value("enforcement.cases") and facts.value("enforcement.case_files_reviewed") == 0:
        items.append(
            DraftSuggestion(
                "shortcomings",
                "行政执法案卷评查尚未开展，执法质量的内部监督有待加强",
                [
                    _figure_evidence(facts, "enforcement.cases"),
                    _figure_evidence(facts, "enforcement.case_files_reviewed"),
                ],
            )
        )
    return items


def _villages_without_advisor(facts: _Facts) -> list:
    from fazhi.legal_services.models import LegalService
    from fazhi.orgs.roles import Level

    villages = Organisation.objects.filter(
        path__startswith=facts.organisation.path, level=Level.VILLAGE
    ).order_by("path")
    served = set(facts.in_subtree(LegalService).values_list("organisation_id", flat=True))
    return [v for v in villages if v.pk not in served]


def _theme_days_missed(facts: _Facts) -> list[str]:
    from fazhi.publicity.models import Activity

    held = set(facts.in_subtree(Activity).values_list("theme_day", flat=True))
    return [key for key in REQUIRED_THEME_DAYS if key not in held]


def _plans(facts: _Facts, words: Words) -> list[DraftSuggestion]:
    from fazhi.publicity.theme_days import BY_KEY

    items: list[DraftSuggestion] = []
    year = facts.year

    def add(text, evidence):
        items.append(DraftSuggestion("plans", text, evidence))

    for code in FALL_WATCHED:
        now, before = facts.value(code), facts.value(code, year - 1)
        if now is not None and before is not None and before > now:
            add(
                f"加强{FALL_NAMES[code]}的统筹安排，制定全年计划并按月推进，保持工作常态长效",
                [_figure_evidence(facts, code)],
            )
    missed = _missed_deadlines(facts)
    for prefixes, _name, _rate, _phrase, plan in DEADLINE_FAMILIES:
        family = [d for d in missed if d.code.startswith(prefixes)]
        if family:
            add(
                plan + "，运用平台期限提醒，做到事前预警、按期办结",
                [_deadline_evidence(d, facts.today) for d in family],
            )
    villages = _villages_without_advisor(facts)
    if villages:
        add(
            "推动法律顾问服务覆盖所有村（社区），定期进村开展法律咨询和法治宣传",
            [
                {"kind": "gap", "label": f"无法律顾问服务记录：{v.name}", "url": ""}
                for v in villages
            ],
        )
    for key in _theme_days_missed(facts):
        theme = BY_KEY[key]
        add(
            f"精心组织{theme.name}主题宣传活动，增强群众尊法学法守法用法意识",
            [{"kind": "gap", "label": f"{theme.label}：全年无主题日活动记录", "url": ""}],
        )
    for code, _text, plan in REQUIRED_WORK:
        if facts.value(code) == 0:
            add(plan, [_figure_evidence(facts, code)])
    add(
        "持续深化法治政府建设，严格落实重大行政决策程序和规范性文件合法性审核制度，"
        "不断提升依法行政水平",
        [{"kind": "standing", "label": "常规工作安排", "url": ""}],
    )
    return items
