"""Benchmark: the county and township dashboards on a county at scale.

Run: .venv/bin/python bench/dashboards.py [--database sqlite|postgres|both]
         [--townships 30 --villages 10 --years 5 --per-year 10000] [--repeat 15] [--reuse PATH]

Builds a county of 30 townships (10 villages each) with 5 years of ledgers (the current year to
date and the four before it), about 10,000 records per township-year spread over the ledgers as
bench/scale_world.py says: about 1.5 million records, bulk-inserted into a fresh database
(SQLite in a temporary file; PostgreSQL on a throwaway server started with
scripts/postgres-throwaway.sh and stopped afterwards). Then, with the Django test client logged
in as a county inspector and as a township clerk, times GET of the county dashboard and of a
township dashboard (2 warm-up requests, then --repeat timed ones) for the last full year and for
the default year (the current one), printing median and p90 in ms, SQL queries per page and the
ratio of the median to the 300 ms bar. engine.evaluate is timed directly as well.

--reuse PATH (SQLite only) keeps the generated database in PATH and reuses it when it exists, so
re-runs skip the generation. Nothing else is cached between runs.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAR_MS = 300.0
COUNTY_CODE = "880001"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--villages", type=int, default=10, help="villages per township")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-year", type=int, default=10_000, help="records per township-year")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--reuse", metavar="PATH", help="SQLite file to keep and reuse")
    parser.add_argument("--explain", action="store_true", help="print query plans and timings")
    args = parser.parse_args()

    if args.database == "both":
        status = 0
        for database in ("sqlite", "postgres"):
            argv = [a for a in sys.argv[1:]]
            if "--database" in argv:
                i = argv.index("--database")
                del argv[i : i + 2]
            argv = [a for a in argv if not a.startswith("--database=")]
            result = subprocess.run(
                [sys.executable, __file__, "--database", database, *argv], check=False
            )
            status = status or result.returncode
        return status
    return on_database(args, parser, run)


def county_parser(description: str, *, villages=10, years=5, per_year=10_000):
    """The options of a bench on the bench county: the database, the county's size, --reuse."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--villages", type=int, default=villages, help="villages per township")
    parser.add_argument("--years", type=int, default=years)
    parser.add_argument("--per-year", type=int, default=per_year, help="records per township-year")
    parser.add_argument("--reuse", metavar="PATH", help="SQLite file to keep and reuse")
    return parser


def on_database(args, parser, run) -> int:
    """`run(args, label)` on SQLite, or on a throwaway PostgreSQL server (--database postgres)."""
    if args.database == "postgres":
        if args.reuse:
            parser.error("--reuse is for SQLite only")
        server = start_postgres()
        try:
            os.environ["DATABASE_URL"] = server["url"]
            return run(args, "PostgreSQL " + server["version"])
        finally:
            stop_postgres(server)
    return run(args, "SQLite")


def prepare_county(args, title: str):
    """Django set up and migrated, the bench county generated (or --reuse'd) and analysed, as the
    smaller benches need it; returns today. PostgreSQL is vacuumed after the bulk load, as
    autovacuum does (its visibility map lets an index answer a list's keys alone)."""
    sqlite_path, generate, _ = setup_django(args)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    import scale_world

    today = timezone.localdate()
    years = list(range(today.year - args.years + 1, today.year + 1))
    print(f"== {title}")
    print(f"machine: {os.cpu_count()} CPUs, load average {load()}")
    call_command("migrate", verbosity=0)
    if generate:
        started = time.perf_counter()
        world = scale_world.build(
            townships=args.townships,
            villages_per_township=args.villages,
            years=years,
            per_year=args.per_year,
            today=today,
        )
        seconds = time.perf_counter() - started
        print(f"generated {world.ledger_rows:,} ledger records in {seconds:.0f} s")
        statement = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(statement)
        print(statement)
    else:
        print(f"reusing {sqlite_path}")
    return today


# --- throwaway PostgreSQL --------------------------------------------------------------------


def start_postgres() -> dict:
    script = ROOT / "scripts" / "postgres-throwaway.sh"
    out = subprocess.run(
        [
            "bash",
            "-c",
            f'source "{script}" >&2 || exit 1; echo "$DATABASE_URL"; echo "$PG_THROWAWAY_DIR";'
            ' "$pg_bin/postgres" --version',
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    url, directory, version = out.stdout.strip().splitlines()
    return {"url": url, "dir": directory, "version": version.split()[2]}


def stop_postgres(server: dict) -> None:
    """What pg_throwaway_stop does (the server outlives the shell that sourced the script)."""
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
    command = [str(pg_bin / "pg_ctl"), "-D", f"{server['dir']}/data", "-m", "fast", "stop"]
    if os.getuid() == 0:
        owner = Path(server["dir"]).owner()
        command = ["runuser", "-u", owner, "--", *command]
    subprocess.run(command, check=False, capture_output=True)
    shutil.rmtree(server["dir"], ignore_errors=True)


# --- the benchmark ---------------------------------------------------------------------------


def setup_django(args) -> tuple[str | None, bool, str]:
    """Settings from the environment as in production (DEBUG off); returns the SQLite path
    (if any) and whether the database must be generated."""
    data_dir = tempfile.mkdtemp(prefix="fazhi-bench-dash-")
    sqlite_path, generate = None, True
    if "DATABASE_URL" not in os.environ:
        if args.reuse:
            sqlite_path = str(Path(args.reuse).resolve())
            generate = not Path(sqlite_path).exists()
        else:
            sqlite_path = os.path.join(data_dir, "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    os.environ.update(
        {
            "FAZHI_DATA_DIR": data_dir,
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
            "DEBUG": "0",
            "ALLOWED_HOSTS": "testserver",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    return sqlite_path, generate, data_dir


def run(args, database_label: str) -> int:
    sqlite_path, generate, data_dir = setup_django(args)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    import scale_world

    console = Console(width=120)
    today = timezone.localdate()
    years = list(range(today.year - args.years + 1, today.year + 1))
    console.rule(f"[bold]Dashboards on {database_label}")
    console.print(f"machine: {os.cpu_count()} CPUs, load average {load()}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    console.print(f"migrate: {time.perf_counter() - started:.1f} s")

    if generate:
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
        ) as progress:
            task = progress.add_task("generating", total=args.townships * len(years))
            world = scale_world.build(
                townships=args.townships,
                villages_per_township=args.villages,
                years=years,
                per_year=args.per_year,
                today=today,
                progress=lambda n, text: progress.update(task, advance=n, description=text),
            )
        seconds = time.perf_counter() - started
        console.print(
            f"generated {world.ledger_rows:,} ledger records (+ "
            f"{sum(world.counts.values()) - world.ledger_rows:,} workflow rows) in {seconds:.0f} s"
            f" ({world.ledger_rows / seconds:,.0f} records/s)"
        )
        for label, n in world.counts.most_common():
            console.print(f"  {label:32} {n:>10,}")
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        console.print(f"ANALYZE: {time.perf_counter() - started:.1f} s")
    else:
        console.print(f"reusing {sqlite_path}")
    if sqlite_path:
        console.print(f"database file: {Path(sqlite_path).stat().st_size / 2**20:,.0f} MiB")

    status = measure(args, console, today)
    shutil.rmtree(data_dir, ignore_errors=True)  # the --reuse file lives elsewhere
    return status


def load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(function, warmup: int, repeat: int) -> list[float]:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p90(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def query_count(function) -> tuple[int, list]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries), context.captured_queries


def measure(args, console, today) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse
    from rich.table import Table

    from fazhi.catalogue import load_catalogue
    from fazhi.indicators import engine
    from fazhi.indicators.registry import Ratio, computation_for, registered_codes
    from fazhi.orgs.models import Membership, Organisation
    from fazhi.orgs.roles import Level, Role

    county = Organisation.objects.get(code=COUNTY_CODE)
    townships = list(
        Organisation.objects.filter(parent=county, level=Level.TOWNSHIP).order_by("code")
    )
    township = townships[len(townships) // 2]
    villages = list(Organisation.objects.filter(parent=township).order_by("code"))
    User = get_user_model()
    inspector, _ = User.objects.get_or_create(username="bench.inspector")
    clerk, _ = User.objects.get_or_create(username="bench.clerk")
    Membership.objects.get_or_create(user=inspector, organisation=county, role=Role.INSPECTOR)
    Membership.objects.get_or_create(user=clerk, organisation=township, role=Role.CLERK)

    last_year = today.year - 1
    catalogue = load_catalogue()
    registered = registered_codes()

    def ready(code):
        computation = computation_for(code) if code in registered else None
        if isinstance(computation, Ratio):
            item = catalogue[code]
            return item.numerator in registered and item.denominator in registered
        return computation is not None

    key_codes = [c for c in catalogue.key_codes if ready(c)]
    all_codes = [c for c in (i.code for i in catalogue.indicators) if ready(c)]
    console.print(
        f"indicators with a computation: {len(all_codes)} of {len(catalogue.indicators)}"
        f" (key: {len(key_codes)} of {len(catalogue.key_codes)})"
    )

    results = Table(
        title=f"median of {args.repeat} after {args.warmup} warm-up, bar {BAR_MS:.0f} ms"
    )
    for column in ("what", "median ms", "p90 ms", "queries", "median/300 ms"):
        results.add_column(column, justify="left" if column == "what" else "right")
    failed = False

    def report(label, function, *, bar=True):
        nonlocal failed
        queries, _ = query_count(function)
        times = timed(function, args.warmup, args.repeat)
        median = statistics.median(times)
        ratio = median / BAR_MS
        if bar and ratio >= 1:
            failed = True
        results.add_row(
            label, f"{median:.1f}", f"{p90(times):.1f}", str(queries), f"{ratio:.2f}" if bar else ""
        )
        console.print(
            f"  {label}: median {median:.1f} ms, p90 {p90(times):.1f} ms, {queries} queries"
        )

    # engine.evaluate alone: what the pages ask of it (two years), and more.
    span = [last_year - 1, last_year]
    report(
        f"evaluate key codes ({len(key_codes)}) × {len(townships)} townships × 2 years",
        lambda: engine.evaluate(key_codes, townships, span, today=today),
        bar=False,
    )
    report(
        f"evaluate all codes ({len(all_codes)}) × {len(townships)} townships × 2 years",
        lambda: engine.evaluate(all_codes, townships, span, today=today),
        bar=False,
    )
    report(
        f"evaluate all codes × county × {args.years} years",
        lambda: engine.evaluate(
            all_codes, [county], range(today.year - args.years + 1, today.year + 1), today=today
        ),
        bar=False,
    )
    report(
        f"evaluate all codes × 1 township + {len(villages)} villages × 2 years",
        lambda: engine.evaluate(all_codes, [township, *villages], span, today=today),
        bar=False,
    )

    try:
        county_url = reverse("dashboards:county")
        township_url = reverse("dashboards:township", kwargs={"code": township.code})
    except NoReverseMatch:
        console.print("[yellow]dashboard pages not built yet: only evaluate was timed")
        console.print(results)
        return 0

    def page(user, url):
        client = Client()
        client.force_login(user)

        def get():
            response = client.get(url, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} as {user.username}: HTTP {response.status_code}")
            return response

        return get

    pages = [
        (f"county page, {last_year} (inspector)", inspector, f"{county_url}?year={last_year}"),
        (f"township page, {last_year} (clerk)", clerk, f"{township_url}?year={last_year}"),
        (
            f"county page, {last_year} (inspector, all codes)",
            inspector,
            f"{county_url}?year={last_year}&codes=all",
        ),
        (f"county page, default year {today.year} (inspector)", inspector, county_url),
        (f"township page, default year {today.year} (clerk)", clerk, township_url),
    ]
    for label, user, url in pages:
        report(label, page(user, url))
    if args.explain:
        explain(console, "county page", page(inspector, f"{county_url}?year={last_year}"))
        explain(console, "township page", page(clerk, f"{township_url}?year={last_year}"))
    console.print(results)
    console.print(f"load average after: {load()}")
    return 1 if failed else 0


def explain(console, label, function) -> None:
    """Each query of one request with its own time, slowest first, and the plan of the top 3."""
    from django.db import connection

    _, queries = query_count(function)
    timings = []
    with connection.cursor() as cursor:
        for query in queries:
            if not query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                continue  # writes and server-side cursors (DECLARE …) are not replayed
            started = time.perf_counter()
            cursor.execute(query["sql"])
            cursor.fetchall()
            timings.append(((time.perf_counter() - started) * 1000, query["sql"]))
        timings.sort(reverse=True)
        console.rule(f"{label}: {len(timings)} queries, {sum(t for t, _ in timings):.1f} ms in all")
        for ms, sql in timings[:8]:
            console.print(f"  {ms:7.1f} ms  {sql[:160]}")
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
        for _, sql in timings[:3]:
            cursor.execute(prefix + sql)
            console.print(sql[:400])
            for row in cursor.fetchall():
                console.print("    " + " ".join(str(x) for x in row))


if __name__ == "__main__":
    sys.exit(main())
