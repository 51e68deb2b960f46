"""Evaluate indicators for organisations and years: the one place a figure is computed.

Each organisation's own figures come from the stored figures (stored.py) or, for figures that
change daily, straight from the ledger rows (aggregation.py: one query per ledger model); they
are summed up the organisation tree in Python, so the
number of queries does not grow with the number of records or organisations. Ratios divide the
summed numerator by the summed denominator at every level.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from fazhi.indicators import rollups, stored
from fazhi.indicators.aggregation import aggregate, groups
from fazhi.indicators.registry import Computation, Period, Ratio, computation_for, indicator
from fazhi.indicators.subtree import subtree_of
from fazhi.ledgers.models import without_archived
from fazhi.orgs.models import Organisation
from fazhi.orgs.paths import PathIndex, under

RATIO_PLACES = Decimal("0.1")
SUM_PLACES = Decimal("0.01")


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
    on_progress=None,
) -> IndicatorTable:
    """Every requested figure for every organisation's subtree and year.

    The organisations must come from a scoped queryset: a figure covers the whole subtree of
    each, and the caller answers for the user's right to see it. on_progress: a command-line
    bar (fazhi.core.progress), advanced once per group of figures aggregated from the ledgers.
    """
    codes = list(dict.fromkeys(codes))
    targets = list(organisations)
    years = sorted(set(years))
    today = today or timezone.localdate()
    totals: dict[tuple[str, int, int], int | Decimal] = defaultdict(int)
    if targets and years and codes:
        needed = base_codes(codes)
        daily = [code for code in needed if computation_for(code).changes_daily]
        stored_codes = [c for c in needed if c not in daily]
        # A province's or city's figures (and its counties') come from stored county totals.
        wide = rollups.rolled(targets)
        narrow = [target for target in targets if target not in wide]
        subtree = subtree_of(narrow) if narrow else {}
        parts = []
        if narrow and stored_codes:
            parts.append(
                (code, target_id, year, value)
                for code, org_id, year, value in stored.own_figures(
                    stored_codes, subtree, years, today, on_progress
                )
                for target_id in subtree[org_id].targets
            )
        if wide and stored_codes:
            parts.append(rollups.subtree_totals(stored_codes, wide, years, today, on_progress))
        for group in groups(daily):
            parts.append(
                _daily(group, targets, None if wide else subtree, years, today, on_progress)
            )
        for part in parts:
            for code, target_id, year, value in part:
                totals[(code, target_id, year)] += value
    figures = {}
    for code in codes:
        computation = computation_for(code)
        for target in targets:
            for year in years:
                figures[(code, target.pk, year)] = _figure(computation, totals, target.pk, year)
    return IndicatorTable(figures)


def _daily(group, targets, subtree, years, today, on_progress):
    """(code, target id, year, value) of figures that change with the date, aggregated from the
    ledger rows: over the subtree's listed organisations, or (subtree None: a province's
    thousands) over a subquery, with the organisations that have rows placed by their paths."""
    if on_progress:
        on_progress.advance("汇总台账")
    if subtree is not None:
        for code, org_id, year, value in aggregate(group, list(subtree), years, today):
            for target_id in subtree[org_id].targets:
                yield code, target_id, year, value
        return
    rows = list(
        aggregate(group, Organisation.objects.filter(under(targets)).values("pk"), years, today)
    )
    paths = dict(
        Organisation.objects.filter(pk__in={org_id for _, org_id, _, _ in rows}).values_list(
            "pk", "path"
        )
    )
    index = PathIndex(targets)
    for code, org_id, year, value in rows:
        for target_id in index.containing(paths[org_id]):
            yield code, target_id, year, value


def _figure(computation, totals, org_id: int, year: int) -> Figure:
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
