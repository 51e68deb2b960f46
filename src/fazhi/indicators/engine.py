"""Evaluate indicators for organisations and years: the one place a figure is computed.

Rows are aggregated per owning organisation in one query per ledger model (conditional
aggregates, one column per figure), then summed up the organisation tree in Python, so the
number of queries does not grow with the number of records or organisations. Ratios divide the
summed numerator by the summed denominator at every level.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from fazhi.indicators import stored
from fazhi.indicators.registry import Computation, Period, Ratio, computation_for
from fazhi.ledgers.models import without_archived
from fazhi.orgs.models import Organisation

RATIO_PLACES = Decimal("0.1")
SUM_PLACES = Decimal("0.01")
# Names of the grouping columns: not a field name of any ledger model (Disclosure has `period`).
ORG, YEAR = "indicator_org", "indicator_year"


@dataclass(frozen=True)
class Figure:
    """One indicator's value for one organisation and year (None: a ratio with nothing to
    divide by). Ratios also carry their numerator and denominator."""

    code: str
    value: int | Decimal | None
    numerator: int | Decimal | None = None
    denominator: int | Decimal | None = None


class IndicatorTable:
    """Figures by (code, organisation id, year), as returned by `evaluate`."""

    def __init__(self, figures: dict[tuple[str, int, int], Figure]):
        self._figures = figures

    def figure(self, code: str, organisation, year: int) -> Figure:
        org_id = getattr(organisation, "pk", organisation)
        return self._figures[(code, org_id, year)]

    def value(self, code: str, organisation, year: int):
        return self.figure(code, organisation, year).value

    def __len__(self) -> int:
        return len(self._figures)


def base_codes(codes: Iterable[str]) -> list[str]:
    """The codes to aggregate: each ratio is replaced by its numerator and denominator."""
    from fazhi.indicators.registry import indicator

    needed: list[str] = []
    for code in codes:
        computation = computation_for(code)
        parts = (
            [indicator(code).numerator, indicator(code).denominator]
            if isinstance(computation, Ratio)
            else [code]
        )
        for part in parts:
            if part not in needed:
                needed.append(part)
    return needed


def evaluate(
    codes: Iterable[str],
    organisations: Iterable[Organisation],
    years: Iterable[int],
    *,
    today: date | None = None,
) -> IndicatorTable:
    """Every requested figure for every organisation's subtree and year.

    The organisations must come from a scoped queryset: a figure covers the whole subtree of
    each, and the caller answers for the user's right to see it.
    """
    codes = list(dict.fromkeys(codes))
    targets = list(organisations)
    years = sorted(set(years))
    today = today or timezone.localdate()
    totals: dict[tuple[str, int, int], int | Decimal] = defaultdict(int)
    if targets and years and codes:
        subtree = _subtree(targets)
        needed = base_codes(codes)
        daily = [code for code in needed if computation_for(code).changes_daily]
        own = list(stored.own_figures([c for c in needed if c not in daily], subtree, years, today))
        for group in groups(daily):
            own.extend(aggregate(group, list(subtree), years, today))
        for code, org_id, year, value in own:
            for target_id in subtree[org_id].targets:
                totals[(code, target_id, year)] += value
    figures = {}
    for code in codes:
        computation = computation_for(code)
        for target in targets:
            for year in years:
                figures[(code, target.pk, year)] = _figure(computation, totals, target.pk, year)
    return IndicatorTable(figures)


@dataclass(frozen=True)
class SubtreeOrganisation:
    targets: list[int]  # the requested organisations it belongs to
    revision: int  # how often its records were written (stored figures' validity)


def _subtree(targets: list[Organisation]) -> dict[int, SubtreeOrganisation]:
    """Every organisation under the targets, with the targets it belongs to."""
    condition = reduce(or_, (Q(path__startswith=target.path) for target in targets))
    rows = Organisation.objects.filter(condition).values_list(
        "pk", "path", "figure_revision__revision"
    )
    return {
        org_id: SubtreeOrganisation(
            [t.pk for t in targets if path.startswith(t.path)], revision or 0
        )
        for org_id, path, revision in rows
    }


def groups(codes: list[str]) -> list[list[Computation]]:
    """Computations that can share one query: same model, same way of finding the year."""
    groups: dict[tuple, list[Computation]] = defaultdict(list)
    for code in codes:
        computation = computation_for(code)
        groups[(computation.model, computation.year_field)].append(computation)
    return list(groups.values())


def _rows(model, org_ids):
    return without_archived(model._default_manager.filter(organisation_id__in=org_ids).order_by())


def _aggregate_expression(computation: Computation, condition):
    extra = {"filter": condition} if condition else {}
    if computation.sum_field:
        return Sum(computation.sum_field, **extra)
    return Count("pk", **extra)


def _aggregates(group: list[Computation], rows, period: Period):
    """The rows to aggregate and one aggregate per computation. A lone computation's condition
    goes into WHERE instead of FILTER: the same figures, but an index on the condition (such as
    the open deadlines') can be used instead of reading every row of the years."""
    conditions = [computation.condition(period) for computation in group]
    if len(group) == 1 and conditions[0]:
        return rows.filter(conditions[0]), {"v0": _aggregate_expression(group[0], None)}
    return rows, {
        f"v{i}": _aggregate_expression(computation, condition)
        for i, (computation, condition) in enumerate(zip(group, conditions, strict=True))
    }


def aggregate(group: list[Computation], org_ids: list[int], years: list[int], today: date):
    """(code, organisation id, year, value) for every organisation with matching rows, counting
    only each organisation's own rows (not its subtree's)."""
    model = group[0].model
    year_field = group[0].year_field
    rows = _rows(model, org_ids)
    if year_field is None:
        # Year-relative conditions: one query per year.
        for year in years:
            matching, aggregates = _aggregates(group, rows, Period(year, today))
            for row in matching.values(**{ORG: F("organisation_id")}).annotate(**aggregates):
                yield from _values(group, row, year)
        return
    if year_field == "year":
        rows = rows.filter(year__in=years)
        grouping = {ORG: F("organisation_id"), YEAR: F("year")}
    else:
        rows = rows.filter(
            **{
                f"{year_field}__gte": date(years[0], 1, 1),
                f"{year_field}__lte": date(years[-1], 12, 31),
            }
        )
        grouping = {ORG: F("organisation_id"), YEAR: ExtractYear(year_field)}
    # Flow conditions are plain Qs, the same for every year.
    rows, aggregates = _aggregates(group, rows, Period(years[-1], today))
    for row in rows.values(**grouping).annotate(**aggregates):
        if row[YEAR] in years:
            yield from _values(group, row, row[YEAR])


def _values(group, row, year):
    for i, computation in enumerate(group):
        value = row[f"v{i}"] or 0
        if computation.per_organisation:
            value = 1 if value else 0
        yield computation.code, row[ORG], year, value


def _figure(computation, totals, org_id: int, year: int) -> Figure:
    from fazhi.indicators.registry import indicator

    code = computation.code
    if isinstance(computation, Ratio):
        item = indicator(code)
        numerator = totals.get((item.numerator, org_id, year), 0)
        denominator = totals.get((item.denominator, org_id, year), 0)
        numerator = _scaled(computation_for(item.numerator), numerator)
        denominator = _scaled(computation_for(item.denominator), denominator)
        value = None
        if denominator:
            quotient = Decimal(numerator) / Decimal(denominator)
            if computation.percent:
                quotient *= 100
            value = quotient.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)
        return Figure(code, value, numerator, denominator)
    return Figure(code, _scaled(computation, totals.get((code, org_id, year), 0)))


def _scaled(computation: Computation, value):
    if computation.scale is not None:
        return (Decimal(value) * computation.scale).quantize(SUM_PLACES, rounding=ROUND_HALF_UP)
    if isinstance(value, Decimal):
        return value.quantize(SUM_PLACES, rounding=ROUND_HALF_UP)
    return value


def records(code: str, organisation: Organisation, year: int, *, today: date | None = None):
    """The rows a non-ratio figure was computed from (active rows of the subtree and year).

    For a ratio, ask for its numerator's and denominator's codes.
    """
    computation = computation_for(code)
    if isinstance(computation, Ratio):
        raise ValueError(f"{code} is a ratio: list its numerator and denominator instead")
    period = Period(year, today or timezone.localdate())
    rows = without_archived(
        computation.model._default_manager.filter(organisation__path__startswith=organisation.path)
    )
    if computation.year_field == "year":
        rows = rows.filter(year=year)
    elif computation.year_field:
        rows = rows.filter(**{f"{computation.year_field}__year": year})
    condition = computation.condition(period)
    if condition:
        rows = rows.filter(condition)
    if computation.sum_field:
        rows = rows.exclude(**{computation.sum_field: 0}).exclude(
            **{f"{computation.sum_field}__isnull": True}
        )
    return rows
