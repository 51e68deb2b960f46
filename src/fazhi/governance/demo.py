"""Plausible 组织领导 records for a demo township, deterministic for a given seed.

People's names come from a generator seeded by the township's code (not the per-year rng),
so the same persons lead the group year after year and change only every few years. The
township's profile (fazhi.orgs.demo_profiles) sets how often it meets, how many tasks and how
much money it has, and the year its principals gave no 述法.
"""

import hashlib
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from fazhi.orgs.demo_profiles import ENFORCEMENT_TRAINING, LAW_REPORT, profile_of

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余"
GIVEN = "建国华明军平志伟春海东丽红英敏杰涛斌强磊洋勇艳霞芳静新文玉兰德永宏庆国峰"

# (role, position) of the standing roster; members are the heads of offices and stations.
ROSTER = [
    ("leader", "党委书记"),
    ("deputy", "{head}"),
    ("deputy", "党委副书记、政法委员"),
    ("office_director", "司法所所长"),
    ("member", "党委委员、{deputy}"),
    ("member", "党政办主任"),
    ("member", "综合行政执法队队长"),
    ("member", "派出所所长"),
    ("member", "综治中心主任"),
    ("member", "财政所所长"),
    ("member", "自然资源所所长"),
    ("member", "市场监管所所长"),
    ("member", "应急管理办主任"),
]
UNITS = [
    "党政办",
    "司法所",
    "综合行政执法队",
    "派出所",
    "综治中心",
    "财政所",
    "自然资源所",
    "市场监管所",
    "应急管理办",
    "农业农村办",
    "社会事务办",
    "各村（社区）",
]


def _place(organisation) -> tuple[str, str]:
    """(short name, level word): 青山镇 -> (青山, 镇), 新城街道 -> (新城, 街道)."""
    for suffix in ("街道", "镇", "乡"):
        if organisation.name.endswith(suffix) and len(organisation.name) > len(suffix):
            return organisation.name[: -len(suffix)], suffix
    return organisation.name, "镇"


def _head_words(organisation) -> dict:
    level = _place(organisation)[1]
    if level == "街道":
        return {"head": "办事处主任", "deputy": "办事处副主任"}
    return {"head": f"{level}长", "deputy": f"副{level}长"}


def _stable_rng(*parts) -> Random:
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()
    return Random(int(digest[:16], 16))


def _name(*parts) -> str:
    rng = _stable_rng("name", *parts)
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))


def _holder(organisation, slot: int, year: int) -> str:
    # Each post changes hands every three years, staggered so not all change at once.
    return _name(organisation.code, slot, (year + slot) // 3)


def _day_in(year: int, rng, first=(1, 5), last=(12, 28)) -> date:
    start, end = date(year, *first), date(year, *last)
    return start + timedelta(days=rng.randint(0, (end - start).days))


def members(organisation, year: int, rng, last_day: date):
    """The roster appointed by the year's adjustment notice, and mid-year replacements."""
    notice = _day_in(year, rng, (1, 5), (3, 20))
    if notice > last_day:
        return
    place, level = _place(organisation)
    words = _head_words(organisation)
    roster, names = [], set()
    for slot, (role, position) in enumerate(ROSTER):
        name = _holder(organisation, slot, year)
        if name in names:  # two posts drew the same name: tell them apart, the same every year
            name += GIVEN[slot]
        names.add(name)
        unit = f"{place}{level}{position.format(**words)}"
        roster.append({"name": name, "role": role, "unit": unit})
    leaving = {}
    if rng.random() < 0.6:
        slot = rng.randrange(4, len(roster))
        left_on = _day_in(year, rng, (4, 1), (11, 30))
        if left_on <= last_day:
            leaving[slot] = left_on
    for slot, values in enumerate(roster):
        record = {"occurred_on": notice, **values}
        if slot in leaving:
            record["left_on"] = leaving[slot]
            record["notes"] = "工作调动"
        yield record
    for slot, left_on in leaving.items():
        successor = _name(organisation.code, slot, "successor", year)
        if successor in names:
            successor += GIVEN[-1 - slot]
        yield {
            "occurred_on": left_on,
            "name": successor,
            "role": roster[slot]["role"],
            "unit": roster[slot]["unit"],
            "notes": f"接替{roster[slot]['name']}",
        }


MEETING_PLAN = {
    # type: (count range, title templates, topics)
    "leading_group": (
        (4, 8),
        ["{year}年第{n}次{committee}会议"],
        [
            "传达学习上级关于法治建设的部署要求",
            "研究{year}年法治政府建设工作要点",
            "听取各成员单位法治建设工作情况汇报",
            "研究法治督察反馈问题整改工作",
            "审议{year}年法治政府建设情况报告",
            "部署“八五”普法有关工作",
            "研究党政主要负责人述法工作",
        ],
    ),
    "special": (
        (2, 5),
        [
            "行政执法规范化建设专题会议",
            "合法性审查工作专题会议",
            "法治乡村建设专题会议",
            "信访积案化解专题会议",
            "民法典宣传工作专题会议",
        ],
        [
            "分析存在问题，明确整改措施和责任人",
            "研究重大行政决策合法性审查事项",
            "部署民主法治示范村创建工作",
        ],
    ),
    "party_committee_study": (
        (3, 6),
        ["党委会会前学法（第{n}次）"],
        ["学习{law}", "学习习近平法治思想", "学习{law}有关条款及典型案例"],
    ),
    "joint": (
        (1, 3),
        ["矛盾纠纷排查化解联席会议", "综治维稳联席会议", "行政执法协调联席会议"],
        ["通报近期矛盾纠纷排查情况", "研究重点矛盾纠纷化解方案", "协调跨部门执法事项"],
    ),
}
YEAR_END_LAW_REPORT = "听取党政主要负责人年终述法"
LAWS = ["宪法", "民法典", "行政处罚法", "行政复议法", "土地管理法", "安全生产法", "信访工作条例"]
DECISIONS = [
    "会议同意该方案，由党政办印发执行。",
    "明确责任单位和完成时限，司法所跟踪督办。",
    "各成员单位于月底前报送落实情况。",
    "列入年度责任清单，纳入年终考核。",
    "会后形成会议纪要，分送各成员单位。",
]


def _presider(organisation, year: int, meeting_type: str, rng) -> tuple[str, str]:
    if meeting_type == "party_committee_study":
        position = "secretary"
    elif meeting_type == "leading_group":
        position = rng.choices(["secretary", "head", "deputy_secretary"], [7, 2, 1])[0]
    else:
        position = rng.choice(["secretary", "head", "head", "deputy_secretary", "deputy_head"])
    slot = {"secretary": 0, "head": 1, "deputy_secretary": 2, "deputy_head": 4}[position]
    return _holder(organisation, slot, year), position


def _spread(year: int, count: int, rng) -> list[date]:
    """`count` days in order, one in each equal part of the year (meetings are held regularly)."""
    start, span = date(year, 1, 6), 355
    return [
        start + timedelta(days=(span * i) // count + rng.randint(0, span // count - 1))
        for i in range(count)
    ]


def meetings(organisation, year: int, rng, last_day: date):
    place, level = _place(organisation)
    committee = f"全面依法治{level[0]}委员会"
    profile = profile_of(organisation)
    for meeting_type, (counts, titles, topics) in MEETING_PLAN.items():
        count = profile.scaled(rng.randint(*counts), "governance", year, by="rhythm")
        days = _spread(year, max(count, 1), rng)
        if profile.skips(LAW_REPORT, year):
            topics = [topic for topic in topics if "述法" not in topic]
        seen = set()
        for n, day in enumerate(days, start=1):
            title = rng.choice(titles).format(year=year, n=n, committee=committee)
            if day > last_day or (day, title) in seen:
                continue
            seen.add((day, title))
            presider, position = _presider(organisation, year, meeting_type, rng)
            agenda = [rng.choice(topics).format(year=year, law=rng.choice(LAWS)) for _ in "12"]
            # The year's last leading-group meeting hears the principals' 述法, unless skipped.
            last = meeting_type == "leading_group" and n == len(days)
            if last and not profile.skips(LAW_REPORT, year):
                agenda.append(YEAR_END_LAW_REPORT)
            attendees = rng.randint(9, 16) if meeting_type != "joint" else rng.randint(6, 12)
            yield {
                "occurred_on": day,
                "meeting_type": meeting_type,
                "title": title,
                "presider": presider,
                "presider_position": position,
                "attendees": attendees,
                "topics": "；".join(dict.fromkeys(agenda)),
                "decisions": rng.choice(DECISIONS),
                "minutes": f"会议由{presider}主持，应到{attendees + rng.randint(0, 2)}人，"
                f"实到{attendees}人。会议逐项研究了议题并形成意见。",
            }


def plans(organisation, year: int, rng, last_day: date):
    place, level = _place(organisation)
    prefix = f"{place}{level}"
    documents = [
        ("annual_plan", f"{prefix}{year}年法治政府建设工作要点", (1, 10), (3, 10)),
        ("annual_plan", f"{prefix}{year}年普法依法治理工作计划", (1, 15), (3, 31)),
        (
            "responsibility_list",
            f"{prefix}{year}年党政主要负责人履行推进法治建设第一责任人职责清单",
            (1, 20),
            (4, 10),
        ),
        ("scheme", f"{prefix}{year}年“宪法宣传周”活动实施方案", (11, 10), (11, 30)),
        ("scheme", f"{prefix}{year}年民法典宣传月活动实施方案", (4, 15), (5, 5)),
    ]
    extras = [
        ("responsibility_list", f"{prefix}{year}年“谁执法谁普法”普法责任清单", (2, 1), (4, 30)),
        ("scheme", f"{prefix}民主法治示范村创建工作实施方案（{year}年）", (3, 1), (6, 30)),
        ("scheme", f"{prefix}行政执法“三项制度”落实实施方案（{year}年）", (2, 1), (8, 31)),
        ("scheme", f"{prefix}法治督察反馈问题整改实施方案（{year}年）", (6, 1), (10, 31)),
        ("programme", f"{prefix}法治乡村建设规划（{year}—{year + 2}年）", (2, 1), (6, 30)),
    ]
    documents += rng.sample(extras, rng.randint(1, 3))
    dated = sorted(
        (
            (_day_in(year, rng, first, last), plan_type, title)
            for plan_type, title, first, last in documents
        )
    )
    number = rng.randint(1, 5)
    for day, plan_type, title in dated:
        if day > last_day:
            continue
        doc_number = ""
        if plan_type != "responsibility_list" or rng.random() < 0.5:
            number += rng.randint(1, 6)
            office = "党发" if plan_type in ("programme", "responsibility_list") else "政发"
            doc_number = f"{place}{office}〔{year}〕{number}号"
        yield {
            "occurred_on": day,
            "plan_type": plan_type,
            "title": title,
            "doc_number": doc_number,
            "summary": f"明确{year}年度目标任务、责任分工和完成时限。",
        }


TASKS = [
    ("制定年度法治政府建设工作要点并印发", "党政办"),
    ("报送上年度法治政府建设情况报告并向社会公开", "党政办"),
    ("组织国家工作人员年度学法考试", "司法所"),
    ("开展“宪法宣传周”集中宣传活动", "司法所"),
    ("开展民法典宣传月活动", "司法所"),
    ("实现村（社区）法律顾问全覆盖", "司法所"),
    ("培养“法律明白人”并建立台账", "司法所"),
    ("开展行政执法案卷评查", "综合行政执法队"),
    ("落实行政执法公示制度", "综合行政执法队"),
    ("完成执法人员年度法律知识培训", "综合行政执法队"),
    ("重大行政决策合法性审查全覆盖", "司法所"),
    ("规范性文件备案审查", "党政办"),
    ("开展矛盾纠纷排查化解专项行动", "综治中心"),
    ("推进信访积案化解", "综治中心"),
    ("开展安全生产领域普法宣传", "应急管理办"),
    ("开展食品安全法宣传进市场活动", "市场监管所"),
    ("开展耕地保护法律法规宣传", "自然资源所"),
    ("落实法治建设专项经费并规范使用", "财政所"),
    ("创建县级民主法治示范村", "各村（社区）"),
    ("修订完善村规民约", "各村（社区）"),
    ("建设村级法治文化阵地", "农业农村办"),
    ("开展农民工欠薪问题法律服务", "社会事务办"),
    ("开展防范电信网络诈骗宣传", "派出所"),
    ("落实领导干部应知应会法律法规清单学习", "党政办"),
    ("组织党政主要负责人年终述法", "党政办"),
    ("完成法治督察反馈问题整改", "党政办"),
    ("推进“八五”普法规划任务落实", "司法所"),
    ("建立行政执法监督员队伍并开展监督", "司法所"),
]

# Tasks tied to a date in the calendar keep it as their deadline.
FIXED_DUE = {
    "报送上年度法治政府建设情况报告并向社会公开": (3, 31),
    "开展民法典宣传月活动": (5, 31),
    "开展“宪法宣传周”集中宣传活动": (12, 10),
    "组织党政主要负责人年终述法": (12, 31),
    "组织国家工作人员年度学法考试": (11, 30),
}


# Tasks that stay undone in a year the profile skipped their work.
SKIPPED_TASKS = {
    "完成执法人员年度法律知识培训": ENFORCEMENT_TRAINING,
    "组织党政主要负责人年终述法": LAW_REPORT,
}


def tasks(organisation, year: int, rng, last_day: date):
    profile = profile_of(organisation)
    count = profile.scaled(rng.randint(10, min(24, len(TASKS))), "governance", year, by="rhythm")
    chosen = rng.sample(TASKS, min(count, len(TASKS)))
    for index, (task, unit) in enumerate(chosen):
        # Most tasks come with the year's responsibility list in the first quarter.
        assigned = _day_in(year, rng, (1, 10), (3, 31) if index < 8 else (10, 31))
        if assigned > last_day:
            continue
        due = min(assigned + timedelta(days=rng.randint(30, 270)), date(year, 12, 31))
        if task in FIXED_DUE and date(year, *FIXED_DUE[task]) > assigned + timedelta(days=14):
            due = date(year, *FIXED_DUE[task])
        values = {
            "occurred_on": assigned,
            "task": task,
            "responsible_unit": unit,
            "owner": _name(organisation.code, unit, (year + len(unit)) // 3),
            "due_on": due,
            "status": "not_started",
            "evidence": "",
        }
        finished = assigned + timedelta(days=rng.randint(7, (due - assigned).days + 15))
        skipped = task in SKIPPED_TASKS and profile.skips(SKIPPED_TASKS[task], year)
        if due <= last_day and rng.random() < 0.85 and finished <= last_day and not skipped:
            values.update(status="done", completed_on=finished, evidence=_evidence(task))
        elif assigned + timedelta(days=14) <= last_day:
            values["status"] = rng.choice(["in_progress", "in_progress", "not_started"])
        yield values


def _evidence(task: str) -> str:
    return f"{task}相关文件、会议记录及现场照片已归档。"


BUDGET_NOTES = {
    "general": "列入年度财政预算，用于法治建设各项工作",
    "publicity": "用于普法宣传资料印制、宣传栏更新和主题日活动",
    "legal_advisor": "村（社区）法律顾问服务费",
    "facilities": "法治广场、法治文化长廊建设维护",
    "training": "机关干部和执法人员学法培训",
}


def budgets(organisation, year: int, rng, last_day: date):
    general = profile_of(organisation).scaled(rng.randint(6, 16) * 10_000, "governance", year)
    lines = [("general", (1, 10), (3, 15), general // 1000 * 1000)]
    extras = [
        ("legal_advisor", (1, 15), (3, 31), rng.randint(3, 6) * 6_000),
        ("publicity", (3, 1), (6, 30), rng.randint(5, 30) * 1_000),
        ("facilities", (4, 1), (9, 30), rng.randint(2, 8) * 10_000),
        ("training", (3, 1), (8, 31), rng.randint(3, 10) * 1_000),
    ]
    lines += rng.sample(extras, rng.randint(0, 2))
    for purpose, first, last, amount in lines:
        day = _day_in(year, rng, first, last)
        if day > last_day:
            continue
        yield {
            "occurred_on": day,
            "purpose": purpose,
            "amount": Decimal(amount),
            "notes": BUDGET_NOTES[purpose],
        }
