"""集体讨论决定, 公布 and 归档 of a decision."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.decisions import duedates
from fazhi.decisions.models import (
    WAIVABLE,
    DecisionProcedure,
    Opinion,
    Result,
    Status,
    Step,
    StepState,
)
from fazhi.decisions.services.common import (
    ACT,
    check_active,
    check_edit,
    check_procedures_open,
    evidence_of,
    happened,
    locked,
    not_before_start,
    procedure_of,
    save,
)

# The precondition of each action (see fazhi.core.actions): who may, and whether the
# decision's state allows it whatever the input.


def collective_check(actor, decision) -> None:
    """第二十五条: no discussion without a passed legality review; 第二十九条: the discussion
    receives the results of every other procedure."""
    check_edit(actor, decision)
    check_procedures_open(decision)
    review = procedure_of(decision, Step.LEGALITY)
    if review is None:
        raise ValidationError(f"决策草案未经合法性审查，不得提交集体讨论（{ACT}第二十五条）。")
    if review.opinion == Opinion.FAILED:
        raise ValidationError(
            f"合法性审查意见为“不通过”，决策草案不得提交集体讨论（{ACT}第二十五条）；"
            "请修改草案后重新送审。"
        )
    procedures = {p.step: p for p in DecisionProcedure.objects.filter(decision=decision)}
    missing = [
        Step(step).label
        for step in WAIVABLE
        if step not in procedures or procedures[step].state == StepState.OPEN
    ]
    if missing:
        raise ValidationError(
            f"以下程序尚未完成，也未登记不适用理由：{'、'.join(missing)}"
            f"（{ACT}第二十九条：提交讨论须同时报送公众意见、专家论证意见的采纳情况和风险评估报告）。"
        )


def publish_check(actor, decision) -> None:
    check_edit(actor, decision)
    check_active(decision)
    if decision.status != Status.DECIDED:
        raise ValidationError(
            f"该决策{decision.get_status_display()}，只有经集体讨论决定通过的决策才能公布。"
        )


def file_check(actor, decision) -> None:
    check_edit(actor, decision)
    check_active(decision)
    if decision.status not in (Status.PUBLISHED, Status.REJECTED):
        raise ValidationError(
            f"该决策{decision.get_status_display()}；已公布或集体讨论未通过的决策才能归档"
            f"（{ACT}第三十三条）。"
        )


def _check_date(decision, decided_on: date) -> None:
    procedures = DecisionProcedure.objects.filter(decision=decision)
    latest = max(p.done_on for p in procedures if p.done_on is not None)
    if decided_on < latest:
        raise ValidationError(
            f"集体讨论决定日期不能早于已登记程序的最后完成日期（{latest:%Y-%m-%d}）。"
        )


@transaction.atomic
def collective_decide(
    *,
    actor,
    record,
    decided_on: date,
    meeting: str,
    result: str,
    dissent: str,
    evidence: str = "",
    attachment=None,
):
    """The 常务会议 / 全体会议 decision (第三十条), with dissenting opinions written down."""
    decision = locked(record)
    collective_check(actor, decision)
    not_before_start(decision, decided_on, "集体讨论日期", "decided_on")
    _check_date(decision, decided_on)
    meeting = (meeting or "").strip()
    if not meeting:
        raise ValidationError(f"请填写讨论决定的会议（常务会议或者全体会议，{ACT}第三十条）。")
    if result not in Result.values:
        raise ValidationError("请选择决定结果：通过或不通过。")
    dissent = (dissent or "").strip()
    if not dissent:
        raise ValidationError(
            f"请填写会上的不同意见，没有请填“无”（{ACT}第三十条：不同意见应当如实载明）。"
        )
    evidence, attachment = evidence_of(decision, evidence, attachment)
    procedure = DecisionProcedure(
        organisation=decision.organisation,
        decision=decision,
        step=Step.COLLECTIVE,
        state=StepState.DONE,
        done_on=decided_on,
        meeting=meeting,
        result=result,
        dissent=dissent,
        evidence=evidence,
        evidence_attachment=attachment,
        recorded_by=actor,
    )
    save(procedure, actor=actor, reason=f"集体讨论决定：{Result(result).label}")
    adopted = result == Result.ADOPTED
    decision.status = Status.DECIDED if adopted else Status.REJECTED
    decision.decided_on = decided_on
    save(decision, actor=actor, reason="集体讨论决定" if adopted else "集体讨论未通过")
    duedates.sync_deadlines(decision, actor=actor)
    return decision


@transaction.atomic
def decision_publish(*, actor, record, published_on: date, channel: str, late_reason: str = ""):
    """第三十二条: the decision is made public; a late publication states why."""
    decision = locked(record)
    publish_check(actor, decision)
    happened(published_on, "公布日期", "published_on")
    if published_on is None or published_on < decision.decided_on:
        raise ValidationError(f"公布日期不能早于决定日期（{decision.decided_on:%Y-%m-%d}）。")
    channel = (channel or "").strip()
    if not channel:
        raise ValidationError("请填写公布渠道（如政府网站、政府公报、公开栏）。")
    due = duedates.publication_due(decision.organisation, decision.decided_on).day
    late_reason = (late_reason or "").strip()
    if published_on > due and not late_reason:
        raise ValidationError(
            f"该决策应于 {due:%Y-%m-%d} 前公布（{duedates.PUBLICATION_SOURCE}），"
            "逾期公布请说明原因。"
        )
    decision.status = Status.PUBLISHED
    decision.published_on = published_on
    decision.publication_channel = channel
    decision.publication_late_reason = late_reason if published_on > due else ""
    save(decision, actor=actor, reason="决策公布")
    duedates.sync_deadlines(decision, actor=actor)
    return decision


@transaction.atomic
def decision_file(*, actor, record, filed_on: date, dossier_number: str = ""):
    """第三十三条: the record and materials of the procedures go to the archive (决策档案)."""
    decision = locked(record)
    file_check(actor, decision)
    last = decision.published_on or decision.decided_on
    not_before_start(decision, filed_on, "归档日期", "filed_on")
    if filed_on < last:
        raise ValidationError(f"归档日期不能早于{last:%Y-%m-%d}（公布或决定日期）。")
    decision.status = Status.FILED
    decision.filed_on = filed_on
    decision.dossier_number = (dossier_number or "").strip()
    save(decision, actor=actor, reason="决策归档")
    duedates.sync_deadlines(decision, actor=actor)
    return decision
