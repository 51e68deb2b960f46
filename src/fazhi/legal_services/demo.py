"""Plausible 公共法律服务 records for the demo county, deterministic for a given seed.

Each township has two contracted lawyers: one serves its first two villages (the demo advisor
account's villages), the other the rest. 王家村 has not renewed its contract this year, so the
coverage page has a gap to show. The township's profile (fazhi.orgs.demo_profiles) sets how busy
its advisors are and names any village whose advisor gave no service in a year.
"""

from datetime import date, timedelta

from fazhi.orgs.demo_profiles import profile_of

LAWYERS = [
    ("张明远", "明远律师事务所"),
    ("李晓燕", "正衡律师事务所"),
    ("王建国", "公信律师事务所"),
    ("赵丽华", "德润律师事务所"),
    ("陈志强", "明远律师事务所"),
    ("刘芳", "正衡律师事务所"),
    ("周文斌", "汇智律师事务所"),
    ("吴静", "公信律师事务所"),
]
# Demo village that has no contract in the current year (see the module docstring).
NO_CURRENT_CONTRACT = "999901102203"
# 李庄村, one of the 清河乡 demo advisor's villages: no visit in the last BEHIND_DAYS days of
# the current year, so the advisor's home page (工作台) has a village due.
ADVISOR_BEHIND, BEHIND_DAYS = "999901102202", 120

SUBJECTS = {
    "consultation": [
        "村民咨询土地承包经营权流转问题",
        "村民咨询宅基地使用权纠纷",
        "村民咨询赡养老人义务",
        "村民咨询农民工工资拖欠维权途径",
        "村民咨询遗产继承份额",
        "村民咨询离婚财产分割",
        "村民咨询交通事故赔偿标准",
        "村民咨询民间借贷欠条效力",
    ],
    "major_matter": [
        "村集体土地发包方案合法性把关",
        "村集体资产租赁事项法律审查",
        "村规民约修订合法性把关",
        "村级工程项目招标程序把关",
        "村集体经济收益分配方案把关",
    ],
    "mediation": [
        "协助调解相邻通行纠纷",
        "协助调解宅基地界址纠纷",
        "协助调解家庭赡养纠纷",
        "协助调解山林权属纠纷",
        "协助调解务工工资纠纷",
    ],
    "lecture": [
        "民法典进村入户专题讲座",
        "防范电信网络诈骗法治讲座",
        "农村土地承包法宣讲",
        "反家庭暴力法专题讲座",
        "宪法宣传日法治讲座",
    ],
    "contract_review": [
        "审查村集体鱼塘承包合同",
        "审查村道硬化工程施工合同",
        "审查村集体厂房租赁合同",
        "审查光伏项目屋顶租赁协议",
    ],
    "other": ["参加村“两委”会议提供法律意见", "协助村委会起草法律文书", "接待来访群众"],
}
OUTCOMES = {
    "consultation": [
        "已当场解答并告知维权途径",
        "已解答，建议申请法律援助",
        "已解答，引导协商解决",
    ],
    "major_matter": ["出具法律意见书，建议补充表决程序", "经审查程序合法，同意提交村民代表会议"],
    "mediation": ["双方达成调解协议", "双方达成口头和解", "调解未成，引导通过诉讼解决"],
    "lecture": ["发放宣传资料并现场答疑", "讲座结束后解答群众提问"],
    "contract_review": ["提出修改意见 3 条，已采纳", "合同条款完善后签订", "建议补充违约责任条款"],
    "other": ["已提出法律意见", "已完成"],
}
SERVICE_WEIGHTS = [
    ("consultation", 50),
    ("major_matter", 12),
    ("mediation", 15),
    ("lecture", 10),
    ("contract_review", 10),
    ("other", 3),
]
AID_SUMMARIES = {
    "family": ["离婚纠纷，申请人经济困难", "抚养费纠纷", "赡养费纠纷"],
    "labour": ["农民工追索劳动报酬", "工伤待遇争议", "解除劳动合同经济补偿争议"],
    "traffic": ["交通事故人身损害赔偿", "交通事故致残赔偿"],
    "injury": ["务工受伤赔偿纠纷", "人身损害赔偿纠纷"],
    "debt": ["民间借贷纠纷", "买卖合同欠款纠纷"],
    "criminal": ["法院通知辩护", "看守所值班律师转交申请"],
    "other": ["残疾人权益维护", "土地征收补偿争议"],
}
PLACES = ["法律援助室", "公共法律服务工作站", "司法所接待室"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["秀英", "建华", "桂芳", "志刚", "海燕", "国强", "丽娟", "春生", "玉兰", "德明", "小红"]


def _village_index(village) -> int:
    """1-based position of a village in its township (village codes end in 201, 202, ...)."""
    return max(int(village.code[-3:]) - 200, 1)


def lawyer_for(village, year: int) -> tuple[str, str]:
    """The lawyer contracted by a village in a year: stable within a township, rotating every
    three years."""
    slot = 0 if _village_index(village) <= 2 else 1
    base = int(village.parent.code) if village.parent_id else 0
    return LAWYERS[(base * 2 + slot + year // 3) % len(LAWYERS)]


def _phone(rng) -> str:
    return "13" + "".join(str(rng.randint(0, 9)) for _ in range(9))


def _partial(year: int, last_day: date) -> bool:
    return last_day < date(year, 12, 31)


def contracts(organisation, year: int, rng, last_day: date):
    if _partial(year, last_day) and organisation.code == NO_CURRENT_CONTRACT:
        return
    start = date(year, 1, rng.randint(1, 15))
    if start > last_day:
        return
    lawyer, firm = lawyer_for(organisation, year)
    yield {
        "occurred_on": start,
        "contract_end": date(year, 12, 31),
        "lawyer": lawyer,
        "law_firm": firm,
        "phone": _phone(rng),
        "remarks": rng.choice(["", "", "续签", "每月驻村服务不少于 2 次"]),
    }


def duty_rota(organisation, year: int, rng, last_day: date):
    """Two half-days a week from the first working days of January; some years a mid-year
    adjustment moves the slots."""
    starts = [date(year, 1, 2)]
    if rng.random() < 0.5:
        starts.append(date(year, 7, 1))
    lawyers = [LAWYERS[(int(organisation.code) * 2 + s + year // 3) % len(LAWYERS)] for s in (0, 1)]
    for start in starts:
        if start > last_day:
            continue
        first, second = sorted(rng.sample(range(1, 6), 2))
        for weekday, (lawyer, _firm) in zip((first, second), lawyers, strict=True):
            yield {
                "occurred_on": start,
                "weekday": weekday,
                "half_day": rng.choice(["am", "am", "pm"]),
                "place": rng.choice(PLACES),
                "person_on_duty": f"{lawyer}、司法所工作人员",
                "phone": _phone(rng),
            }


def _weighted_type(rng) -> str:
    total = sum(weight for _, weight in SERVICE_WEIGHTS)
    pick = rng.uniform(0, total)
    for name, weight in SERVICE_WEIGHTS:
        pick -= weight
        if pick <= 0:
            return name
    return SERVICE_WEIGHTS[0][0]


def _people(service_type: str, rng) -> int:
    if service_type in ("major_matter", "contract_review"):
        return 0
    if service_type == "lecture":
        return rng.randint(20, 90)
    if service_type == "mediation":
        return rng.randint(2, 6)
    return rng.randint(1, 5)


def services(organisation, year: int, rng, last_day: date):
    """About three services a month (as the profile's strength sets); none this year in a
    village without a current contract, none in a year its profile leaves it idle."""
    if _partial(year, last_day) and organisation.code == NO_CURRENT_CONTRACT:
        return
    profile = profile_of(organisation)
    if profile.idle(organisation.code, year):
        return
    if _partial(year, last_day) and organisation.code == ADVISOR_BEHIND:
        last_day -= timedelta(days=BEHIND_DAYS)
    lawyer, _firm = lawyer_for(organisation, year)
    for month in range(1, 13):
        for _ in range(profile.scaled(rng.randint(2, 4), "legal_services", year, by="rhythm")):
            day = date(year, month, rng.randint(1, 28))
            if day > last_day:
                continue
            service_type = _weighted_type(rng)
            yield {
                "occurred_on": day,
                "service_type": service_type,
                "advisor": lawyer,
                "subject": rng.choice(SUBJECTS[service_type]),
                "people_served": _people(service_type, rng),
                "outcome": rng.choice(OUTCOMES[service_type]),
            }


def legal_aid_cases(organisation, year: int, rng, last_day: date):
    forms = {
        "family": "civil",
        "labour": "arbitration",
        "traffic": "civil",
        "injury": "civil",
        "debt": "civil",
        "criminal": "criminal",
        "other": "non_litigation",
    }
    for _ in range(profile_of(organisation).scaled(rng.randint(8, 20), "legal_services", year)):
        accepted = date(year, 1, 3) + timedelta(days=rng.randint(0, 355))
        if accepted > last_day:
            continue
        case_type = rng.choice(list(forms))
        closed_on = accepted + timedelta(days=rng.randint(20, 120))
        if closed_on <= last_day:
            status = "terminated" if rng.random() < 0.05 else "closed"
        else:
            status, closed_on = rng.choice(["accepted", "assigned", "assigned"]), None
        lawyer, _firm = rng.choice(LAWYERS)
        yield {
            "occurred_on": accepted,
            "applicant": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "case_type": case_type,
            "aid_form": forms[case_type],
            "handled_by": lawyer if status != "accepted" else "",
            "status": status,
            "closed_on": closed_on,
            "summary": rng.choice(AID_SUMMARIES[case_type]),
        }
