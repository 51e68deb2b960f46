"""Benchmark: every ledger list page, search, filter, sort and deep page on the bench county.

Run: .venv/bin/python bench/ledger_lists.py [--database sqlite|postgres] [--reuse PATH]
         [--townships 30 --villages 10 --years 5 --per-year 10000] [--repeat 7] [--kind SLUG]
         [--quick] [--explain] [--database-url URL]

Builds bench/dashboards.py's county (30 townships × 5 years, about 1.5 million ledger records)
in a fresh database, or reuses the SQLite file of `--reuse PATH`. Then, through Django's test
client, as the county inspector and as a township clerk, for every ledger kind (or --kind):
page 1, a deep page (page 400 as in issue 21, or the last page if there are fewer), a
2-character and a 4-character search (taken from a record's search field; 宪法 and 合同 on the
two ledgers issue 21 timed), the year, month, organisation and each choice filter the page
offers, and each sort column (ascending; the date and the first column descending too):
median and p90 of --repeat requests after --warmup, SQL queries of one request and the
median's ratio to the 150 ms bar. The clerk gets page 1, the deep page and the searches
(a township's lists are a thirtieth of the county's). --quick: page 1, deep page, searches.

--database-url URL (a PostgreSQL server started by hand with scripts/postgres-throwaway.sh)
generates the county there on the first run and reuses it afterwards, as --reuse does for SQLite.

Held (exit status 0): every median under 150 ms and, for each kind and user, the same number
of queries on page 1 and the deep page.
"""

import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboards  # noqa: E402  (the throwaway PostgreSQL, Django set-up and timing helpers)

BAR_MS = 150.0
PAGE_SIZE = 50  # fazhi.ledgers.views.PAGE_SIZE
DEEP_PAGE = 400
ISSUE_TERMS = {"publicity-activities": "宪法", "legal-services": "合同"}


def main() -> int:
    parser = dashboards.county_parser(__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument(
        "--database-url", help="a database to keep and reuse (generated there when empty)"
    )
    parser.add_argument("--kind", action="append", help="ledger slug (repeatable; default all)")
    parser.add_argument("--quick", action="store_true", help="no filters or sorts")
    parser.add_argument("--explain", action="store_true", help="plans of the slowest pages")
    args = parser.parse_args()
    return dashboards.on_database(args, parser, run)


def run(args, database_label: str) -> int:
    if args.database_url:
        today = existing_county(args)
        if today is not None:
            return measure(args, today)
        database_label = "PostgreSQL (" + args.database_url.rsplit("@", 1)[-1] + ")"
    today = dashboards.prepare_county(args, f"Ledger lists on {database_label}")
    return measure(args, today)


def existing_county(args):
    """--database-url: a database kept between runs (a throwaway PostgreSQL started by hand);
    today if the bench county is there already (migrated and ANALYZEd), else None."""
    import os

    os.environ["DATABASE_URL"] = args.database_url
    dashboards.setup_django(args)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from fazhi.orgs.models import Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.filter(code=dashboards.COUNTY_CODE).exists():
        return None
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"== Ledger lists on the database of --database-url ({connection.vendor})")
    print(f"load average {dashboards.load()}")
    return timezone.localdate()


def terms(kind, sample) -> list[str]:
    """A 2- and a 4-character search: from the issue, else from a record's first search field
    holding four characters or more."""
    found = []
    if kind.slug in ISSUE_TERMS:
        found.append(ISSUE_TERMS[kind.slug])
    public = [name for name in kind.search_fields if name not in kind.personal_fields]
    for name in public:
        value = str(getattr(sample, name, "") or "").strip()
        if len(value) >= 4:
            middle = len(value) // 2 - 2 if len(value) >= 8 else 0
            if not found:
                found.append(value[middle : middle + 2])
            found.append(value[middle : middle + 4])
            break
    return found[:2]


def pages_of(kind, sample, last_page: int, township, year: int, quick: bool) -> list:
    from urllib.parse import urlencode

    base = f"/ledgers/{kind.slug}/"
    deep = min(DEEP_PAGE, last_page)
    pages = [("page 1", base), (f"page {deep}", base + f"?page={deep}")]
    for term in terms(kind, sample):
        pages.append((f"search {term}", base + "?" + urlencode({"q": term})))
    if quick:
        return pages
    pages += [
        ("year", base + f"?year={year}"),
        ("year + month", base + f"?year={year}&month=6"),
        ("month", base + "?month=3"),
        ("organisation", base + f"?organisation={township.pk}"),
    ]
    for name in kind.filter_fields:
        value = getattr(sample, name)
        pages.append((f"filter {name}", base + "?" + urlencode({name: value})))
    sortable = [
        "occurred_on",
        *[f for f in kind.list_columns if f != "organisation" and f not in kind.personal_fields],
    ]
    pages.append(("sort -occurred_on", base + "?sort=-occurred_on"))
    for name in sortable:
        pages.append((f"sort {name}", base + f"?sort={name}"))
    if len(sortable) > 1:
        pages.append((f"sort -{sortable[1]}", base + f"?sort=-{sortable[1]}"))
    return pages


def measure(args, today) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from rich.console import Console

    from fazhi.ledgers.registry import all_kinds
    from fazhi.orgs.models import Membership, Organisation
    from fazhi.orgs.roles import Level, Role

    console = Console(width=140)
    county = Organisation.objects.get(code=dashboards.COUNTY_CODE)
    township = (
        Organisation.objects.filter(parent=county, level=Level.TOWNSHIP).order_by("code").first()
    )
    users = []
    for username, organisation, role in (
        ("bench.inspector", county, Role.INSPECTOR),
        ("bench.clerk", township, Role.CLERK),
    ):
        user, _ = get_user_model().objects.get_or_create(username=username)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
        client = Client()
        client.force_login(user)
        users.append((username, client))

    kinds = [kind for kind in all_kinds() if not args.kind or kind.slug in args.kind]
    year = today.year - 1
    rows, broken, slow = [], [], []
    for kind in kinds:
        total = kind.model.objects.filter(archived_at__isnull=False).count()
        total = kind.model.objects.count() - total
        sample = kind.model.objects.order_by("pk")[total // 2 : total // 2 + 1].first()
        if sample is None:
            continue
        for username, client in users:
            scope = total if username == "bench.inspector" else None
            if scope is None:
                scope = kind.model.objects.filter(
                    organisation__in=Organisation.objects.filter(path__startswith=township.path)
                ).count()
            last_page = max(1, math.ceil(scope / PAGE_SIZE))
            clerk = username != "bench.inspector"
            pages = pages_of(kind, sample, last_page, township, year, args.quick or clerk)
            queries_of = {}
            for label, url in pages:

                def get(url=url, client=client):
                    response = client.get(url, secure=True)
                    assert response.status_code == 200, (url, response.status_code)

                times = dashboards.timed(get, args.warmup, args.repeat)
                queries, _ = dashboards.query_count(get)
                median, p90 = statistics.median(times), dashboards.p90(times)
                queries_of[label] = queries
                rows.append((kind.slug, username, label, median, p90, queries))
                mark = "" if median < BAR_MS else "  <-- over the bar"
                print(
                    f"{kind.slug:24} {username:16} {label:28} median {median:6.1f} ms"
                    f"  p90 {p90:6.1f} ms  {queries:2} q  {median / BAR_MS:.2f}{mark}",
                    flush=True,
                )
                if median >= BAR_MS:
                    slow.append((kind.slug, username, label, url, median))
            first, deep = queries_of[pages[0][0]], queries_of[pages[1][0]]
            if first != deep:
                broken.append(f"{kind.slug} {username}: {first} / {deep} queries")

    medians = [row[3] for row in rows]
    print(
        f"\n{len(rows)} pages; median of medians {statistics.median(medians):.1f} ms,"
        f" slowest {max(medians):.1f} ms ({max(rows, key=lambda r: r[3])[:3]}),"
        f" over 150 ms: {len(slow)}"
    )
    for slug, username, label, url, median in slow:
        print(f"  over the bar: {slug} {username} {label} {url}: {median:.1f} ms")
    if args.explain:
        client = dict(users)["bench.inspector"]
        for slug, _user, label, url, _median in sorted(slow, key=lambda s: -s[4])[:3]:
            dashboards.explain(console, f"{slug} {label}", lambda url=url: client.get(url))
    for line in broken:
        print(f"  query count differs between page 1 and the deep page: {line}")
    print(f"load average after: {dashboards.load()}")
    held = not slow and not broken
    print("HELD: < 150 ms a page, constant query count" if held else "NOT HELD")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
