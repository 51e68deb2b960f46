"""Full-process records of a case and its case-file review (案卷评查)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.enforcement.checklists import SCORE_ITEMS
from fazhi.enforcement.models import Case, CaseFileReview, ProcessRecord
from fazhi.enforcement.services.common import (
    not_before,
    require,
    require_active,
    require_date,
    require_editor,
    required_text,
    save_step,
)
from fazhi.orgs.roles import Capability


def process_record_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    if case.status == Case.Status.CLOSED:
        raise ValidationError("案件已结案，不能再登记全过程记录。")


def file_review_check(actor, case: Case) -> None:
    require(
        actor,
        case,
        {Capability.LEGAL_REVIEW, Capability.INSPECT},
        "只有法制审核员或督察可以登记案卷评查。",
    )
    require_active(case)
    if case.status != Case.Status.CLOSED:
        raise ValidationError("只能评查已结案的案卷。")
    if CaseFileReview.objects.filter(case=case).exists():
        raise ValidationError("该案卷已评查。")


@transaction.atomic
def process_record_add(
    *, actor, record: Case, stage: str, form: str, made_on: date, description: str
):
    process_record_check(actor, record)
    require_date(made_on, "记录日期", "made_on")
    if stage not in ProcessRecord.Stage.values or form not in ProcessRecord.Form.values:
        raise ValidationError("请选择执法环节和记录形式（文字记录或音像记录）。")
    description = required_text(description, "请填写记录内容（如 现场检查笔录、执法记录仪视频）。")
    not_before(made_on, record.occurred_on, "记录日期不能早于立案日期。")
    if record.process_records.filter(stage=stage, form=form).exists():
        label = f"{ProcessRecord.Stage(stage).label}·{ProcessRecord.Form(form).label}"
        raise ValidationError(f"本案已登记“{label}”。")
    step = ProcessRecord(
        case=record, stage=stage, form=form, made_on=made_on, description=description
    )
    return save_step(step, actor=actor, case=record, reason="登记全过程记录")


@transaction.atomic
def case_file_review_record(
    *, actor, record: Case, reviewed_on: date, reviewer_name: str, scores: dict, comments=""
):
    """Score a closed case's file; scored once (a re-review is a new case-file review round)."""
    file_review_check(actor, record)
    require_date(reviewed_on, "评查日期", "reviewed_on")
    reviewer_name = required_text(reviewer_name, "请填写评查人。")
    not_before(reviewed_on, record.closed_on, "评查日期不能早于结案日期。")
    values = {}
    for field, label, maximum in SCORE_ITEMS:
        value = scores.get(field)
        if not isinstance(value, int) or not 0 <= value <= maximum:
            raise ValidationError(f"“{label}”得分须为 0 至 {maximum} 之间的整数。")
        values[field] = value
    review = CaseFileReview(
        case=record,
        reviewed_on=reviewed_on,
        reviewer_name=reviewer_name,
        total=sum(values.values()),
        comments=(comments or "").strip(),
        **values,
    )
    return save_step(review, actor=actor, case=record, reason="案卷评查")
