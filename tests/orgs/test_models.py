import pytest
from django.core.exceptions import ValidationError

from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.orgs.services import membership_grant, organisation_create


def test_tree_levels_are_enforced(world):
    with pytest.raises(ValidationError, match="乡镇（街道）的上级必须是县（区）"):
        organisation_create(
            actor=None, code="9", name="错镇", level=Level.TOWNSHIP, parent=world.orgs["A1"]
        )
    with pytest.raises(ValidationError, match="请选择上级单位"):
        organisation_create(actor=None, code="8", name="无上级村", level=Level.VILLAGE)
    assert not Organisation.objects.filter(code__in=["8", "9"]).exists()


def test_codes_are_unique_with_a_chinese_message(world):
    with pytest.raises(ValidationError, match="该代码已被其他单位使用"):
        organisation_create(
            actor=None, code="100001101", name="重复", level=Level.TOWNSHIP, parent=world.orgs["A"]
        )


def test_paths_sort_in_tree_order(world):
    ordered = [
        org.name for org in Organisation.objects.filter(path__startswith=world.orgs["A"].path)
    ]
    assert ordered == ["甲县", "甲镇", "甲一村", "甲二村", "乙镇", "乙一村"]
    assert world.orgs["A1V1"].ancestor_ids() == [
        world.orgs["A"].pk,
        world.orgs["A1"].pk,
        world.orgs["A1V1"].pk,
    ]


def test_roles_sit_at_their_level(world):
    with pytest.raises(ValidationError, match="法律顾问只能设在村（社区）"):
        membership_grant(
            actor=None, user=world.users["clerk"], organisation=world.orgs["A1"], role=Role.ADVISOR
        )
    with pytest.raises(ValidationError, match="督察只能设在县（区）"):
        membership_grant(
            actor=None,
            user=world.users["clerk"],
            organisation=world.orgs["A1"],
            role=Role.INSPECTOR,
        )
    assert Membership.objects.filter(user=world.users["clerk"]).count() == 1
