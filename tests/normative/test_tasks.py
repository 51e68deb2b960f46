"""The reviewer's queue of normative documents (fazhi.normative.tasks)."""

from fazhi.core.tasks import TaskKind
from fazhi.normative.tasks import source
from tests.normative.helpers import at_stage
from tests.tasks_helpers import group_of, holders


def test_reviewer_sees_documents_sent_for_review_in_own_township_only(
    world, django_assert_max_num_queries
):
    waiting = at_stage(world, "review", title="关于规范农村建房的实施办法")
    at_stage(world, "consulted", title="尚未送审的文件")
    at_stage(world, "deliberation", title="已审核通过的文件", number="甲政规〔2025〕2号")
    at_stage(world, "review", org="A2", title="乙镇送审的文件")
    reviewer = world.users["reviewer"]
    group = group_of(reviewer, "normative_review")
    assert [t.key for t in group.tasks] == [f"normative:{waiting.pk}:review:1"]
    task = group.tasks[0]
    assert task.kind == TaskKind.AWAITING
    assert task.title == "规范性文件《关于规范农村建房的实施办法》（2025-03-03起草）待合法性审核"
    assert task.url == f"/normative/{waiting.pk}/" and task.organisation_name == "甲镇"
    assert holders(world, "normative_review") == {"reviewer"}
    with django_assert_max_num_queries(2):
        source(reviewer)


def test_an_empty_queue_says_so(world):
    group = group_of(world.users["reviewer"], "normative_review")
    assert group.tasks == [] and group.empty == "没有待审核的规范性文件"
