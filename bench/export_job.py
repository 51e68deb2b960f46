"""Benchmark: a ledger export of a year of the bench county as a background job, memory bounded.

Run: .venv/bin/python bench/export_job.py [--database sqlite|postgres] [--reuse PATH]
         [--kind publicity-activities] [--year 2025] [--tracemalloc]

On bench/dashboards.py's county (30 townships × 5 years, ≈ 1.5 M records; generated, or the
SQLite file of `--reuse PATH`), logged in as the county inspector through Django's test client,
GET the ledger's export (/ledgers/<kind>/export.xlsx?year=Y: ≈ 72,000 publicity activities in
2025, the export that took 16.4 s inside the request in issue 21). Above 2,000 rows the page
starts a background job (fazhi.jobs) and redirects to its progress page; the job runs here at
once (FAZHI_JOBS_RUNNER=eager: the same services.run both runners call). Prints the rows, wall
time, rows/s, the file's size and the growth of the process's peak resident memory
(getrusage maxrss) over the job; --tracemalloc also the peak of Python's own allocations (slower).

Held (exit status 0): the job done with at least 60,000 rows, every row in the file, and the
peak memory growth under 200 MB (the old export built the whole workbook in memory).
"""

import io
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboards  # noqa: E402  (the throwaway PostgreSQL, Django set-up)

MIN_ROWS = 60_000
BAR_MB = 200.0


def main() -> int:
    parser = dashboards.county_parser(__doc__)
    parser.add_argument("--kind", default="publicity-activities")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    os.environ["FAZHI_JOBS_RUNNER"] = "eager"
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.pop("FAZHI_REDIS_URL", None)
    return dashboards.on_database(args, parser, run)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(args, database_label: str) -> int:
    dashboards.prepare_county(args, f"Export as a background job on {database_label}")
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from openpyxl import load_workbook

    from fazhi.jobs import services
    from fazhi.jobs.models import Job, JobState
    from fazhi.orgs.models import Membership, Organisation
    from fazhi.orgs.roles import Role

    county = Organisation.objects.get(code=dashboards.COUNTY_CODE)
    inspector, _ = get_user_model().objects.get_or_create(username="bench.inspector")
    Membership.objects.get_or_create(user=inspector, organisation=county, role=Role.INSPECTOR)
    client = Client()
    client.force_login(inspector)
    url = reverse("ledgers:export", args=[args.kind]) + f"?year={args.year}"

    if args.tracemalloc:
        tracemalloc.start()
    before = _maxrss_mb()
    started = time.perf_counter()
    response = client.get(url, secure=True)
    seconds = time.perf_counter() - started
    growth = _maxrss_mb() - before
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None
    tracemalloc.stop()

    job = Job.objects.filter(user=inspector).order_by("-pk").first()
    if response.status_code != 302 or job is None:
        print(f"FAILED: the export did not start a job (HTTP {response.status_code})")
        return 1
    path = services.result_path(job)
    size = path.stat().st_size if path else 0
    sheet = load_workbook(io.BytesIO(path.read_bytes()), read_only=True).worksheets[0]
    in_file = sum(1 for _ in sheet.iter_rows(min_row=3, values_only=True))
    print(f"GET {url} -> {response.status_code} {response['Location']}")
    print(f"job: {job.get_state_display()}, {job.done:,} / {job.total:,} rows, {job.message}")
    print(
        f"wall {seconds:.1f} s, {job.done / seconds:,.0f} rows/s, file {size / 2**20:.1f} MB,"
        f" rows in the file {in_file:,}"
    )
    print(f"peak RSS {before:.0f} MB -> {before + growth:.0f} MB: +{growth:.0f} MB", end="")
    print(f"; tracemalloc peak {traced:.0f} MB" if traced is not None else "")
    print(f"load average after: {dashboards.load()}")
    held = (
        job.state == JobState.DONE
        and job.done >= MIN_ROWS
        and in_file == job.done
        and growth < BAR_MB
    )
    print(
        f"bar: done, ≥ {MIN_ROWS:,} rows, all in the file, peak growth < {BAR_MB:.0f} MB:"
        f" {'held' if held else 'NOT HELD'} (growth {growth / BAR_MB:.2f} of the bar)"
    )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
