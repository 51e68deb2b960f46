"""Plausible 重大行政决策 for the demo county, deterministic per township and year.

Each township-year has a catalogue listing its decisions. Past years: an ordinary township files
two decisions and rejects one; the township's profile (fazhi.orgs.demo_profiles) makes it more or
fewer, and shifts its dates by a few days. This year: one in each state — filed, published,
rejected, decided with its publication overdue, and one whose public comment ends within the
next two weeks. The generators make the records; `load` (run after the generic ledger loader)
drives each decision through the services to its state, stopping at any step that would lie
after today.
"""

import hashlib
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.ledgers.demo import demo_townships, demo_years
from fazhi.orgs.demo_profiles import profile_of

TITLES = [
    "编制镇区国土空间详细规划",
    "实施农村人居环境整治提升行动方案",
    "调整镇级集体经济收益分配办法",
    "建设镇区污水处理厂及配套管网",
    "推行农村生活垃圾分类收费制度",
    "制定镇区农贸市场搬迁改造方案",
    "实施高标准农田建设项目",
    "制定镇区公共停车收费管理办法",
    "开展农村宅基地规范管理试点",
    "调整镇域中小学布局方案",
    "实施集镇道路提质改造工程",
    "出台镇域养老服务设施建设方案",
    "推进农村饮水安全巩固提升工程",
    "建立镇级防汛应急物资储备制度",
]
UNITS = [
    "党政综合办公室",
    "经济发展办公室",
    "自然资源所",
    "社会事务办公室",
    "农业农村办公室",
    "村镇建设办公室",
    "应急管理办公室",
]
# (target state, days before the year's last day that the decision starts); an ordinary
# township's past year has the first three.
PAST_PLAN = [("filed", 330), ("rejected", 230), ("filed", 150), ("filed", 190), ("filed", 280)]
ORDINARY_PAST = 3
CURRENT_PLAN = [
    ("filed", 260),
    ("published", 170),
    ("rejected", 140),
    ("overdue", 110),
    ("commenting", 35),
]


def _offset(organisation, year) -> int:
    digest = hashlib.sha256(f"decisions/{organisation.code}/{year}".encode()).hexdigest()
    return int(digest[:8], 16)


def plan(organisation, year: int, last_day: date) -> list[dict]:
    """The decisions of one township-year with their target states. A year cut short by today
    is the current one (on 31 December the current year counts as complete)."""
    profile = profile_of(organisation)
    if last_day < date(year, 12, 31):
        steps = CURRENT_PLAN
    else:
        count = profile.scaled(ORDINARY_PAST, "decisions", year)
        steps = PAST_PLAN[: min(max(count, 2), len(PAST_PLAN))]
    offset = _offset(organisation, year)
    rows = []
    for index, (target, days_back) in enumerate(steps):
        started = last_day - timedelta(days=days_back + profile.day_shift)
        started = min(max(started, date(year, 1, 2)), last_day)
        title = TITLES[(offset + index * 3) % len(TITLES)]
        rows.append(
            {
                "target": target,
                "occurred_on": started,
                "title": f"{year}年{title}",
                "sponsor_unit": UNITS[(offset + index) % len(UNITS)],
                "content": f"{organisation.name}{title}，明确目标任务、实施步骤、资金保障和责任分工。",  # noqa: E501
            }
        )
    return rows


def catalogues(organisation, year, rng, last_day):
    drafted = date(year, 1, 8) - timedelta(days=profile_of(organisation).day_shift)
    if drafted > last_day:
        return
    approved = drafted + timedelta(days=7)
    published = drafted + timedelta(days=12)
    titles = [row["title"] for row in plan(organisation, year, last_day)]
    yield {
        "occurred_on": drafted,
        "title": f"{organisation.name}{year}年度重大行政决策事项目录",
        "items": "\n".join(titles),
        "approved_on": approved if approved <= last_day else None,
        "published_on": published if published <= last_day else None,
        "channel": "镇人民政府网站、政务公开栏" if published <= last_day else "",
        "remarks": "经镇党委会议同意后公布。" if approved <= last_day else "",
    }


def decisions(organisation, year, rng, last_day):
    for row in plan(organisation, year, last_day):
        if row["occurred_on"] > last_day:
            continue
        yield {key: value for key, value in row.items() if key != "target"}


@transaction.atomic
def load(today: date | None = None) -> None:
    from fazhi.decisions.demo_flow import advance
    from fazhi.decisions.models import MajorDecision

    today = today or timezone.localdate()
    for township in demo_townships():
        for year, last_day in demo_years(today):
            for row in plan(township, year, last_day):
                decision = MajorDecision.objects.filter(
                    organisation=township, occurred_on=row["occurred_on"], title=row["title"]
                ).first()
                # Untouched decisions only: a second run adds nothing.
                if decision is not None and not decision.procedures.exists():
                    advance(decision, row["target"], today)
