"""Totals of whole counties, stored: a province's or city's figure and its counties' come from
one stored row per county (and the few provinces' and cities' own rows), not from every
township's and village's own row — a province has 11,000 organisations, a county 330.

A county's row holds every storable figure summed over its subtree, with the subtree's size and
the sum of its organisations' revisions when read. Revisions only ever increase and every write
to a record moves its organisation's on (signals.py), so a row whose size and sum still match
was computed from the same records. Creating, deleting or merging organisations empties the
table (signals.py): the size and sum alone could then be matched by chance.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, Substr

from fazhi.indicators import stored
from fazhi.indicators.models import StoredRollup
from fazhi.indicators.registry import definitions_fingerprint
from fazhi.indicators.subtree import subtree_of
from fazhi.orgs.models import Organisation
from fazhi.orgs.paths import PathIndex, under
from fazhi.orgs.roles import ABOVE_COUNTY, Level

ROLLED_LEVELS = {*ABOVE_COUNTY, Level.COUNTY}


def rolled(targets) -> list[Organisation]:
    """The targets served by rollups: those at county level and above, when any target is
    above a county. A county's own page reads its townships' rows anyway and sums them."""
    if not any(target.level in ABOVE_COUNTY for target in targets):
        return []
    return [target for target in targets if target.level in ROLLED_LEVELS]


def subtree_totals(codes: list[str], targets, years: list[int], today: date, on_progress=None):
    """(code, target id, year, value) of the targets' whole subtrees for storable codes; the
    targets are counties, cities and provinces (see `rolled`)."""
    regions = [target for target in targets if target.level in ABOVE_COUNTY]
    counties = list(
        Organisation.objects.filter(under(regions), level=Level.COUNTY).order_by("path")
    )
    known = {county.pk for county in counties}
    counties += [t for t in targets if t.level == Level.COUNTY and t.pk not in known]
    per_county = county_values(counties, years, today, on_progress)
    # Provinces' and cities' own rows: every other organisation under them is in a county.
    uppers = subtree_of(regions, level__in=ABOVE_COUNTY) if regions else {}
    totals: dict[tuple[str, int, int], object] = defaultdict(int)
    index = PathIndex(targets)
    for county in counties:
        for target_id in index.containing(county.path):
            for year in years:
                values = per_county[(county.pk, year)]
                for code in codes:
                    totals[(code, target_id, year)] += stored.load(values.get(code, 0))
    for code, org_id, year, value in stored.own_figures(codes, uppers, years, today):
        for target_id in uppers[org_id].targets:
            totals[(code, target_id, year)] += value
    for (code, target_id, year), value in totals.items():
        if value:
            yield code, target_id, year, value


def county_values(counties, years, today, on_progress=None) -> dict[tuple[int, int], dict]:
    """{(county id, year): {code: stored value}} for every storable code, from the stored row
    where it is still valid, summed (and stored) where not."""
    if not counties:
        return {}
    states = _states(counties)
    definitions = definitions_fingerprint()
    rows = StoredRollup.objects.filter(
        organisation__in=[county.pk for county in counties],
        year__in=years,
        definitions=definitions,
    ).values_list("organisation_id", "year", "members", "revisions", "values")
    found = {
        (org_id, year): values
        for org_id, year, members, revisions, values in rows
        if states.get(org_id) == (members, revisions)
    }
    missing = [c for c in counties if any((c.pk, year) not in found for year in years)]
    if missing:
        found.update(_summed(missing, years, today, states, definitions, on_progress))
    return found


def _states(counties) -> dict[int, tuple[int, int]]:
    """{county id: (organisations in its subtree, their revisions summed)}, one grouped query
    per length of the counties' paths (one in a province)."""
    states = {}
    for length in sorted({len(county.path) for county in counties}):
        same = [county for county in counties if len(county.path) == length]
        rows = (
            Organisation.objects.filter(under(same))
            .annotate(county_path=Substr("path", 1, length))
            .values("county_path")
            .annotate(
                members=Count("pk"),
                revisions=Coalesce(Sum("figure_revision__revision"), 0),
            )
            .values_list("county_path", "members", "revisions")
            .order_by()
        )
        by_path = {county.path: county.pk for county in same}
        for path, members, revisions in rows:
            if path in by_path:
                states[by_path[path]] = (members, revisions)
    return states


def _summed(counties, years, today, states, definitions, on_progress) -> dict:
    """Sum the counties' organisations' own figures and store the sums under the states read
    before the figures (a write in between leaves the stored row stale, never wrong)."""
    codes = stored.storable_codes()
    subtree = subtree_of(counties)
    sums: dict[tuple[int, int], dict] = {
        (county.pk, year): dict.fromkeys(codes, 0) for county in counties for year in years
    }
    for code, org_id, year, value in stored.own_figures(codes, subtree, years, today, on_progress):
        for county_id in subtree[org_id].targets:
            sums[(county_id, year)][code] += value
    result = {
        key: {code: stored.dump(v) for code, v in values.items()} for key, values in sums.items()
    }
    StoredRollup.objects.bulk_create(
        [
            StoredRollup(
                organisation_id=county_id,
                year=year,
                members=states.get(county_id, (0, 0))[0],
                revisions=states.get(county_id, (0, 0))[1],
                definitions=definitions,
                values=values,
            )
            for (county_id, year), values in result.items()
        ],
        update_conflicts=True,
        unique_fields=["organisation", "year"],
        update_fields=["members", "revisions", "definitions", "values", "computed_at"],
    )
    return result
