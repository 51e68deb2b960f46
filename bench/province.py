"""Benchmark: a province on PostgreSQL, and the same pages at county scale.

Run: .venv/bin/python bench/province.py [--townships 1000] [--county-townships 30]
         [--per-county 30] [--villages 10] [--years 1] [--per-year 10000] [--repeat 15]
         [--keep] [--server URL] [--small]

On one throwaway PostgreSQL server (scripts/postgres-throwaway.sh, as bench/dashboards.py starts
it) two databases are generated, each in its own process: `province` — a province of
--townships townships in counties of --per-county (10 villages each), counties grouped in cities
of 8 — and `county`, a county of --county-townships townships on its own (the county scale of
bench/dashboards.py). Both are built the same way: the migrated schema (migrated once, the
second database a copy of the first); organisations with
bulk_create; ledger records from bench/scale_world.py's generators (the same distributions as the
county bench) streamed with COPY (ids set here where workflow rows point at them), the plain
secondary indexes of the loaded tables dropped before and re-created (their own definitions)
after the load; the stored figures computed as the pages would (fazhi.indicators.engine);
VACUUM ANALYZE. Each phase's time and the database size are printed.

Then, through Django's test client (2 warm-up requests, --repeat timed), the median, p90 and
queries of: the province inspector's comparison of counties, a county's comparison of townships
(as the province inspector and as the county's inspector), a township dashboard (clerk), a
ledger list page 1 and searches (?q=宪法, ?q=法治) as a township clerk and as the county
inspector — and the same pages on the county-scale database, with the ratio province/county.
The bar: every page may cost at most 2× its county-scale median — the province's comparison of
counties is held to the county's comparison of townships (a row per unit compared); the run
exits 1 when one costs more.

--keep leaves the server running (its URL printed) and --server URL measures on such a server
again without generating. --small is a smoke run (60 townships in counties of 20, 500 records
per township-year, 3 timed requests).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from dashboards import load, p90, query_count, start_postgres, stop_postgres, timed  # noqa: E402

BAR_RATIO = 2.0
PROVINCE_CODE = "890000"
COUNTY_CODE = "880001"
COUNTIES_PER_CITY = 8
DATABASES = ("county", "province")
# Tables loaded with COPY whose plain indexes are dropped and re-created around the load.
# A common word of the timings and the commonest of this field's words.
SEARCHES = ("宪法", "法治")
LEDGER = "publicity-activities"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--townships", type=int, default=1000, help="townships of the province")
    parser.add_argument("--per-county", type=int, default=30, help="townships per county")
    parser.add_argument("--county-townships", type=int, default=30, help="the county-scale world")
    parser.add_argument("--villages", type=int, default=10, help="villages per township")
    parser.add_argument("--years", type=int, default=1, help="the current year and those before")
    parser.add_argument("--per-year", type=int, default=10_000, help="records per township-year")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="leave the server running")
    parser.add_argument("--server", metavar="URL", help="measure on a kept server, no generation")
    parser.add_argument("--keep-indexes", action="store_true", help="COPY with indexes in place")
    parser.add_argument(
        "--small", action="store_true", help="a smoke run (about a minute on a quiet machine)"
    )
    parser.add_argument(
        "--worker", choices=["migrate", "generate", "measure"], help=argparse.SUPPRESS
    )
    parser.add_argument("--world", choices=DATABASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.small:
        args.townships, args.per_county, args.county_townships = 60, 20, 20
        args.villages, args.per_year, args.repeat, args.warmup = 3, 500, 3, 1
    if args.worker:
        return worker(args)

    print(f"machine: {os.cpu_count()} CPUs, load average {load()}")
    server = None
    if args.server:
        base = args.server
    else:
        server = start_postgres()
        base = server["url"]
        print(f"PostgreSQL {server['version']} (throwaway, fsync=off): {base}")
    try:
        if not args.server:
            started = time.perf_counter()
            create_databases(base)
            # Migrate once, then copy the migrated database (a template) for the other world.
            if spawn(args, "migrate", "province", base).wait() != 0:
                return 1
            clone_database(base, "province", "county")
            print(f"migrate (once, then copied): {time.perf_counter() - started:.0f} s")
            started = time.perf_counter()
            # Both worlds at once: one process each (two cores).
            jobs = [spawn(args, "generate", world, base) for world in DATABASES]
            for job in jobs:
                if job.wait() != 0:
                    return 1
            print(f"generation, both worlds: {time.perf_counter() - started:.0f} s")
        results = {}
        for world in DATABASES:
            job = spawn(args, "measure", world, base, capture=True)
            out, _ = job.communicate()
            if job.returncode != 0:
                return 1
            results[world] = json.loads(out.strip().splitlines()[-1])
        return compare(results)
    finally:
        if server and args.keep:
            print(f"kept: --server {base}  (stop: pg_ctl -D {server['dir']}/data stop)")
        elif server:
            stop_postgres(server)


def url_of(base: str, database: str) -> str:
    return base.rsplit("/", 1)[0] + "/" + database


def _admin(base: str):
    import psycopg

    return psycopg.connect(base.replace("postgres://", "postgresql://"), autocommit=True)


def create_databases(base: str) -> None:
    with _admin(base) as conn:
        for database in DATABASES:
            conn.execute(f"DROP DATABASE IF EXISTS {database}")
        conn.execute("CREATE DATABASE province")


def clone_database(base: str, source: str, target: str) -> None:
    with _admin(base) as conn:
        conn.execute(f"CREATE DATABASE {target} TEMPLATE {source}")


def spawn(args, what: str, world: str, base: str, *, capture=False):
    argv = [a for a in sys.argv[1:] if a not in ("--keep",)]
    if "--server" in argv:
        i = argv.index("--server")
        del argv[i : i + 2]
    env = {**os.environ, "DATABASE_URL": url_of(base, world)}
    command = [sys.executable, __file__, *argv, "--worker", what, "--world", world]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE if capture else None)


# --- one world, in its own process ------------------------------------------------------------


def worker(args) -> int:
    import tempfile

    os.environ.update(
        {
            "FAZHI_DATA_DIR": tempfile.mkdtemp(prefix="fazhi-bench-province-"),
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    if args.worker == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return 0
    if args.worker == "generate":
        generate(args)
        return 0
    print(json.dumps(measure(args)))
    return 0


def say(world: str, text: str) -> None:
    print(f"[{world}] {text}", file=sys.stderr, flush=True)


def generate(args) -> dict:
    """Build one world on the configured database; returns its counts and timings."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    import scale_world

    world = args.world
    today = timezone.localdate()
    years = list(range(today.year - args.years + 1, today.year + 1))
    phases = {}

    def phase(name, started):
        phases[name] = time.perf_counter() - started
        say(world, f"{name}: {phases[name]:.1f} s (load average {load()})")

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    phase("migrate (already done: checked)", started)

    started = time.perf_counter()
    if world == "province":
        counties = province_organisations(args.townships, args.per_county, args.villages)
    else:
        counties = [
            scale_world.build_organisations(args.county_townships, args.villages, code=COUNTY_CODE)
        ]
    phase("organisations", started)

    loaded = loaded_models()
    started = time.perf_counter()
    indexes = [] if args.keep_indexes else drop_indexes(loaded)
    phase(f"drop {len(indexes)} secondary indexes", started)

    started = time.perf_counter()
    counts = load_ledgers(counties, years, today, args.per_year, world)
    phase("COPY ledgers and workflow rows", started)
    ledger_rows = sum(n for label, n in counts.items() if not label.startswith("+"))
    say(
        world,
        f"{ledger_rows:,} ledger records + {sum(counts.values()) - ledger_rows:,} workflow rows"
        f" ({ledger_rows / phases['COPY ledgers and workflow rows']:,.0f} records/s)",
    )

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in indexes:
            cursor.execute(statement)
    phase(f"re-create {len(indexes)} indexes", started)

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    stored = store_figures(years, today)
    phase(f"stored figures ({stored:,} organisation-years)", started)

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    phase("VACUUM ANALYZE", started)

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        size = cursor.fetchone()[0]
    say(world, f"database size: {size / 2**30:.2f} GiB ({size / 2**20:,.0f} MiB)")
    say(world, f"generation in all: {sum(phases.values()):.0f} s")
    return {"counts": dict(counts), "phases": phases, "size": size}


def province_organisations(townships: int, per_county: int, villages: int) -> list:
    """The province, its cities (8 counties each) and counties of `per_county` townships."""
    import scale_world
    from fazhi.orgs.models import Organisation
    from fazhi.orgs.roles import Level

    [province] = scale_world.create_level(
        [Organisation(code=PROVINCE_CODE, name="基准省", level=Level.PROVINCE)]
    )
    county_sizes = [per_county] * (townships // per_county)
    if townships % per_county:
        county_sizes.append(townships % per_county)
    city_count = -(-len(county_sizes) // COUNTIES_PER_CITY)
    cities = scale_world.create_level(
        [
            Organisation(code=f"89{c:02d}00", name=f"基准{c}市", level=Level.CITY, parent=province)
            for c in range(1, city_count + 1)
        ]
    )
    counties = []
    for index, size in enumerate(county_sizes):
        city = cities[index // COUNTIES_PER_CITY]
        code = f"{city.code[:4]}{index % COUNTIES_PER_CITY + 1:02d}"
        counties.append(
            scale_world.build_organisations(
                size, villages, code=code, name=f"{city.name}{index + 1}县", parent=city
            )
        )
    return counties


def loaded_models() -> list:
    import scale_world
    from fazhi.deadlines.models import Deadline
    from fazhi.disputes.models import FollowUpVisit
    from fazhi.enforcement.models import CaseFileReview, LegalReview

    return [k.model for k in scale_world.ledger_kinds()] + [
        CaseFileReview,
        LegalReview,
        FollowUpVisit,
        Deadline,
    ]


def drop_indexes(models: list) -> list[str]:
    """Drop the plain secondary indexes (not primary keys, not backing a constraint) of the
    tables; returns the statements that re-create them exactly."""
    from django.db import connection

    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in found]


def load_ledgers(counties: list, years: list[int], today: date, per_year: int, world: str):
    """Every township-year's records and workflow rows, COPY'd model by model in chunks of
    townships. Records that workflow rows point at get their ids here."""
    from collections import Counter, defaultdict
    from itertools import count

    from django.core.management.color import no_style
    from django.db import connection, transaction

    import scale_world

    kinds = scale_world.ledger_kinds()
    need_ids = {k.model for k in kinds if k.slug in scale_world.NEED_IDS}
    ids = {model: count(1) for model in need_ids}
    counts: Counter = Counter()
    seen_keys: set = set()
    towns = [(town, villages[town.pk]) for _, townships, villages in counties for town in townships]
    chunk = 10
    started = time.perf_counter()
    for first in range(0, len(towns), chunk):
        pending: dict = defaultdict(list)
        for town, villages in towns[first : first + chunk]:
            for year in years:
                by_kind = scale_world.township_year(
                    kinds, town, villages, year, today, per_year, seen_keys
                )
                for rows in by_kind.values():
                    model = rows[0].__class__
                    if model in need_ids:
                        for row in rows:
                            row.pk = next(ids[model])
                    pending[model] += rows
                    counts[model._meta.label] += len(rows)
                for model, rows in scale_world.workflow_rows(town, year, by_kind):
                    pending[model] += rows
                    counts["+" + model._meta.label] += len(rows)
        with transaction.atomic():
            for model, rows in pending.items():
                scale_world.fast_insert(model, rows, with_pk=model in need_ids)
        done = min(first + chunk, len(towns))
        if done % 100 == 0 or done == len(towns):
            rate = sum(counts.values()) / (time.perf_counter() - started)
            say(world, f"  {done}/{len(towns)} townships, {rate:,.0f} rows/s, load {load()}")
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(need_ids)):
            cursor.execute(statement)
    return counts


def store_figures(years: list[int], today: date) -> int:
    """Every organisation's stored figures of the years (and the year before: the pages show
    the change on it), as the first page view would compute them."""
    from fazhi.indicators import engine
    from fazhi.indicators.models import StoredFigures
    from fazhi.indicators.stored import storable_codes
    from fazhi.orgs.models import Organisation

    roots = list(Organisation.objects.filter(parent=None))
    engine.evaluate(storable_codes(), roots, [years[0] - 1, *years], today=today)
    return StoredFigures.objects.count()


# --- measuring --------------------------------------------------------------------------------


def measure(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from fazhi.orgs.models import Membership, Organisation
    from fazhi.orgs.roles import Level, Role

    world = args.world
    today = timezone.localdate()
    year = today.year
    counties = list(Organisation.objects.filter(level=Level.COUNTY).order_by("code"))
    county = counties[len(counties) // 2]
    townships = list(Organisation.objects.filter(parent=county).order_by("code"))
    township = townships[len(townships) // 2]
    User = get_user_model()

    def member(username, organisation, role):
        user, _ = User.objects.get_or_create(username=username)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        return user

    county_inspector = member("bench.county", county, Role.INSPECTOR)
    clerk = member("bench.clerk", township, Role.CLERK)
    ledger = reverse("ledgers:list", kwargs={"kind": LEDGER})
    county_url = reverse("dashboards:county")
    township_url = reverse("dashboards:township", kwargs={"code": township.code})
    pages = []
    if world == "province":
        province = Organisation.objects.get(code=PROVINCE_CODE)
        inspector = member("bench.province", province, Role.INSPECTOR)
        try:
            pages.append(("province comparison", inspector, reverse("dashboards:province")))
        except NoReverseMatch:
            say(world, "no province comparison page yet")
        pages.append(
            (
                "county comparison (province inspector)",
                inspector,
                f"{county_url}?year={year}&county={county.code}",
            )
        )
    pages += [
        ("county comparison (county inspector)", county_inspector, f"{county_url}?year={year}"),
        ("township dashboard (clerk)", clerk, f"{township_url}?year={year}"),
        ("ledger list page 1 (clerk)", clerk, ledger),
        *((f"ledger search q={term} (clerk)", clerk, f"{ledger}?q={term}") for term in SEARCHES),
        ("ledger list page 1 (county inspector)", county_inspector, ledger),
        *(
            (f"ledger search q={term} (county inspector)", county_inspector, f"{ledger}?q={term}")
            for term in SEARCHES
        ),
    ]

    results = {"load_before": load(), "pages": {}}
    for label, user, url in pages:
        client = Client()
        client.force_login(user)

        def get(client=client, url=url, user=user):
            response = client.get(url, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} as {user.username}: HTTP {response.status_code}")

        get()  # the first view may refresh what is stale; not counted
        queries, _ = query_count(get)
        times = timed(get, args.warmup, args.repeat)
        results["pages"][label] = {
            "url": url,
            "median": statistics.median(times),
            "p90": p90(times),
            "queries": queries,
        }
        say(world, f"{label}: median {statistics.median(times):.1f} ms, {queries} queries")
    results["load_after"] = load()
    results["townships"] = Organisation.objects.filter(level=Level.TOWNSHIP).count()
    return results


def compare(results: dict) -> int:
    county, province = results["county"], results["province"]
    print(
        f"\ncounty scale: {county['townships']} townships; province: {province['townships']}"
        f" townships; bar: every page ≤ {BAR_RATIO:.0f}× its county-scale twin"
    )
    header = (
        "| page | province median ms | p90 | queries | county median ms | p90 | queries | ratio |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    failed = []
    # The province's comparison of its 34 counties (from stored county totals) is held to the
    # county's comparison of its 30 townships: a row per unit compared, either way.
    base_of = {
        "county comparison (province inspector)": "county comparison (county inspector)",
        "province comparison": "county comparison (county inspector)",
    }
    for label, p in province["pages"].items():
        c = county["pages"].get(base_of.get(label, label))
        ratio = p["median"] / c["median"] if c else None
        if ratio is not None and ratio > BAR_RATIO:
            failed.append(label)
        print(
            f"| {label} | {p['median']:.1f} | {p['p90']:.1f} | {p['queries']} | "
            + (f"{c['median']:.1f} | {c['p90']:.1f} | {c['queries']} | " if c else "– | – | – | ")
            + (f"{ratio:.2f}" if ratio is not None else "–")
            + " |"
        )
    print(
        f"load average: county run {county['load_before']} → {county['load_after']};"
        f" province run {province['load_before']} → {province['load_after']}"
    )
    if failed:
        print(f"over the {BAR_RATIO:.0f}× bar: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
