"""Demo records for every ledger kind: the year before last, last year in full, this year to date.

Deterministic: each (kind, organisation, year) has its own seeded generator, and records are
keyed by the kind's natural key, so a second run adds nothing.
"""

import hashlib
from datetime import date
from random import Random

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from fazhi.ledgers.registry import all_kinds
from fazhi.ledgers.services import sync_deadlines, validate_record
from fazhi.ledgers.signals import records_written
from fazhi.orgs.models import Organisation

DEMO_COUNTY_CODE = "999901"


def _rng(*parts) -> Random:
    seed = hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()
    return Random(int(seed[:16], 16))


def demo_townships() -> list:
    """The townships of the demo county, by code (none before the county is loaded)."""
    from fazhi.orgs.roles import Level

    county = Organisation.objects.filter(code=DEMO_COUNTY_CODE).first()
    if county is None:
        return []
    townships = Organisation.objects.filter(path__startswith=county.path, level=Level.TOWNSHIP)
    return list(townships.order_by("code"))


def demo_years(today: date) -> list[tuple[int, date]]:
    return [
        (today.year - 2, date(today.year - 2, 12, 31)),
        (today.year - 1, date(today.year - 1, 12, 31)),
        (today.year, today),
    ]


@transaction.atomic
def load(today: date | None = None) -> None:
    today = today or timezone.localdate()
    county = Organisation.objects.get(code=DEMO_COUNTY_CODE)
    for kind in all_kinds():
        if kind.demo is None:
            continue
        organisations = Organisation.objects.filter(
            path__startswith=county.path, level=kind.org_level
        ).order_by("code")
        for organisation in organisations:
            _load_kind(kind, organisation, today)


def _load_kind(kind, organisation, today: date) -> None:
    key_fields = [name for name in kind.natural_key if name != "organisation"]
    existing = set(kind.model.objects.filter(organisation=organisation).values_list(*key_fields))
    new_records = []
    for year, last_day in demo_years(today):
        rng = _rng(kind.slug, organisation.code, year)
        for values in kind.demo(organisation, year, rng, last_day):
            key = tuple(values.get(name) for name in key_fields)
            if key in existing:
                continue
            existing.add(key)
            record = kind.model(organisation=organisation, **values)
            validate_record(kind, record)
            new_records.append(record)
    if new_records:
        new_records = bulk_create_with_history(new_records, kind.model, batch_size=500)
        sync_deadlines(kind, new_records, actor=None)
        records_written.send(kind.model, organisation_ids={organisation.pk})
