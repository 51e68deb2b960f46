"""Benchmark: the deadline page (/deadlines/) on the bench county, as the county inspector.

Run: .venv/bin/python bench/deadlines_page.py [--database sqlite|postgres] [--reuse PATH]
         [--townships 30 --villages 10 --years 5 --per-year 10000] [--repeat 15]

Builds bench/dashboards.py's county (30 townships × 5 years, about 1.5 million ledger records and
200,000 deadlines) in a fresh database, or reuses the SQLite file of `--reuse PATH` (the same
option as bench/dashboards.py, so one generated file serves both). Then, logged in as a county
inspector through Django's test client, times GET of the deadline page: the first page, the
last page of the county's overdue deadlines, one township's page and that township's last
overdue page, and the county's per-township page (/deadlines/county/): median and p90 of
--repeat requests after 2 warm-ups, SQL queries of one request, the HTML's size and the ratio of
the median to 150 ms (issue 21: 1,953 ms and 3.2 MB before the page was paged).

Held (exit status 0): every page's median under 150 ms, HTML under 200 KB, and the same number
of queries on the first and the last page of the overdue list (give or take the one prefetch of
a ledger type the page happens to show or not).
"""

import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboards  # noqa: E402  (the throwaway PostgreSQL, Django set-up and timing helpers)

BAR_MS = 150.0
MAX_HTML = 200_000
PAGE_SIZE = 50  # fazhi.deadlines.views.PAGE_SIZE


def main() -> int:
    parser = dashboards.county_parser(__doc__)
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2)
    args = parser.parse_args()
    return dashboards.on_database(args, parser, run)


def run(args, database_label: str) -> int:
    today = dashboards.prepare_county(args, f"Deadline page on {database_label}")
    return measure(args, today)


def measure(args, today) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from fazhi.deadlines import selectors
    from fazhi.deadlines.models import Deadline
    from fazhi.orgs.models import Membership, Organisation
    from fazhi.orgs.roles import Level, Role

    county = Organisation.objects.get(code=dashboards.COUNTY_CODE)
    township = (
        Organisation.objects.filter(parent=county, level=Level.TOWNSHIP).order_by("code").first()
    )
    inspector, _ = get_user_model().objects.get_or_create(username="bench.inspector")
    Membership.objects.get_or_create(user=inspector, organisation=county, role=Role.INSPECTOR)
    client = Client()
    client.force_login(inspector)

    overdue = selectors.overdue_deadlines(today=today, user=inspector).count()
    overdue_here = selectors.overdue_deadlines(
        today=today, organisation=township, user=inspector
    ).count()
    upcoming = selectors.upcoming_deadlines(today=today, user=inspector).count()
    print(
        f"deadlines: {Deadline.objects.count():,}; overdue in the county {overdue:,},"
        f" in {township.name} {overdue_here:,}; due within {selectors.DEFAULT_DAYS} days"
        f" {upcoming:,}"
    )
    last = max(1, math.ceil(overdue / PAGE_SIZE))
    last_here = max(1, math.ceil(overdue_here / PAGE_SIZE))
    pages = [
        ("first page (summary, 10 of each state)", "/deadlines/"),
        ("overdue, page 1", "/deadlines/?state=overdue"),
        (f"deep page (overdue, page {last})", f"/deadlines/?state=overdue&page={last}"),
        ("township filter", f"/deadlines/?township={township.code}"),
        (
            f"township, overdue, page {last_here}",
            f"/deadlines/?township={township.code}&state=overdue&page={last_here}",
        ),
        ("county overview", "/deadlines/county/"),
    ]

    held, queries_of = True, {}
    for label, url in pages:
        sizes = []

        def get(url=url, sizes=sizes):
            response = client.get(url, secure=True)
            assert response.status_code == 200, (url, response.status_code)
            sizes.append(len(response.content))

        times = dashboards.timed(get, args.warmup, args.repeat)
        queries, _ = dashboards.query_count(get)
        median, p90 = statistics.median(times), dashboards.p90(times)
        queries_of[label] = queries
        print(
            f"  {label:40} {url}\n    median {median:.1f} ms, p90 {p90:.1f} ms, {queries} queries,"
            f" HTML {sizes[-1] / 1024:.0f} KB, median/{BAR_MS:.0f} ms {median / BAR_MS:.2f}"
        )
        held = held and median < BAR_MS and sizes[-1] < MAX_HTML
    first, deep = queries_of["overdue, page 1"], queries_of[pages[2][0]]
    # The same queries but for one prefetch per record type the page happens to show.
    constant = abs(first - deep) <= 1
    print(f"queries overdue page 1 / deep page: {first} / {deep}")
    print(f"load average after: {dashboards.load()}")
    held = held and constant
    print("HELD: < 150 ms, < 200 KB a page" if held else "NOT HELD")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
