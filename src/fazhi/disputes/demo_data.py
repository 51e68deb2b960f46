"""Demo generators of the 矛盾纠纷 ledgers: fictional people with clearly fake ID numbers
(region code 999901, which belongs to no real place). The township's profile
(fazhi.orgs.demo_profiles) sets how regularly it screens and meets and how many disputes and
petitions it receives."""

from datetime import date, timedelta

from fazhi.disputes.idnumber import fake_id_number
from fazhi.orgs.demo_profiles import profile_of

FAKE_REGION = "999901"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
GIVEN = [
    "建国",
    "秀英",
    "桂兰",
    "志刚",
    "海燕",
    "国强",
    "玉梅",
    "小军",
    "春花",
    "德明",
    "丽娟",
    "永红",
    "卫东",
    "淑珍",
    "明亮",
    "金凤",
    "晓峰",
    "红霞",
    "文军",
    "雪梅",
]
SCOPES = [
    "全镇各村（社区）",
    "集镇商户",
    "重点工程项目沿线",
    "辖区企业",
    "易地搬迁安置点",
    "学校周边",
    "农民工集中务工点",
    "婚姻家庭矛盾重点户",
]
MEETING_TOPICS = [
    "季度矛盾纠纷形势研判",
    "重点信访事项会商",
    "土地征收补偿矛盾研判",
    "农民工欠薪隐患研判",
    "节前矛盾纠纷风险研判",
    "涉婚恋家庭纠纷研判",
]
MEDIATION_SUMMARIES = {
    "family": ["夫妻因家庭琐事争吵要求离婚", "子女对老人赡养费分担有争议", "兄弟间分家析产纠纷"],
    "neighbour": ["相邻通行道路被堵", "建房滴水檐越界", "排水沟渠堵塞引发争执"],
    "land": ["承包地界址不清", "宅基地使用权争议", "土地流转租金拖欠"],
    "labour": ["务工人员工资拖欠", "工地受伤赔偿争议", "解除劳务关系补偿争议"],
    "contract": ["农资买卖货款纠纷", "房屋租赁押金退还争议", "民间借贷还款纠纷"],
    "other": ["养殖异味影响邻居生活", "交通事故赔偿争议", "家禽毁坏庄稼赔偿"],
}
MEDIATORS = ["调委会主任 何正平", "调解员 罗素芬", "调解员 高德胜", "司法所 林晓"]
MATTERS = [
    ("反映村道硬化工程质量问题", "镇村镇建设办"),
    ("要求落实土地征收补偿款", "镇自然资源所"),
    ("反映拖欠农民工工资", "镇劳动保障所"),
    ("反映养殖场污染周边环境", "镇生态环境办"),
    ("要求解决低保评定问题", "镇民政办"),
    ("反映邻居违法建房影响采光", "镇综合执法队"),
    ("反映村务财务不公开", "镇纪委"),
    ("要求调处宅基地纠纷", "镇司法所"),
    ("反映集镇噪音扰民", "镇综合执法队"),
    ("要求落实危房改造补助", "镇村镇建设办"),
]
FOLLOW_UP_REASONS = {
    "resettlement": ["刑满释放人员", "解除社区矫正人员"],
    "key_person": ["长期信访人员", "肇事肇祸精神障碍患者", "矛盾纠纷当事人情绪激烈"],
}


def _person(rng, year: int) -> tuple[str, str]:
    born = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
    return rng.choice(SURNAMES) + rng.choice(GIVEN), fake_id_number(
        FAKE_REGION, born, rng.randint(1, 999)
    )


def _phone(rng) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 9)}0000{rng.randint(1000, 9999)}"


def _address(rng, organisation) -> str:
    return (
        f"{organisation.name}{rng.choice(['东街', '西村', '河湾组', '新村'])}{rng.randint(1, 60)}号"
    )


def _days(year: int, rng, last_day: date, count: int):
    """Sorted distinct dates of the year up to last_day."""
    end = min(last_day, date(year, 12, 31))
    span = (end - date(year, 1, 1)).days
    if span < 0:
        return []
    return sorted({date(year, 1, 1) + timedelta(days=rng.randint(0, span)) for _ in range(count)})


def screenings(organisation, year: int, rng, last_day: date):
    """Monthly; a township strong in disputes adds a mid-month round now and then, a weak one
    lets a month pass."""
    rhythm = profile_of(organisation).rhythm("disputes", year)
    for month in range(1, 13):
        days = [date(year, month, rng.randint(3, 10))]
        draw = rng.random()
        if draw < rhythm - 1:
            days.append(date(year, month, rng.randint(18, 25)))
        elif draw < 1 - rhythm:
            days = []
        for day in days:
            if day > last_day:
                return
            yield {
                "occurred_on": day,
                "scope": rng.choice(SCOPES),
                "issues_found": rng.randint(0, 12),
                "notes": "逐村逐户排查，建立问题清单" if rng.random() < 0.5 else "",
            }


def meetings(organisation, year: int, rng, last_day: date):
    """Quarterly for an ordinary township; the profile's rhythm makes them more or fewer."""
    count = min(max(profile_of(organisation).scaled(4, "disputes", year, by="rhythm"), 1), 6)
    for quarter in range(count):
        month = quarter * 12 // count + 1
        day = date(year, month, 1) + timedelta(days=rng.randint(10, (12 // count - 1) * 30))
        if day > last_day:
            return
        yield {
            "occurred_on": day,
            "topic": MEETING_TOPICS[quarter % len(MEETING_TOPICS)],
            "chaired_by": "镇党委副书记 " + rng.choice(SURNAMES) + rng.choice(GIVEN),
            "attendees": rng.randint(8, 25),
            "issues_analysed": rng.randint(2, 15),
            "measures": "逐件明确包案领导和化解时限",
        }


def mediations(organisation, year: int, rng, last_day: date):
    count = profile_of(organisation).scaled(rng.randint(30, 45), "disputes", year)
    for received in _days(year, rng, last_day, count):
        kind = rng.choice(list(MEDIATION_SUMMARIES))
        closed = received + timedelta(days=rng.randint(1, 40))
        values = {
            "occurred_on": received,
            "parties": "、".join(_person(rng, year)[0] for _ in range(2)),
            "dispute_type": kind,
            "summary": rng.choice(MEDIATION_SUMMARIES[kind]),
            "mediator": rng.choice(MEDIATORS),
            "method": rng.choices(["people", "administrative", "judicial"], [8, 2, 1])[0],
            "result": "",
            "agreement": "",
            "closed_on": None,
        }
        if closed <= last_day:
            result = rng.choices(["success", "failed", "terminated"], [85, 10, 5])[0]
            values.update(result=result, closed_on=closed)
            if result == "success":
                values["agreement"] = rng.choice(["written", "written", "oral"])
        yield values


def petitions(organisation, year: int, rng, last_day: date):
    """Registered petitions; the demo loader takes them on through the workflow services."""
    count = profile_of(organisation).scaled(rng.randint(24, 36), "disputes", year)
    for received in _days(year, rng, last_day, count):
        name, id_number = _person(rng, year)
        matter, unit = rng.choice(MATTERS)
        yield {
            "occurred_on": received,
            "channel": rng.choices(["letter", "visit", "online", "phone"], [2, 4, 3, 2])[0],
            "petitioner": name,
            "id_number": id_number if rng.random() < 0.8 else "",
            "phone": _phone(rng),
            "address": _address(rng, organisation),
            "matter": matter,
            "responsible_unit": unit,
        }


def follow_up_people(organisation, year: int, rng, last_day: date):
    for included in _days(year, rng, last_day, rng.randint(3, 6)):
        category = rng.choice(["resettlement", "key_person"])
        name, id_number = _person(rng, year)
        yield {
            "occurred_on": included,
            "category": category,
            "name": name,
            "id_number": id_number,
            "phone": _phone(rng),
            "address": _address(rng, organisation),
            "reason": rng.choice(FOLLOW_UP_REASONS[category]),
            "helper": "司法所 " + rng.choice(SURNAMES) + rng.choice(GIVEN),
            "visit_interval_days": rng.choice([30, 30, 60, 90]),
            "released_on": None,
        }
