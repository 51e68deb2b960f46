"""People pages: who sees and manages whom, roles within ROLE_LEVELS and the admin's subtree,
one-time passwords, deactivation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.audit.models import AdminAction
from fazhi.orgs.models import Membership
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from fazhi.people import services
from fazhi.people.models import Person
from tests.world import PASSWORD


@pytest.fixture
def other_clerk(world):
    """A clerk of 乙镇 (another township of the same county)."""
    user = get_user_model().objects.create_user(username="yizhen.clerk", password=PASSWORD)
    membership_grant(actor=None, user=user, organisation=world.orgs["A2"], role=Role.CLERK)
    return user


def _create(client, world, **data):
    payload = {
        "display_name": "王小明",
        "organisation": world.orgs["A1"].pk,
        "phone": "13812345678",
        "username": "wang.xm",
        "role": Role.CLERK,
        **data,
    }
    return client.post(reverse("people:create"), payload)


def test_township_admin_sees_only_their_townships_people(client, world, other_clerk):
    client.force_login(world.users["admin"])
    html = client.get(reverse("people:list")).content.decode()
    assert "leader" in html and "advisor" in html  # 甲镇 and its village 甲一村
    assert "yizhen.clerk" not in html and "county_admin" not in html
    for name in ("people:detail", "people:edit"):
        assert client.get(reverse(name, args=[other_clerk.pk])).status_code == 404
    response = client.post(reverse("people:deactivate", args=[other_clerk.pk]))
    assert response.status_code == 404
    other_clerk.refresh_from_db()
    assert other_clerk.is_active


def test_county_admin_sees_every_township_of_the_county(client, world, other_clerk):
    client.force_login(world.users["county_admin"])
    html = client.get(reverse("people:list")).content.decode()
    assert "yizhen.clerk" in html and "leader" in html
    assert client.get(reverse("people:detail", args=[other_clerk.pk])).status_code == 200


def test_other_roles_are_refused_the_people_pages(client, world):
    for role in ("clerk", "leader", "inspector", "advisor"):
        client.force_login(world.users[role])
        assert client.get(reverse("people:list")).status_code == 403


def test_add_a_person_shows_a_one_time_password_once(client, world):
    client.force_login(world.users["admin"])
    response = _create(client, world)
    assert response.status_code == 200
    html = response.content.decode()
    password = re.search(r'data-testid="one-time-password">([^<]+)<', html).group(1)
    user = get_user_model().objects.get(username="wang.xm")
    assert user.display_name == "王小明" and user.must_change_password
    assert user.check_password(password)
    assert Person.objects.get(user=user).organisation == world.orgs["A1"]
    assert list(user.memberships.values_list("organisation__code", "role")) == [
        (world.orgs["A1"].code, Role.CLERK)
    ]
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    assert password not in client.get(reverse("people:detail", args=[user.pk])).content.decode()
    entry = AdminAction.objects.get(verb="person.create")
    assert entry.actor == world.users["admin"] and entry.scope_path == world.orgs["A1"].path
    assert "王小明" in entry.summary


def test_add_a_person_with_a_taken_login_name_is_refused_in_chinese(client, world):
    client.force_login(world.users["admin"])
    response = _create(client, world, username="leader")
    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert not AdminAction.objects.exists()


def test_township_admin_cannot_add_a_person_to_another_township(client, world):
    client.force_login(world.users["admin"])
    response = _create(client, world, organisation=world.orgs["A2"].pk)
    assert response.status_code == 200  # the unit is not among the choices
    assert not get_user_model().objects.filter(username="wang.xm").exists()


def test_township_admin_cannot_grant_a_county_role(client, world):
    clerk = world.users["clerk"]
    client.force_login(world.users["admin"])
    response = client.post(
        reverse("people:role_grant", args=[clerk.pk]),
        {"organisation": world.orgs["A"].pk, "role": Role.INSPECTOR},
        follow=True,
    )
    assert "单位不在可选范围内，请从列表中选择" in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.role_grant(
            actor=world.users["admin"], user=clerk, organisation=world.orgs["A"], role=Role.ADMIN
        )
    assert not Membership.objects.filter(user=clerk, organisation=world.orgs["A"]).exists()
    assert not AdminAction.objects.exists()


def test_a_role_only_where_role_levels_allow_it(client, world):
    clerk = world.users["clerk"]
    client.force_login(world.users["admin"])
    response = client.post(
        reverse("people:role_grant", args=[clerk.pk]),
        {"organisation": world.orgs["A1V1"].pk, "role": Role.CLERK},
        follow=True,
    )
    assert "录入员只能设在乡镇（街道）" in response.content.decode()
    assert not Membership.objects.filter(user=clerk, organisation=world.orgs["A1V1"]).exists()


def test_grant_and_revoke_a_role_are_recorded(client, world):
    clerk = world.users["clerk"]
    client.force_login(world.users["admin"])
    client.post(
        reverse("people:role_grant", args=[clerk.pk]),
        {"organisation": world.orgs["A1"].pk, "role": Role.LEADER},
    )
    membership = Membership.objects.get(user=clerk, role=Role.LEADER)
    client.post(reverse("people:role_revoke", args=[clerk.pk, membership.pk]))
    assert not Membership.objects.filter(user=clerk, role=Role.LEADER).exists()
    assert list(AdminAction.objects.order_by("id").values_list("verb", flat=True)) == [
        "role.grant",
        "role.revoke",
    ]
    # The membership's own history keeps that it existed.
    assert Membership.history.filter(user_id=clerk.pk, role=Role.LEADER).count() == 2


def test_a_person_with_a_role_elsewhere_is_not_the_township_admins_to_manage(world):
    """A township admin must not take over (reset the password of) someone who also holds a
    role outside their township."""
    clerk = world.users["clerk"]
    membership_grant(actor=None, user=clerk, organisation=world.orgs["A2"], role=Role.LEADER)
    with pytest.raises(PermissionDenied):
        services.person_reset_password(actor=world.users["admin"], user=clerk)
    with pytest.raises(PermissionDenied):
        services.person_deactivate(actor=world.users["admin"], user=clerk)
    services.person_reset_password(actor=world.users["county_admin"], user=clerk)


def test_phone_shown_only_to_those_who_manage_the_person(client, world):
    user, _ = services.person_create(
        actor=world.users["county_admin"],
        username="zhao",
        display_name="赵六",
        organisation=world.orgs["A1"],
        phone="13900001111",
    )
    membership_grant(actor=None, user=user, organisation=world.orgs["A2"], role=Role.CLERK)
    client.force_login(world.users["admin"])  # sees 赵六 (unit 甲镇) but does not manage them
    html = client.get(reverse("people:detail", args=[user.pk])).content.decode()
    assert "139****1111" in html and "13900001111" not in html
    assert "13900001111" not in client.get(reverse("people:list")).content.decode()
    client.force_login(world.users["county_admin"])
    assert "13900001111" in client.get(reverse("people:detail", args=[user.pk])).content.decode()


def test_a_deactivated_person_can_no_longer_log_in_and_keeps_their_roles(client, world):
    clerk = world.users["clerk"]
    session = client.__class__()
    session.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert session.get(reverse("home")).status_code == 200
    client.force_login(world.users["admin"])
    client.post(reverse("people:deactivate", args=[clerk.pk]))
    clerk.refresh_from_db()
    assert not clerk.is_active
    assert clerk.memberships.filter(role=Role.CLERK).exists()  # kept, with their records
    # The open session ends, and a new login is refused.
    assert session.get(reverse("home")).status_code == 302
    response = session.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 200 and "该账号已停用" in response.content.decode()
    assert session.get(reverse("home")).status_code == 302
    # Without the right password nothing tells that the account exists or is stopped.
    response = session.post(reverse("login"), {"username": "clerk", "password": "Wrong-Pass-1"})
    assert "请输入一个正确的" in response.content.decode()
    assert "停用" not in response.content.decode()
    assert get_user_model().objects.filter(pk=clerk.pk).exists()
    client.post(reverse("people:reactivate", args=[clerk.pk]))
    response = session.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert response.status_code == 302
    assert list(AdminAction.objects.order_by("id").values_list("verb", flat=True)) == [
        "person.deactivate",
        "person.reactivate",
    ]


def test_an_admin_cannot_lock_themselves_out(world):
    admin = world.users["admin"]
    with pytest.raises(ValidationError):
        services.person_deactivate(actor=admin, user=admin)
    membership = admin.memberships.get(role=Role.ADMIN)
    with pytest.raises(ValidationError):
        services.role_revoke(actor=admin, membership=membership)
    admin.refresh_from_db()
    assert admin.is_active and admin.memberships.filter(role=Role.ADMIN).exists()


def test_reset_password_gives_a_new_one_time_password(client, world):
    clerk = world.users["clerk"]
    client.force_login(world.users["admin"])
    response = client.post(reverse("people:reset_password", args=[clerk.pk]))
    html = response.content.decode()
    password = re.search(r'data-testid="one-time-password">([^<]+)<', html).group(1)
    clerk.refresh_from_db()
    assert clerk.must_change_password and clerk.check_password(password)
    assert not clerk.check_password(PASSWORD)
    entry = AdminAction.objects.get(verb="person.password_reset")
    assert password not in str(entry.detail) and password not in entry.summary


def test_edit_a_person(client, world):
    user, _ = services.person_create(
        actor=world.users["admin"],
        username="li",
        display_name="李四",
        organisation=world.orgs["A1"],
    )
    client.force_login(world.users["admin"])
    page = client.get(reverse("people:edit", args=[user.pk])).content.decode()
    version = re.search(r'name="seen_version" value="(\d+)"', page).group(1)
    response = client.post(
        reverse("people:edit", args=[user.pk]),
        {
            "display_name": "李四光",
            "organisation": world.orgs["A1V1"].pk,
            "phone": "13700000000",
            "seen_version": version,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "李四光" and user.person.organisation == world.orgs["A1V1"]
    entry = AdminAction.objects.get(verb="person.update")
    assert "姓名、单位、手机号" in entry.summary and "13700000000" not in str(entry.detail)
    bad = client.post(
        reverse("people:edit", args=[user.pk]),
        {"display_name": "李四", "organisation": world.orgs["A1"].pk, "phone": "123"},
    )
    assert "手机号应为 11 位数字" in bad.content.decode()


def test_menu_offers_people_to_admins_and_the_audit_to_inspectors(world):
    from django.test import RequestFactory

    from fazhi.site.navigation import navigation_for

    def labels(role):
        request = RequestFactory().get("/")
        request.user = world.users[role]
        return {item["label"] for item in navigation_for(request)}

    assert "人员与角色" in labels("admin") and "人员与角色" in labels("county_admin")
    assert "管理记录" in labels("inspector")
    assert not {"人员与角色", "管理记录"} & labels("clerk")


def test_add_a_person_with_a_role_that_does_not_fit_the_unit(client, world):
    client.force_login(world.users["admin"])
    response = _create(client, world, organisation=world.orgs["A1V1"].pk, role=Role.CLERK)
    assert response.status_code == 200
    assert "录入员只能设在乡镇（街道）" in response.content.decode()
    assert not get_user_model().objects.filter(username="wang.xm").exists()
    assert not AdminAction.objects.exists()
