"""公众参与, 专家论证, 风险评估, 合法性审查: each rule refused (nothing changed) and lawful."""

import importlib
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.deadlines.models import Deadline
from fazhi.decisions import services
from fazhi.decisions.models import (
    DecisionProcedure,
    Opinion,
    ParticipationForm,
    Step,
    StepState,
)
from tests.decisions.helpers import attach, make_decision, snapshot

pytestmark = pytest.mark.django_db


def refused(decision, call, *fragments):
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        call()
    text = " ".join(error.value.messages)
    for fragment in fragments:
        assert fragment in text, text
    assert snapshot() == before
    return text


def open_comment(world, decision, **overrides):
    values = {
        "started_on": date(2025, 3, 10),
        "ends_on": date(2025, 4, 9),
        "participation_form": ParticipationForm.ONLINE,
        "method": "政府网站公开征求意见",
    }
    return services.participation_open(
        actor=world.users["clerk"], record=decision, **(values | overrides)
    )


def test_comment_period_under_30_days_needs_a_reason(world):
    decision = make_decision(world)
    refused(
        decision,
        lambda: open_comment(world, decision, ends_on=date(2025, 3, 31)),
        "一般不少于30日",
        "第十五条",
        "2025-04-09",
    )


def test_comment_period_of_30_days_opens_with_a_deadline(world):
    decision = make_decision(world)
    procedure = open_comment(world, decision)
    assert procedure.state == StepState.OPEN
    deadline = Deadline.objects.get(record_id=decision.pk, code="decision.public_comment")
    assert deadline.due_on == date(2025, 4, 9) and deadline.met_on is None
    assert deadline.name == "重大行政决策公开征求意见期届满"


def test_shortened_comment_period_with_a_reason_is_lawful(world):
    decision = make_decision(world)
    procedure = open_comment(
        world, decision, ends_on=date(2025, 3, 20), shortened_reason="汛期临近，情况紧急。"
    )
    assert procedure.shortened_reason == "汛期临近，情况紧急。"


def test_comment_cannot_start_before_the_decision(world):
    decision = make_decision(world)
    refused(
        decision,
        lambda: open_comment(world, decision, started_on=date(2025, 3, 1)),
        "不能早于决策启动日期",
    )


def test_comment_cannot_close_before_its_end(world):
    decision = make_decision(world)
    open_comment(world, decision)
    refused(
        decision,
        lambda: services.participation_complete(
            actor=world.users["clerk"], record=decision, done_on=date(2025, 4, 1), evidence="x"
        ),
        "2025-04-09 届满",
        "不能提前结束",
    )


def test_closing_comment_needs_evidence(world):
    decision = make_decision(world)
    open_comment(world, decision)
    refused(
        decision,
        lambda: services.participation_complete(
            actor=world.users["clerk"], record=decision, done_on=date(2025, 4, 10)
        ),
        "请填写情况说明或选择该决策的附件",
    )


def test_closing_comment_with_an_attachment_meets_the_deadline(world):
    decision = make_decision(world)
    open_comment(world, decision)
    attachment = attach(decision)
    procedure = services.participation_complete(
        actor=world.users["clerk"], record=decision, done_on=date(2025, 4, 9), attachment=attachment
    )
    assert procedure.state == StepState.DONE and procedure.evidence_attachment == attachment
    deadline = Deadline.objects.get(record_id=decision.pk, code="decision.public_comment")
    assert deadline.met_on == date(2025, 4, 9)


def test_evidence_must_be_the_decisions_own_attachment(world):
    decision = make_decision(world)
    other = make_decision(world, title="另一项决策")
    refused(
        decision,
        lambda: services.procedure_record(
            actor=world.users["clerk"],
            record=decision,
            step=Step.EXPERT,
            done_on=date(2025, 3, 5),
            attachment=attach(other),
        ),
        "不是该决策的附件",
    )


def test_expert_review_recorded_once_with_evidence(world):
    decision = make_decision(world)
    clerk = world.users["clerk"]
    services.procedure_record(
        actor=clerk,
        record=decision,
        step=Step.EXPERT,
        done_on=date(2025, 3, 5),
        evidence="书面论证",
    )
    refused(
        decision,
        lambda: services.procedure_record(
            actor=clerk, record=decision, step=Step.EXPERT, done_on=date(2025, 3, 6), evidence="再"
        ),
        "不能重复登记",
    )
    refused(
        decision,
        lambda: services.procedure_waive(
            actor=clerk, record=decision, step=Step.EXPERT, reason="x"
        ),
        "不能重复登记",
    )


@pytest.mark.parametrize("step", [Step.PARTICIPATION, Step.EXPERT, Step.RISK])
def test_waiver_needs_a_reason(world, step):
    decision = make_decision(world)
    refused(
        decision,
        lambda: services.procedure_waive(
            actor=world.users["clerk"], record=decision, step=step, reason="  "
        ),
        "不适用于该决策的理由",
    )
    waived = services.procedure_waive(
        actor=world.users["clerk"], record=decision, step=step, reason="不涉及社会稳定。"
    )
    assert waived.state == StepState.WAIVED and waived.waiver_reason == "不涉及社会稳定。"


@pytest.mark.parametrize(
    "step, article", [(Step.LEGALITY, "第二十五条"), (Step.COLLECTIVE, "第三十条")]
)
def test_legality_review_and_collective_decision_are_never_waived(world, step, article):
    decision = make_decision(world)
    refused(
        decision,
        lambda: services.procedure_waive(
            actor=world.users["clerk"], record=decision, step=step, reason="不需要"
        ),
        "法定必经程序",
        article,
    )


def review(world, decision, actor="reviewer", **overrides):
    values = {
        "submitted_on": date(2025, 3, 20),
        "reviewed_on": date(2025, 4, 1),
        "opinion": Opinion.PASSED,
        "evidence": "权限、程序、内容合法。",
    }
    return services.legality_review_record(
        actor=world.users[actor], record=decision, **(values | overrides)
    )


@pytest.mark.parametrize("role", ["clerk", "leader", "inspector"])
def test_only_the_reviewer_records_the_legality_review(world, role):
    decision = make_decision(world)
    before = snapshot()
    with pytest.raises(PermissionDenied, match="法制审核员"):
        review(world, decision, actor=role)
    assert snapshot() == before


def test_reviewer_records_the_opinion(world):
    decision = make_decision(world)
    procedure = review(world, decision, opinion=Opinion.PASSED_AMENDED)
    assert procedure.passed and procedure.recorded_by == world.users["reviewer"]


def test_no_legality_review_while_public_comment_is_open(world):
    decision = make_decision(world)
    open_comment(world, decision)
    refused(decision, lambda: review(world, decision), "公开征求意见尚未结束", "第二十七条")


def test_review_date_not_before_submission(world):
    decision = make_decision(world)
    refused(
        decision,
        lambda: review(world, decision, reviewed_on=date(2025, 3, 19)),
        "审查日期不能早于送审日期",
    )


def test_failed_review_may_be_followed_by_a_new_one_but_a_passed_one_stands(world):
    decision = make_decision(world)
    review(world, decision, opinion=Opinion.FAILED)
    second = review(world, decision, reviewed_on=date(2025, 4, 10))
    assert second.opinion == Opinion.PASSED
    assert DecisionProcedure.objects.filter(decision=decision, step=Step.LEGALITY).count() == 1
    assert second.history.count() == 2  # the failed opinion stays in the history
    refused(decision, lambda: review(world, decision), "已有合法性审查意见", "不能重复登记")


def test_clerk_of_another_township_may_not_record(world):
    decision = make_decision(world, org="A2")
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.procedure_waive(
            actor=world.users["clerk"], record=decision, step=Step.RISK, reason="x"
        )
    assert snapshot() == before


def test_participation_is_recorded_with_a_chosen_form(world):
    decision = make_decision(world)
    refused(
        decision,
        lambda: open_comment(world, decision, participation_form="座谈"),
        "请选择公众参与方式",
    )
    refused(
        decision,
        lambda: open_comment(world, decision, participation_form="other", method=""),
        "选“其他”的，请写明具体方式",
    )
    procedure = open_comment(
        world, decision, participation_form=ParticipationForm.HEARING, method=""
    )
    assert procedure.participation_form == ParticipationForm.HEARING
    assert procedure.get_participation_form_display() == "听证会"


@pytest.mark.parametrize(
    ("method", "form"),
    [
        ("镇人民政府网站公开征求意见，召开村民代表座谈会", "forum"),
        ("举行听证会", "hearing"),
        ("专家论证会", "argument"),
        ("政府网站公开征求意见", "online"),
        ("书面征求相关单位意见", "written"),
        ("入户走访", "other"),
        ("", "other"),
    ],
)
def test_the_migration_maps_recorded_methods_onto_the_forms(method, form):
    migration = importlib.import_module("fazhi.decisions.migrations.0003_participation_form")
    assert migration.form_from_method(method) == form
    assert form in ParticipationForm.values
