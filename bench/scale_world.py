"""A county at scale for the dashboard benchmark: townships, villages and years of ledgers.

Rows are written with bulk_create (no history, no services), so `year` is set here from the
date. Field values come from each ledger kind's own demo generator (plausible, consistent
values), resampled to the target volume: the high-volume ledgers get a fixed share of a
township-year's records, every other ledger keeps its demo count. Some workflow rows hang off
the ledgers as they would in use: 案卷评查 and 法制审核 of enforcement cases, 帮教走访 of
follow-up people, and a statutory deadline for every complaint, petition and case.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

# Share of a township-year's records per ledger kind (the rest keep their demo counts).
# Village kinds are spread over the township's villages.
SHARES = {
    "publicity-activities": 0.24,
    "legal-services": 0.17,
    "mediations": 0.14,
    "study-sessions": 0.10,
    "disclosures": 0.07,
    "governance-meetings": 0.05,
    "complaints": 0.05,
    "petitions": 0.05,
    "enforcement-cases": 0.04,
    "dispute-screenings": 0.015,
    "dispute-meetings": 0.01,
    "responsibility-tasks": 0.01,
    "legal-aid": 0.01,
    "supervision-records": 0.01,
    "follow-up-people": 0.005,
}
DEADLINE_CODES = {
    "complaints": ("complaint.answer", "投诉答复", 15),
    "petitions": ("petition.handling", "信访事项办理", 60),
    "enforcement-cases": ("enforcement.publicity", "行政执法决定公示", 7),
}
# Kinds whose rows get workflow rows, so their ids are needed: written with bulk_create.
# The rest go through fast_insert (bulk_create prepares every value in Python: ~2,400 rows/s).
NEED_IDS = {"enforcement-cases", "follow-up-people", *DEADLINE_CODES}
BATCH = 2000


def _rng(*parts) -> Random:
    seed = hashlib.sha256("/".join(map(str, parts)).encode()).hexdigest()
    return Random(int(seed[:16], 16))


@dataclass
class World:
    county: object
    townships: list
    villages: dict  # township pk -> [village]
    years: list[int]
    counts: Counter = field(default_factory=Counter)  # model label -> rows written

    @property
    def ledger_rows(self) -> int:
        return sum(n for label, n in self.counts.items() if not label.startswith("+"))


def build_organisations(
    townships: int,
    villages_per_township: int,
    *,
    code: str = "880001",
    name: str = "基准县",
    parent=None,
):
    """A county, its townships and villages, with paths as organisation_create builds them
    (under `parent` when given: a city of the province bench)."""
    from fazhi.orgs.models import Organisation
    from fazhi.orgs.roles import Level

    [county] = create_level([Organisation(code=code, name=name, level=Level.COUNTY, parent=parent)])
    township_rows = [
        Organisation(
            code=f"{code}{t:03d}", name=f"{name}{t}镇", level=Level.TOWNSHIP, parent=county
        )
        for t in range(1, townships + 1)
    ]
    towns = create_level(township_rows)
    village_rows = [
        Organisation(
            code=f"{town.code}{v:03d}",
            name=f"{town.name}{v}村",
            level=Level.VILLAGE,
            parent=town,
        )
        for town in towns
        for v in range(1, villages_per_township + 1)
    ]
    villages = create_level(village_rows)
    by_town: dict[int, list] = {town.pk: [] for town in towns}
    for village in villages:
        by_town[village.parent_id].append(village)
    return county, towns, by_town


def create_level(rows: list) -> list:
    """Organisations of one level, bulk-created, then given their paths (from their ids, under
    their parent's path; the parent objects must carry theirs)."""
    from fazhi.orgs.models import Organisation

    created = Organisation.objects.bulk_create(rows, batch_size=BATCH)
    for org in created:
        org.path = f"{org.parent.path if org.parent_id else '/'}{org.pk:010d}/"
    Organisation.objects.bulk_update(created, ["path"], batch_size=BATCH)
    return created


def _pool(kind, organisation, year: int, last_day: date) -> list[dict]:
    """The demo generator's records for one organisation and year, up to `last_day`."""
    rng = _rng("bench", kind.slug, organisation.code, year)
    return list(kind.demo(organisation, year, rng, min(last_day, date(year, 12, 31))))


def _records(kind, organisation, year: int, last_day: date, target, seen_keys: set) -> list:
    pool = _pool(kind, organisation, year, last_day)
    if target is None:
        chosen = pool
    else:
        if not pool:  # some generators yield nothing in some years: borrow another year's rows
            for other in (year - 1, year + 1, year - 2, year + 2):
                pool = [
                    {**values, "occurred_on": values["occurred_on"].replace(year=year)}
                    for values in _pool(kind, organisation, other, date(other, 12, 31))
                    if not (values["occurred_on"].month == 2 and values["occurred_on"].day == 29)
                    and values["occurred_on"].replace(year=year) <= last_day
                ]
                if pool:
                    break
        if not pool:
            return []
        rng = _rng("sample", kind.slug, organisation.code, year)
        chosen = [rng.choice(pool) for _ in range(target)]
    rows = []
    for index, values in enumerate(chosen):
        values = dict(values)
        if "doc_number" in values and values["doc_number"]:
            # Document numbers are unique per organisation; resampled rows get their own.
            key = (organisation.pk, values["doc_number"])
            if key in seen_keys:
                values["doc_number"] = f"{values['doc_number']}-{year}-{index}"
            seen_keys.add((organisation.pk, values["doc_number"]))
        record = kind.model(organisation=organisation, **values)
        record.year = record.occurred_on.year
        rows.append(record)
    return rows


def _shares(kinds) -> dict[str, float]:
    slugs = {kind.slug for kind in kinds}
    unknown = set(SHARES) - slugs
    if unknown:
        raise SystemExit(f"scale_world: unknown ledger kinds {sorted(unknown)}")
    return SHARES


def build(
    *,
    townships: int = 30,
    villages_per_township: int = 10,
    years: list[int],
    per_year: int = 10_000,
    today: date,
    progress=None,
) -> World:
    """Write the whole world into the default database. The current year runs up to `today`,
    with its share of a year's records. `progress(advance, description)` is called once per
    township-year."""
    county, towns, villages = build_organisations(townships, villages_per_township)
    world = World(county, towns, villages, years)
    kinds = ledger_kinds()
    seen_keys: set = set()
    for town in towns:
        for year in years:
            with transaction.atomic():
                by_kind = township_year(
                    kinds, town, villages[town.pk], year, today, per_year, seen_keys
                )
                for slug, rows in by_kind.items():
                    model = rows[0].__class__
                    if slug in NEED_IDS:
                        model.objects.bulk_create(rows, batch_size=BATCH)
                    else:
                        fast_insert(model, rows)
                    world.counts[model._meta.label] += len(rows)
                for model, rows in workflow_rows(town, year, by_kind):
                    model.objects.bulk_create(rows, batch_size=BATCH)
                    world.counts["+" + model._meta.label] += len(rows)
            if progress:
                progress(1, f"{town.name} {year}")
    return world


def ledger_kinds() -> list:
    """The ledger kinds with a demo generator (checked against SHARES)."""
    from fazhi.ledgers.registry import all_kinds

    kinds = [kind for kind in all_kinds() if kind.demo is not None]
    _shares(kinds)
    return kinds


def township_year(
    kinds, town, villages: list, year: int, today: date, per_year: int, seen_keys: set
) -> dict[str, list]:
    """One township-year's ledger records (unsaved model instances) by kind slug: the high-volume
    kinds at their share of `per_year` (of the year so far, for the current one), the rest at
    their demo count; village kinds spread over the villages."""
    from fazhi.orgs.roles import Level

    last_day = min(today, date(year, 12, 31))
    fraction = (last_day - date(year, 1, 1)).days / 365
    by_kind: dict[str, list] = {}
    for kind in kinds:
        share = SHARES.get(kind.slug)
        target = round(per_year * share * min(fraction, 1)) if share else None
        if kind.org_level == Level.VILLAGE:
            rows = []
            for i, village in enumerate(villages):
                part = None
                if target is not None:
                    part = target // len(villages) + (i < target % len(villages))
                rows += _records(kind, village, year, last_day, part, seen_keys)
        else:
            rows = _records(kind, town, year, last_day, target, seen_keys)
        if rows:
            by_kind[kind.slug] = rows
    return by_kind


def fast_insert(model, objects: list, *, with_pk: bool = False) -> None:
    """Insert model instances without ids coming back: executemany on SQLite, COPY on
    PostgreSQL (`with_pk`: the instances carry their ids). Values go to the driver as Python
    dates, decimals and strings; the timestamps are set once for all rows."""
    from django.db import connection

    fields = copy_fields(model, with_pk=with_pk)
    rows = copy_rows(fields, objects, sqlite=connection.vendor == "sqlite")
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(rows))


def copy_fields(model, *, with_pk: bool = False) -> list:
    return [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]


def copy_rows(fields: list, objects, *, sqlite: bool = False):
    """Each instance's column values in the order of `fields`, one list at a time (a generator:
    COPY streams them); auto_now timestamps set to now."""
    from django.db import connection
    from django.db.models import DateTimeField
    from django.utils import timezone

    now = timezone.now()
    stamped = {
        i
        for i, f in enumerate(fields)
        if isinstance(f, DateTimeField) and (f.auto_now or f.auto_now_add)
    }
    stamps = {i for i, f in enumerate(fields) if isinstance(f, DateTimeField)}
    adapt = connection.ops.adapt_datetimefield_value
    attnames = [f.attname for f in fields]
    for obj in objects:
        row = [getattr(obj, name) for name in attnames]
        for index in stamped:
            row[index] = now
        if sqlite:
            for index in stamps:
                if row[index] is not None:
                    row[index] = adapt(row[index])
        yield row


def workflow_rows(town, year: int, by_kind: dict[str, list]) -> list[tuple[type, list]]:
    """Rows that hang off ledger records (which must have their ids): reviews, visits,
    deadlines, as (model, unsaved instances)."""
    from fazhi.deadlines.models import Deadline
    from fazhi.disputes.models import FollowUpVisit
    from fazhi.enforcement.checklists import SCORE_ITEMS
    from fazhi.enforcement.models import CaseFileReview, LegalReview

    rng = _rng("workflow", town.code, year)
    year_end = date(year, 12, 31)  # workflow steps of the current year may lie ahead

    def later(day: date, days: int) -> date:
        return min(day + timedelta(days=days), year_end)

    cases = by_kind.get("enforcement-cases", [])
    reviews, legal = [], []
    for case in cases:
        if rng.random() < 0.3:
            scores = {
                name: rng.randint(maximum * 6 // 10, maximum) for name, _, maximum in SCORE_ITEMS
            }
            reviews.append(
                CaseFileReview(
                    organisation_id=case.organisation_id,
                    case=case,
                    reviewed_on=later(case.occurred_on, rng.randint(30, 120)),
                    reviewer_name="县司法局评查组",
                    total=sum(scores.values()),
                    **scores,
                )
            )
        if case.is_major or rng.random() < 0.2:
            legal.append(
                LegalReview(
                    organisation_id=case.organisation_id,
                    case=case,
                    reviewed_on=later(case.occurred_on, rng.randint(3, 20)),
                    reviewer_name="法制审核员",
                    opinion="passed",
                )
            )
    visits = []
    for person in by_kind.get("follow-up-people", []):
        for month in (2, 5, 8, 11):
            visits.append(
                FollowUpVisit(
                    organisation_id=person.organisation_id,
                    person=person,
                    visited_on=date(year, month, rng.randint(1, 28)),
                    visitor="司法所工作人员",
                    method=rng.choice(["home", "phone", "interview"]),
                    situation="表现良好，情绪稳定",
                )
            )
    deadlines = []
    for slug, (code, name, days) in DEADLINE_CODES.items():
        records = by_kind.get(slug, [])
        if not records:
            continue
        content_type = ContentType.objects.get_for_model(records[0].__class__)
        for record in records:
            due = record.occurred_on + timedelta(days=days)
            met = record.occurred_on + timedelta(days=rng.randint(1, days + 10))
            deadlines.append(
                Deadline(
                    organisation_id=record.organisation_id,
                    record_type=content_type,
                    record_id=record.pk,
                    code=code,
                    name=name,
                    days=days,
                    unit="calendar",
                    triggered_on=record.occurred_on,
                    due_on=due,
                    met_on=met if rng.random() < 0.97 else None,
                )
            )
    return [
        (model, rows)
        for model, rows in (
            (CaseFileReview, reviews),
            (LegalReview, legal),
            (FollowUpVisit, visits),
            (Deadline, deadlines),
        )
        if rows
    ]
