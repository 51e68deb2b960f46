"""Every write of supervision findings: open (提出), rectify (整改), close (销号), return (退回).

Each action states its precondition once (ACTION_CHECKS: PermissionDenied when the actor may
not, ValidationError when the finding's state does not allow it); the pages offer an action
exactly when its check passes (fazhi.core.actions). Only the inspector of the township's county
opens, closes and returns findings; only the township's clerk or leader records rectification.
An actor of None is the command line or the demo.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.audit.services import record as audit
from fazhi.core.dates import happened_error
from fazhi.core.services import save_validated
from fazhi.ledgers.attachments import store_upload
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import has_any_capability
from fazhi.supervision.models import (
    DEADLINE_REF,
    Finding,
    FindingState,
    Rectification,
    Source,
)

# Who acts on a township's findings (on the township or, for the inspector, its county).
INSPECT = {Capability.INSPECT}
RECTIFY = {Capability.LEDGER_EDIT, Capability.REPORT_APPROVE}  # the clerk and the leader


def deadline_ref(deadline) -> str:
    """The source_ref of the finding opened for a statutory deadline."""
    return DEADLINE_REF.format(pk=deadline.pk)


def _may(actor, capabilities, organisation) -> bool:
    return actor is None or has_any_capability(actor, capabilities, organisation)


def check_inspector(actor, organisation) -> None:
    if not _may(actor, INSPECT, organisation):
        raise PermissionDenied("只有该乡镇（街道）所在县（区）的督察可以办理督察问题。")


def check_rectify(actor, finding: Finding) -> None:
    if not _may(actor, RECTIFY, finding.organisation):
        raise PermissionDenied("只有本乡镇（街道）的录入员或领导可以填报整改情况。")
    if finding.state != FindingState.OPEN:
        raise ValidationError(f"该问题{finding.get_state_display()}，不能再填报整改情况。")


def check_close(actor, finding: Finding) -> None:
    check_inspector(actor, finding.organisation)
    if finding.state != FindingState.RECTIFIED:
        raise ValidationError(
            f"该问题{finding.get_state_display()}：只有乡镇（街道）填报整改情况后才能销号。"
        )


def check_return(actor, finding: Finding) -> None:
    check_inspector(actor, finding.organisation)
    if finding.state != FindingState.RECTIFIED:
        raise ValidationError(f"该问题{finding.get_state_display()}，没有可以退回的整改情况。")


ACTION_CHECKS = {"rectify": check_rectify, "close": check_close, "return": check_return}


def _text(value, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(message)
    return value


@transaction.atomic
def finding_open(
    actor,
    organisation,
    *,
    year: int,
    source: str,
    title: str,
    detail: str = "",
    rectify_by: date,
    source_ref: str = "",
    found_on: date | None = None,
) -> Finding:
    """Open a finding against a township; the API every source uses.

    - `actor`: an inspector of the township's county (None: the command line or the demo).
    - `organisation`: the township (乡镇/街道), not a county or village.
    - `year`: the year the finding belongs to (所属年度), e.g. the assessed or reported year.
    - `source`: a Source value — Source.VISIT (on-site 督察), Source.DEADLINE (an overdue
      statutory deadline), Source.CHECKER (the report checker), Source.ASSESSMENT (the 考核
      review).
    - `source_ref`: what the finding came from, unique per township and source, so the same
      event never opens two findings: "deadline:<pk>" (deadline_ref), and for the other pages
      e.g. "report:<version pk>:<finding code>" or "score:<item score pk>". Empty for a visit.
    - `rectify_by`: the rectification deadline, not before `found_on` (default today).

    A source_ref already used for this township and source gives back the existing finding
    unchanged, whatever its state (calling twice is harmless; a closed finding stays closed).
    Bad input raises ValidationError with a Chinese message and nothing is written.
    """
    check_inspector(actor, organisation)
    if organisation.level != Level.TOWNSHIP:
        raise ValidationError("督察问题只能针对乡镇（街道）提出。")
    if source not in Source.values:
        raise ValidationError("未知的问题来源。")
    source_ref = (source_ref or "").strip()
    if source_ref:
        existing = Finding.objects.filter(
            organisation=organisation, source=source, source_ref=source_ref
        ).first()
        if existing is not None:
            return existing
    found_on = found_on or timezone.localdate()
    reason = happened_error(found_on, "督察日期")
    if reason:
        raise ValidationError({"found_on": f"{reason}。"}, code="not_happened")
    if not isinstance(year, int) or not 2000 <= year <= found_on.year:
        raise ValidationError(f"所属年度应在 2000 年至 {found_on.year} 年之间。")
    if rectify_by is None:
        raise ValidationError("请填写整改期限。")
    if rectify_by < found_on:
        raise ValidationError("整改期限不能早于发现日期。")
    finding = Finding(
        organisation=organisation,
        year=year,
        source=source,
        source_ref=source_ref,
        title=_text(title, "请填写发现的问题。"),
        detail=(detail or "").strip(),
        found_on=found_on,
        rectify_by=rectify_by,
        opened_by=actor,
    )
    save_validated(finding, actor=actor, reason="提出督察问题")
    audit(
        actor,
        "supervision.open",
        f"向{organisation.name}提出督察问题：{finding.title}（{finding.get_source_display()}，"
        f"整改期限{rectify_by.isoformat()}）",
        organisation=organisation,
        detail={"finding": finding.pk, "source": source, "source_ref": source_ref},
    )
    return finding


def _township_of(organisation):
    if organisation.level == Level.VILLAGE:
        return organisation.parent
    return organisation if organisation.level == Level.TOWNSHIP else None


@transaction.atomic
def findings_from_deadlines(actor, deadlines, *, rectify_by: date, today: date | None = None):
    """One finding (Source.DEADLINE) per overdue, unmet statutory deadline, against the
    deadline's township; a deadline that already has its finding is skipped. Returns
    (opened, already) lists of findings. Refuses (nothing written) a deadline not overdue or
    outside the actor's county."""
    today = today or timezone.localdate()
    opened, already = [], []
    for deadline in deadlines:
        township = _township_of(deadline.organisation)
        if township is None:
            raise ValidationError(f"“{deadline.name}”不属于乡镇（街道），不能提出督察问题。")
        check_inspector(actor, township)
        if deadline.met_on is not None or deadline.due_on >= today:
            raise ValidationError(f"“{deadline.name}”没有逾期，不能提出督察问题。")
        ref = deadline_ref(deadline)
        existing = Finding.objects.filter(
            organisation=township, source=Source.DEADLINE, source_ref=ref
        ).first()
        if existing is not None:
            already.append(existing)
            continue
        record = deadline.record
        opened.append(
            finding_open(
                actor,
                township,
                year=deadline.due_on.year,
                source=Source.DEADLINE,
                title=f"{deadline.name}超过法定期限未完成",
                detail=(
                    f"事项：{record if record is not None else '（记录已删除）'}；"
                    f"单位：{deadline.organisation.name}；起算日期：{deadline.triggered_on}；"
                    f"截止日期：{deadline.due_on}，至{today}仍未完成。"
                ),
                rectify_by=rectify_by,
                source_ref=ref,
                found_on=today,
            )
        )
    return opened, already


def _stored_file(uploaded):
    return store_upload(uploaded)


@transaction.atomic
def rectification_submit(
    actor, finding: Finding, text: str, done_on: date, file=None, *, today: date | None = None
) -> Rectification:
    """The township records what it did (with an optional evidence file, stored once per
    SHA-256 like ledger attachments): the finding goes from 待整改 to 已整改待销号."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    check_rectify(actor, finding)
    today = today or timezone.localdate()
    text = _text(text, "请填写整改情况。")
    if done_on is None:
        raise ValidationError("请填写整改完成日期。")
    reason = happened_error(done_on, "整改完成日期", today=today)
    if reason:
        raise ValidationError({"done_on": f"{reason}。"}, code="not_happened")
    if done_on < finding.found_on:
        raise ValidationError("整改完成日期不能早于问题的发现日期。")
    stored = _stored_file(file) if file else None
    rectification = Rectification(
        finding=finding,
        text=text,
        done_on=done_on,
        stored_file=stored,
        file_name=(file.name or "佐证材料").rsplit("/", 1)[-1][:255] if file else "",
        submitted_by=actor,
    )
    save_validated(rectification, actor=actor)
    finding.state = FindingState.RECTIFIED
    save_validated(finding, actor=actor, reason="填报整改情况")
    return rectification


@transaction.atomic
def finding_close(actor, finding: Finding, note: str = "", *, today: date | None = None):
    """销号: the inspector accepts the rectification; only a rectified finding closes."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    check_close(actor, finding)
    finding.state = FindingState.CLOSED
    finding.closed_on = today or timezone.localdate()
    finding.closed_by = actor
    finding.close_note = (note or "").strip()
    save_validated(finding, actor=actor, reason="销号")
    audit(
        actor,
        "supervision.close",
        f"督察问题销号：{finding.organisation.name} · {finding.title}",
        organisation=finding.organisation,
        detail={"finding": finding.pk},
    )
    return finding


@transaction.atomic
def finding_return(actor, finding: Finding, reason: str, *, today: date | None = None):
    """退回: the inspector sends the latest rectification back with a reason; the finding is
    open again for the township to rectify."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    check_return(actor, finding)
    reason = _text(reason, "请填写退回理由。")
    latest = finding.rectifications.order_by("-submitted_at", "-pk").first()
    if latest is not None:
        latest.returned_on = today or timezone.localdate()
        latest.return_reason = reason
        latest.returned_by = actor
        save_validated(latest, actor=actor, reason="退回整改")
    finding.state = FindingState.OPEN
    save_validated(finding, actor=actor, reason=f"退回整改：{reason}")
    audit(
        actor,
        "supervision.return",
        f"退回整改：{finding.organisation.name} · {finding.title}（{reason}）",
        organisation=finding.organisation,
        detail={"finding": finding.pk},
    )
    return finding
