from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability, visible_orgs


def names(queryset):
    return sorted(org.name for org in queryset)


def test_township_roles_see_their_township_subtree_only(world):
    for role in ("clerk", "leader", "reviewer", "admin"):
        assert names(visible_orgs(world.users[role])) == ["甲一村", "甲二村", "甲镇"]


def test_advisor_sees_only_assigned_villages(world):
    assert names(visible_orgs(world.users["advisor"])) == ["甲一村"]


def test_inspector_sees_the_whole_county_and_nothing_beyond(world):
    assert names(visible_orgs(world.users["inspector"])) == [
        "乙一村",
        "乙镇",
        "甲一村",
        "甲二村",
        "甲县",
        "甲镇",
    ]


def test_no_membership_or_anonymous_sees_nothing(world):
    loner = get_user_model().objects.create_user(username="loner", password="x")
    assert visible_orgs(loner).count() == 0
    assert visible_orgs(AnonymousUser()).count() == 0


def test_inactive_users_see_nothing(world):
    clerk = world.users["clerk"]
    clerk.is_active = False
    assert visible_orgs(clerk).count() == 0


def test_for_user_scopes_any_org_owned_queryset(world):
    clerk_view = Membership.objects.for_user(world.users["clerk"])
    assert {m.organisation.name for m in clerk_view} == {"甲镇", "甲一村"}
    assert Organisation.objects.for_user(world.users["advisor"]).get().name == "甲一村"


def test_capabilities_follow_role_and_subtree(world):
    admin, clerk = world.users["admin"], world.users["clerk"]
    assert has_capability(admin, Capability.ORG_MANAGE, world.orgs["A1V2"])
    assert not has_capability(admin, Capability.ORG_MANAGE, world.orgs["A2"])
    assert not has_capability(clerk, Capability.ORG_MANAGE, world.orgs["A1"])
    assert has_capability(clerk, Capability.LEDGER_EDIT, world.orgs["A1"])
    assert has_capability(world.users["inspector"], Capability.INSPECT, world.orgs["A2V1"])


def test_organisations_in_a_subtree_for_a_user_or_without_one(world):
    from fazhi.orgs.scoping import organisations_in

    def codes(queryset):
        return sorted(org.code for org in queryset)

    a1, county = world.orgs["A1"], world.orgs["A"]
    subtree = [a1.code, world.orgs["A1V1"].code, world.orgs["A1V2"].code]
    assert codes(organisations_in(a1)) == subtree  # no user: the whole subtree
    assert codes(organisations_in(county, user=world.users["clerk"])) == subtree
    view = {Capability.LEDGER_VIEW}
    assert codes(organisations_in(a1, user=world.users["advisor"], capabilities=view)) == []
    assert organisations_in(user=world.users["inspector"]).count() == 6  # 甲县 and below
    assert organisations_in().count() == Organisation.objects.count()


def test_scope_root_is_the_one_top_of_what_the_user_sees(world):
    from fazhi.orgs.scoping import scope_root

    view = {Capability.LEDGER_VIEW}
    assert scope_root(world.users["clerk"], view) == world.orgs["A1"]
    assert scope_root(world.users["inspector"], view) == world.orgs["A"]
    assert scope_root(world.users["advisor"], view) is None  # no ledger view anywhere
    assert scope_root(world.users["advisor"]) == world.orgs["A1V1"]
    other = get_user_model().objects.create_user(username="two-townships")
    for key in ("A1", "B1"):
        Membership.objects.create(user=other, organisation=world.orgs[key], role="clerk")
    assert scope_root(other, view) is None
    root = get_user_model().objects.create_superuser("root-user", password="x")
    assert scope_root(root, view) is None


def test_organisation_ids_are_the_scope_of_for_user_read_once(
    world, ledger_world, django_assert_num_queries
):
    from fazhi.ledgers.models import Attachment
    from fazhi.orgs.models import Organisation
    from fazhi.orgs.roles import Capability
    from fazhi.orgs.scoping import forget_memberships, organisation_ids

    for role in ("clerk", "leader", "advisor", "inspector", "county_admin"):
        user = world.users[role]
        for capabilities in (None, {Capability.LEDGER_VIEW}, {Capability.PERSONAL_DATA}):
            expected = sorted(
                Organisation.objects.for_user(user, capabilities).values_list("pk", flat=True)
            )
            assert organisation_ids(user, capabilities) == expected, (role, capabilities)
            by_ids = set(Attachment.objects.for_user_by_ids(user, capabilities))
            assert by_ids == set(Attachment.objects.for_user(user, capabilities))
            if role in ("clerk", "inspector") and capabilities != {Capability.PERSONAL_DATA}:
                assert by_ids, role  # the comparison is not of two empty sets
    clerk = world.users["clerk"]
    with django_assert_num_queries(0):
        organisation_ids(clerk, {Capability.LEDGER_VIEW})  # cached on the user object
    forget_memberships(clerk)
    with django_assert_num_queries(2):  # memberships, then the ids
        organisation_ids(clerk, {Capability.LEDGER_VIEW})
    superuser = get_user_model().objects.create_superuser("root", password="x-Fazhi-2026")
    assert organisation_ids(superuser) is None
