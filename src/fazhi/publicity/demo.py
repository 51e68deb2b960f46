"""Plausible 普法 records for the demo county, deterministic for a given seed.

Theme-day activities fall on (or within three days of) their day. Each demo township's profile
(fazhi.orgs.demo_profiles) sets how many activities it holds and which theme day it left without
one in which year; elsewhere one township a year, chosen by its code, leaves one theme day out,
so the calendar shows what a gap looks like.
"""

from datetime import date, timedelta
from decimal import Decimal

from fazhi.orgs.demo_profiles import ORDINARY, profile_of
from fazhi.publicity.theme_days import THEME_DAYS

LAWS = [
    "宪法",
    "民法典",
    "反电信网络诈骗法",
    "未成年人保护法",
    "妇女权益保障法",
    "反家庭暴力法",
    "法律援助法",
    "道路交通安全法",
    "安全生产法",
    "土地管理法",
    "乡村振兴促进法",
    "人民调解法",
    "信访工作条例",
    "禁毒法",
    "国家安全法",
    "食品安全法",
]
THEME_TITLES = {
    "lei_feng": ("学雷锋志愿服务普法活动", "民法典、法律援助法"),
    "womens_day": ("“三八”妇女节妇女权益保障法宣传", "妇女权益保障法、反家庭暴力法"),
    "consumer_rights": ("“3·15”消费者权益日维权宣传", "消费者权益保护法、产品质量法、食品安全法"),
    "national_security": ("“4·15”全民国家安全教育日宣传", "国家安全法、反间谍法"),
    "civil_code_month": ("“美好生活·民法典相伴”民法典宣传月活动", "民法典"),
    "disaster_prevention": ("“5·12”防灾减灾日应急法治宣传", "突发事件应对法、防洪法"),
    "anti_drug": ("“6·26”国际禁毒日禁毒宣传", "禁毒法"),
    "fire_safety": ("“11·9”消防宣传日活动", "消防法"),
    "traffic_safety": ("“12·2”全国交通安全日交通法规宣传", "道路交通安全法"),
    "constitution": ("“12·4”国家宪法日宪法宣传", "宪法"),
}
TITLES = {
    "lecture": ["{law}专题讲座", "“{target}”{law}知识讲座"],
    "campaign": ["{law}集中宣传活动", "“{target}”集中宣传"],
    "door_to_door": ["{law}进村入户宣传", "入户发放{law}宣传资料"],
    "performance": ["“法治润乡村”文艺汇演", "{law}主题文艺演出"],
    "night_market": ["法律夜市：{law}宣传咨询", "“法律夜市”普法集市"],
    "online": ["微信公众号推送：{law}解读", "“以案释法”线上推送：{law}"],
    "contest": ["{law}知识竞赛", "“学法用法”有奖知识竞答"],
}
TARGETS = {
    "organs": "法律进机关",
    "schools": "法律进学校",
    "villages": "法律进乡村",
    "communities": "法律进社区",
    "enterprises": "法律进企业",
    "hospitals": "法律进医院",
    "families": "法律进家庭",
    "units": "法律进单位",
    "network": "法律进网络",
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国华明军平秀英丽芳伟强磊洋艳勇杰娟涛超霞刚桂兰红梅海燕玉珍志文斌德福春"


def _day_in(year: int, rng, last_day: date) -> date | None:
    """A day spread over the whole year; None when it falls after `last_day` (this year so
    far keeps the density of a full year instead of crowding into the months past)."""
    start = date(year, 1, 5)
    day = start + timedelta(days=rng.randint(0, (date(year, 12, 28) - start).days))
    return day if day <= last_day else None


def _person(rng) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _phone(rng) -> str:
    return "1" + rng.choice("3589") + "".join(str(rng.randint(0, 9)) for _ in range(9))


def gap_theme(organisation, year: int) -> str | None:
    """The theme day this township leaves uncovered this year, if any: its profile's for a demo
    township, otherwise one township in three."""
    profile = profile_of(organisation)
    if profile is not ORDINARY:
        return profile.theme_gap(year)
    if (int(organisation.code) + year) % 3:
        return None
    return THEME_DAYS[year % len(THEME_DAYS)].key


ZERO_COUNTS = dict.fromkeys(
    ["materials", "booklets", "banners", "blackboards", "audience", "questions", "disputes"], 0
)


def _counts(form: str, rng) -> dict:
    if form == "online":
        return {
            **ZERO_COUNTS,
            "audience": rng.randint(300, 5000),
            "questions": rng.randint(0, 20),
        }
    return {
        "materials": rng.randint(50, 1500),
        "booklets": rng.choice([0, 0, rng.randint(20, 300)]),
        "banners": rng.randint(0, 4),
        "blackboards": rng.choice([0, 0, 1, 2]),
        "audience": rng.randint(30, 800),
        "questions": rng.randint(0, 60),
        "disputes": rng.choice([0, 0, 0, 1, 2]),
    }


def _theme_activities(organisation, year: int, rng, last_day: date):
    skipped = gap_theme(organisation, year)
    for theme in THEME_DAYS:
        if theme.key == skipped:
            continue
        base, laws = THEME_TITLES[theme.key]
        for number in range(rng.choice([1, 1, 2, 3])):
            if theme.day is None:
                day = date(year, theme.month, rng.randint(1, 28))
            else:
                offset = rng.choice([0, 0, 0, -1, 1, -2, 2, -3, 3])
                day = date(year, theme.month, theme.day) + timedelta(days=offset)
            if day > last_day:
                continue
            form = rng.choice(["campaign", "campaign", "lecture", "night_market", "online"])
            yield {
                "occurred_on": day,
                "form": form,
                "target": rng.choice(list(TARGETS)),
                "theme_day": theme.key,
                "title": base if number == 0 else f"{base}（第{number + 1}场）",
                "laws": laws,
                **_counts(form, rng),
            }


def activities(organisation, year: int, rng, last_day: date):
    yield from _theme_activities(organisation, year, rng, last_day)
    for _ in range(profile_of(organisation).scaled(rng.randint(50, 120), "publicity", year)):
        day = _day_in(year, rng, last_day)
        if day is None:
            continue
        form = rng.choice(list(TITLES))
        target = rng.choice(list(TARGETS))
        law = rng.choice(LAWS)
        yield {
            "occurred_on": day,
            "form": form,
            "target": target,
            "theme_day": "",
            "title": rng.choice(TITLES[form]).format(law=law, target=TARGETS[target]),
            "laws": "、".join(sorted({law, rng.choice(LAWS)})),
            **_counts(form, rng),
        }


ASSETS = [
    ("board", "法治宣传栏", 3_000, 12_000),
    ("square", "普法广场", 50_000, 200_000),
    ("library", "法治图书室", 8_000, 30_000),
    ("corridor", "法治宣传长廊", 20_000, 80_000),
    ("led", "LED普法宣传屏", 15_000, 60_000),
    ("wall", "法治文化墙", 5_000, 20_000),
    ("park", "法治文化公园", 150_000, 600_000),
]


def assets(organisation, year: int, rng, last_day: date):
    """One or two assets a year; the same asset drawn again later is dropped by its name."""
    for asset_type, label, low, high in rng.sample(ASSETS, rng.choice([1, 1, 2])):
        day = _day_in(year, rng, last_day)
        if day is None:
            continue
        yield {
            "occurred_on": day,
            "asset_type": asset_type,
            "name": f"{organisation.name}{label}",
            "cost": Decimal(rng.randint(low // 100, high // 100) * 100),
            "location": rng.choice(["村委会旁", "村文化广场", "村口", "党群服务中心", ""]),
        }


TEAMS = [
    ("volunteers", "法治宣传志愿服务队"),
    ("performers", "普法文艺宣传队"),
    ("lecturers", "普法讲师团"),
]


def _team(organisation, year: int):
    team_type, label = TEAMS[year % len(TEAMS)]
    return team_type, f"{organisation.name}{label}"


def teams(organisation, year: int, rng, last_day: date):
    """Three teams a township, one founded a year (a later draw of the same name is dropped)."""
    day = _day_in(year, rng, last_day)
    if day is None:
        return
    if profile_of(organisation).rhythm("publicity", year) < 0.7:
        return  # a year of little publicity founds no team
    team_type, name = _team(organisation, year)
    yield {
        "occurred_on": day,
        "name": name,
        "team_type": team_type,
        "leader": _person(rng),
        "member_count": rng.randint(8, 30),
    }


def team_members(organisation, year: int, rng, last_day: date):
    if profile_of(organisation).rhythm("publicity", year) < 0.7:
        return  # no team founded that year (see teams)
    _, team_name = _team(organisation, year)
    for number in range(rng.randint(4, 8)):
        day = _day_in(year, rng, last_day)
        if day is None:
            continue
        role = "captain" if number == 0 else rng.choice(["member", "member", "lecturer", "deputy"])
        yield {
            "occurred_on": day,
            "team_name": team_name,
            "name": _person(rng),
            "role": role,
            "unit": rng.choice(["司法所", "综治中心", "镇文化站", "派出所", "中心学校", "村委会"]),
        }


IDENTITIES = ["cadre", "grid", "mediator", "party", "group_head", "villager"]


def legal_people(organisation, year: int, rng, last_day: date):
    """Several 法律明白人 trained a year, now and then a 法律带头人."""
    day = _day_in(year, rng, last_day)
    if day is None:
        return
    for number in range(profile_of(organisation).scaled(rng.randint(3, 6), "publicity", year)):
        yield {
            "occurred_on": day,
            "person_type": "leader" if number == 0 and rng.random() < 0.5 else "understander",
            "name": _person(rng),
            "identity": rng.choice(IDENTITIES),
            "contact": _phone(rng) if rng.random() < 0.8 else "",
        }


LEVELS = [("county", 60), ("city", 25), ("province", 12), ("national", 3)]
TITLE = {
    "county": "县级民主法治示范村（社区）",
    "city": "市级民主法治示范村（社区）",
    "province": "省级民主法治示范村（社区）",
    "national": "全国民主法治示范村（社区）",
}
ISSUER = {"county": "县司法局", "city": "市司法局", "province": "省司法厅", "national": "司法部"}


def demonstration_villages(organisation, year: int, rng, last_day: date):
    """An award every year or two: every odd year, and now and then an even one."""
    if year % 2 == 0 and rng.random() >= 0.3:
        return
    day = _day_in(year, rng, last_day)
    if day is None:
        return
    level = rng.choices([name for name, _ in LEVELS], weights=[w for _, w in LEVELS])[0]
    yield {
        "occurred_on": day,
        "level": level,
        "award_year": year,
        "title": TITLE[level],
        "issuer": ISSUER[level],
    }
