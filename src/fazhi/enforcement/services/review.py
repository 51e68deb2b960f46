"""法制审核 of a case (《行政处罚法》第五十八条): submitted by the clerk, recorded by a reviewer."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.enforcement.models import Case, LegalReview
from fazhi.enforcement.services.common import (
    not_before,
    require,
    require_active,
    require_date,
    require_editor,
    save_case,
    save_step,
)
from fazhi.orgs.roles import Capability


def review_submit_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    if case.status != Case.Status.FILED:
        raise ValidationError(f"案件当前为“{case.get_status_display()}”，不能提交法制审核。")


def review_record_check(actor, case: Case) -> None:
    require(actor, case, Capability.LEGAL_REVIEW, "只有法制审核员可以登记法制审核意见。")
    require_active(case)
    if case.status != Case.Status.IN_REVIEW:
        raise ValidationError("案件未提交法制审核，不能登记审核意见。")


@transaction.atomic
def case_review_submit(*, actor, record: Case, submitted_on: date):
    review_submit_check(actor, record)
    require_date(submitted_on, "提交法制审核日期")
    not_before(submitted_on, record.occurred_on, "提交法制审核日期不能早于立案日期。")
    record.status = Case.Status.IN_REVIEW
    record.review_submitted_on = submitted_on
    return save_case(record, actor=actor, reason="提交法制审核")


@transaction.atomic
def legal_review_record(
    *, actor, record: Case, reviewed_on: date, opinion: str, comments: str = "", reviewer_name=""
):
    review_record_check(actor, record)
    require_date(reviewed_on, "审核日期", "reviewed_on")
    if opinion not in LegalReview.Opinion.values:
        raise ValidationError("请选择审核意见：通过、退回补充修改或不通过。")
    comments = (comments or "").strip()
    if opinion != LegalReview.Opinion.PASSED and not comments:
        raise ValidationError("审核未通过或退回修改的，须写明审核意见和理由。")
    not_before(reviewed_on, record.review_submitted_on, "审核日期不能早于提交法制审核日期。")
    review = LegalReview(
        case=record,
        reviewed_on=reviewed_on,
        reviewer=actor,
        reviewer_name=reviewer_name or _name_of(actor),
        opinion=opinion,
        comments=comments,
    )
    label = LegalReview.Opinion(opinion).label
    save_step(review, actor=actor, case=record, reason=f"法制审核：{label}")
    record.status = Case.Status.FILED
    save_case(record, actor=actor, reason=f"法制审核：{label}")
    return review


def passed_review(case: Case) -> LegalReview | None:
    """The latest review, when it passed."""
    latest = case.legal_reviews.order_by("reviewed_on", "pk").last()
    return latest if latest is not None and latest.passed else None


def _name_of(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.get_username()
