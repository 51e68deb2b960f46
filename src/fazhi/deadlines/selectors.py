"""Reads of deadlines, always through the one scoping function. Callers pass `today`."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.resolve import period_for, periods_for  # noqa: F401  (re-exported)
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import memberships_of, scope_queryset

VIEW = {Capability.LEDGER_VIEW}
COUNTY_VIEW = {Capability.INSPECT, Capability.ORG_MANAGE}
DEFAULT_DAYS = 14


def live(deadlines: QuerySet) -> QuerySet:
    """Drop deadlines whose record has been archived (or no longer exists)."""
    type_ids = deadlines.order_by().values_list("record_type_id", flat=True).distinct()
    for record_type in ContentType.objects.filter(pk__in=list(type_ids)):
        model = record_type.model_class()
        if model is None:
            continue
        gone = Q(record_type=record_type) & ~Q(record_id__in=_active_ids(model))
        deadlines = deadlines.exclude(gone)
    return deadlines


def _active_ids(model):
    manager = model._default_manager
    if any(field.name == "archived_at" for field in model._meta.get_fields()):
        return manager.filter(archived_at__isnull=True).values("pk")
    return manager.values("pk")


def visible(user) -> QuerySet:
    """Deadlines on live records of the user's subtrees (ledger viewers only)."""
    return live(Deadline.objects.for_user(user, VIEW)).select_related("organisation")


def in_subtree(organisation: Organisation) -> QuerySet:
    """Deadlines on live records of one organisation's subtree (the daily digest; no user)."""
    queryset = Deadline.objects.filter(organisation__path__startswith=organisation.path)
    return live(queryset).select_related("organisation")


def upcoming_in(deadlines: QuerySet, today: date, days: int = DEFAULT_DAYS) -> QuerySet:
    """Unmet deadlines due from today up to `days` days ahead, soonest first."""
    end = today + timedelta(days=days)
    return deadlines.filter(met_on__isnull=True, due_on__gte=today, due_on__lte=end).order_by(
        "due_on", "pk"
    )


def overdue_in(deadlines: QuerySet, today: date) -> QuerySet:
    """Unmet deadlines whose last day has passed, oldest first."""
    return deadlines.filter(met_on__isnull=True, due_on__lt=today).order_by("due_on", "pk")


def upcoming(user, today: date, days: int = DEFAULT_DAYS) -> QuerySet:
    return upcoming_in(visible(user), today, days)


def overdue(user, today: date) -> QuerySet:
    return overdue_in(visible(user), today)


def counties_inspected(user) -> QuerySet:
    """Counties on which the user holds a county-level inspector or administrator role."""
    counties = Organisation.objects.filter(level=Level.COUNTY)
    return scope_queryset(counties, user, org_field="", capabilities=COUNTY_VIEW)


@dataclass
class TownshipOverdue:
    township: Organisation
    count: int
    items: list


def overdue_by_township(user, today: date) -> list[TownshipOverdue]:
    """For each township of the counties the user inspects: its overdue deadlines."""
    counties = list(counties_inspected(user))
    if not counties:
        return []
    townships = Organisation.objects.filter(level=Level.TOWNSHIP).filter(Q(parent__in=counties))
    scoped = Deadline.objects.for_user(user, COUNTY_VIEW).select_related("organisation")
    items = list(overdue_in(live(scoped), today))
    rows = []
    for township in townships.order_by("path"):
        mine = [d for d in items if d.organisation.path.startswith(township.path)]
        rows.append(TownshipOverdue(township, len(mine), mine))
    return rows


def home_county(user) -> Organisation | None:
    """The county whose period values the user sees (that of the user's first membership)."""
    for membership in memberships_of(user):
        organisation = membership.organisation
        county_id = organisation.ancestor_ids()[0]
        return Organisation.objects.filter(pk=county_id).first()
    return None


def deadlines_of(record) -> QuerySet:
    record_type = ContentType.objects.get_for_model(type(record))
    return Deadline.objects.filter(record_type=record_type, record_id=record.pk)
