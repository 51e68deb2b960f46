"""A decision's page offers exactly the actions whose service accepts valid input, in every
state and for every role: the preconditions live in the services only."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from fazhi.decisions import services, views
from fazhi.decisions.models import (
    WAIVABLE,
    DecisionProcedure,
    MajorDecision,
    Opinion,
    ParticipationForm,
    Result,
    Step,
)
from fazhi.ledgers.services import record_archive
from tests.decisions.helpers import DECISIONS, START, decide, make_decision, ready_for_decision
from tests.workflow_actions import accepted

ROLES = ("clerk", "reviewer", "leader")
LATE = START + timedelta(days=200)  # after every step of the states below


def sample_calls(pk, actor) -> dict:
    def fresh():
        return MajorDecision.objects.select_related("organisation").get(pk=pk)

    current = fresh()
    recorded = set(
        DecisionProcedure.objects.filter(decision=current).values_list("step", flat=True)
    )
    step = next((s for s in (Step.EXPERT, Step.RISK) if s not in recorded), Step.EXPERT)
    waivable = next((s for s in WAIVABLE if s not in recorded), Step.PARTICIPATION)
    participation = DecisionProcedure.objects.filter(
        decision=current, step=Step.PARTICIPATION
    ).first()
    ends_on = participation.ends_on if participation and participation.ends_on else LATE
    return {
        "participation_open": lambda: services.participation_open(
            actor=actor,
            record=fresh(),
            started_on=START,
            ends_on=START + timedelta(days=40),
            participation_form=ParticipationForm.ONLINE,
            method="政府网站公开征求意见",
        ),
        "participation_complete": lambda: services.participation_complete(
            actor=actor, record=fresh(), done_on=ends_on, evidence="意见采纳情况说明。"
        ),
        "procedure": lambda: services.procedure_record(
            actor=actor, record=fresh(), step=step, done_on=START, evidence="论证意见。"
        ),
        "waive": lambda: services.procedure_waive(
            actor=actor, record=fresh(), step=waivable, reason="依法不适用。"
        ),
        "collective": lambda: services.collective_decide(
            actor=actor,
            record=fresh(),
            decided_on=LATE,
            meeting="镇人民政府常务会议",
            result=Result.ADOPTED,
            dissent="无",
            evidence="会议纪要。",
        ),
        "legality": lambda: services.legality_review_record(
            actor=actor,
            record=fresh(),
            submitted_on=LATE,
            reviewed_on=LATE,
            opinion=Opinion.PASSED,
            evidence="合法。",
        ),
        "publish": lambda: services.decision_publish(
            actor=actor,
            record=fresh(),
            published_on=current.decided_on or LATE,
            channel="政府网站",
            late_reason="说明",
        ),
        "file": lambda: services.decision_file(
            actor=actor, record=fresh(), filed_on=LATE + timedelta(days=30)
        ),
    }


@pytest.fixture
def decisions(world):
    clerk, reviewer = world.users["clerk"], world.users["reviewer"]
    states = {"new": make_decision(world, title="新启动")}
    commenting = make_decision(world, title="征求意见中")
    services.participation_open(
        actor=clerk,
        record=commenting,
        started_on=START,
        ends_on=START + timedelta(days=40),
        participation_form=ParticipationForm.ONLINE,
        method="政府网站公开征求意见",
    )
    states["commenting"] = commenting
    half = make_decision(world, title="部分程序完成")
    services.procedure_record(
        actor=clerk, record=half, step=Step.EXPERT, done_on=START, evidence="论证意见。"
    )
    states["expert_done"] = half
    all_recorded = make_decision(world, title="程序均已登记")
    services.procedure_waive(
        actor=clerk, record=all_recorded, step=Step.PARTICIPATION, reason="依法不予公开。"
    )
    for step in (Step.EXPERT, Step.RISK):
        services.procedure_record(
            actor=clerk, record=all_recorded, step=step, done_on=START, evidence="已完成。"
        )
    states["all_recorded"] = all_recorded
    failed = make_decision(world, title="审查未通过")
    services.legality_review_record(
        actor=reviewer,
        record=failed,
        submitted_on=START,
        reviewed_on=START,
        opinion=Opinion.FAILED,
        evidence="不合法。",
    )
    states["review_failed"] = failed
    for name in ("ready", "decided", "rejected", "published", "filed"):
        record = make_decision(world, title=name)
        ready_for_decision(world, record)
        if name != "ready":
            adopted = Result.REJECTED if name == "rejected" else Result.ADOPTED
            decide(world, record, result=adopted)
        if name in ("published", "filed"):
            services.decision_publish(
                actor=clerk, record=record, published_on=date(2025, 4, 10), channel="政府网站"
            )
        if name == "filed":
            services.decision_file(actor=clerk, record=record, filed_on=date(2025, 5, 1))
        states[name] = record
    archived = make_decision(world, title="已归档隐藏")
    record_archive(actor=None, kind=DECISIONS, record=archived, reason="重复登记")
    states["archived"] = archived
    return states


def test_the_page_actions_are_the_services_actions():
    assert set(views.ACTIONS) == set(services.ACTION_CHECKS)


@pytest.mark.parametrize("role", ROLES)
def test_offered_exactly_when_the_service_accepts(world, decisions, role):
    actor = world.users[role]
    seen = set()
    for state, record in decisions.items():
        record = MajorDecision.objects.get(pk=record.pk)
        offered = set(services.open_actions(actor, record))
        assert offered == accepted(sample_calls(record.pk, actor)), state
        seen |= offered
    expected = {
        "clerk": set(services.ACTION_CHECKS) - {"legality"},
        "reviewer": {"legality"},
        "leader": set(),
    }
    assert seen == expected[role]


def test_the_decision_page_shows_the_open_actions_only(client, world, decisions):
    client.force_login(world.users["clerk"])
    html = client.get(reverse("decisions:record", args=[decisions["expert_done"].pk])).content
    html = html.decode()
    assert "开始公开征求意见" in html and "登记程序不适用" in html
    # No legality review yet: 集体讨论决定 would be refused, so it is not offered.
    assert reverse("decisions:collective", args=[decisions["expert_done"].pk]) not in html
