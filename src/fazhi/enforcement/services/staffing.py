"""Officers on a case: only certified officers of the case's township (《行政处罚法》第四十二条)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.enforcement.models import Case, CaseOfficer
from fazhi.enforcement.services.common import (
    check_happened_field,
    not_before,
    require_active,
    require_editor,
    save_step,
)

# 《行政处罚法》第四十二条: 执法人员不得少于两人.
MIN_OFFICERS = 2


def officer_add_check(actor, case: Case) -> None:
    require_editor(actor, case)
    require_active(case)
    if case.status == Case.Status.CLOSED:
        raise ValidationError("案件已结案，不能再增加办案人员。")


def _validity(officer) -> str:
    return f"{officer.occurred_on:%Y-%m-%d}至{officer.valid_until:%Y-%m-%d}"


@transaction.atomic
def case_officer_add(*, actor, record: Case, officer, assigned_on: date | None = None):
    officer_add_check(actor, record)
    if officer.organisation_id != record.organisation_id or officer.is_archived:
        raise ValidationError("只能从本乡镇（街道）登记在册的执法人员中选择办案人员。")
    assigned_on = assigned_on or record.occurred_on
    check_happened_field(assigned_on, "参与办案日期", "assigned_on")
    not_before(assigned_on, record.occurred_on, "参与办案日期不能早于立案日期。")
    if not officer.is_valid_on(assigned_on):
        raise ValidationError(
            f"{officer.name}的执法证（{officer.certificate_number}，有效期{_validity(officer)}）"
            f"在{assigned_on:%Y-%m-%d}无效，不能参与办案（《行政处罚法》第四十二条：由具有"
            "行政执法资格的执法人员实施）。"
        )
    if record.officers.filter(officer=officer).exists():
        raise ValidationError(f"{officer.name}已在本案办案人员中。")
    step = CaseOfficer(
        case=record,
        officer=officer,
        name=officer.name,
        certificate_number=officer.certificate_number,
        assigned_on=assigned_on,
    )
    return save_step(step, actor=actor, case=record, reason=f"登记办案人员{officer.name}")


def officers_valid_on(case: Case, day: date) -> tuple[list, list]:
    """(officers on the case whose certificate is valid on `day`, those whose is not)."""
    valid, invalid = [], []
    for entry in case.officers.select_related("officer"):
        (valid if entry.officer.is_valid_on(day) else invalid).append(entry)
    return valid, invalid


def require_officers_registered(case: Case, action: str) -> None:
    """At least two officers on the case at all (the dated check is require_two_officers)."""
    count = case.officers.count()
    if count < MIN_OFFICERS:
        raise ValidationError(
            f"{action}须有至少{MIN_OFFICERS}名执法人员，本案仅登记{count}名"
            "（《行政处罚法》第四十二条：执法人员不得少于两人）。"
        )


def require_two_officers(case: Case, day: date, action: str) -> None:
    valid, invalid = officers_valid_on(case, day)
    if len(valid) >= MIN_OFFICERS:
        return
    detail = ""
    if invalid:
        names = "、".join(entry.name for entry in invalid)
        detail = f"（{names}的执法证在当日无效）"
    raise ValidationError(
        f"{action}须有至少{MIN_OFFICERS}名执法证在{day:%Y-%m-%d}有效的执法人员，本案仅有"
        f"{len(valid)}名{detail}（《行政处罚法》第四十二条：执法人员不得少于两人）。"
    )
