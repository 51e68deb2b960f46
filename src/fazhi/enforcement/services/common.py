"""Checks shared by the case services."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.dates import happened_error
from fazhi.core.services import save_validated
from fazhi.enforcement.duedates import sync_deadlines
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_any_capability


def require(actor, case, capabilities, message: str) -> None:
    """Actor None is the system (demo loader, tests of rules): no permission check."""
    if actor is None:
        return
    if isinstance(capabilities, Capability):
        capabilities = {capabilities}
    if not has_any_capability(actor, capabilities, case.organisation):
        raise PermissionDenied(message)


def require_editor(actor, case) -> None:
    require(actor, case, Capability.LEDGER_EDIT, "您的角色无权办理该单位的执法案件。")


def require_active(case) -> None:
    if case.is_archived:
        raise ValidationError("该案件已归档，不能再办理。")


def require_date(day, label: str, field: str = "day") -> date:
    """A step's date: given, and a date the step can have happened on (not ahead, not pre-2000)."""
    if not isinstance(day, date):
        raise ValidationError({field: f"请填写{label}。"})
    check_happened_field(day, label, field)
    return day


def check_happened_field(day: date | None, label: str, field: str) -> None:
    reason = happened_error(day, label)
    if reason:
        raise ValidationError({field: f"{reason}。"}, code="not_happened")


def not_before(day: date, earlier: date | None, message: str) -> None:
    if earlier is not None and day < earlier:
        raise ValidationError(message)


def required_text(value, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(message)
    return text


def save_case(case, *, actor, reason: str):
    """Save the case, then bring its deadlines in step with its dates."""
    save_validated(case, actor=actor, reason=reason)
    sync_deadlines(case, actor=actor)
    return case


def save_step(step, *, actor, case, reason: str, affects_deadlines: bool = False):
    step.organisation = case.organisation
    step.created_by = actor
    save_validated(step, actor=actor, reason=reason)
    if affects_deadlines:
        sync_deadlines(case, actor=actor)
    return step
