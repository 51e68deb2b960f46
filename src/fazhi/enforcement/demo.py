"""Plausible 行政执法 ledger records for the demo county, deterministic for a given seed.

Officers: each year's generator yields the certificates issued the year before (five years
valid); the current year to date also yields two certificates expiring within 30 days of the
last day and one expired twelve days before it. Cases: about two or three a month, described
only — their workflow (officers, review, decision …) is driven by demo_workflow.py. The
township's profile (fazhi.orgs.demo_profiles) sets how many officers and cases it has and
shifts the expiring certificates by a few days.
"""

from datetime import date, timedelta

from fazhi.orgs.demo_profiles import profile_of

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["建军", "海涛", "丽华", "志明", "晓东", "春梅", "国平", "文杰", "红霞", "永刚", "秀兰"]
UNITS = ["综合行政执法队", "综合行政执法队", "农业综合服务中心", "应急管理办公室"]
VALID_YEARS = 5


def _person(seed: int) -> str:
    # 11 given names and 20 surnames: step through both so neighbours differ in each.
    return SURNAMES[(seed * 7) % len(SURNAMES)] + GIVEN[(seed * 5) % len(GIVEN)]


def _certificate(organisation, year: int, index: int) -> str:
    return f"{organisation.code}{year % 100:02d}{index:03d}"


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def officers(organisation, year: int, rng, last_day: date):
    base = int(organisation.code[-3:]) * 7 + year
    profile = profile_of(organisation)
    for index in range(1, max(profile.scaled(3, "enforcement", year), 2) + 1):
        issued = date(year - 1, 3, 1) + timedelta(days=rng.randint(0, 60))
        yield {
            "occurred_on": issued,
            "name": _person(base * 3 + index),
            "certificate_number": _certificate(organisation, year, index),
            "unit": rng.choice(UNITS),
            "valid_until": _years_later(issued, VALID_YEARS) - timedelta(days=1),
            "remarks": "",
        }
    if last_day >= date(year, 12, 31):
        return
    for index, days_left in ((901, 9), (902, 23), (903, -12)):
        until = last_day + timedelta(days=days_left - profile.day_shift)
        yield {
            "occurred_on": _years_later(until, -VALID_YEARS) + timedelta(days=1),
            "name": _person(base * 5 + index),
            "certificate_number": _certificate(organisation, year, index),
            "unit": "综合行政执法队",
            "valid_until": until,
            "remarks": "证件即将到期，需办理换证" if days_left > 0 else "证件已过期，待换证",
        }


ITEMS = [
    (
        "对违法占用耕地建房的处罚",
        "penalty",
        "《中华人民共和国土地管理法》第七十八条",
        "综合行政执法队",
    ),
    (
        "对乱倒乱卸建筑垃圾的处罚",
        "penalty",
        "《城市市容和环境卫生管理条例》第三十六条",
        "综合行政执法队",
    ),
    (
        "对未取得乡村建设规划许可证建设的处罚",
        "penalty",
        "《中华人民共和国城乡规划法》第六十五条",
        "综合行政执法队",
    ),
    (
        "对露天焚烧秸秆的处罚",
        "penalty",
        "《中华人民共和国大气污染防治法》第一百一十九条",
        "综合行政执法队",
    ),
    ("乡村建设规划许可", "licence", "《中华人民共和国城乡规划法》第四十一条", "党政综合办公室"),
    ("农村村民宅基地审批", "licence", "《中华人民共和国土地管理法》第六十二条", "自然资源和规划所"),
    (
        "对生产经营单位安全生产情况的检查",
        "inspection",
        "《中华人民共和国安全生产法》第九条",
        "应急管理办公室",
    ),
    ("对农村自建房安全的检查", "inspection", "《自建房结构安全排查技术要点》", "综合行政执法队"),
    (
        "对违法建筑的强制拆除",
        "coercion",
        "《中华人民共和国行政强制法》第四十四条",
        "综合行政执法队",
    ),
    (
        "对拒不清除的障碍物代履行",
        "coercion",
        "《中华人民共和国行政强制法》第五十条",
        "综合行政执法队",
    ),
]


def items(organisation, year: int, rng, last_day: date):
    """The list is published once; a later year's call yields the same items (deduplicated by
    name), so the earliest demo year carries them."""
    published = date(year, 1, 10 + rng.randint(0, 10))
    if published > last_day:
        return
    for name, item_type, basis, unit in ITEMS:
        yield {
            "occurred_on": published,
            "name": name,
            "item_type": item_type,
            "legal_basis": basis,
            "responsible_unit": unit,
        }


ABBREVIATION = {
    "penalty": "罚",
    "licence": "许",
    "inspection": "检",
    "coercion": "强",
    "other": "其",
}
TYPE_WEIGHTS = [
    ("penalty", 45),
    ("inspection", 25),
    ("licence", 15),
    ("coercion", 10),
    ("other", 5),
]
FACTS = {
    "penalty": [
        ("未经批准占用耕地建房约120平方米", "《中华人民共和国土地管理法》第七十八条"),
        ("在集镇主街乱倒建筑垃圾约5吨", "《城市市容和环境卫生管理条例》第三十六条"),
        ("未取得乡村建设规划许可证擅自建设", "《中华人民共和国城乡规划法》第六十五条"),
        ("在禁烧区露天焚烧秸秆", "《中华人民共和国大气污染防治法》第一百一十九条"),
    ],
    "licence": [
        ("申请乡村建设规划许可，新建住房两层", "《中华人民共和国城乡规划法》第四十一条"),
        ("申请农村村民宅基地使用", "《中华人民共和国土地管理法》第六十二条"),
    ],
    "inspection": [
        ("对辖区小作坊开展安全生产检查", "《中华人民共和国安全生产法》第九条"),
        ("对农村经营性自建房开展安全检查", "《自建房结构安全排查技术要点》"),
    ],
    "coercion": [
        ("限期拆除违法建筑逾期未拆除", "《中华人民共和国行政强制法》第四十四条"),
        ("占道堆放物料经催告拒不清除", "《中华人民共和国行政强制法》第五十条"),
    ],
    "other": [("协助县级部门开展联合执法", "县级部门委托书")],
}
COMPANIES = ["青禾农业专业合作社", "顺达建材经营部", "兴旺养殖场", "宏发石材加工厂", "鑫源汽修店"]
CRITERIA = ["public_interest", "hearing", "complex"]


def _case_type(rng) -> str:
    pick = rng.uniform(0, sum(weight for _, weight in TYPE_WEIGHTS))
    for name, weight in TYPE_WEIGHTS:
        pick -= weight
        if pick <= 0:
            return name
    return TYPE_WEIGHTS[0][0]


def cases(organisation, year: int, rng, last_day: date):
    counts: dict[str, int] = {}
    drawn = profile_of(organisation).scaled(rng.randint(26, 34), "enforcement", year)
    days = sorted(date(year, 1, 4) + timedelta(days=rng.randint(0, 350)) for _ in range(drawn))
    for day in days:
        case_type = _case_type(rng)
        counts[case_type] = counts.get(case_type, 0) + 1
        if day > last_day:
            continue
        facts, basis = rng.choice(FACTS[case_type])
        major = case_type in ("penalty", "coercion") and rng.random() < 0.15
        party = rng.choice(COMPANIES) if rng.random() < 0.3 else _person(rng.randint(0, 999))
        yield {
            "occurred_on": day,
            "case_number": (
                f"{organisation.name}{ABBREVIATION[case_type]}〔{year}〕{counts[case_type]}号"
            ),
            "case_type": case_type,
            "party": party,
            "facts": facts,
            "legal_basis": basis,
            "is_major": major,
            "major_criterion": rng.choice(CRITERIA) if major else "",
        }
