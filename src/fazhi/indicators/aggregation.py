"""Aggregate ledger rows into each organisation's own base figures: one query per group of
computations on the same model (conditional aggregates, one column per figure).

Both the engine (figures that change daily) and the stored figures (the rest, when their stored
row is stale) aggregate through here, so neither needs the other.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractYear

from fazhi.indicators.registry import Computation, Period, computation_for
from fazhi.ledgers.models import without_archived

# Names of the grouping columns: not a field name of any ledger model (Disclosure has `period`).
ORG, YEAR = "indicator_org", "indicator_year"


def groups(codes: list[str]) -> list[list[Computation]]:
    """Computations that can share one query: same model, same way of finding the year."""
    grouped: dict[tuple, list[Computation]] = defaultdict(list)
    for code in codes:
        computation = computation_for(code)
        grouped[(computation.model, computation.year_field)].append(computation)
    return list(grouped.values())


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
