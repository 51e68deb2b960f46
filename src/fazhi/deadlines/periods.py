"""The registry of named statutory periods. Each default and its mark come from REGULATIONS.md.

Marks: 原文 = read in the statute's own text; 二手 = second-hand; 地方 = one locality's rule;
未核实 = not confirmed. Periods marked 地方 or 未核实 are always county-settable (PeriodSetting).
《行政处罚法》第八十五条: its "二日、三日、五日、七日" are working days (unit WORKING).
"""

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from fazhi.deadlines.calendar import DueDate, add_calendar_days, add_working_days


class Unit(StrEnum):
    CALENDAR = "calendar"
    WORKING = "working"

    @property
    def label(self) -> str:
        return {"calendar": "日", "working": "个工作日"}[self.value]


class Mark(StrEnum):
    ORIGINAL = "原文"
    SECOND_HAND = "二手"
    LOCAL = "地方"
    UNVERIFIED = "未核实"


# Marks that may never be hard-coded: the county must be able to set them.
COUNTY_SET_MARKS = {Mark.LOCAL, Mark.UNVERIFIED}


# What a user reads for a period without a national text: no research notes on a page.
LOCAL_RULE = "以本地规定为准，可在县级设置中调整"


@dataclass(frozen=True)
class Period:
    code: str
    name: str
    days: int
    unit: Unit
    law: str  # 《…》 or a document title with its number; "" when there is no national text
    article: str  # 第…条, or ""
    mark: Mark
    summary: str = ""  # the rule in plain words, shown beside the citation
    settable: bool = False
    note: str = ""  # research notes (REGULATIONS.md): never shown to users
    default_days: int | None = None  # filled in by register()
    overridden: bool = False  # True when a county setting replaced the default

    @property
    def citation(self) -> str:
        """The clean citation, e.g. 《中华人民共和国行政处罚法》第六十条; "" for a local rule."""
        if self.mark in COUNTY_SET_MARKS:
            return ""
        return f"{self.law}{self.article}"

    @property
    def source(self) -> str:
        """What a page says the period rests on: the citation, or the local-rule sentence."""
        return self.citation or LOCAL_RULE

    @property
    def length_label(self) -> str:
        return f"{self.days}{self.unit.label}"

    def due(self, start: date) -> DueDate:
        if self.unit == Unit.WORKING:
            return add_working_days(start, self.days)
        return add_calendar_days(start, self.days)

    def with_days(self, days: int) -> "Period":
        return replace(self, days=days, overridden=days != self.default_days)


_PERIODS: dict[str, Period] = {}


def register(period: Period) -> Period:
    if period.code in _PERIODS:
        raise ValueError(f"period {period.code} registered twice")
    if period.mark in COUNTY_SET_MARKS and not period.settable:
        raise ValueError(f"period {period.code} is marked {period.mark}: it must be settable")
    period = replace(period, default_days=period.days)
    _PERIODS[period.code] = period
    return period


def get_period(code: str) -> Period:
    """The registered default; KeyError for an unknown code (a programming error)."""
    return _PERIODS[code]


def is_known(code: str) -> bool:
    return code in _PERIODS


def all_periods() -> list[Period]:
    return list(_PERIODS.values())


C, W = Unit.CALENDAR, Unit.WORKING
PENALTY_LAW = "《中华人民共和国行政处罚法》"
PETITION = "《信访工作条例》"
DECISION = "《重大行政决策程序暂行条例》"
OPENNESS = "《中华人民共和国政府信息公开条例》"
MEDIATION = "《中华人民共和国人民调解法》"
LEGAL_AID = "《中华人民共和国法律援助法》"
PUBLICITY_OPINION = (
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）"
)
# 第八十五条: the penalty law's 二日、三日、五日、七日 are working days.
WORKING_DAYS_85 = "（第八十五条：期限中的“日”指工作日）"


def _period(code, name, days, unit, law, article, mark, summary, settable=False, note=""):
    return Period(code, name, days, unit, law, article, mark, summary, settable, note)


_DEFAULTS = [
    # 重大行政决策
    _period(
        "decision.public_comment",
        "重大行政决策公开征求意见期",
        30,
        C,
        DECISION,
        "第十五条",
        Mark.ORIGINAL,
        "向社会公开征求意见的期限一般不少于30日",
    ),
    _period(
        "decision.legality_review",
        "重大行政决策合法性审查时间",
        7,
        W,
        DECISION,
        "第二十六条",
        Mark.ORIGINAL,
        "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日",
    ),
    # 行政执法
    _period(
        "enforcement.publicity",
        "行政执法决定公示",
        20,
        W,
        PUBLICITY_OPINION,
        "",
        Mark.SECOND_HAND,
        "执法决定自作出之日起20个工作日内向社会公布",
        note="Read in a government site's restatement, not the opinion's own text.",
    ),
    _period(
        "penalty.publicity",
        "行政许可、行政处罚决定公示",
        7,
        W,
        PUBLICITY_OPINION,
        "",
        Mark.SECOND_HAND,
        "行政许可、行政处罚决定自作出之日起7个工作日内公开",
        note="Read in a government site's restatement, not the opinion's own text.",
    ),
    _period(
        "penalty.withdraw_publicity",
        "已公开处罚决定撤回",
        3,
        W,
        PENALTY_LAW,
        "第四十八条",
        Mark.ORIGINAL,
        "决定被变更、撤销、确认违法或无效的，三日内撤回并说明理由" + WORKING_DAYS_85,
    ),
    _period(
        "penalty.preserved_evidence",
        "先行登记保存后作出处理决定",
        7,
        W,
        PENALTY_LAW,
        "第五十六条",
        Mark.ORIGINAL,
        "先行登记保存的，应当在七日内及时作出处理决定" + WORKING_DAYS_85,
    ),
    _period(
        "penalty.case_closing",
        "行政处罚案件办理期限",
        90,
        C,
        PENALTY_LAW,
        "第六十条",
        Mark.ORIGINAL,
        "自行政处罚案件立案之日起九十日内作出行政处罚决定",
    ),
    _period(
        "penalty.service",
        "行政处罚决定书送达",
        7,
        W,
        PENALTY_LAW,
        "第六十一条",
        Mark.ORIGINAL,
        "当事人不在场的，在七日内送达" + WORKING_DAYS_85,
    ),
    _period(
        "penalty.hearing_request",
        "当事人要求听证期限",
        5,
        W,
        PENALTY_LAW,
        "第六十四条",
        Mark.ORIGINAL,
        "当事人在被告知后五日内提出听证要求" + WORKING_DAYS_85,
    ),
    _period(
        "penalty.payment",
        "缴纳罚款期限",
        15,
        C,
        PENALTY_LAW,
        "第六十七条",
        Mark.ORIGINAL,
        "当事人自收到行政处罚决定书之日起十五日内缴纳罚款",
    ),
    _period(
        "enforcement.legal_review",
        "重大执法决定法制审核",
        7,
        W,
        "",
        "",
        Mark.LOCAL,
        "法制审核7个工作日内完成，复杂的可延长3个工作日",
        True,
        note="One province's rule (宁夏住建厅); no national period found.",
    ),
    # 行政规范性文件
    _period(
        "normative.public_comment",
        "规范性文件征求意见期",
        30,
        C,
        "",
        "",
        Mark.UNVERIFIED,
        "征求意见期默认30日",
        True,
        note="No national text found; the default follows 《重大行政决策程序暂行条例》第十五条.",
    ),
    _period(
        "normative.legality_review",
        "规范性文件合法性审核",
        15,
        W,
        "",
        "",
        Mark.LOCAL,
        "受理后15个工作日内出具合法性审查报告",
        True,
        note="Local rule; a '不少于5个、不超过15个工作日' version was not confirmed.",
    ),
    _period(
        "normative.filing",
        "规范性文件报送备案",
        15,
        C,
        "",
        "",
        Mark.LOCAL,
        "发布之日起15日内报送备案；乡镇文件报县级政府备案",
        True,
        note="Local rule; another locality uses 3 working days from issue.",
    ),
    # 信访
    _period(
        "petition.acceptance",
        "信访事项受理告知",
        15,
        C,
        PETITION,
        "第二十三条",
        Mark.ORIGINAL,
        "收到信访事项，能当场告知的当场书面告知，否则15日内书面告知",
    ),
    _period(
        "petition.objection",
        "转送交办信访事项提出异议",
        5,
        W,
        PETITION,
        "第二十三条",
        Mark.ORIGINAL,
        "不属于本机关职权范围的，5个工作日内提出异议",
    ),
    _period(
        "petition.handling",
        "信访事项办结",
        60,
        C,
        PETITION,
        "第三十四条",
        Mark.ORIGINAL,
        "自受理之日起60日内办结；经批准可延长，不超过30日",
    ),
    _period(
        "petition.review_request",
        "信访复查请求期限",
        30,
        C,
        PETITION,
        "第三十五条",
        Mark.ORIGINAL,
        "收到书面答复之日起30日内请求复查",
    ),
    _period(
        "petition.review_opinion",
        "信访复查意见",
        30,
        C,
        PETITION,
        "第三十五条",
        Mark.ORIGINAL,
        "复查机关自收到复查请求之日起30日内提出复查意见",
    ),
    _period(
        "petition.recheck_request",
        "信访复核请求期限",
        30,
        C,
        PETITION,
        "第三十六条",
        Mark.ORIGINAL,
        "收到复查意见之日起30日内请求复核",
    ),
    _period(
        "petition.recheck_opinion",
        "信访复核意见",
        30,
        C,
        PETITION,
        "第三十六条",
        Mark.ORIGINAL,
        "复核机关自收到复核请求之日起30日内提出复核意见（听证时间不计入）",
    ),
    # 人民调解、法律援助
    _period(
        "mediation.judicial_confirmation",
        "调解协议申请司法确认",
        30,
        C,
        MEDIATION,
        "第三十三条",
        Mark.ORIGINAL,
        "调解协议生效之日起30日内共同向人民法院申请司法确认",
    ),
    _period(
        "legal_aid.decision",
        "法律援助申请审查决定",
        7,
        C,
        LEGAL_AID,
        "第四十三条",
        Mark.ORIGINAL,
        "收到申请之日起7日内审查并作出决定",
    ),
    _period(
        "legal_aid.assignment",
        "法律援助指派",
        3,
        C,
        LEGAL_AID,
        "第四十三条",
        Mark.ORIGINAL,
        "决定给予法律援助的，自作出决定之日起3日内指派",
    ),
    # 政府信息公开、投诉
    _period(
        "openness.proactive",
        "主动公开政府信息",
        20,
        W,
        OPENNESS,
        "第二十六条",
        Mark.ORIGINAL,
        "自信息形成或变更之日起20个工作日内公开",
    ),
    _period(
        "openness.request_reply",
        "依申请公开答复",
        20,
        W,
        OPENNESS,
        "第三十三条",
        Mark.ORIGINAL,
        "不能当场答复的，自收到申请之日起20个工作日内答复（可延长不超过20个工作日）",
    ),
    _period(
        "complaint.answer",
        "投诉答复期限",
        15,
        C,
        "",
        "",
        Mark.UNVERIFIED,
        "默认受理之日起15日内答复",
        True,
        note="No uniform rule found; the default follows 《信访工作条例》第二十三条's 15 days.",
    ),
]

for _default in _DEFAULTS:
    register(_default)
