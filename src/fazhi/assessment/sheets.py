"""Reads for the self-assessment and review pages (自评表, 审核表) and the home panel: each
page's rows in a fixed number of queries, whatever the number of items."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils import timezone

from fazhi.assessment.models import (
    Assessment,
    AssessmentState,
    Evidence,
    ItemScore,
    ReviewState,
    Scheme,
)
from fazhi.core import versions
from fazhi.core.history import history_entries
from fazhi.ledgers.attachments import attachments_of
from fazhi.ledgers.personal import search_condition
from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.selectors import may_view_kind
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import organisations_in

READERS = {Capability.REPORT_DRAFT, Capability.REPORT_APPROVE, Capability.INSPECT}
RECORD_MATCHES = 20


def township(user, code: str, capabilities):
    """The township `code` if the user may open it through `capabilities`, else None."""
    return (
        organisations_in(user=user, capabilities=capabilities)
        .filter(code=code, level=Level.TOWNSHIP)
        .select_related("parent")
        .first()
    )


def default_year(organisation) -> int:
    """The latest year the township's county has a scheme for (up to this year), else last
    year (the assessment is of the year just ended)."""
    this_year = timezone.localdate().year
    latest = (
        Scheme.objects.filter(county_id=organisation.parent_id, year__lte=this_year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or this_year - 1


@dataclass
class Group:
    category: object
    scores: list = field(default_factory=list)


def score_rows(assessment: Assessment, *, evidence: bool = False) -> list[Group]:
    """The assessment's scores grouped by category, each with `evidence_count`, `version` (for
    the forms that edit it) and, with `evidence`, its evidence list prefetched."""
    scores = (
        ItemScore.objects.filter(assessment=assessment)
        .select_related("item__category")
        .annotate(evidence_count=Count("evidence"))
    )
    if evidence:
        scores = scores.prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("added_at", "pk"))
        )
    scores = list(scores)
    current = versions.current_versions(ItemScore, [score.pk for score in scores])
    groups: dict[int, Group] = {}
    for score in scores:
        score.version = current[score.pk]
        category = score.item.category
        groups.setdefault(category.pk, Group(category)).scores.append(score)
    return list(groups.values())


def counts(groups: list[Group]) -> dict:
    scores = [score for group in groups for score in group.scores]
    return {
        "items": len(scores),
        "pending": sum(score.review == ReviewState.PENDING for score in scores),
        "with_evidence": sum(bool(score.evidence_count) for score in scores),
    }


def score_for(assessment: Assessment, item_code: str) -> ItemScore | None:
    return (
        ItemScore.objects.filter(assessment=assessment, item__code=item_code)
        .select_related("item__category", "assessment__scheme", "assessment__organisation")
        .first()
    )


def evidence_of(score: ItemScore) -> list[Evidence]:
    return list(
        Evidence.objects.filter(score=score).select_related("stored_file", "attachment", "added_by")
    )


def evidence_kinds(user) -> list:
    """The ledger kinds the user may pick records of."""
    return [kind for kind in all_kinds() if may_view_kind(user, kind)]


def record_matches(user, assessment: Assessment, kind_slug: str, text: str) -> list[dict]:
    """Records of one kind of the township and the scheme's year matching `text` (the kind's
    search fields; personal fields only where the user may see them), each with its
    attachments."""
    kinds = {kind.slug: kind for kind in evidence_kinds(user)}
    kind = kinds.get(kind_slug)
    if kind is None:
        return []
    records = (
        kind.model.objects.for_user(user, kind.view_capabilities)
        .active()
        .filter(
            organisation__path__startswith=assessment.organisation.path,
            year=assessment.scheme.year,
        )
        .order_by("-occurred_on", "-pk")
    )
    text = (text or "").strip()
    if text and kind.search_fields:
        records = records.filter(search_condition(get_kind(kind.slug), user, text))
    return [
        {"kind": kind, "record": record, "attachments": list(attachments_of(record))}
        for record in records[:RECORD_MATCHES]
    ]


def waiting_self(user) -> list[Assessment]:
    """Assessments the user's townships have to fill in or were returned (自评中)."""
    return list(
        Assessment.objects.for_user(user, {Capability.REPORT_DRAFT, Capability.REPORT_APPROVE})
        .filter(state=AssessmentState.SELF)
        .select_related("organisation", "scheme")
        .order_by("-scheme__year", "organisation__path")
    )


def waiting_review(user) -> list[Assessment]:
    """Self-assessments submitted to the user (an inspector) and not yet reviewed."""
    return list(
        Assessment.objects.for_user(user, {Capability.INSPECT})
        .filter(state=AssessmentState.SUBMITTED)
        .select_related("organisation", "scheme")
        .order_by("self_submitted_at", "organisation__path")
    )


def latest_year(user) -> int | None:
    """The latest year of the assessments the user may see."""
    return (
        Assessment.objects.for_user(user, READERS)
        .order_by("-scheme__year")
        .values_list("scheme__year", flat=True)
        .first()
    )


def assessments_visible(user, year: int) -> list[Assessment]:
    return list(
        Assessment.objects.for_user(user, READERS)
        .filter(scheme__year=year)
        .select_related("organisation", "scheme")
        .order_by("organisation__path")
    )


def score_history(score: ItemScore) -> list:
    """The score's changes, newest first, with people by name and the basis by its sentence."""
    rows = list(score.history.select_related("history_user"))
    people = {row.history_user_id: str(row.history_user) for row in rows if row.history_user}

    def shown(name, value):
        if name == "changed_by":
            return people.get(value, value)
        if name == "basis" and isinstance(value, dict):
            return value.get("explanation", "")
        return value

    return history_entries(score, shown, every_field=True)


def evidence_history(score: ItemScore) -> list:
    """Evidence added to and removed from the item: who, when, which file or record."""
    return list(
        Evidence.history.filter(score_id=score.pk)
        .exclude(history_type="~")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def return_reason(assessment: Assessment) -> str:
    """Why the inspector returned the self-assessment (empty unless it was returned)."""
    if assessment.state != AssessmentState.SELF or assessment.self_submitted_at is None:
        return ""
    reason = (
        assessment.history.filter(history_change_reason__startswith="退回自评")
        .order_by("-history_date", "-history_id")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    return (reason or "").removeprefix("退回自评：")
