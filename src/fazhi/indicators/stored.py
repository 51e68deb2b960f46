"""Each organisation's own figures per year, read from StoredFigures while valid and recomputed
(then stored) when not: a page of a county needs one query instead of aggregating every ledger
row of the county. Validity is exact: a stored row counts only at its organisation's current
revision, which every write to the organisation's records moves on (signals.py), and under the
computations' current definitions (registry.definitions_fingerprint)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import product

from fazhi.indicators.aggregation import aggregate, groups
from fazhi.indicators.models import StoredFigures
from fazhi.indicators.registry import (
    Ratio,
    computation_for,
    definitions_fingerprint,
    registered_codes,
)


def storable_codes() -> list[str]:
    """The base figures kept per organisation: every computation but ratios (derived from
    their parts) and figures that change with the date."""
    return sorted(
        code
        for code in registered_codes()
        if not isinstance(computation_for(code), Ratio) and not computation_for(code).changes_daily
    )


def own_figures(codes: list[str], subtree: dict, years: list[int], today: date, on_progress=None):
    """(code, organisation id, year, value) of each organisation's own rows, for the codes."""
    if not codes:
        return
    fresh = _fresh(subtree, years)
    missing = [
        (org_id, year) for org_id in subtree for year in years if (org_id, year) not in fresh
    ]
    if missing:
        fresh.update(_recompute(missing, subtree, today, on_progress))
    # Only the requested values are decoded: a county page reads 330 rows of 60 values each.
    for (org_id, year), values in fresh.items():
        for code in codes:
            value = load(values.get(code, 0))
            if value:
                yield code, org_id, year, value


def _fresh(subtree: dict, years: list[int]) -> dict[tuple[int, int], dict]:
    """The stored rows still valid, as stored (Decimals as strings)."""
    wanted = set(storable_codes())
    rows = StoredFigures.objects.filter(
        organisation_id__in=list(subtree), year__in=years, definitions=definitions_fingerprint()
    )
    fresh = {}
    for org_id, year, revision, values in rows.values_list(
        "organisation_id", "year", "revision", "values"
    ):
        if revision == subtree[org_id].revision and wanted <= values.keys():
            fresh[(org_id, year)] = values
    return fresh


def _recompute(missing, subtree: dict, today: date, on_progress=None) -> dict:
    """Aggregate the missing organisations' rows (every storable code, one query per ledger
    model) and store them at the revision read before aggregating."""
    org_ids = sorted({org_id for org_id, _ in missing})
    years = sorted({year for _, year in missing})
    codes = storable_codes()
    computed: dict[tuple[int, int], dict] = defaultdict(dict)
    for group in groups(codes):
        for code, org_id, year, value in aggregate(group, org_ids, years, today):
            computed[(org_id, year)][code] = value
        if on_progress:
            on_progress.advance("汇总台账")
    result = {}
    rows = []
    for org_id, year in product(org_ids, years):
        values = {code: dump(computed[(org_id, year)].get(code, 0)) for code in codes}
        result[(org_id, year)] = values
        rows.append(
            StoredFigures(
                organisation_id=org_id,
                year=year,
                revision=subtree[org_id].revision,
                definitions=definitions_fingerprint(),
                values=values,
            )
        )
    StoredFigures.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["organisation", "year"],
        update_fields=["revision", "definitions", "values", "computed_at"],
    )
    return result


def dump(value):
    return str(value) if isinstance(value, Decimal) else value


def load(value):
    return Decimal(value) if isinstance(value, str) else value
