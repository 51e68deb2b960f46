"""Drafts of normative documents and yearly cleanup rounds for the demo county (deterministic).

The generic ledger loader creates these as drafts; fazhi.normative.demo_workflow then takes each
through the procedure with the services, so every state comes from a lawful path. How many a
township drafts in a year comes from its profile (fazhi.orgs.demo_profiles).
"""

from datetime import date

from fazhi.orgs.demo_profiles import profile_of

TITLES = [
    "关于加强农村村民建房管理的实施办法",
    "关于规范村级小微权力运行的若干规定",
    "关于加强森林防火管理工作的通告",
    "集镇环境卫生管理暂行规定",
    "农村最低生活保障对象动态管理实施细则",
    "关于禁止露天焚烧农作物秸秆的通告",
    "农村集体资产租赁管理办法",
    "关于加强集镇占道经营管理的通告",
    "村级公益事业一事一议筹资筹劳管理办法",
    "畜禽养殖污染防治管理规定",
    "关于规范农村宅基地审批管理的通知",
    "农村饮用水工程管护办法",
]
UNITS = [
    "党政办公室",
    "农业农村办公室",
    "社会事务办公室",
    "综合行政执法队",
    "自然资源所",
    "应急管理办公室",
    "经济发展办公室",
]
SUMMARIES = [
    "明确适用范围、职责分工、办理程序和监督措施。",
    "规定申请条件、审批流程、公示要求和违规处理。",
    "明确管理对象、禁止行为、部门职责和奖惩办法。",
]
# Drafting days of the generated documents; demo_workflow gives each its own path by month.
# An ordinary township drafts the first five; a busier one more, a weaker one fewer, but never
# fewer than three (2月 repealed or amended at cleanup, 6月 one-year validity, 8月 filed late).
DRAFT_DAYS = [(2, 20), (6, 10), (8, 5), (4, 15), (10, 12), (3, 18), (9, 8)]
ORDINARY_DRAFTS, FEWEST_DRAFTS = 5, 3


def documents(organisation, year: int, rng, last_day: date):
    profile = profile_of(organisation)
    count = profile.scaled(ORDINARY_DRAFTS, "normative", year)
    days = sorted(DRAFT_DAYS[: min(max(count, FEWEST_DRAFTS), len(DRAFT_DAYS))])
    titles = rng.sample(TITLES, len(days))
    for (month, day), title in zip(days, titles, strict=True):
        # A few days apart from township to township, within the month that sets its path.
        drafted = date(year, month, day - profile.day_shift)
        if drafted > last_day:
            return
        yield {
            "occurred_on": drafted,
            "title": f"{organisation.name}{title}",
            "drafting_unit": rng.choice(UNITS),
            "summary": rng.choice(SUMMARIES),
        }


def cleanups(organisation, year: int, rng, last_day: date):
    yield {
        "occurred_on": min(date(year, 12, 10 - profile_of(organisation).day_shift), last_day),
        "title": f"{year}年度规范性文件清理",
        "notes": rng.choice(["对照上位法修改情况逐件审查", "由党政办牵头、司法所配合开展"]),
    }
