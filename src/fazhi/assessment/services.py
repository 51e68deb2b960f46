"""Self-assessment (自评) with evidence (佐证) and the inspector's review (审核评定): every write.

Who may do what (fazhi.orgs.roles):
- the township's clerk and leader (REPORT_DRAFT) fill in self scores, notes and evidence while
  the assessment is 自评中;
- only the township's leader (REPORT_APPROVE) submits it (提交自评): the self-assessment is the
  township's statement to the county, signed off like its annual report;
- the county's inspector (INSPECT) reviews item by item, returns a submitted self-assessment
  (退回自评) and completes the review (完成评定).
Every change of an ItemScore records `changed_by` and, in its history, the reason.
"""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from fazhi.assessment import rules
from fazhi.assessment.models import (
    Assessment,
    AssessmentState,
    Evidence,
    Item,
    ItemScore,
    ReviewState,
    RuleKind,
    Scheme,
)
from fazhi.core import versions
from fazhi.ledgers.attachments import store_upload
from fazhi.ledgers.models import Attachment
from fazhi.ledgers.registry import get_kind
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import has_capability
from fazhi.supervision.models import Source
from fazhi.supervision.services import finding_open

SELF_EDIT = Capability.REPORT_DRAFT
SELF_SUBMIT = Capability.REPORT_APPROVE
REVIEW = Capability.INSPECT

CONFIRM, ADJUST, FALSIFY = "confirm", "adjust", "falsify"
# A finding opened from the review is due for rectification this many days later by default.
FINDING_DAYS = 30
REVIEW_ACTIONS = {
    CONFIRM: ReviewState.CONFIRMED,
    ADJUST: ReviewState.ADJUSTED,
    FALSIFY: ReviewState.FALSIFIED,
}


def scheme_for(organisation, year: int) -> Scheme | None:
    """The scheme of the township's county for the year, if the county made one."""
    if organisation.parent_id is None:
        return None
    return Scheme.objects.filter(county_id=organisation.parent_id, year=year).first()


def effective_score(score: ItemScore) -> Decimal | None:
    """What the township claims: its self score, or the computed score it accepts."""
    return score.self_score if score.self_score is not None else score.computed


def _number(value, label: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise ValidationError(f"{label}应为数字。") from error
    if not number.is_finite():
        raise ValidationError(f"{label}应为数字。")
    return number


def _within(number: Decimal, item: Item, label: str) -> Decimal:
    if number < 0 or number > item.points:
        raise ValidationError(f"{label}应在 0 到 {item.points.normalize():f} 分之间。")
    return number.quantize(rules.PLACES)


def _locked_assessment(assessment_id) -> Assessment:
    # Only the assessment's row: locking the county's scheme would queue every township.
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("organisation", "scheme")
        .get(pk=assessment_id)
    )


# --- preconditions (also asked by the pages: they offer exactly what passes) ----------------


def check_self_edit(actor, assessment: Assessment) -> None:
    if not has_capability(actor, SELF_EDIT, assessment.organisation):
        raise PermissionDenied("只有本单位录入员和领导可以填写自评。")
    if assessment.state != AssessmentState.SELF:
        raise ValidationError("自评已提交，不能再修改；如需修改，请县督察退回自评。")


def check_submit(actor, assessment: Assessment) -> None:
    if not has_capability(actor, SELF_SUBMIT, assessment.organisation):
        raise PermissionDenied("只有本单位领导可以提交自评。")
    if assessment.state != AssessmentState.SELF:
        raise ValidationError("自评已提交。")
    unscored = ItemScore.objects.filter(
        assessment=assessment, item__kind=RuleKind.MANUAL, self_score__isnull=True
    ).values_list("item__code", flat=True)
    if unscored:
        raise ValidationError(f"人工评分项须填写自评分：{'、'.join(unscored)}。")


def check_review(actor, assessment: Assessment) -> None:
    if not has_capability(actor, REVIEW, assessment.organisation):
        raise PermissionDenied("只有县督察可以审核评定。")
    if assessment.state == AssessmentState.SELF:
        raise ValidationError("该单位尚未提交自评，不能审核。")
    if assessment.state == AssessmentState.REVIEWED:
        raise ValidationError("该单位考核已评定完成。")


def check_return(actor, assessment: Assessment) -> None:
    check_review(actor, assessment)


def check_complete(actor, assessment: Assessment) -> None:
    check_review(actor, assessment)
    pending = ItemScore.objects.filter(assessment=assessment, review=ReviewState.PENDING)
    codes = list(pending.values_list("item__code", flat=True)[:6])
    if codes:
        more = "等" if len(codes) > 5 else ""
        raise ValidationError(f"还有未审核的项目：{'、'.join(codes[:5])}{more}。")


# --- self-assessment ---------------------------------------------------------------------


@transaction.atomic
def self_score_save(*, actor, score: ItemScore, self_score, note: str, seen_version=None):
    """The township's self score and note for one item. Manual items: a score from 0 to the
    item's points. Other items: blank accepts the computed score; a different score needs a
    note saying why."""
    versions.lock(score, seen_version)
    check_self_edit(actor, _locked_assessment(score.assessment_id))
    item = score.item
    note = (note or "").strip()
    number = _number(self_score, "自评分")
    if number is not None:
        number = _within(number, item, "自评分")
    claimed = item.kind != RuleKind.MANUAL and number not in (None, score.computed)
    if claimed and not note:
        raise ValidationError("自评分与系统计分不同，请在自评说明中写明理由和依据。")
    score.self_score, score.self_note, score.changed_by = number, note, actor
    score.full_clean()
    score._history_user = actor
    score._change_reason = "自评"
    score.save()
    return score


def _evidence_save(evidence: Evidence, actor) -> Evidence:
    evidence.full_clean()
    evidence._history_user = actor
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add_record(
    *, actor, score: ItemScore, kind_slug: str, record_id, attachment_id=None, note: str = ""
) -> Evidence:
    """A ledger record of the township and the scheme's year (or one of its attachments) as
    evidence for the item."""
    assessment = _locked_assessment(score.assessment_id)
    check_self_edit(actor, assessment)
    try:
        kind = get_kind(kind_slug)
    except Http404 as error:
        raise ValidationError("没有这个台账。") from error
    year = assessment.scheme.year
    record = (
        kind.model.objects.for_user(actor, kind.view_capabilities)
        .filter(
            pk=record_id,
            organisation__path__startswith=assessment.organisation.path,
            archived_at__isnull=True,
        )
        .first()
    )
    if record is None:
        raise ValidationError("未找到该台账记录，或该记录不属于本单位。")
    if record.year != year:
        raise ValidationError(f"该记录属于{record.year}年度，不能作为{year}年度考核的佐证。")
    attachment = None
    if attachment_id not in (None, ""):
        attachment = (
            Attachment.objects.current()
            .filter(
                pk=attachment_id,
                record_type=ContentType.objects.get_for_model(kind.model),
                record_id=record.pk,
            )
            .first()
        )
        if attachment is None:
            raise ValidationError("该附件不属于所选记录。")
    label = kind.record_name(record, unmasked=False)
    name = attachment.name if attachment else f"{kind.label}：{label}"
    return _evidence_save(
        Evidence(
            score=score,
            year=year,
            kind_slug=kind.slug,
            record_id=record.pk,
            attachment=attachment,
            name=name[:255],
            note=(note or "").strip(),
            added_by=actor,
        ),
        actor,
    )


@transaction.atomic
def evidence_upload(*, actor, score: ItemScore, uploaded, note: str = "") -> Evidence:
    """A file as evidence: within the upload limits, typed by content, photos stripped of
    their metadata, stored once per SHA-256. It proves the scheme's year, whenever uploaded."""
    assessment = _locked_assessment(score.assessment_id)
    check_self_edit(actor, assessment)
    return _evidence_save(
        Evidence(
            score=score,
            year=assessment.scheme.year,
            stored_file=store_upload(uploaded),
            name=((uploaded.name or "佐证材料").rsplit("/", 1)[-1])[:255],
            note=(note or "").strip(),
            added_by=actor,
        ),
        actor,
    )


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    check_self_edit(actor, _locked_assessment(evidence.score.assessment_id))
    evidence._history_user = actor
    evidence.delete()


@transaction.atomic
def submit(*, actor, assessment: Assessment) -> Assessment:
    """提交自评: every manual item needs the township's score; afterwards the township can
    change nothing unless the inspector returns it."""
    assessment = _locked_assessment(assessment.pk)
    check_submit(actor, assessment)
    assessment.state = AssessmentState.SUBMITTED
    assessment.self_submitted_at, assessment.self_submitted_by = timezone.now(), actor
    assessment._history_user = actor
    assessment._change_reason = "提交自评"
    assessment.save()
    return assessment


@transaction.atomic
def return_self(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """退回自评: the township may change its self-assessment again and submits anew."""
    assessment = _locked_assessment(assessment.pk)
    check_return(actor, assessment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("退回自评须说明理由。")
    assessment.state = AssessmentState.SELF
    assessment._history_user = actor
    assessment._change_reason = f"退回自评：{reason}"[:100]
    assessment.save()
    return assessment


# --- review -------------------------------------------------------------------------------


@transaction.atomic
def review_item(
    *,
    actor,
    score: ItemScore,
    action: str,
    final=None,
    verified=None,
    reason: str = "",
    seen_version=None,
    open_finding: bool = False,
    rectify_by: date | None = None,
    today: date | None = None,
) -> ItemScore:
    """确认 (final: the township's effective score), 调整 (a final score and a reason) or
    核查不实 (a reason and the verified score, less the item's falsification penalty). With
    `open_finding`, an adjustment or 核查不实 also opens a supervision finding against the
    township (one per item score), in the same transaction."""
    versions.lock(score, seen_version)
    check_review(actor, _locked_assessment(score.assessment_id))
    item = score.item
    reason = (reason or "").strip()
    if action == CONFIRM:
        result = effective_score(score)
        if result is None:
            raise ValidationError(
                "该项没有系统计分和自评分，不能直接确认，请调整并填写评定分和理由。"
            )
    elif action == ADJUST:
        if not reason:
            raise ValidationError("调整评定分须说明理由。")
        number = _number(final, "评定分")
        if number is None:
            raise ValidationError("请填写评定分。")
        result = _within(number, item, "评定分")
    elif action == FALSIFY:
        if not reason:
            raise ValidationError("核查不实须说明理由。")
        number = _number(verified, "核实得分")
        if number is None:
            raise ValidationError("请填写核实得分。")
        result = rules.falsified(
            _within(number, item, "核实得分"), item.points, item.falsification_penalty
        )
    else:
        raise ValidationError("未知的审核操作。")
    score.review, score.final, score.reason = REVIEW_ACTIONS[action], result, reason
    score.changed_by = actor
    score.full_clean()
    score._history_user = actor
    score._change_reason = (f"{REVIEW_ACTIONS[action].label}：{reason}" if reason else "确认")[:100]
    score.save()
    if open_finding:
        _finding_from_review(actor, score, action, reason, rectify_by, today)
    return score


def _finding_from_review(actor, score, action, reason, rectify_by, today) -> None:
    if action == CONFIRM:
        raise ValidationError("确认的项目不提出督察问题；调整或核查不实时才可提出。")
    today = today or timezone.localdate()
    assessment, item = score.assessment, score.item
    finding_open(
        actor,
        assessment.organisation,
        year=assessment.scheme.year,
        source=Source.ASSESSMENT,
        title=f"{assessment.scheme.year}年度考核{item.code}“{item.title}”{REVIEW_ACTIONS[action].label}",
        detail=reason,
        rectify_by=rectify_by or today + timedelta(days=FINDING_DAYS),
        source_ref=f"score:{score.pk}",
        found_on=today,
    )


@transaction.atomic
def complete(*, actor, assessment: Assessment) -> Assessment:
    """完成评定: every item reviewed."""
    assessment = _locked_assessment(assessment.pk)
    check_complete(actor, assessment)
    assessment.state = AssessmentState.REVIEWED
    assessment.reviewed_at, assessment.reviewed_by = timezone.now(), actor
    assessment._history_user = actor
    assessment._change_reason = "完成评定"
    assessment.save()
    return assessment
