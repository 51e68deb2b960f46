import pytest
from django.contrib.auth import get_user_model

from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant


def _person(world, username, role, org_key):
    user = get_user_model().objects.create_user(username=username, password="Test-pass-2026")
    membership_grant(actor=None, user=user, organisation=world.orgs[org_key], role=role)
    return user


@pytest.fixture
def people(world):
    """The world's 甲镇 clerk, leader and reviewer, 甲县's inspector, plus 乙镇's clerk and
    丙县's inspector."""
    return {
        "clerk": world.users["clerk"],
        "leader": world.users["leader"],
        "reviewer": world.users["reviewer"],
        "inspector": world.users["inspector"],
        "county_admin": world.users["county_admin"],
        "other_clerk": _person(world, "yizhen.clerk", Role.CLERK, "A2"),
        "other_inspector": _person(world, "bingxian.inspector", Role.INSPECTOR, "B"),
    }
