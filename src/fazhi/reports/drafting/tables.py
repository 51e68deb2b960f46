"""What the draft says, as data: the statements of part 1 by domain (each phrase ends with a
catalogue synonym of its figure, so the report checker maps the figure back to it), the part 3
phrases, the figures whose fall is a shortcoming, the work every township must do, and the
deadline families with the on-time rate that measures them."""

from dataclasses import dataclass


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
# Why a figure may exceed the whole stated beside it (relations.yaml `may_exceed_when`): said
# in the clause, without a number (a number there would be read as another figure).
EXPLANATIONS = {
    "normative.reviewed": "（含尚未公布的文件草案）",
    "decisions.legality_reviewed": "（含尚未作出决定或未通过的决策草案）",
    "decisions.public_hearings": "（含尚未作出决定的决策事项）",
}
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


@dataclass(frozen=True)
class DeadlineFamily:
    """Statutory deadlines reported together. With a rate, the family's lapses are those of the
    records the rate counts (its denominator's rows), so a rate of 100% never sits beside a
    lapse of the same family."""

    codes: tuple[str, ...]  # the deadline engine's period codes
    name: str  # what was late, as the shortcoming names it
    plan: str
    rate: str | None = None  # the on-time rate that measures exactly these deadlines
    rate_phrase: str = ""


DEADLINE_FAMILIES = (
    DeadlineFamily(
        ("normative.filing",),
        "规范性文件报送备案",
        "严格落实规范性文件报备制度，文件公布后在法定期限内报送备案",
        "normative.filed_on_time_rate",
        "规范性文件报备及时率",
    ),
    DeadlineFamily(
        ("enforcement.publicity", "penalty.publicity"),
        "行政执法决定公示",
        "严格执行行政执法公示制度，执法决定在规定期限内向社会公布",
        "enforcement.publicised_on_time_rate",
        "执法决定按期公示率",
    ),
    DeadlineFamily(
        ("petition.handling",),
        "信访事项答复",
        "规范信访事项办理和答复，确保在法定期限内办结答复",
        "disputes.petitions_answered_on_time_rate",
        "信访事项按期答复率",
    ),
    DeadlineFamily(
        ("petition.acceptance",),
        "信访事项受理告知",
        "收到信访事项后及时作出是否受理的决定，并在法定期限内书面告知信访人",
    ),
    DeadlineFamily(
        ("complaint.answer",),
        "投诉举报答复",
        "完善投诉举报办理机制，按期答复群众诉求",
        "openness.complaints_answered_on_time_rate",
        "投诉按期答复率",
    ),
)
REQUIRED_THEME_DAYS = ("constitution", "civil_code_month")
