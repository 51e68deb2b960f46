"""Computing every item of a scheme for many townships at once: one indicator evaluation for
all the items' codes, one read of the report facts, then the pure rules; and writing what was
computed into the townships' assessments (`refresh_scores`) in a handful of bulk queries."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from fazhi.assessment import schemes
from fazhi.assessment.facts import fact_label, fact_values
from fazhi.assessment.models import Assessment, AssessmentState, Item, ItemScore, Scheme
from fazhi.assessment.rules import MANUAL_KINDS, Outcome, score
from fazhi.catalogue import load_catalogue
from fazhi.indicators.engine import evaluate
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

REFRESH_REASON = "系统按台账重新计分"
CREATE_REASON = "系统计分"


def compute(
    scheme: Scheme, organisations, *, items=None, today: date | None = None
) -> dict[tuple[int, int], Outcome]:
    """{(organisation id, item id): Outcome} for the scheme's items over its year."""
    items = list(items if items is not None else Item.objects.filter(scheme=scheme))
    organisations = list(organisations)
    codes = sorted({item.indicator_code for item in items if item.indicator_code})
    table = evaluate(codes, organisations, [scheme.year], today=today)
    facts = fact_values(
        {item.fact for item in items if item.fact}, organisations, scheme.year, today=today
    )
    outcomes = {}
    for organisation in organisations:
        for item in items:
            if item.indicator_code:
                value = table.value(item.indicator_code, organisation, scheme.year)
            elif item.fact:
                value = facts.get((item.fact, organisation.pk))
            else:
                value = None
            outcomes[(organisation.pk, item.pk)] = score(item.kind, item.points, item.params, value)
    return outcomes


def scheme_townships(scheme: Scheme):
    """The townships a scheme assesses: its county's, not abolished."""
    return Organisation.objects.filter(
        parent_id=scheme.county_id, level=Level.TOWNSHIP, abolished_on__isnull=True
    ).order_by("path")


def basis_of(item: Item, outcome: Outcome) -> dict:
    """What an ItemScore keeps of how its computed score came about (JSON)."""
    value = outcome.value
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f")
    if item.indicator_code:
        catalogue = load_catalogue()
        known = item.indicator_code in catalogue  # (the catalogue has no .get)
        entry = catalogue[item.indicator_code] if known else None
        source = {
            "source": "indicator",
            "code": item.indicator_code,
            "label": entry.name if entry else item.indicator_code,
            "unit": entry.unit if entry else "",
        }
    elif item.fact:
        source = {"source": "fact", "code": item.fact, "label": fact_label(item.fact), "unit": ""}
    else:
        source = {"source": "manual", "code": "", "label": "", "unit": ""}
    return {
        **source,
        "value": value,
        "explanation": outcome.explanation,
        "veto_whole": outcome.veto_whole,
    }


def _points(outcome: Outcome) -> Decimal | None:
    return None if outcome.points is None else outcome.points.quantize(Decimal("0.01"))


@transaction.atomic
def refresh_scores(scheme: Scheme, organisations=None, *, today: date | None = None, user=None):
    """Create each township's Assessment and ItemScore rows where missing and set every
    score's `computed` and `basis` from `compute`; the township's and inspector's fields are
    never touched. Assessments already reviewed (已评定) keep their figures. Starting scoring
    locks the scheme. Returns the assessments refreshed."""
    today = today or timezone.localdate()
    townships = scheme_townships(scheme)
    if organisations is not None:
        townships = townships.filter(pk__in=[getattr(o, "pk", o) for o in organisations])
    townships = list(townships)
    items = list(Item.objects.filter(scheme=scheme))
    _lock(scheme, user)
    existing = {
        a.organisation_id: a
        for a in Assessment.objects.filter(scheme=scheme, organisation__in=townships)
    }
    missing = [Assessment(scheme=scheme, organisation=t) for t in townships if t.pk not in existing]
    if missing:
        for assessment in bulk_create_with_history(
            missing, Assessment, default_change_reason=CREATE_REASON
        ):
            existing[assessment.organisation_id] = assessment
    open_ones = {org_id: a for org_id, a in existing.items() if a.state != AssessmentState.REVIEWED}
    if not open_ones or not items:
        return list(existing.values())
    by_org = {t.pk: t for t in townships if t.pk in open_ones}
    outcomes = compute(scheme, by_org.values(), items=items, today=today)
    scores = {
        (s.assessment_id, s.item_id): s
        for s in ItemScore.objects.filter(assessment__in=open_ones.values())
    }
    created, changed = [], []
    for org_id, assessment in open_ones.items():
        for item in items:
            outcome = outcomes[(org_id, item.pk)]
            computed = None if item.kind in MANUAL_KINDS else _points(outcome)
            basis = basis_of(item, outcome)
            row = scores.get((assessment.pk, item.pk))
            if row is None:
                created.append(
                    ItemScore(assessment=assessment, item=item, computed=computed, basis=basis)
                )
            elif row.computed != computed or row.basis != basis:
                row.computed, row.basis = computed, basis
                changed.append(row)
    if created:
        bulk_create_with_history(
            created, ItemScore, batch_size=500, default_change_reason=CREATE_REASON
        )
    if changed:
        bulk_update_with_history(
            changed,
            ItemScore,
            ["computed", "basis"],
            batch_size=500,
            default_change_reason=REFRESH_REASON,
        )
    return list(existing.values())


def _lock(scheme: Scheme, user) -> None:
    """Scoring has started: lock the scheme through the one audited service. A township
    person opening its first self-assessment starts scoring too; the lock is then recorded
    as the system's (actor None), since only the county may lock."""
    if scheme.locked_at is None:
        actor = user if user is not None and schemes.may_manage(user, scheme.county) else None
        schemes.scheme_lock(actor, scheme)
