"""Plausible openness records for a demo township, deterministic for a given seed.

Every value of a record is drawn before the record is kept or skipped (dates after `last_day`),
so the records of a year do not shift when the year-to-date grows. The township's profile
(fazhi.orgs.demo_profiles) sets how much it discloses, how many complaints it receives and how
often it answers them late.
"""

from datetime import date, timedelta

from fazhi.deadlines.periods import get_period
from fazhi.openness.models import ANSWER_PERIOD
from fazhi.orgs.demo_profiles import profile_of

QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度"]
GOVERNMENT_TOPICS = [
    "重点工作推进情况",
    "惠民惠农财政补贴资金发放情况",
    "人事任免及机构职能调整",
    "财政预决算及“三公”经费",
    "安全生产检查情况",
    "民生实事项目进展",
]
ENFORCEMENT_MATTERS = ["占道经营", "违法建设", "秸秆露天焚烧", "非法营运", "食品安全", "噪声污染"]
DECISION_MATTERS = [
    "集镇污水管网改造",
    "农贸市场提档升级",
    "农村人居环境整治三年行动",
    "镇区停车场规划建设",
    "高标准农田建设项目",
]


def _day(rng, year: int, month: int, first: int, last: int) -> date:
    return date(year, month, rng.randint(first, last))


def _previous_month(year: int, month: int) -> str:
    return f"{year - 1}年12月" if month == 1 else f"{year}年{month - 1}月"


def _previous_quarter(year: int, quarter: int) -> str:
    return f"{year - 1}年第四季度" if quarter == 0 else f"{year}年{QUARTERS[quarter - 1]}"


def disclosures(organisation, year: int, rng, last_day: date):
    records = []
    name = organisation.name
    profile = profile_of(organisation)
    for month in range(1, 13):
        period = _previous_month(year, month)
        records.append(
            {
                "occurred_on": _day(rng, year, month, 3, 10),
                "disclosure_type": "finance",
                "channel": "board",
                "title": f"{name}{period}财务收支情况公开",
                "period": period,
                "items": rng.randint(12, 45),
            }
        )
        topic = rng.choice(GOVERNMENT_TOPICS)
        records.append(
            {
                "occurred_on": _day(rng, year, month, 15, 28),
                "disclosure_type": "government",
                "channel": rng.choice(["website", "website", "wechat", "new_media"]),
                "title": f"{year}年{month}月{topic}",
                "period": f"{year}年{month}月",
                "items": rng.randint(2, 12),
            }
        )
    for quarter, month in enumerate((1, 4, 7, 10)):
        period = _previous_quarter(year, quarter)
        for kind, label in (("party", "党务公开"), ("village", "村务公开")):
            records.append(
                {
                    "occurred_on": _day(rng, year, month, 5, 15),
                    "disclosure_type": kind,
                    "channel": "board",
                    "title": f"{name}{period}{label}",
                    "period": period,
                    "items": rng.randint(5, 20),
                }
            )
    records.append(
        {
            "occurred_on": _day(rng, year, 2, 10, 25),
            "disclosure_type": "enforcement",
            "channel": "website",
            "title": f"{name}{year}年行政执法事项清单",
            "period": f"{year}年度",
            "items": rng.randint(60, 140),
        }
    )
    batches = profile.scaled(rng.randint(6, 12), "openness", year, by="rhythm")
    for number in range(1, batches + 1):
        records.append(
            {
                "occurred_on": _day(rng, year, rng.randint(3, 12), 1, 28),
                "disclosure_type": "enforcement",
                "channel": rng.choice(["website", "new_media"]),
                "title": f"行政处罚决定公示（{rng.choice(ENFORCEMENT_MATTERS)}）第{number}批",
                "period": "",
                "items": rng.randint(1, 6),
            }
        )
    records.append(
        {
            "occurred_on": _day(rng, year, 3, 1, 20),
            "disclosure_type": "decision",
            "channel": "website",
            "title": f"{name}{year}年度重大行政决策事项目录",
            "period": f"{year}年度",
            "items": rng.randint(2, 5),
        }
    )
    matters = profile.scaled(rng.randint(1, 3), "openness", year, by="rhythm")
    for matter in rng.sample(DECISION_MATTERS, min(max(matters, 1), len(DECISION_MATTERS))):
        records.append(
            {
                "occurred_on": _day(rng, year, rng.randint(5, 12), 1, 28),
                "disclosure_type": "decision",
                "channel": rng.choice(["website", "wechat"]),
                "title": f"关于{matter}的决策结果公开",
                "period": f"{year}年度",
                "items": 1,
            }
        )
    yield from (r for r in records if r["occurred_on"] <= last_day)


SUPERVISION_TOPICS = [
    "农村道路建设",
    "义务教育均衡发展",
    "农村饮水安全",
    "养老服务",
    "生态环境保护",
]
VISITED_UNITS = ["综合行政执法队", "市场监管所", "自然资源所", "农业综合服务中心", "安监站"]


def supervision_records(organisation, year: int, rng, last_day: date):
    records = [
        {
            "occurred_on": _day(rng, year, 2, 10, 28),
            "supervision_type": "npc",
            "subject": f"镇人大听取审议{year - 1}年度法治政府建设情况报告",
            "participants": rng.randint(30, 60),
            "findings": "依法决策机制有待完善，基层执法人员培训不足。",
            "follow_up": "已列入年度法治政府建设工作要点并明确责任单位。",
        }
    ]
    for month in rng.sample([4, 6, 9, 11], 2):
        topic = rng.choice(SUPERVISION_TOPICS)
        records.append(
            {
                "occurred_on": _day(rng, year, month, 1, 28),
                "supervision_type": "npc",
                "subject": f"镇人大代表视察{topic}工作",
                "participants": rng.randint(8, 20),
                "findings": f"{topic}项目进度总体正常，个别环节群众知晓度不高。",
                "follow_up": "已责成分管部门加强宣传，并于一个月内书面报告整改情况。",
            }
        )
    records.append(
        {
            "occurred_on": _day(rng, year, rng.randint(5, 10), 1, 28),
            "supervision_type": "cppcc",
            "subject": f"政协委员民主监督{rng.choice(SUPERVISION_TOPICS)}政策落实",
            "participants": rng.randint(5, 12),
            "findings": "政策落实情况较好，部分资金拨付进度偏慢。",
            "follow_up": "已协调财政所加快拨付进度。",
        }
    )
    for quarter, month in enumerate((3, 6, 9, 12)):
        calls = rng.randint(0, 9)
        records.append(
            {
                "occurred_on": _day(rng, year, month, 25, 30),
                "supervision_type": "hotline",
                "subject": f"{year}年{QUARTERS[quarter]}监督电话受理情况",
                "participants": calls,
                "findings": f"共接听来电{calls}个。" if calls else "本季度未接到来电。",
                "follow_up": "来电事项均已转办并回访。" if calls else "",
            }
        )
        letters = rng.randint(0, 4)
        records.append(
            {
                "occurred_on": _day(rng, year, month, 20, 28),
                "supervision_type": "mailbox",
                "subject": f"{year}年{QUARTERS[quarter]}投诉信箱开箱检查",
                "participants": 2,
                "findings": f"收到来信{letters}封。" if letters else "信箱内无来信。",
                "follow_up": "来信已登记并转相关部门办理。" if letters else "",
            }
        )
    visits = profile_of(organisation).scaled(3, "openness", year, by="rhythm")
    for month in rng.sample(range(3, 12), min(max(visits, 1), 9)):
        unit = rng.choice(VISITED_UNITS)
        records.append(
            {
                "occurred_on": _day(rng, year, month, 1, 28),
                "supervision_type": "supervisor_visit",
                "subject": f"行政执法监督员走访{unit}",
                "participants": rng.randint(2, 4),
                "findings": "执法公示信息更新不及时，个别案卷执法文书填写不规范。",
                "follow_up": f"{unit}已完成公示信息更新，并组织执法文书规范培训。",
            }
        )
    records.append(
        {
            "occurred_on": _day(rng, year, 12, 1, 20),
            "supervision_type": "public_review",
            "subject": f"{year}年度法治政府建设群众评议",
            "participants": rng.randint(40, 150),
            "findings": "群众对政务服务满意度较高，对执法公开透明度提出改进意见。",
            "follow_up": "评议意见已梳理并纳入下一年度工作计划。",
        }
    )
    yield from (r for r in records if r["occurred_on"] <= last_day)


SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
PLACES = [
    "集镇主街",
    "农贸市场周边",
    "镇卫生院门口",
    "新区安置小区",
    "工业园区",
    "老街",
    "汽车站附近",
]
MATTERS = [
    ("反映{place}路灯损坏，夜间出行不便", "已安排电工维修，路灯已恢复照明。"),
    ("反映{place}生活垃圾清运不及时", "已督促保洁公司加密清运频次，并纳入月度考核。"),
    ("反映{place}商户占道经营影响通行", "综合执法队已到现场劝导，商户已退店经营。"),
    ("反映{place}工地夜间施工噪音扰民", "已责令施工单位调整作业时间，夜间停止高噪音作业。"),
    ("反映{place}企业拖欠农民工工资", "已会同劳动保障所约谈企业负责人，工资已足额发放。"),
    ("反映{place}自来水水压不足", "已协调供水站检修管网，水压已恢复正常。"),
    ("反映{place}路面破损积水", "已列入道路养护计划，路面已修补。"),
    ("投诉{place}餐馆卫生条件差", "已联合市场监管所检查，责令限期整改。"),
    ("反映{place}秸秆焚烧污染空气", "已派员现场处置，并加强禁烧巡查。"),
    ("咨询城乡居民医保缴费政策", "已告知缴费标准、时间和渠道，来电人表示满意。"),
    ("反映低保申请审核进度慢", "已说明审核流程和时限，申请已进入民主评议环节。"),
    ("反映宅基地审批办理时间长", "已告知所需材料和时限，材料齐全后已办结。"),
    ("反映便民服务窗口工作人员态度差", "已对相关人员批评教育，并向投诉人致歉。"),
]
# How soon an on-time answer comes, by channel (the hotline answers faster).
ANSWER_DAYS = {"12345": 10, "letter": 15, "visit": 15, "online": 15, "phone": 15}


def _complainant(rng, channel: str) -> str:
    if channel in ("online", "phone") and rng.random() < 0.2:
        return "匿名"
    return rng.choice(SURNAMES) + rng.choice(["先生", "女士"])


def complaints(organisation, year: int, rng, last_day: date):
    seen = set()
    start = date(year, 1, 2)
    profile = profile_of(organisation)
    on_time = 1 - profile.late_share("complaints", 0.18)
    for _ in range(round(rng.randint(30, 48) * profile.size)):
        received = start + timedelta(days=rng.randint(0, 360))
        channel = rng.choice(["12345", "12345", "12345", "letter", "visit", "online", "phone"])
        complainant = _complainant(rng, channel)
        matter, reply = rng.choice(MATTERS)
        matter = matter.format(place=rng.choice(PLACES))
        # The engine's default answer period (the deadline itself comes from the engine).
        due = get_period(ANSWER_PERIOD).due(received).day
        outcome = rng.random()
        closed = rng.random() < 0.7
        if outcome < on_time:
            answered = received + timedelta(days=rng.randint(1, ANSWER_DAYS[channel]))
        elif outcome < on_time + (1 - on_time) * 0.55:
            answered = due + timedelta(days=rng.randint(1, 12))
        else:
            # Stuck for months: still open (and overdue) when that lies after the last day.
            answered = due + timedelta(days=rng.randint(30, 120))
        key = (received, channel, complainant, matter)
        if received > last_day or key in seen:
            continue
        seen.add(key)
        if answered is None or answered > last_day:
            answered, status, reply = None, "handling", ""
        else:
            status = "closed" if closed else "answered"
        yield {
            "occurred_on": received,
            "channel": channel,
            "complainant": complainant,
            "matter": matter,
            "answered_on": answered,
            "status": status,
            "reply": reply,
        }
