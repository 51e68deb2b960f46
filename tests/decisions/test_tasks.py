"""Major decisions on the home page (fazhi.decisions.tasks): legality review for the reviewer,
collective discussion for the leader."""

from datetime import date

from fazhi.decisions import services
from fazhi.decisions.models import Opinion
from fazhi.decisions.tasks import collective, legality
from tests.decisions.helpers import decide, make_decision, ready_for_decision
from tests.tasks_helpers import group_of, holders


def test_a_decision_moves_from_the_reviewers_queue_to_the_leaders(
    world, django_assert_max_num_queries
):
    decision = make_decision(world, title="集镇道路提质改造")
    make_decision(world, org="A2", title="乙镇的决策")
    reviewer, leader = world.users["reviewer"], world.users["leader"]
    review = group_of(reviewer, "decision_review")
    assert [t.key for t in review.tasks] == [f"decision:{decision.pk}:legality"]
    assert review.tasks[0].title == "重大行政决策“集镇道路提质改造”（2025-03-03启动）待合法性审查"
    assert review.tasks[0].url == f"/decisions/{decision.pk}/"
    assert group_of(leader, "decision_collective").tasks == []

    ready_for_decision(world, decision)
    assert group_of(reviewer, "decision_review").tasks == []
    discuss = group_of(leader, "decision_collective")
    assert [t.key for t in discuss.tasks] == [f"decision:{decision.pk}:collective"]
    assert "待集体讨论决定" in discuss.tasks[0].title
    with django_assert_max_num_queries(2):
        collective(leader)
    with django_assert_max_num_queries(2):
        legality(reviewer)

    decide(world, decision)
    assert group_of(leader, "decision_collective").empty == "没有待集体讨论的重大行政决策"
    assert group_of(leader, "decision_collective").tasks == []


def test_a_reviewed_decision_with_procedures_missing_is_not_ready_for_the_meeting(world):
    decision = make_decision(world)
    services.legality_review_record(
        actor=world.users["reviewer"],
        record=decision,
        submitted_on=date(2025, 3, 21),
        reviewed_on=date(2025, 4, 1),
        opinion=Opinion.PASSED,
        evidence="合法。",
    )
    # 公众参与, 专家论证 and 风险评估 are neither done nor waived (collective_check refuses).
    assert group_of(world.users["leader"], "decision_collective").tasks == []
    assert group_of(world.users["reviewer"], "decision_review").tasks == []


def test_who_has_each_group(world):
    assert holders(world, "decision_review") == {"reviewer"}
    assert holders(world, "decision_collective") == {"leader"}
