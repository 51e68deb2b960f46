"""The yearly cleanup (清理): list every document in force, conclude on each, apply the results.

REGULATIONS.md §4 【地方 R21】: 定期清理后公布继续有效、废止、失效目录 — so a round lists every
document in force on its date, needs a conclusion (继续有效 / 修改 / 废止) on each, and applying it
repeals or reopens the documents concluded so.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.normative.models import IN_FORCE, CleanupItem, NormativeDocument, Status
from fazhi.normative.services.common import check_day, require_active, require_edit, save
from fazhi.normative.services.documents import end_in_force, start_amendment

SOURCE = "定期清理后公布继续有效、废止、失效目录，以本地规定为准"  # REGULATIONS.md R21 (local)


def _open(cleanup) -> None:
    require_active(cleanup)
    if cleanup.completed_on is not None:
        raise ValidationError(f"本轮清理已于{cleanup.completed_on:%Y-%m-%d}公布结果，不能再修改。")


# The precondition of each action (see fazhi.core.actions): who may, and whether the round's
# state allows it whatever the input.


def list_check(actor, cleanup, today=None) -> None:
    require_edit(actor, cleanup)
    _open(cleanup)


def _listed(cleanup) -> None:
    if not CleanupItem.objects.filter(cleanup=cleanup).exists():
        raise ValidationError("本轮清理尚未列入任何文件，请先列出现行有效文件。")


def decide_check(actor, cleanup, today=None) -> None:
    require_edit(actor, cleanup)
    _open(cleanup)
    _listed(cleanup)


def apply_check(actor, cleanup, today=None) -> None:
    require_edit(actor, cleanup)
    _open(cleanup)
    _listed(cleanup)
    undecided = CleanupItem.objects.filter(cleanup=cleanup, decision="").count()
    if undecided:
        raise ValidationError(
            f"还有 {undecided} 件文件未作出清理结论，不能公布清理结果（{SOURCE}）。"
        )
    listed = CleanupItem.objects.filter(cleanup=cleanup).values("document_id")
    missing = documents_in_force(cleanup).exclude(pk__in=listed).count()
    if missing:
        raise ValidationError(
            f"还有 {missing} 件现行有效文件未列入本轮清理，请先列出全部现行有效文件。"
        )


def documents_in_force(cleanup):
    """The township's documents in force on the cleanup date."""
    return NormativeDocument.objects.active().filter(
        organisation_id=cleanup.organisation_id,
        status__in=IN_FORCE,
        published_on__lte=cleanup.occurred_on,
    )


@transaction.atomic
def cleanup_list_documents(*, actor, cleanup) -> int:
    """List every document in force not yet listed; the number added."""
    list_check(actor, cleanup)
    listed = set(CleanupItem.objects.filter(cleanup=cleanup).values_list("document_id", flat=True))
    added = 0
    for document in documents_in_force(cleanup).order_by("published_on", "pk"):
        if document.pk in listed:
            continue
        item = CleanupItem(organisation=cleanup.organisation, cleanup=cleanup, document=document)
        item.full_clean()
        item._history_user = actor
        item._change_reason = "列入清理"
        item.save()
        added += 1
    return added


@transaction.atomic
def cleanup_decide(*, actor, cleanup, item, decision, reason=""):
    decide_check(actor, cleanup)
    if item.cleanup_id != cleanup.pk:
        raise ValidationError("该文件不在本轮清理中。")
    if decision not in CleanupItem.Decision.values:
        raise ValidationError("请选择清理结论：继续有效、修改或废止。")
    reason = (reason or "").strip()
    if decision != CleanupItem.Decision.KEEP and not reason:
        raise ValidationError("清理结论为修改或废止的，须写明理由。")
    item.decision = decision
    item.reason = reason[:200]
    item.full_clean()
    item._history_user = actor
    item._change_reason = f"清理结论：{CleanupItem.Decision(decision).label}"
    item.save()
    return item


@transaction.atomic
def cleanup_apply(*, actor, cleanup, completed_on, today=None):
    """Publish the round's results: 废止 ends the document, 修改 opens a new revision."""
    apply_check(actor, cleanup, today)
    items = list(CleanupItem.objects.filter(cleanup=cleanup).select_related("document"))
    check_day(
        completed_on,
        "清理结果公布日期",
        today=today,
        not_before=cleanup.occurred_on,
        before_label="清理日期",
    )
    for item in items:
        document = item.document
        if item.decision == CleanupItem.Decision.KEEP or not document.in_force:
            continue
        reason = f"{cleanup.year}年清理：{item.reason}"
        if item.decision == CleanupItem.Decision.REPEAL:
            end_in_force(
                actor=actor,
                record=document,
                ended_on=completed_on,
                reason=reason[:200],
                status=Status.REPEALED,
            )
        elif document.status == Status.EFFECTIVE:
            start_amendment(
                actor=actor, record=document, started_on=completed_on, reason=reason[:200]
            )
        else:
            continue  # already being amended, or not yet filed: nothing to reopen
        item.applied = True
        item._history_user = actor
        item._change_reason = "执行清理结论"
        item.save()
    cleanup.completed_on = completed_on
    save(cleanup, actor=actor, reason="公布清理结果")
    return cleanup
