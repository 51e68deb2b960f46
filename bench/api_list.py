"""Benchmark: one page of a ledger's API list over the bench county of ~300,000 records.

Run: .venv/bin/python bench/api_list.py [--database sqlite|postgres] [--reuse PATH]
         [--townships 30 --villages 2 --years 2 --per-year 5200] [--kind SLUG] [--repeat 15]

Builds the bench county (bench/scale_world.py: 30 townships of 2 villages, last year and this
year to date, ~5,200 records per township-year: about 300,000 ledger records) in a fresh
database, as bench/dashboards.py does (--reuse PATH keeps the SQLite file for re-runs). Then, as
a county inspector with a personal API token, times GET /api/ledgers/<kind>/records/?page=N
(50 a page, as the ledger pages) for page 1 and for the last page of the county's largest
ledger (or --kind): median and p90 of --repeat requests after 2 warm-ups, and SQL queries of one
request. The ledger's HTML list /ledgers/<kind>/ is timed the same way as a comparison figure.

Held (exit status 0): each API page's median under 150 ms, and the same number of queries for
page 1 and the deep page. Exit 1 when not held, or when the API list answers 404 (the endpoint
is not there yet).
"""

import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboards  # noqa: E402  (the throwaway PostgreSQL, Django set-up and timing helpers)

BAR_MS = 150.0
PAGE_SIZE = 50
API_URL = "/api/ledgers/{slug}/records/"
PAGE_URL = "/ledgers/{slug}/"


def main() -> int:
    parser = dashboards.county_parser(__doc__, villages=2, years=2, per_year=5200)
    parser.add_argument("--kind", help="ledger slug (default: the county's largest ledger)")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--explain", action="store_true", help="query plans of the deep pages")
    args = parser.parse_args()
    return dashboards.on_database(args, parser, run)


def run(args, database_label: str) -> int:
    dashboards.prepare_county(args, f"API list on {database_label}")
    return measure(args)


def measure(args) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rich.console import Console

    from fazhi.api import services
    from fazhi.ledgers.registry import all_kinds
    from fazhi.orgs.models import Membership, Organisation
    from fazhi.orgs.roles import Role

    console = Console(width=120)

    county = Organisation.objects.get(code=dashboards.COUNTY_CODE)
    inspector, _ = get_user_model().objects.get_or_create(username="bench.inspector")
    Membership.objects.get_or_create(user=inspector, organisation=county, role=Role.INSPECTOR)
    _, key = services.token_create(user=inspector, name="基准测试", days=1)

    counts = {kind.slug: kind.model.objects.count() for kind in all_kinds()}
    print(f"ledger records in the county: {sum(counts.values()):,}")
    slug = args.kind or max(counts, key=counts.get)
    last_page = max(1, math.ceil(counts[slug] / PAGE_SIZE))
    print(f"ledger {slug}: {counts[slug]:,} records, {last_page} pages of {PAGE_SIZE}")

    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    browser = Client()
    browser.force_login(inspector)

    def get(client, url):
        def call():
            response = client.get(url, secure=True)
            if response.status_code != 200:
                raise NotThere(url, response.status_code)
            return response

        return call

    rows, held = [], True

    def report(label, call, *, bar):
        # Counted after the warm-ups: the first request of a minute also records the token's
        # last use (one UPDATE), which is not the list's cost.
        times = dashboards.timed(call, args.warmup, args.repeat)
        queries, _ = dashboards.query_count(call)
        median = statistics.median(times)
        rows.append((label, median, dashboards.p90(times), queries, bar))
        ratio = f"{median / BAR_MS:.2f}" if bar else "(comparison)"
        print(
            f"  {label}: median {median:.1f} ms, p90 {dashboards.p90(times):.1f} ms,"
            f" {queries} queries, median/{BAR_MS:.0f} ms {ratio}"
        )
        return median, queries

    for page in (1, last_page):
        url = PAGE_URL.format(slug=slug) + f"?page={page}"
        report(f"HTML page {url}", get(browser, url), bar=False)
    deep = f"?page={last_page}"
    if args.explain:
        dashboards.explain(
            console, "HTML deep page", get(browser, PAGE_URL.format(slug=slug) + deep)
        )
    api_queries = []
    try:
        for page in (1, last_page):
            url = API_URL.format(slug=slug) + f"?page={page}"
            median, queries = report(f"API {url}", get(api, url), bar=True)
            api_queries.append(queries)
            held = held and median < BAR_MS
        if args.explain:
            dashboards.explain(console, "API deep page", get(api, API_URL.format(slug=slug) + deep))
    except NotThere as missing:
        print(f"NOT HELD: GET {missing.url} answered HTTP {missing.status}", end="")
        print(" (the ledger API list is not there yet)." if missing.status == 404 else ".")
        return 1
    constant = len(set(api_queries)) == 1
    print(
        f"queries page 1 / page {last_page}: {api_queries[0]} / {api_queries[1]}"
        f" ({'constant' if constant else 'NOT constant'})"
    )
    held = held and constant
    print(f"load average after: {dashboards.load()}")
    print("HELD: < 150 ms a page, constant query count" if held else "NOT HELD")
    return 0 if held else 1


class NotThere(Exception):
    def __init__(self, url, status):
        super().__init__(f"{url}: HTTP {status}")
        self.url, self.status = url, status


if __name__ == "__main__":
    sys.exit(main())
