"""The 信访 workflow under 《信访工作条例》: 登记 → 受理决定 → 办理 (延期) → 答复 → 复查请求.

Each function is one transition; an illegal one raises and writes nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import actions
from fazhi.core.services import save_validated
from fazhi.disputes import timelimits
from fazhi.disputes.kinds import PETITIONS
from fazhi.disputes.models import Petition, PetitionExtension
from fazhi.disputes.services.common import check_day, check_writable, required_text

Status = Petition.Status
DECISIONS = {
    "accept": (Status.ACCEPTED, "受理"),
    "not_accept": (Status.NOT_ACCEPTED, "不予受理"),
    "transfer": (Status.TRANSFERRED, "转送"),
}


def _require_status(petition, status, action: str) -> None:
    if petition.status != status:
        raise ValidationError(f"该信访事项当前为“{petition.get_status_display()}”，不能{action}。")


def _lock(record) -> Petition:
    # Re-read under a row lock so two clerks cannot both take the same transition.
    return Petition.objects.select_for_update().select_related("organisation").get(pk=record.pk)


def _extension_limit(used: int) -> str:
    return (
        f"延长办理期限累计不得超过{timelimits.MAX_EXTENSION_DAYS}日（《信访工作条例》"
        f"第三十四条），已延长{used}日。"
    )


# The precondition of each action (see fazhi.core.actions): who may, and whether the
# petition's state allows it whatever the input.


def decide_check(actor, petition) -> None:
    check_writable(actor=actor, kind=PETITIONS, record=petition)
    _require_status(petition, Status.REGISTERED, "作出受理决定")


def extend_check(actor, petition) -> None:
    check_writable(actor=actor, kind=PETITIONS, record=petition)
    _require_status(petition, Status.ACCEPTED, "延长办理期限")
    used = petition.extension_days
    if used >= timelimits.MAX_EXTENSION_DAYS:
        raise ValidationError(_extension_limit(used))


def reply_check(actor, petition) -> None:
    check_writable(actor=actor, kind=PETITIONS, record=petition)
    _require_status(petition, Status.ACCEPTED, "答复")


def review_check(actor, petition) -> None:
    check_writable(actor=actor, kind=PETITIONS, record=petition)
    _require_status(petition, Status.REPLIED, "登记复查请求")


@transaction.atomic
def petition_decide(
    *, actor, record, decision, decided_on, note="", transferred_to="", today=None
) -> Petition:
    """受理、不予受理或转送 (第二十三条: written notice within 15 days of receipt; a late
    decision is recorded and its deadline shows as met late)."""
    petition = _lock(record)
    decide_check(actor, petition)
    if decision not in DECISIONS:
        raise ValidationError("请选择受理、不予受理或转送。")
    check_day(
        decided_on,
        label="受理决定日期",
        not_before=petition.occurred_on,
        before_label="收到日期",
        today=today,
    )
    note = (note or "").strip()
    transferred_to = (transferred_to or "").strip()
    if decision == "not_accept" and not note:
        raise ValidationError(
            "不予受理须写明理由，以便书面告知信访人（《信访工作条例》第二十三条）。"
        )
    if decision == "transfer" and not transferred_to:
        raise ValidationError("转送须写明接收的有权处理机关（《信访工作条例》第二十三条）。")
    if decision != "transfer":
        transferred_to = ""
    status, label = DECISIONS[decision]
    petition.status = status
    petition.decided_on = decided_on
    petition.decision_note = note
    petition.transferred_to = transferred_to
    save_validated(petition, actor=actor, reason=label)
    timelimits.sync_deadlines(petition, actor=actor)
    return petition


@transaction.atomic
def petition_extend(*, actor, record, approved_on, days, approver, reason, today=None):
    """Extend the handling period with the approval of the person in charge (第三十四条:
    not more than 30 days in all, approved before the period runs out)."""
    petition = _lock(record)
    extend_check(actor, petition)
    approver = required_text(approver, "批准人")
    reason = required_text(reason, "延期理由（须告知信访人，第三十四条）")
    check_day(
        approved_on,
        label="批准日期",
        not_before=petition.decided_on,
        before_label="受理日期",
        today=today,
    )
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError("请填写延长天数。") from None
    used = petition.extension_days
    if days < 1 or used + days > timelimits.MAX_EXTENSION_DAYS:
        raise ValidationError(_extension_limit(used))
    due = timelimits.handling_due(petition)
    if approved_on > due:
        raise ValidationError(
            f"办理期限已于{due:%Y-%m-%d}届满，届满后不能再批准延期（《信访工作条例》第三十四条）。"
        )
    extension = PetitionExtension(
        organisation=petition.organisation,
        petition=petition,
        approved_on=approved_on,
        days=days,
        approver=approver,
        reason=reason,
    )
    save_validated(extension, actor=actor, reason="批准延长办理期限")
    timelimits.sync_deadlines(petition, actor=actor)
    return extension


@transaction.atomic
def petition_reply(*, actor, record, replied_on, reply_text, today=None) -> Petition:
    """The written reply (处理意见书, 第三十二条) closes the handling."""
    petition = _lock(record)
    reply_check(actor, petition)
    reply_text = required_text(reply_text, "答复意见（处理意见及依据，第三十二条）")
    check_day(
        replied_on,
        label="答复日期",
        not_before=petition.decided_on,
        before_label="受理日期",
        today=today,
    )
    petition.status = Status.REPLIED
    petition.replied_on = replied_on
    petition.reply_text = reply_text
    save_validated(petition, actor=actor, reason="答复")
    timelimits.sync_deadlines(petition, actor=actor)
    return petition


@transaction.atomic
def petition_request_review(*, actor, record, requested_on, review_body, today=None) -> Petition:
    """The petitioner asks for review within 30 days of the written reply (第三十五条)."""
    petition = _lock(record)
    review_check(actor, petition)
    review_body = required_text(review_body, "复查机关")
    check_day(
        requested_on,
        label="请求复查日期",
        not_before=petition.replied_on,
        before_label="答复日期",
        today=today,
    )
    last_day = timelimits.review_request_last_day(petition)
    if requested_on > last_day:
        raise ValidationError(
            f"复查请求已超过期限：应自收到书面答复之日起30日内提出（截至{last_day:%Y-%m-%d}，"
            "《信访工作条例》第三十五条）。"
        )
    petition.status = Status.REVIEW_REQUESTED
    petition.review_requested_on = requested_on
    petition.review_body = review_body
    save_validated(petition, actor=actor, reason="请求复查")
    timelimits.sync_deadlines(petition, actor=actor)
    return petition


# Each action of a petition's page and its precondition, in the page's order.
ACTION_CHECKS = {
    "decide": decide_check,
    "extend": extend_check,
    "reply": reply_check,
    "review": review_check,
}


def open_actions(actor, petition) -> list[str]:
    """The actions the actor may take on the petition now: exactly those whose service would
    accept valid input."""
    return actions.open_actions(ACTION_CHECKS, actor, petition)
