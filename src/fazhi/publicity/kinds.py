"""Ledger kinds of 普法 (registered on import by apps.py)."""

from fazhi.ledgers.registry import DomainPage, LedgerKind, register, register_page
from fazhi.orgs.roles import Level
from fazhi.publicity import demo, rules
from fazhi.publicity.models import (
    Activity,
    Asset,
    DemonstrationVillage,
    LegalPerson,
    Team,
    TeamMember,
)
from fazhi.publicity.theme_days import WINDOW_DAYS

ACTIVITIES = register(
    LedgerKind(
        slug="publicity-activities",
        model=Activity,
        domain="普法",
        fields=(
            "form",
            "target",
            "theme_day",
            "title",
            "laws",
            "materials",
            "booklets",
            "banners",
            "blackboards",
            "audience",
            "questions",
            "disputes",
        ),
        list_columns=("title", "form", "target", "theme_day", "audience"),
        natural_key=("organisation", "occurred_on", "title"),
        filter_fields=("form", "target", "theme_day"),
        search_fields=("title", "laws"),
        demo=demo.activities,
        evidence="活动照片",
        notes={
            "theme_day": f"选填；从下拉列表选择，活动日期须在主题日前后 {WINDOW_DAYS} 天内"
            "（宣传月须在当月）",
            "laws": "选填；多部法律法规用“、”分隔",
        },
    )
)
ASSETS = register(
    LedgerKind(
        slug="publicity-assets",
        standing_register=True,
        model=Asset,
        domain="普法",
        fields=("asset_type", "name", "cost", "location"),
        list_columns=("asset_type", "name", "cost"),
        natural_key=("organisation", "asset_type", "name"),
        org_level=Level.VILLAGE,
        filter_fields=("asset_type",),
        search_fields=("name", "location"),
        demo=demo.assets,
    )
)
TEAMS = register(
    LedgerKind(
        slug="publicity-teams",
        standing_register=True,
        model=Team,
        domain="普法",
        fields=("name", "team_type", "leader", "member_count"),
        list_columns=("name", "team_type", "leader", "member_count"),
        natural_key=("organisation", "name"),
        filter_fields=("team_type",),
        search_fields=("name", "leader"),
        demo=demo.teams,
    )
)
TEAM_MEMBERS = register(
    LedgerKind(
        slug="publicity-team-members",
        standing_register=True,
        model=TeamMember,
        domain="普法",
        fields=("team_name", "name", "role", "unit"),
        list_columns=("team_name", "name", "role", "unit"),
        natural_key=("organisation", "team_name", "name"),
        filter_fields=("role",),
        search_fields=("team_name", "name", "unit"),
        demo=demo.team_members,
        notes={"team_name": "必填；填写“普法宣传队伍”台账中的队伍名称"},
    )
)
LEGAL_PEOPLE = register(
    LedgerKind(
        slug="legal-understanders",
        standing_register=True,
        model=LegalPerson,
        domain="普法",
        fields=("person_type", "name", "identity", "contact"),
        list_columns=("person_type", "name", "identity"),
        natural_key=("organisation", "person_type", "name"),
        org_level=Level.VILLAGE,
        filter_fields=("person_type", "identity"),
        search_fields=("name",),
        demo=demo.legal_people,
        notes={"contact": "选填；11 位手机号或带区号的固定电话"},
    )
)
DEMONSTRATION_VILLAGES = register(
    LedgerKind(
        slug="demonstration-villages",
        standing_register=True,
        model=DemonstrationVillage,
        domain="普法",
        fields=("level", "award_year", "title", "issuer"),
        list_columns=("level", "award_year", "title"),
        natural_key=("organisation", "level", "award_year"),
        org_level=Level.VILLAGE,
        filter_fields=("level",),
        search_fields=("title", "issuer"),
        rules=rules.demonstration_village,
        demo=demo.demonstration_villages,
        notes={"award_year": "必填；数字，须与命名日期的年份一致"},
    )
)

register_page(DomainPage(domain="普法", label="主题日日历", url_name="publicity:calendar"))
