"""A small tree for tests: two counties, three townships, users of every role in township A1.

county A 甲县 ── township A1 甲镇 ── villages A1V1 (advisor's), A1V2
             └─ township A2 乙镇 ── village A2V1
county B 丙县 ── township B1 丙镇 ── village B1V1
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.orgs.services import membership_grant, organisation_create

PASSWORD = "Test-pass-2026"


@dataclass
class World:
    orgs: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)


def build_world() -> World:
    world = World()

    def org(key, code, name, level, parent=None):
        world.orgs[key] = organisation_create(
            actor=None, code=code, name=name, level=level, parent=world.orgs.get(parent)
        )

    org("A", "100001", "甲县", Level.COUNTY)
    org("A1", "100001101", "甲镇", Level.TOWNSHIP, "A")
    org("A1V1", "100001101201", "甲一村", Level.VILLAGE, "A1")
    org("A1V2", "100001101202", "甲二村", Level.VILLAGE, "A1")
    org("A2", "100001102", "乙镇", Level.TOWNSHIP, "A")
    org("A2V1", "100001102201", "乙一村", Level.VILLAGE, "A2")
    org("B", "200001", "丙县", Level.COUNTY)
    org("B1", "200001101", "丙镇", Level.TOWNSHIP, "B")
    org("B1V1", "200001101201", "丙一村", Level.VILLAGE, "B1")

    def user(key, role, org_key):
        account = get_user_model().objects.create_user(username=key, password=PASSWORD)
        membership_grant(actor=None, user=account, organisation=world.orgs[org_key], role=role)
        world.users[key] = account

    for role in (Role.CLERK, Role.LEADER, Role.REVIEWER, Role.ADMIN):
        user(role.value, role, "A1")
    user("advisor", Role.ADVISOR, "A1V1")
    user("inspector", Role.INSPECTOR, "A")
    user("county_admin", Role.ADMIN, "A")
    return world
