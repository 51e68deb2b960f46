"""The fictional county 示范县: its townships, villages and one demo user per role.

Codes start with 99, a prefix no real administrative division uses.
"""

from django.db import transaction

from fazhi.accounts.services import user_ensure
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.orgs.services import membership_grant, organisation_create, organisation_update

DEMO_PASSWORD = "Fazhi-demo-2026"

COUNTY = ("999901", "示范县")
TOWNSHIPS = [
    ("999901101", "青山镇", "qingshan", ["青山村", "石桥村", "柳溪村", "松岭村"]),
    ("999901102", "清河乡", "qinghe", ["清河村", "李庄村", "王家村"]),
    ("999901103", "新城街道", "xincheng", ["东苑社区", "西园社区", "南湖社区"]),
]
TOWNSHIP_ROLES = [Role.CLERK, Role.LEADER, Role.REVIEWER, Role.ADMIN]
COUNTY_ROLES = [Role.INSPECTOR, Role.ADMIN]


def _ensure_org(code: str, name: str, level: str, parent: Organisation | None) -> Organisation:
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        return organisation_create(actor=None, code=code, name=name, level=level, parent=parent)
    return organisation_update(actor=None, organisation=org, name=name)


def _ensure_user(username: str, display_name: str, organisation: Organisation, role: str):
    user = user_ensure(
        actor=None, username=username, display_name=display_name, password=DEMO_PASSWORD
    )
    membership_grant(actor=None, user=user, organisation=organisation, role=role)
    return user


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, organisation, role label) of every demo account, for printing."""
    logins = [(f"county.{role.value}", COUNTY[1], role.label) for role in COUNTY_ROLES]
    for _code, name, slug, _villages in TOWNSHIPS:
        logins += [(f"{slug}.{role.value}", name, role.label) for role in TOWNSHIP_ROLES]
        logins.append((f"{slug}.advisor", name, Role.ADVISOR.label))
    return logins


@transaction.atomic
def load() -> None:
    county = _ensure_org(COUNTY[0], COUNTY[1], Level.COUNTY, None)
    for role in COUNTY_ROLES:
        _ensure_user(f"county.{role.value}", f"{COUNTY[1]}{role.label}", county, role)
    for code, name, slug, villages in TOWNSHIPS:
        township = _ensure_org(code, name, Level.TOWNSHIP, county)
        village_orgs = [
            _ensure_org(f"{code}{200 + index:03d}", village, Level.VILLAGE, township)
            for index, village in enumerate(villages, start=1)
        ]
        for role in TOWNSHIP_ROLES:
            _ensure_user(f"{slug}.{role.value}", f"{name}{role.label}", township, role)
        # The contracted lawyer serves the first two villages.
        for village in village_orgs[:2]:
            _ensure_user(f"{slug}.advisor", f"{name}法律顾问", village, Role.ADVISOR)
