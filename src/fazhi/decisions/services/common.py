"""Checks shared by the decision services."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.dates import happened_error
from fazhi.core.services import save_validated
from fazhi.decisions.models import DecisionProcedure, MajorDecision, Status
from fazhi.ledgers.models import Attachment
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability

ACT = "《重大行政决策程序暂行条例》"


def check_edit(actor, decision) -> None:
    if actor is not None and not has_capability(
        actor, Capability.LEDGER_EDIT, decision.organisation
    ):
        raise PermissionDenied("您的角色无权办理该单位的重大行政决策。")


def check_reviewer(actor, decision) -> None:
    if actor is not None and not has_capability(
        actor, Capability.LEGAL_REVIEW, decision.organisation
    ):
        raise PermissionDenied("只有本单位的法制审核员可以登记合法性审查意见。")


def check_active(decision) -> None:
    if decision.is_archived:
        raise ValidationError("该决策记录已归档隐藏，请先由管理员恢复。")


def check_procedures_open(decision) -> None:
    """Procedures are recorded only before the collective decision."""
    check_active(decision)
    if decision.status != Status.PROCEDURES:
        raise ValidationError(f"该决策{decision.get_status_display()}，不能再登记或变更决策程序。")


def locked(decision) -> MajorDecision:
    """The decision re-read under a row lock, so two clerks cannot both move it."""
    return MajorDecision.objects.select_for_update().get(pk=decision.pk)


def procedure_of(decision, step) -> DecisionProcedure | None:
    return DecisionProcedure.objects.filter(decision=decision, step=step).first()


def happened(day, label: str, field: str) -> None:
    """A step's date is a date it happened on: not ahead of today, not before 2000."""
    reason = happened_error(day, label)
    if reason:
        raise ValidationError({field: f"{reason}。"}, code="not_happened")


def not_before_start(decision, day, label: str, field: str) -> None:
    if day is None:
        raise ValidationError(f"请填写{label}。")
    happened(day, label, field)
    if day < decision.occurred_on:
        raise ValidationError(
            f"{label}（{day:%Y-%m-%d}）不能早于决策启动日期（{decision.occurred_on:%Y-%m-%d}）。"
        )


def evidence_of(decision, evidence: str, attachment) -> tuple[str, Attachment | None]:
    """Evidence is a written account or one of the decision's own attachments."""
    evidence = (evidence or "").strip()
    if attachment is not None:
        record_type = ContentType.objects.get_for_model(MajorDecision)
        if attachment.record_type_id != record_type.pk or attachment.record_id != decision.pk:
            raise ValidationError("所选证明材料不是该决策的附件。")
    if not evidence and attachment is None:
        raise ValidationError("请填写情况说明或选择该决策的附件作为证明材料。")
    return evidence, attachment


def save(instance, *, actor, reason: str):
    return save_validated(instance, actor=actor, reason=reason)
