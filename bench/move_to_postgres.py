"""Benchmark: `fazhi move-to-postgres` of a county at scale, against a plain pg_restore.

Run: .venv/bin/python bench/move_to_postgres.py [--reuse PATH]
         [--townships 30 --villages 10 --years 5 --per-year 10000]

Builds the county of bench/dashboards.py (about 1.5 million ledger records plus their workflow
rows, bench/scale_world.py) in a SQLite file, or reuses --reuse PATH (migrated forward first),
starts a throwaway PostgreSQL server (scripts/postgres-throwaway.sh) and:
1. moves the SQLite database into an empty PostgreSQL database with the move the command runs
   (fazhi.operations.pgmove.move), in a child process, timing each phase (migrate, copy,
   sequences, count check, commit) and reading the child's peak memory (VmHWM);
2. dumps the moved database with pg_dump -Fc (not timed) and restores it with pg_restore into
   another empty database: the plain COPY of the same rows (with their indexes and foreign keys),
   timed, and prints the ratio of the move to it.
The server is stopped and its files removed afterwards; the --reuse file is kept.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from dashboards import load, start_postgres, stop_postgres  # noqa: E402

LIMIT_SECONDS = 15 * 60
# The move's phase names (Chinese, for the administrator's progress bar) -> bench labels.
PHASES = {
    "创建表结构": "migrate (PostgreSQL)",
    "重置编号序列": "reset sequences",
    "核对行数": "count check",
    "提交（检查外键）": "commit (foreign keys)",
    "检查附件": "attachment check",
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--reuse", metavar="PATH", help="SQLite file to keep and reuse")
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--villages", type=int, default=10, help="villages per township")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-year", type=int, default=10_000, help="records per township-year")
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="fazhi-bench-move-")
    sqlite_path = Path(args.reuse).resolve() if args.reuse else Path(data_dir) / "bench.sqlite3"
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{sqlite_path}",
            "FAZHI_DATA_DIR": os.environ.get("FAZHI_DATA_DIR", data_dir),
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
            "DEBUG": "0",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    if args.child:
        return child(args.child)
    try:
        return run(args, sqlite_path, data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(args, sqlite_path: Path, data_dir: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from rich.console import Console

    console = Console(width=120)
    console.rule("[bold]Move to PostgreSQL")
    console.print(f"machine: {os.cpu_count()} CPUs, load average {load()}")
    generate = not sqlite_path.exists()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    console.print(f"migrate (SQLite): {time.perf_counter() - started:.1f} s")
    if generate:
        generate_county(args, console)
    else:
        console.print(f"reusing {sqlite_path}")
    console.print(f"database file: {sqlite_path.stat().st_size / 2**20:,.0f} MiB")

    server = start_postgres()
    console.print(f"PostgreSQL {server['version']} (throwaway, fsync off)")
    try:
        return compare(server, sqlite_path, console)
    finally:
        stop_postgres(server)


def generate_county(args, console) -> None:
    from django.utils import timezone

    import scale_world

    today = timezone.localdate()
    years = list(range(today.year - args.years + 1, today.year + 1))
    started = time.perf_counter()
    world = scale_world.build(
        townships=args.townships,
        villages_per_township=args.villages,
        years=years,
        per_year=args.per_year,
        today=today,
        progress=lambda n, text: None,
    )
    console.print(
        f"generated {world.ledger_rows:,} ledger records (+ "
        f"{sum(world.counts.values()) - world.ledger_rows:,} workflow rows)"
        f" in {time.perf_counter() - started:.0f} s"
    )


def compare(server: dict, sqlite_path: Path, console) -> int:
    import psycopg

    base = server["url"].rsplit("/", 1)[0]
    with psycopg.connect(server["url"], autocommit=True) as admin:
        admin.execute("CREATE DATABASE moved")
        admin.execute("CREATE DATABASE restored")

    # 1. The move, in a child process of its own so its peak memory is its own.
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--reuse", str(sqlite_path), "--child", f"{base}/moved"],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    move_seconds = time.perf_counter() - started
    if out.returncode != 0:
        console.print(out.stdout, out.stderr)
        return 1
    report = json.loads(out.stdout.strip().splitlines()[-1])
    console.print(
        f"move: {report['tables']} tables, {report['rows']:,} rows in {move_seconds:.1f} s"
        f" ({report['rows'] / move_seconds:,.0f} rows/s), peak memory {report['vmhwm_mib']:.0f} MiB"
    )
    for phase, seconds in report["phases"]:
        console.print(f"  {phase:<24} {seconds:>7.1f} s")

    # 2. The plain restore of the same rows.
    pg_bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
    dump = Path(tempfile.mkdtemp(prefix="fazhi-bench-dump-")) / "moved.dump"
    try:
        started = time.perf_counter()
        subprocess.run(
            [pg_bin / "pg_dump", "-Fc", "-Z0", "-f", dump, "-d", f"{base}/moved"], check=True
        )
        console.print(
            f"pg_dump -Fc (not timed against): {time.perf_counter() - started:.1f} s,"
            f" {dump.stat().st_size / 2**20:,.0f} MiB"
        )
        # pg_restore's three sections, timed apart: the tables, their rows (plain COPY),
        # then indexes and foreign keys.
        sections = {}
        for section in ("pre-data", "data", "post-data"):
            started = time.perf_counter()
            subprocess.run(
                [pg_bin / "pg_restore", "--no-owner", f"--section={section}"]
                + ["-d", f"{base}/restored", dump],
                check=True,
            )
            sections[section] = time.perf_counter() - started
    finally:
        shutil.rmtree(dump.parent, ignore_errors=True)
    restore_seconds = sum(sections.values())
    copy_seconds = sections["data"]
    console.print(
        f"pg_restore of the same rows: {restore_seconds:.1f} s (tables"
        f" {sections['pre-data']:.1f} s, COPY of the rows {copy_seconds:.1f} s ="
        f" {report['rows'] / copy_seconds:,.0f} rows/s, indexes and foreign keys"
        f" {sections['post-data']:.1f} s)"
    )
    console.print(
        f"[bold]move / pg_restore = {move_seconds / restore_seconds:.2f};"
        f" move / plain COPY = {move_seconds / copy_seconds:.2f};"
        f" move {move_seconds / 60:.1f} min of the {LIMIT_SECONDS // 60} min allowed"
    )
    # Creating the schema by migrate is a fixed cost, whatever the rows; the rest scales.
    rows_part = move_seconds - dict(report["phases"]).get("migrate (PostgreSQL)", 0)
    console.print(
        f"without migrate: move {rows_part:.1f} s / (COPY + indexes and foreign keys"
        f" {copy_seconds + sections['post-data']:.1f} s)"
        f" = {rows_part / (copy_seconds + sections['post-data']):.2f}"
    )
    return 0 if move_seconds < LIMIT_SECONDS else 1


def child(url: str) -> int:
    """The move as the command runs it, with each phase timed; prints one JSON line."""
    import django

    django.setup()
    from fazhi.operations.pgmove import move

    phases, mark = [], [("reading counts", time.perf_counter())]

    def on_table(name):
        # Tables are one phase ("copy"); the others are named by the move.
        label = "copy rows" if "_" in name and name.isascii() else PHASES.get(name, name)
        if label != mark[-1][0]:
            phases.append((mark[-1][0], time.perf_counter() - mark[-1][1]))
            mark.append((label, time.perf_counter()))

    result = move(url, on_table=on_table)
    phases.append((mark[-1][0], time.perf_counter() - mark[-1][1]))
    status = Path("/proc/self/status").read_text()
    vmhwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    print(
        json.dumps(
            {
                "tables": len(result.counts),
                "rows": result.rows,
                "phases": phases,
                "vmhwm_mib": vmhwm / 1024,
                "missing_files": len(result.missing_files),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
