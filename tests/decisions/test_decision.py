"""集体讨论决定, 公布, 归档 and the lock on a decided draft: refused (nothing changed), lawful."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.deadlines.models import Deadline
from fazhi.decisions import services
from fazhi.decisions.kinds import DECISIONS
from fazhi.decisions.models import Opinion, Result, Status, Step
from fazhi.ledgers.services import record_update
from tests.decisions.helpers import decide, make_decision, ready_for_decision, snapshot
from tests.decisions.test_procedures import refused, review

pytestmark = pytest.mark.django_db


def test_collective_decision_refused_without_a_legality_review(world):
    decision = make_decision(world)
    clerk = world.users["clerk"]
    for step in (Step.PARTICIPATION, Step.EXPERT, Step.RISK):
        services.procedure_waive(actor=clerk, record=decision, step=step, reason="不适用。")
    refused(
        decision,
        lambda: decide(world, decision),
        "未经合法性审查",
        "不得提交集体讨论",
        "第二十五条",
    )


def test_collective_decision_refused_after_a_failed_review(world):
    decision = make_decision(world)
    review(world, decision, opinion=Opinion.FAILED)
    refused(decision, lambda: decide(world, decision), "不通过", "第二十五条")


def test_collective_decision_refused_before_every_procedure_is_done_or_waived(world):
    decision = make_decision(world)
    services.procedure_waive(
        actor=world.users["clerk"], record=decision, step=Step.EXPERT, reason="不适用。"
    )
    review(world, decision)
    refused(decision, lambda: decide(world, decision), "公众参与、风险评估", "第二十九条")


def test_collective_decision_needs_dissent_and_meeting_and_date_after_procedures(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    clerk = world.users["clerk"]

    def call(**overrides):
        values = {
            "decided_on": date(2025, 4, 8),
            "meeting": "镇人民政府常务会议",
            "result": Result.ADOPTED,
            "dissent": "无",
            "evidence": "纪要",
        }
        return lambda: services.collective_decide(
            actor=clerk, record=decision, **(values | overrides)
        )

    refused(decision, call(dissent=""), "不同意见", "没有请填“无”", "第三十条")
    refused(decision, call(meeting=" "), "常务会议或者全体会议")
    refused(decision, call(decided_on=date(2025, 3, 31)), "2025-04-01")
    refused(decision, call(evidence=""), "请填写情况说明")


def test_collective_decision_by_a_reviewer_is_refused(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.collective_decide(
            actor=world.users["reviewer"],
            record=decision,
            decided_on=date(2025, 4, 8),
            meeting="常务会议",
            result=Result.ADOPTED,
            dissent="无",
            evidence="纪要",
        )
    assert snapshot() == before


def test_adopted_decision_gets_a_publication_deadline(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decided = decide(world, decision)
    assert decided.status == Status.DECIDED and decided.decided_on == date(2025, 4, 8)
    deadline = Deadline.objects.get(record_id=decision.pk, code="openness.proactive")
    assert deadline.name == "重大行政决策公布"
    # 20 working days after 2025-04-08: 04-27 (a Sunday) was a make-up working day and
    # 05-01..05 the 劳动节 holiday.
    assert deadline.due_on == date(2025, 5, 8)
    # Procedures are closed once decided.
    refused(
        decision,
        lambda: services.procedure_waive(
            actor=world.users["clerk"], record=decision, step=Step.RISK, reason="x"
        ),
        "不能再登记或变更决策程序",
    )


def test_rejected_decision_has_no_publication(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    rejected = decide(world, decision, result=Result.REJECTED)
    assert rejected.status == Status.REJECTED
    assert not Deadline.objects.filter(record_id=decision.pk, code="openness.proactive").exists()
    refused(
        decision,
        lambda: services.decision_publish(
            actor=world.users["clerk"], record=decision, published_on=date(2025, 4, 9), channel="网"
        ),
        "只有经集体讨论决定通过的决策才能公布",
    )
    filed = services.decision_file(
        actor=world.users["clerk"], record=decision, filed_on=date(2025, 4, 20)
    )
    assert filed.status == Status.FILED


def test_publication_refused_before_the_decision(world):
    decision = make_decision(world)
    refused(
        decision,
        lambda: services.decision_publish(
            actor=world.users["clerk"], record=decision, published_on=date(2025, 4, 9), channel="网"
        ),
        "履行程序中",
        "才能公布",
    )


def publish(world, decision, **overrides):
    values = {"published_on": date(2025, 4, 15), "channel": "镇人民政府网站"}
    return services.decision_publish(
        actor=world.users["clerk"], record=decision, **(values | overrides)
    )


def test_publication_needs_channel_and_date_after_decision(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    refused(decision, lambda: publish(world, decision, channel=""), "公布渠道")
    refused(
        decision,
        lambda: publish(world, decision, published_on=date(2025, 4, 7)),
        "不能早于决定日期",
    )


def test_late_publication_needs_a_reason_and_is_marked_late(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    refused(
        decision,
        lambda: publish(world, decision, published_on=date(2025, 5, 12)),
        "应于 2025-05-08 前公布",
        "第三十二条",
        "逾期公布请说明原因",
    )
    published = publish(world, decision, published_on=date(2025, 5, 12), late_reason="网站改版。")
    assert published.status == Status.PUBLISHED and published.publication_late_reason
    deadline = Deadline.objects.get(record_id=decision.pk, code="openness.proactive")
    assert deadline.met_on == date(2025, 5, 12) and deadline.state(date(2025, 6, 1)) == "met_late"


def test_publication_on_time_then_filing(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    refused(
        decision,
        lambda: services.decision_file(
            actor=world.users["clerk"], record=decision, filed_on=date(2025, 5, 1)
        ),
        "已公布或集体讨论未通过的决策才能归档",
        "第三十三条",
    )
    published = publish(world, decision)
    assert published.publication_late_reason == ""
    deadline = Deadline.objects.get(record_id=decision.pk, code="openness.proactive")
    assert deadline.state(date(2025, 6, 1)) == "met_on_time"
    refused(
        decision,
        lambda: services.decision_file(
            actor=world.users["clerk"], record=decision, filed_on=date(2025, 4, 14)
        ),
        "归档日期不能早于2025-04-15",
    )
    filed = services.decision_file(
        actor=world.users["clerk"], record=decision, filed_on=date(2025, 5, 6), dossier_number="A-1"
    )
    assert filed.status == Status.FILED and filed.filed_on == date(2025, 5, 6)
    refused(
        decision,
        lambda: services.decision_file(
            actor=world.users["clerk"], record=decision, filed_on=date(2025, 5, 7)
        ),
        "已归档",
    )


def test_decided_draft_cannot_be_edited(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    decision.refresh_from_db()
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        record_update(
            actor=world.users["clerk"], kind=DECISIONS, record=decision, data={"content": "改了"}
        )
    assert "不能再修改决策草案要点" in " ".join(error.value.messages)
    assert snapshot() == before
    # Remarks stay editable.
    decision.refresh_from_db()
    assert record_update(
        actor=world.users["clerk"], kind=DECISIONS, record=decision, data={"remarks": "已执行"}
    )


def test_draft_is_editable_before_the_decision(world):
    decision = make_decision(world)
    assert record_update(
        actor=world.users["clerk"], kind=DECISIONS, record=decision, data={"content": "改了"}
    )
