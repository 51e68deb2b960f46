"""Coverage of 一村一法律顾问: which villages lack a current contract or recent services, and the
duty rota in force. Every queryset goes through the scoping of fazhi.ledgers.selectors."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max

from fazhi.ledgers.selectors import records_for
from fazhi.legal_services.kinds import CONTRACTS, DUTY_ROTA, SERVICES
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import scope_queryset

SERVICE_WINDOW_DAYS = 90


@dataclass(frozen=True)
class VillageGap:
    village: Organisation
    last_date: date | None  # the last contract's end, or the last service's date

    def days_since(self, today: date) -> int | None:
        return (today - self.last_date).days if self.last_date else None


def villages_for(user):
    return scope_queryset(
        Organisation.objects.filter(level=Level.VILLAGE),
        user,
        org_field="",
        capabilities={Capability.LEDGER_VIEW},
    ).select_related("parent")


def villages_without_contract(user, today: date) -> list[VillageGap]:
    """Villages with no active contract covering `today`, with the end of their last one."""
    contracts = records_for(user, CONTRACTS)
    covered = set(
        contracts.filter(occurred_on__lte=today, contract_end__gte=today).values_list(
            "organisation_id", flat=True
        )
    )
    last_end = dict(
        contracts.filter(occurred_on__lte=today)
        .values("organisation_id")
        .annotate(last=Max("contract_end"))
        .values_list("organisation_id", "last")
    )
    return [
        VillageGap(village, last_end.get(village.pk))
        for village in villages_for(user).order_by("code")
        if village.pk not in covered
    ]


def villages_without_recent_service(user, today: date) -> list[VillageGap]:
    """Villages with no service in the last 90 days: on `today` or the 89 days before it."""
    since = today - timedelta(days=SERVICE_WINDOW_DAYS - 1)
    last_service = dict(
        records_for(user, SERVICES)
        .filter(occurred_on__lte=today)
        .values("organisation_id")
        .annotate(last=Max("occurred_on"))
        .values_list("organisation_id", "last")
    )
    gaps = []
    for village in villages_for(user).order_by("code"):
        last = last_service.get(village.pk)
        if last is None or last < since:
            gaps.append(VillageGap(village, last))
    return gaps


def current_rota(user, today: date) -> list[dict]:
    """Per township, the slots of the rota with the latest start date on or before `today`."""
    slots = records_for(user, DUTY_ROTA).filter(occurred_on__lte=today)
    latest = dict(
        slots.values("organisation_id")
        .annotate(start=Max("occurred_on"))
        .values_list("organisation_id", "start")
    )
    by_township: dict[int, dict] = {}
    for slot in slots.select_related("organisation").order_by("organisation__code", "weekday"):
        if slot.occurred_on != latest[slot.organisation_id]:
            continue
        entry = by_township.setdefault(
            slot.organisation_id,
            {"township": slot.organisation, "since": slot.occurred_on, "slots": []},
        )
        entry["slots"].append(slot)
    return list(by_township.values())


def coverage(user, today: date) -> dict:
    villages = villages_for(user)
    return {
        "today": today,
        "village_count": villages.count(),
        "window_days": SERVICE_WINDOW_DAYS,
        "without_contract": villages_without_contract(user, today),
        "without_service": villages_without_recent_service(user, today),
        "rota": current_rota(user, today),
    }


def villages_without_service(organisation, start: date, end: date, *, user=None) -> list:
    """Villages of the organisation's subtree with no legal-advisor service from `start` to
    `end` (scoped to the user when one is given), each with its last service before `end`."""
    from fazhi.ledgers.models import without_archived
    from fazhi.legal_services.models import LegalService

    villages = Organisation.objects.filter(level=Level.VILLAGE, path__startswith=organisation.path)
    if user is not None:
        villages = villages.filter(pk__in=villages_for(user).values("pk"))
    villages = list(villages.order_by("code"))
    last_service = dict(
        without_archived(
            LegalService.objects.filter(
                organisation__in=[village.pk for village in villages], occurred_on__lte=end
            )
        )
        .order_by()
        .values("organisation_id")
        .annotate(last=Max("occurred_on"))
        .values_list("organisation_id", "last")
    )
    return [
        VillageGap(village, last_service.get(village.pk))
        for village in villages
        if last_service.get(village.pk) is None or last_service[village.pk] < start
    ]
