"""Coverage of 一村一法律顾问: which villages lack a current contract or services in a window, and
the duty rota in force. Each figure is one function here, for a user (pages: what the user may
see) or for an organisation's subtree without a user (the drafted report)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max

from fazhi.indicators.named import named_figure
from fazhi.ledgers.selectors import records_for, records_in
from fazhi.legal_services.kinds import CONTRACTS, DUTY_ROTA, SERVICES
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import organisations_in

# A village with no 法律顾问 service on a day or the 89 days before it is a gap on that day.
SERVICE_WINDOW_DAYS = 90


@dataclass(frozen=True)
class VillageGap:
    village: Organisation
    last_date: date | None  # the last contract's end, or the last service's date

    def days_since(self, today: date) -> int | None:
        return (today - self.last_date).days if self.last_date else None


def recent_window(today: date) -> tuple[date, date]:
    """The SERVICE_WINDOW_DAYS days ending on `today`."""
    return today - timedelta(days=SERVICE_WINDOW_DAYS - 1), today


@named_figure("legal_services.villages")
def villages_in(*, organisation=None, user=None, capabilities=None) -> list[Organisation]:
    """The villages (communities) of the subtree the user may see, each to have an advisor;
    with `capabilities` {ADVISOR_LOG}: the villages assigned to an advisor."""
    capabilities = capabilities or {Capability.LEDGER_VIEW}
    villages = organisations_in(organisation, user=user, capabilities=capabilities)
    return list(villages.filter(level=Level.VILLAGE).select_related("parent").order_by("code"))


def _last_dates(rows, villages, field: str, end: date) -> dict[int, date]:
    # Only the villages just read (scoped) are asked for: the (organisation, year) index finds
    # their rows.
    return dict(
        rows.filter(organisation__in=[village.pk for village in villages], occurred_on__lte=end)
        .order_by()
        .values("organisation_id")
        .annotate(last=Max(field))
        .values_list("organisation_id", "last")
    )


@named_figure("legal_services.villages_without_contract")
def villages_without_contract(*, today: date, organisation=None, user=None) -> list[VillageGap]:
    """Villages with no contract covering `today`, with the end of their last one."""
    villages = villages_in(organisation=organisation, user=user)
    contracts = records_in(CONTRACTS)
    covered = set(
        contracts.filter(
            organisation__in=[village.pk for village in villages],
            occurred_on__lte=today,
            contract_end__gte=today,
        ).values_list("organisation_id", flat=True)
    )
    last_end = _last_dates(contracts, villages, "contract_end", today)
    return [
        VillageGap(village, last_end.get(village.pk))
        for village in villages
        if village.pk not in covered
    ]


def villages_without_service(
    *, start: date, end: date, organisation=None, user=None, capabilities=None
) -> list[VillageGap]:
    """Villages with no 法律顾问 service from `start` to `end` (both included), with their last
    service on or before `end`. Pages ask for the 90 days to today, the report for its year."""
    villages = villages_in(organisation=organisation, user=user, capabilities=capabilities)
    last_service = _last_dates(records_in(SERVICES), villages, "occurred_on", end)
    return [
        VillageGap(village, last_service.get(village.pk))
        for village in villages
        if last_service.get(village.pk) is None or last_service[village.pk] < start
    ]


@named_figure("legal_services.villages_without_recent_service")
def villages_without_recent_service(
    *, today: date, organisation=None, user=None, capabilities=None
) -> list[VillageGap]:
    """Villages with no service in the SERVICE_WINDOW_DAYS days to `today`."""
    start, end = recent_window(today)
    return villages_without_service(
        start=start, end=end, organisation=organisation, user=user, capabilities=capabilities
    )


@named_figure("legal_services.villages_without_service_in_year")
def villages_without_service_in_year(
    *, year: int, organisation=None, user=None
) -> list[VillageGap]:
    """Villages with no service in the whole of `year` (the report's 不足 and 安排)."""
    return villages_without_service(
        start=date(year, 1, 1), end=date(year, 12, 31), organisation=organisation, user=user
    )


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
