"""What every 规范性文件 transition shares: who may act, date checks, the statutory periods."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.dates import happened_error
from fazhi.normative.duedates import (  # noqa: F401  (re-exported)
    COMMENT_PERIOD,
    FILING_PERIOD,
    REVIEW_PERIOD,
    sync_deadlines,
)
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability

# REGULATIONS.md §4: 有效期一般不超过5年 【地方 R21】. The deadline engine has no period for it
# (and county settings stop at 365 days), so the local default lives here.
MAX_VALIDITY_YEARS = 5
# Shown to users: no research marks (the REGULATIONS.md reference stays in this comment).
VALIDITY_SOURCE = "规范性文件有效期一般不超过5年，需延期的在届满前6个月评估（以本地规定为准）"
PROCEDURE_SOURCE = (
    "程序：起草 → 听取意见 → 合法性审核 → 集体讨论（审议） → 签发 → 公开发布 → 备案"
    "（国办发〔2018〕37号、国办发〔2018〕115号；以本地规定为准）"  # REGULATIONS.md R21, R22
)


def require_edit(actor, record) -> None:
    """The township's clerk drives the procedure (actor None: the demo loader)."""
    if actor is not None and not has_capability(actor, Capability.LEDGER_EDIT, record.organisation):
        raise PermissionDenied("您的角色无权办理该单位的规范性文件。")


def require_reviewer(actor, record) -> None:
    if actor is not None and not has_capability(
        actor, Capability.LEGAL_REVIEW, record.organisation
    ):
        raise PermissionDenied("只有法制审核员可以出具合法性审核意见。")


def require_active(record) -> None:
    if record.is_archived:
        raise ValidationError("该记录已归档，请先恢复再办理。")


def check_day(value, label: str, *, today: date | None, not_before=None, before_label=""):
    """A required date, not in the future and not before an earlier step's date."""
    if value is None:
        raise ValidationError(f"请填写{label}。")
    reason = happened_error(value, label, today=today)
    if reason:
        raise ValidationError(f"{reason}。", code="not_happened")
    if not_before is not None and value < not_before:
        raise ValidationError(f"{label}不能早于{before_label}（{not_before:%Y-%m-%d}）。")
    return value


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def save(record, *, actor, reason: str) -> None:
    record._history_user = actor
    record._change_reason = reason
    record.full_clean(exclude=["year"])
    record.save()


def save_document(document, *, actor, reason: str) -> None:
    """Save a document, then bring its deadlines in step with its procedure."""
    save(document, actor=actor, reason=reason)
    sync_deadlines(document, actor=actor)


def save_step(step, *, actor, reason: str) -> None:
    step.full_clean()
    step._history_user = actor
    step._change_reason = reason
    step.save()
