"""The reviewer's queue of enforcement cases (fazhi.enforcement.tasks)."""

from datetime import date

from fazhi.core.tasks import TaskKind
from fazhi.enforcement import services
from fazhi.enforcement.tasks import source
from tests.enforcement.helpers import case
from tests.tasks_helpers import group_of, holders


def _submitted(world, org, number):
    record = case(world, org=org, case_number=number)
    services.case_review_submit(actor=None, record=record, submitted_on=date(2025, 3, 10))
    return record


def test_reviewer_sees_cases_submitted_for_review_in_own_township_only(
    world, django_assert_max_num_queries
):
    waiting = _submitted(world, "A1", "甲镇罚〔2025〕7号")
    case(world, case_number="甲镇罚〔2025〕8号")  # not submitted
    _submitted(world, "A2", "乙镇罚〔2025〕1号")
    reviewer = world.users["reviewer"]
    group = group_of(reviewer, "case_review")
    assert [t.key for t in group.tasks] == [f"case:{waiting.pk}:review:2025-03-10"]
    task = group.tasks[0]
    assert task.kind == TaskKind.AWAITING
    assert task.title == "执法案件 甲镇罚〔2025〕7号 行政处罚（2025-03-03立案）待法制审核"
    assert task.url == f"/enforcement/{waiting.pk}/"
    assert task.detail == "2025-03-10提交审核"
    assert holders(world, "case_review") == {"reviewer"}
    with django_assert_max_num_queries(2):
        source(reviewer)
    services.legal_review_record(
        actor=reviewer, record=waiting, reviewed_on=date(2025, 3, 12), opinion="passed"
    )
    group = group_of(reviewer, "case_review")
    assert group.tasks == [] and group.empty == "没有待审核的执法案件"
