"""公众参与, 专家论证, 风险评估, 合法性审查: each done with evidence or (except the legality
review) recorded as not applicable with a reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.decisions import duedates
from fazhi.decisions.models import (
    WAIVABLE,
    DecisionProcedure,
    Opinion,
    ParticipationForm,
    Step,
    StepState,
)
from fazhi.decisions.services.common import (
    ACT,
    check_edit,
    check_procedures_open,
    check_reviewer,
    evidence_of,
    happened,
    locked,
    not_before_start,
    procedure_of,
    save,
)

NEVER_WAIVED = {
    Step.LEGALITY: f"合法性审查是法定必经程序，不能登记为不适用（{ACT}第二十五条）。",
    Step.COLLECTIVE: f"集体讨论决定是法定必经程序，不能登记为不适用（{ACT}第三十条）。",
}


def _new(decision, step, actor, **values) -> DecisionProcedure:
    return DecisionProcedure(
        organisation=decision.organisation,
        decision=decision,
        step=step,
        recorded_by=actor,
        **values,
    )


def _refuse_recorded(decision, step) -> None:
    existing = procedure_of(decision, step)
    if existing is not None:
        raise ValidationError(
            f"该决策已登记“{existing.get_step_display()}”（{existing.get_state_display()}），"
            "不能重复登记。"
        )


def _some_unrecorded(decision, steps, message: str) -> None:
    recorded = set(
        DecisionProcedure.objects.filter(decision=decision, step__in=steps).values_list(
            "step", flat=True
        )
    )
    if recorded >= set(steps):
        raise ValidationError(message)


# The precondition of each action (see fazhi.core.actions): who may, and whether the
# decision's state allows it whatever the input.


def participation_open_check(actor, decision) -> None:
    check_edit(actor, decision)
    check_procedures_open(decision)
    _refuse_recorded(decision, Step.PARTICIPATION)


def participation_complete_check(actor, decision) -> None:
    check_edit(actor, decision)
    check_procedures_open(decision)
    procedure = procedure_of(decision, Step.PARTICIPATION)
    if procedure is None or procedure.state != StepState.OPEN:
        raise ValidationError("该决策没有正在进行的公开征求意见。")


def procedure_check(actor, decision) -> None:
    check_edit(actor, decision)
    check_procedures_open(decision)
    _some_unrecorded(decision, (Step.EXPERT, Step.RISK), "该决策的专家论证和风险评估均已登记。")


def waive_check(actor, decision) -> None:
    check_edit(actor, decision)
    check_procedures_open(decision)
    _some_unrecorded(decision, WAIVABLE, "该决策的公众参与、专家论证和风险评估均已登记。")


def legality_check(actor, decision) -> None:
    check_reviewer(actor, decision)
    check_procedures_open(decision)
    participation = procedure_of(decision, Step.PARTICIPATION)
    if participation is not None and participation.state == StepState.OPEN:
        raise ValidationError(
            f"公开征求意见尚未结束（至 {participation.ends_on:%Y-%m-%d}），决策草案尚未形成，"
            f"不能送请合法性审查（{ACT}第二十七条：审查草案的形成是否履行了法定程序）。"
        )
    procedure = procedure_of(decision, Step.LEGALITY)
    if procedure is not None and procedure.opinion != Opinion.FAILED:
        raise ValidationError(
            f"该决策已有合法性审查意见（{procedure.get_opinion_display()}），不能重复登记。"
        )


@transaction.atomic
def participation_open(
    *,
    actor,
    record,
    started_on: date,
    ends_on: date,
    participation_form: str,
    method: str = "",
    shortened_reason: str = "",
) -> DecisionProcedure:
    """Start public comment (第十四条、第十五条); the period is a named deadline."""
    decision = locked(record)
    participation_open_check(actor, decision)
    not_before_start(decision, started_on, "征求意见开始日期", "started_on")
    if ends_on is None or ends_on <= started_on:
        raise ValidationError("征求意见截止日期须晚于开始日期。")
    if participation_form not in ParticipationForm.values:
        raise ValidationError(
            "请选择公众参与方式（听证会、座谈会、论证会、网上征求意见、书面征求意见或其他）。"
        )
    method = (method or "").strip()
    if participation_form == ParticipationForm.OTHER and not method:
        raise ValidationError("公众参与方式选“其他”的，请写明具体方式。")
    minimum = duedates.comment_due(decision.organisation, started_on)
    shortened_reason = (shortened_reason or "").strip()
    if ends_on < minimum.day and not shortened_reason:
        period = duedates.period(duedates.COMMENT, decision.organisation)
        raise ValidationError(
            f"向社会公开征求意见的期限一般不少于{period.length_label}"
            f"（本次应至少至 {minimum.day:%Y-%m-%d}）；情况紧急需要缩短的，"
            f"须说明理由（{ACT}第十五条）。"
        )
    procedure = _new(
        decision,
        Step.PARTICIPATION,
        actor,
        state=StepState.OPEN,
        started_on=started_on,
        ends_on=ends_on,
        participation_form=participation_form,
        method=method,
        shortened_reason=shortened_reason if ends_on < minimum.day else "",
    )
    save(procedure, actor=actor, reason="公开征求意见")
    duedates.sync_deadlines(decision, actor=actor)
    return procedure


@transaction.atomic
def participation_complete(
    *, actor, record, done_on: date, evidence: str = "", attachment=None
) -> DecisionProcedure:
    """Close public comment with the account of the opinions and their adoption (第十八条)."""
    decision = locked(record)
    participation_complete_check(actor, decision)
    procedure = procedure_of(decision, Step.PARTICIPATION)
    happened(done_on, "结束日期", "done_on")
    if done_on is None or done_on < procedure.ends_on:
        raise ValidationError(
            f"征求意见期至 {procedure.ends_on:%Y-%m-%d} 届满，不能提前结束（{ACT}第十五条）。"
        )
    evidence, attachment = evidence_of(decision, evidence, attachment)
    procedure.state = StepState.DONE
    procedure.done_on = done_on
    procedure.evidence = evidence
    procedure.evidence_attachment = attachment
    save(procedure, actor=actor, reason="公众参与完成")
    duedates.sync_deadlines(decision, actor=actor)
    return procedure


@transaction.atomic
def procedure_record(
    *, actor, record, step: str, done_on: date, evidence: str = "", attachment=None, method=""
) -> DecisionProcedure:
    """专家论证 (第十九条) or 风险评估 (第二十二条) done, with its opinion or report."""
    decision = locked(record)
    procedure_check(actor, decision)
    if step not in (Step.EXPERT, Step.RISK):
        raise ValidationError("这里只能登记专家论证或风险评估。")
    _refuse_recorded(decision, step)
    not_before_start(decision, done_on, "完成日期", "done_on")
    evidence, attachment = evidence_of(decision, evidence, attachment)
    procedure = _new(
        decision,
        step,
        actor,
        state=StepState.DONE,
        done_on=done_on,
        method=(method or "").strip(),
        evidence=evidence,
        evidence_attachment=attachment,
    )
    return save(procedure, actor=actor, reason=f"{Step(step).label}完成")


@transaction.atomic
def procedure_waive(*, actor, record, step: str, reason: str) -> DecisionProcedure:
    """Record why 公众参与, 专家论证 or 风险评估 does not apply to this decision."""
    decision = locked(record)
    waive_check(actor, decision)
    if step in NEVER_WAIVED:
        raise ValidationError(NEVER_WAIVED[step])
    if step not in WAIVABLE:
        raise ValidationError("没有这个决策程序。")
    _refuse_recorded(decision, step)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(f"请填写“{Step(step).label}”不适用于该决策的理由。")
    procedure = _new(decision, step, actor, state=StepState.WAIVED, waiver_reason=reason)
    return save(procedure, actor=actor, reason=f"{Step(step).label}不适用：{reason}"[:100])


@transaction.atomic
def legality_review_record(
    *,
    actor,
    record,
    submitted_on: date,
    reviewed_on: date,
    opinion: str,
    evidence: str = "",
    attachment=None,
) -> DecisionProcedure:
    """The reviewer's 合法性审查意见 (第二十五条至第二十八条). A failed review may be followed by
    a new one after the draft is revised; the history keeps the earlier opinion."""
    decision = locked(record)
    legality_check(actor, decision)
    if opinion not in Opinion.values:
        raise ValidationError("请选择审查意见：通过、修改后通过或不通过。")
    not_before_start(decision, submitted_on, "送审日期", "submitted_on")
    happened(reviewed_on, "审查日期", "reviewed_on")
    if reviewed_on is None or reviewed_on < submitted_on:
        raise ValidationError("审查日期不能早于送审日期。")
    evidence, attachment = evidence_of(decision, evidence, attachment)
    procedure = procedure_of(decision, Step.LEGALITY)
    procedure = procedure or _new(decision, Step.LEGALITY, actor, state=StepState.DONE)
    procedure.started_on = submitted_on
    procedure.done_on = reviewed_on
    procedure.opinion = opinion
    procedure.evidence = evidence
    procedure.evidence_attachment = attachment
    procedure.recorded_by = actor
    return save(procedure, actor=actor, reason=f"合法性审查：{Opinion(opinion).label}")
