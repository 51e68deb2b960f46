"""Reports on the home page (fazhi.reports.tasks): returns for writers, 审定/报送 for leaders."""

from datetime import date

import pytest

from fazhi.core.tasks import TaskKind
from fazhi.reports import services
from fazhi.reports.tasks import awaiting, returned
from tests.reports.helpers import YEAR, meeting
from tests.tasks_helpers import group_of, holders

pytestmark = pytest.mark.django_db
DRAFTED, ON_TIME = date(YEAR + 1, 2, 10), date(YEAR + 1, 2, 20)


def _draft(world, org="A1"):
    return services.report_create(
        actor=None, organisation=world.orgs[org], year=YEAR, today=DRAFTED
    )


def _submitted(world, org):
    meeting(world.orgs[org])
    version = services.version_approve(actor=None, version=_draft(world, org))
    return services.version_submit(actor=None, version=version, submitted_on=ON_TIME)


def test_leader_sees_the_draft_to_approve_then_the_version_to_submit(world):
    version = _draft(world, "A1")
    _draft(world, "A2")  # another township's draft never shows
    leader = world.users["leader"]
    group = group_of(leader, "report_approval")
    assert len(group.tasks) == 1 and group.count == 1
    task = group.tasks[0]
    assert task.kind == TaskKind.AWAITING
    assert task.title.startswith(f"甲镇{YEAR}年度法治政府建设情况报告（第1版）待审定")
    assert task.url == f"/reports/100001101/?year={YEAR}&v=1"
    assert task.key == f"report:{version.pk}:draft"
    meeting(world.orgs["A1"])
    services.version_approve(actor=None, version=version)
    group = group_of(leader, "report_approval")
    assert (
        "待报送" in group.tasks[0].title and group.tasks[0].key == f"report:{version.pk}:approved"
    )
    services.version_submit(actor=None, version=version, submitted_on=ON_TIME)
    group = group_of(leader, "report_approval")
    assert group.tasks == [] and group.empty == "没有待审定或待报送的年度报告"


def test_writers_see_a_returned_report_with_its_reason(world):
    first = _submitted(world, "A1")
    other = _submitted(world, "A2")
    inspector = world.users["inspector"]
    services.version_return(actor=inspector, version=first, reason="请补充述法情况。")
    services.version_return(actor=inspector, version=other, reason="乙镇的问题。")
    for role in ("clerk", "leader"):
        group = group_of(world.users[role], "report_returns")
        assert [t.key for t in group.tasks] == [f"report:{first.pk}:returned"]
        assert group.tasks[0].kind == TaskKind.RETURNED
        assert "被县里退回修改" in group.tasks[0].title
        assert group.tasks[0].detail == "退回理由：请补充述法情况。"


def test_who_has_each_group(world):
    assert holders(world, "report_returns") == {"clerk", "leader"}
    assert holders(world, "report_approval") == {"leader"}


def test_constant_queries_and_stable_keys(world, django_assert_max_num_queries):
    for org in ("A1",):
        _draft(world, org)
    leader = world.users["leader"]
    keys = [t.key for t in group_of(leader, "report_approval").tasks]
    assert keys == [t.key for t in group_of(leader, "report_approval").tasks]
    with django_assert_max_num_queries(3):
        awaiting(leader)
    with django_assert_max_num_queries(3):
        returned(leader)
