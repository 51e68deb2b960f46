from django.contrib.auth import get_user_model

from fazhi.orgs.demo import DEMO_PASSWORD, demo_logins
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Membership, Organisation


def _snapshot():
    User = get_user_model()
    return {
        "orgs": sorted(Organisation.objects.values_list("code", "name", "level", "parent__code")),
        "users": sorted(User.objects.values_list("username", "display_name", "password")),
        "memberships": sorted(
            Membership.objects.values_list("user__username", "organisation__code", "role")
        ),
        "history": (
            Organisation.history.count(),
            Membership.history.count(),
            User.history.count(),
        ),
    }


def test_demo_builds_the_county_and_is_idempotent(db):
    # The organisation loader alone: each ledger app tests its own demo loader twice too.
    load_demo_organisation()
    first = _snapshot()
    load_demo_organisation()
    assert _snapshot() == first

    county = Organisation.objects.get(level="county")
    assert county.name == "示范县"
    townships = Organisation.objects.filter(parent=county)
    assert townships.count() == 3
    assert all(t.children.exists() for t in townships)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"clerk", "leader", "reviewer", "advisor", "inspector", "admin"}


def test_every_printed_demo_login_works(db, client):
    load_demo_organisation()
    for username, _org, _role in demo_logins():
        user = get_user_model().objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert user.memberships.exists(), username
