"""The statutory procedure of one normative document, one function per transition.

Each checks the actor's capability, the state and every legal precondition (ValidationError with
a Chinese reason; nothing is written then) and records who did it in the history.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.deadlines.resolve import period_for
from fazhi.normative.models import (
    DRAFT_STATES,
    IN_FORCE,
    PRE_PUBLICATION,
    Amendment,
    Consultation,
    Deliberation,
    LegalityReview,
    Status,
)
from fazhi.normative.services.common import (
    COMMENT_PERIOD,
    MAX_VALIDITY_YEARS,
    PROCEDURE_SOURCE,
    VALIDITY_SOURCE,
    add_years,
    check_day,
    require_active,
    require_edit,
    require_reviewer,
    save_document,
    save_step,
)


def _state_is(record, allowed, message: str) -> None:
    if record.status not in allowed:
        raise ValidationError(f"{message}（当前状态：{record.get_status_display()}）。")


def _text(value, label: str, max_length: int = 200) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(f"请填写{label}。")
    return value[:max_length]


def _draft_state(record) -> Status:
    return Status.AMENDING if record.revision > 1 else Status.DRAFTING


def _steps(model, record):
    return model.objects.filter(document=record, revision=record.revision)


def current_consultation(record):
    return _steps(Consultation, record).order_by("-starts_on", "-pk").first()


def open_review(record):
    return _steps(LegalityReview, record).filter(reviewed_on__isnull=True).last()


def last_review(record):
    return _steps(LegalityReview, record).filter(reviewed_on__isnull=False).last()


def last_deliberation(record):
    return _steps(Deliberation, record).order_by("meeting_on", "pk").last()


def earliest_comment_end(record, starts_on: date) -> date:
    return period_for(COMMENT_PERIOD, record.organisation).due(starts_on).day


def _closed_consultation(record):
    return _steps(Consultation, record).filter(closed_on__isnull=False).last()


# The precondition of each action (see fazhi.core.actions): who may, and whether the
# document's state allows it whatever the input (`today`: the latest date an input may have).


def consultation_start_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, DRAFT_STATES, "只有起草（或修改）中的文件可以公开征求意见")


def consultation_close_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, {Status.CONSULTATION}, "该文件不在公开征求意见阶段")
    ends_on = current_consultation(record).ends_on
    if ends_on > (today or timezone.localdate()):
        raise ValidationError(
            f"征求意见期至{ends_on:%Y-%m-%d}届满，期满前不能结束征求意见（征求意见期须得到保障）。"
        )


def review_submit_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, DRAFT_STATES, "只有起草（或修改）中的文件可以送交合法性审核")
    if _closed_consultation(record) is None:
        raise ValidationError(
            f"该文件尚未完成公开征求意见，不能送交合法性审核（{PROCEDURE_SOURCE}）。"
        )


def review_record_check(actor, record, today=None) -> None:
    require_reviewer(actor, record)
    require_active(record)
    _state_is(record, {Status.REVIEW}, "该文件不在合法性审核阶段")


def deliberation_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(
        record,
        {Status.DELIBERATION},
        "未经合法性审核通过的文件不得提交集体审议，只有审核通过待审议的文件可以登记审议",
    )


def publish_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, PRE_PUBLICATION, "该文件已公布，不能重复公布")
    _publication_basis(record)


def file_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, {Status.PUBLISHED}, "只有已公布待备案的文件可以登记备案")


def amend_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, {Status.EFFECTIVE}, "只有已备案的有效文件可以启动修改")


def repeal_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, IN_FORCE, "只有现行有效的文件可以废止")


def expire_check(actor, record, today=None) -> None:
    require_edit(actor, record)
    require_active(record)
    _state_is(record, IN_FORCE, "只有现行有效的文件可以登记失效")
    if record.expires_on is None:
        raise ValidationError("该文件未设定有效期，不会因期满失效；需停止执行的，请办理废止。")
    if record.expires_on >= (today or timezone.localdate()):
        raise ValidationError(
            f"该文件有效期至{record.expires_on:%Y-%m-%d}，届满前不能登记失效（{VALIDITY_SOURCE}）。"
        )


@transaction.atomic
def consultation_start(*, actor, record, starts_on, ends_on, channel, today=None):
    consultation_start_check(actor, record, today)
    check_day(
        starts_on,
        "征求意见开始日期",
        today=today,
        not_before=record.occurred_on,
        before_label="起草日期",
    )
    if ends_on is None:
        raise ValidationError("请填写征求意见截止日期。")
    earliest = earliest_comment_end(record, starts_on)
    if ends_on < earliest:
        period = period_for(COMMENT_PERIOD, record.organisation)
        raise ValidationError(
            f"征求意见期不得少于{period.length_label}，截止日期不能早于{earliest:%Y-%m-%d}"
            f"（{period.source}）。"
        )
    step = Consultation(
        organisation=record.organisation,
        document=record,
        revision=record.revision,
        recorded_by=actor,
        starts_on=starts_on,
        ends_on=ends_on,
        channel=_text(channel, "征求意见方式", 100),
    )
    save_step(step, actor=actor, reason="开始公开征求意见")
    record.status = Status.CONSULTATION
    save_document(record, actor=actor, reason="开始公开征求意见")
    return step


@transaction.atomic
def consultation_close(
    *, actor, record, closed_on, comments_received=None, adoption="", today=None
):
    consultation_close_check(actor, record, today)
    step = current_consultation(record)
    check_day(closed_on, "征求意见结束日期", today=today)
    if closed_on < step.ends_on:
        raise ValidationError(
            f"征求意见期至{step.ends_on:%Y-%m-%d}届满，期满前不能结束征求意见（征求意见期须得到保障）。"
        )
    if comments_received is not None and comments_received < 0:
        raise ValidationError("收到意见条数不能为负数。")
    step.closed_on = closed_on
    step.comments_received = comments_received
    step.adoption = (adoption or "").strip()
    save_step(step, actor=actor, reason="结束公开征求意见")
    record.status = _draft_state(record)
    save_document(record, actor=actor, reason="结束公开征求意见")
    return step


@transaction.atomic
def review_submit(*, actor, record, submitted_on, today=None):
    review_submit_check(actor, record, today)
    consultation = _closed_consultation(record)
    check_day(
        submitted_on,
        "送审日期",
        today=today,
        not_before=consultation.closed_on,
        before_label="征求意见结束日期",
    )
    step = LegalityReview(
        organisation=record.organisation,
        document=record,
        revision=record.revision,
        recorded_by=actor,
        submitted_on=submitted_on,
    )
    save_step(step, actor=actor, reason="送交合法性审核")
    record.status = Status.REVIEW
    save_document(record, actor=actor, reason="送交合法性审核")
    return step


@transaction.atomic
def review_record(*, actor, record, reviewed_on, opinion, remarks="", today=None):
    """The reviewer's opinion: a pass sends the document on to deliberation, a fail back to
    drafting."""
    review_record_check(actor, record, today)
    step = open_review(record)
    if opinion not in LegalityReview.Opinion.values:
        raise ValidationError("请选择审核意见：通过、修改后通过或不通过。")
    remarks = (remarks or "").strip()
    if opinion != LegalityReview.Opinion.PASSED and not remarks:
        raise ValidationError("审核意见为“修改后通过”或“不通过”的，须写明修改意见或不通过的理由。")
    check_day(
        reviewed_on, "审核日期", today=today, not_before=step.submitted_on, before_label="送审日期"
    )
    step.reviewed_on = reviewed_on
    step.opinion = opinion
    step.remarks = remarks
    step.reviewer = actor
    label = LegalityReview.Opinion(opinion).label
    save_step(step, actor=actor, reason=f"合法性审核：{label}")
    record.status = Status.DELIBERATION if step.passed else _draft_state(record)
    save_document(record, actor=actor, reason=f"合法性审核：{label}")
    return step


@transaction.atomic
def deliberation_record(
    *, actor, record, meeting_on, meeting_title, minutes_ref="", agreed=True, today=None
):
    deliberation_check(actor, record, today)
    review = last_review(record)
    check_day(
        meeting_on,
        "审议会议日期",
        today=today,
        not_before=review.reviewed_on,
        before_label="合法性审核日期",
    )
    step = Deliberation(
        organisation=record.organisation,
        document=record,
        revision=record.revision,
        recorded_by=actor,
        meeting_on=meeting_on,
        meeting_title=_text(meeting_title, "会议名称"),
        minutes_ref=(minutes_ref or "").strip(),
        agreed=bool(agreed),
    )
    verdict = "通过" if step.agreed else "未通过"
    save_step(step, actor=actor, reason=f"集体审议{verdict}")
    record.status = Status.APPROVED if step.agreed else _draft_state(record)
    save_document(record, actor=actor, reason=f"集体审议{verdict}")
    return step


def _publication_basis(record):
    """The passed review and the agreeing deliberation after it, or the reason publication is
    refused (未经合法性审核、集体审议的不得公布)."""
    review = last_review(record)
    if review is None or not review.passed:
        raise ValidationError(
            "未经合法性审核通过（通过或修改后通过）的文件不得公布；审核不通过的须修改后重新送审"
            f"（{PROCEDURE_SOURCE}）。"
        )
    deliberation = last_deliberation(record)
    if (
        deliberation is None
        or not deliberation.agreed
        or deliberation.meeting_on < review.reviewed_on
    ):
        raise ValidationError(f"未经集体审议通过的文件不得公布（{PROCEDURE_SOURCE}）。")
    return review, deliberation


@transaction.atomic
def document_publish(
    *, actor, record, published_on, doc_number, channel, validity_years=None, today=None
):
    publish_check(actor, record, today)
    _review, deliberation = _publication_basis(record)
    check_day(
        published_on,
        "公布日期",
        today=today,
        not_before=deliberation.meeting_on,
        before_label="集体审议日期",
    )
    doc_number = _text(doc_number, "文号", 60)
    clash = (
        type(record)
        .objects.filter(organisation_id=record.organisation_id, doc_number=doc_number)
        .exclude(pk=record.pk)
        .first()
    )
    if clash is not None:
        raise ValidationError(f"本乡镇的《{clash.title}》已使用文号“{doc_number}”，文号不能重复。")
    if validity_years is not None and not 1 <= validity_years <= MAX_VALIDITY_YEARS:
        raise ValidationError(f"有效期须为 1 至 {MAX_VALIDITY_YEARS} 年（{VALIDITY_SOURCE}）。")
    record.doc_number = doc_number
    record.published_on = published_on
    record.publish_channel = _text(channel, "公布渠道", 100)
    record.validity_years = validity_years
    record.expires_on = (
        add_years(published_on, validity_years) - timedelta(days=1) if validity_years else None
    )
    record.filed_on = None
    record.filing_authority = ""
    record.status = Status.PUBLISHED
    save_document(record, actor=actor, reason=f"公布（{doc_number}）")
    return record


@transaction.atomic
def document_file(*, actor, record, filed_on, authority, today=None):
    file_check(actor, record, today)
    check_day(
        filed_on, "备案日期", today=today, not_before=record.published_on, before_label="公布日期"
    )
    record.filed_on = filed_on
    record.filing_authority = _text(authority, "备案机关", 100)
    record.status = Status.EFFECTIVE
    save_document(record, actor=actor, reason="报送备案")
    return record


def start_amendment(*, actor, record, started_on, reason) -> Amendment:
    """Open a new revision (shared with the cleanup's 修改 conclusion)."""
    record.revision += 1
    step = Amendment(
        organisation=record.organisation,
        document=record,
        revision=record.revision,
        recorded_by=actor,
        started_on=started_on,
        reason=reason,
    )
    save_step(step, actor=actor, reason=f"启动修改：{reason}")
    record.status = Status.AMENDING
    save_document(record, actor=actor, reason=f"启动修改：{reason}")
    return step


@transaction.atomic
def document_amend(*, actor, record, started_on, reason, today=None):
    amend_check(actor, record, today)
    check_day(
        started_on, "启动修改日期", today=today, not_before=record.filed_on, before_label="备案日期"
    )
    return start_amendment(
        actor=actor, record=record, started_on=started_on, reason=_text(reason, "修改原因")
    )


def end_in_force(*, actor, record, ended_on, reason, status) -> None:
    record.status = status
    record.ended_on = ended_on
    record.end_reason = reason
    save_document(record, actor=actor, reason=f"{status.label}：{reason}")


@transaction.atomic
def document_repeal(*, actor, record, repealed_on, reason, today=None):
    repeal_check(actor, record, today)
    check_day(
        repealed_on,
        "废止日期",
        today=today,
        not_before=record.published_on,
        before_label="公布日期",
    )
    end_in_force(
        actor=actor,
        record=record,
        ended_on=repealed_on,
        reason=_text(reason, "废止原因"),
        status=Status.REPEALED,
    )
    return record


@transaction.atomic
def document_expire(*, actor, record, expired_on, today=None):
    """失效: the validity period has run out (a document stopped early is repealed instead)."""
    expire_check(actor, record, today)
    check_day(expired_on, "失效日期", today=today)
    if expired_on <= record.expires_on:
        raise ValidationError(
            f"该文件有效期至{record.expires_on:%Y-%m-%d}，届满前不能登记失效（{VALIDITY_SOURCE}）。"
        )
    reason = f"有效期（{record.validity_years}年）届满"
    end_in_force(
        actor=actor, record=record, ended_on=expired_on, reason=reason, status=Status.EXPIRED
    )
    return record
