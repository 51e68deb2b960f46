"""The main line of a case: hearing, extension, decision, service, publicity, closing."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.enforcement import periods
from fazhi.enforcement.models import Case, CaseExtension
from fazhi.enforcement.services.common import (
    not_before,
    require_active,
    require_date,
    require_editor,
    required_text,
    save_case,
    save_step,
)
from fazhi.enforcement.services.review import passed_review
from fazhi.enforcement.services.staffing import require_officers_registered, require_two_officers

# A software guard, not a statutory figure: one approval extends by at most 90 days.
MAX_EXTENSION_DAYS = 90
MAJOR_UNREVIEWED = (
    "本案为重大执法决定，未经法制审核或者审核未通过的，不得作出决定（《行政处罚法》第五十八条）。"
)


def _require_undecided(case: Case, action: str) -> None:
    if case.decided_on is not None:
        raise ValidationError(f"案件已于{case.decided_on:%Y-%m-%d}作出决定，不能再{action}。")


def _require_decided(case: Case, action: str) -> None:
    if case.decided_on is None:
        raise ValidationError(f"案件尚未作出决定，不能{action}。")


# The precondition of each action (see fazhi.core.actions): who may, and whether the case's
# state allows it whatever the input.


def hearing_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    _require_undecided(case, "登记听证")


def extend_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    _require_undecided(case, "延长办案期限")
    if periods.closing_due(case) is None:
        raise ValidationError(f"{case.get_case_type_display()}案件没有法定办案期限，无需延长。")


def decide_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    if case.status == Case.Status.IN_REVIEW:
        raise ValidationError("案件正在法制审核中，审核意见登记前不能作出决定。")
    _require_undecided(case, "重复作出决定")
    require_officers_registered(case, "作出决定")
    if case.is_major and passed_review(case) is None:
        raise ValidationError(MAJOR_UNREVIEWED)


def serve_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    _require_decided(case, "登记送达")
    if case.served_on is not None:
        raise ValidationError(f"决定书已于{case.served_on:%Y-%m-%d}送达。")
    require_officers_registered(case, "送达执法文书")


def publicise_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    _require_decided(case, "公示决定")
    if case.publicised_on is not None:
        raise ValidationError(f"决定已于{case.publicised_on:%Y-%m-%d}公示。")


def close_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    if case.status != Case.Status.DECIDED:
        raise ValidationError(f"案件当前为“{case.get_status_display()}”，不能结案。")
    missing = [
        label
        for label, day in (("送达", case.served_on), ("公示", case.publicised_on))
        if day is None
    ]
    if missing:
        raise ValidationError(f"决定尚未{'、'.join(missing)}，不能结案。")


@transaction.atomic
def case_hearing_record(*, actor, record: Case, held_on: date):
    hearing_check(actor, record)
    require_date(held_on, "听证日期")
    not_before(held_on, record.occurred_on, "听证日期不能早于立案日期。")
    record.hearing_on = held_on
    return save_case(record, actor=actor, reason="登记听证")


@transaction.atomic
def case_extend(*, actor, record: Case, days, approved_on: date, approver: str, reason: str):
    extend_check(actor, record)
    require_date(approved_on, "批准日期", "approved_on")
    due = periods.closing_due(record)
    approver = required_text(approver, "请填写批准延长的负责人。")
    reason = required_text(reason, "请填写延长办案期限的理由。")
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError(f"延长天数须为 1 至 {MAX_EXTENSION_DAYS} 之间的整数。")
    not_before(approved_on, record.occurred_on, "批准日期不能早于立案日期。")
    if approved_on > due.day:
        raise ValidationError(
            f"办案期限已于{due.day:%Y-%m-%d}届满，延长须在期限届满前批准"
            f"（{periods.closing_source(record)}）。"
        )
    extension = CaseExtension(
        case=record, days=days, approved_on=approved_on, approver=approver, reason=reason
    )
    return save_step(
        extension, actor=actor, case=record, reason=f"延长办案期限{days}日", affects_deadlines=True
    )


@transaction.atomic
def case_decide(*, actor, record: Case, decided_on: date, result: str, late_reason: str = ""):
    decide_check(actor, record)
    require_date(decided_on, "决定日期", "decided_on")
    result = required_text(result, "请填写决定结果。")
    not_before(decided_on, record.occurred_on, "决定日期不能早于立案日期。")
    not_before(decided_on, record.hearing_on, "决定日期不能早于听证日期。")
    require_two_officers(record, decided_on, "作出决定")
    if record.is_major and passed_review(record).reviewed_on > decided_on:
        raise ValidationError(MAJOR_UNREVIEWED)
    due = periods.closing_due(record)
    late_reason = (late_reason or "").strip()
    if due is not None and decided_on > due.day and not late_reason:
        raise ValidationError(
            f"决定日期超过法定办案期限（{due.day:%Y-%m-%d}），且无在期限内批准的延长；"
            f"如确已超期，须写明超期说明（{periods.closing_source(record)}）。"
        )
    record.status = Case.Status.DECIDED
    record.decided_on = decided_on
    record.decision_result = result
    record.late_reason = late_reason if due is not None and decided_on > due.day else ""
    return save_case(record, actor=actor, reason="作出决定")


@transaction.atomic
def case_serve(*, actor, record: Case, served_on: date):
    serve_check(actor, record)
    require_date(served_on, "送达日期")
    not_before(served_on, record.decided_on, "送达日期不能早于决定日期。")
    require_two_officers(record, served_on, "送达执法文书")
    record.served_on = served_on
    return save_case(record, actor=actor, reason="登记送达")


@transaction.atomic
def case_publicise(
    *, actor, record: Case, publicised_on: date, channel: str, late_reason: str = ""
):
    publicise_check(actor, record)
    require_date(publicised_on, "公示日期", "publicised_on")
    channel = required_text(channel, "请填写公示渠道（如政府网站、政务公开栏）。")
    not_before(publicised_on, record.decided_on, "公示日期不能早于决定日期。")
    due = periods.publicity_due(record)
    late_reason = (late_reason or "").strip()
    late = publicised_on > due.day
    if late and not late_reason:
        period = periods.publicity_period(record)
        raise ValidationError(
            f"公示日期超过法定公示期限（{due.day:%Y-%m-%d}，{period.length_label}），"
            f"须写明超期说明（{period.source}）。"
        )
    record.publicised_on = publicised_on
    record.publicity_channel = channel
    record.publicity_late_reason = late_reason if late else ""
    return save_case(record, actor=actor, reason="公示执法决定")


@transaction.atomic
def case_close(*, actor, record: Case, closed_on: date):
    close_check(actor, record)
    require_date(closed_on, "结案日期")
    not_before(
        closed_on, max(record.served_on, record.publicised_on), "结案日期不能早于送达和公示日期。"
    )
    record.status = Case.Status.CLOSED
    record.closed_on = closed_on
    return save_case(record, actor=actor, reason="结案归档")
