"""Benchmark: scoring a county's assessment (issue 17, acceptance 7: < 2 s for 30 townships
with a 40-item scheme).

Run: .venv/bin/python bench/assessment_scoring.py [--townships 30 --items 40]
         [--per-year 2000 --villages 2] [--repeat 5]

Builds, in a fresh SQLite database in a temporary directory, a county of --townships
townships (--villages villages each) with last year's and this year's ledgers (about
--per-year records per township-year, bench/scale_world.py) and a scheme for last year of
--items items over every rule kind, reading catalogue indicators and the report facts. Then
times, each --repeat times (median and worst printed):

- the first `scoring.refresh_scores` (creates the 30 assessments and 1,200 item scores);
- `refresh_scores` again (re-reads every figure and compares; nothing to write);
- `results.scheme_result` (totals, subtotals, grades, ranks, change on last year);
- the bare indicator evaluation of the same codes (`engine.evaluate`), the floor any scoring
  has to pay, and the ratio of scoring to it.

Fails (exit 1) when refresh + results takes 2 s or more. SQL queries are counted as well.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BAR_SECONDS = 2.0


def setup_django() -> str:
    data_dir = tempfile.mkdtemp(prefix="fazhi-bench-assess-")
    os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(data_dir, 'bench.sqlite3')}"
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
    return data_dir


# (kind, points, params, reads) cycled over the catalogue: every rule kind, counts and rates.
COUNT_CODES = [
    "governance.leading_group_meetings",
    "governance.special_meetings",
    "governance.law_report_sessions",
    "study.sessions",
    "study.central_group_sessions",
    "study.lectures",
    "study.enforcement_training",
    "publicity.activities",
    "publicity.activities_in_villages",
    "publicity.theme_day_activities",
    "publicity.materials",
    "normative.filed",
    "decisions.major",
    "enforcement.cases",
    "disputes.screenings",
    "disputes.mediation_cases",
    "legal_services.advisor_services",
    "legal_services.consultations",
    "openness.disclosures",
    "openness.supervisor_visits",
]
RATE_CODES = [
    "study.exam_pass_rate",
    "normative.filed_on_time_rate",
    "enforcement.publicised_on_time_rate",
    "disputes.mediation_success_rate",
    "disputes.petitions_answered_on_time_rate",
    "openness.complaints_answered_on_time_rate",
]
EVENT_CODES = ["governance.tasks_overdue", "deadlines.overdue"]


def item_specs(count: int) -> list[dict]:
    """`count` items of 2.5 points each (100 in all for 40), every kind represented."""
    specs = []
    counts, rates, events = iter(COUNT_CODES * 4), iter(RATE_CODES * 8), iter(EVENT_CODES * 20)
    for n in range(count):
        slot = n % 10
        spec = {"code": f"{n + 1}", "title": f"考核项目{n + 1}", "points": Decimal("2.5")}
        if slot in (0, 1, 2):
            spec.update(
                kind="threshold",
                params={"target": 6, "per_missing": "0.5", "cap": 2},
                indicator_code=next(counts),
            )
        elif slot in (3, 4):
            mode = {"mode": "banded", "target": 90, "step": 10, "per_step": 1} if slot == 4 else {}
            spec.update(kind="ratio", params=mode, indicator_code=next(rates))
        elif slot == 5:
            spec.update(
                kind="deduction", params={"per_unit": "0.5", "cap": 2}, indicator_code=next(events)
            )
        elif slot == 6:
            spec.update(kind="yesno", params={"deduction": 1}, indicator_code=next(counts))
        elif slot == 7:
            fact = "report.submission" if n % 20 == 7 else "report.publication"
            spec.update(kind="late", params={"late": 1, "missing": 2}, fact=fact)
        elif slot == 8:
            spec.update(
                kind="veto", params={"scope": "item"}, indicator_code="governance.tasks_overdue"
            )
        else:
            spec.update(kind="manual", falsification_penalty=1)
        specs.append(spec)
    return specs


def build_scheme(county, year: int, items: int):
    from fazhi.assessment.models import Category, Item, Scheme

    scheme = Scheme.objects.create(
        county=county,
        year=year,
        title=f"{county.name}{year}年度法治政府建设考核细则",
        total_points=Decimal("2.5") * items,
        grade_bands=[
            {"grade": "优秀", "min": 90},
            {"grade": "良好", "min": 80},
            {"grade": "合格", "min": 60},
            {"grade": "不合格", "min": 0},
        ],
    )
    specs = item_specs(items)
    per_category = 8
    for c in range(0, len(specs), per_category):
        chunk = specs[c : c + per_category]
        category = Category.objects.create(
            scheme=scheme,
            position=c // per_category,
            name=f"类别{c // per_category + 1}",
            points=sum(s["points"] for s in chunk),
            floor_at_zero=c == 0,
        )
        for position, spec in enumerate(chunk):
            Item.objects.create(scheme=scheme, category=category, position=position, **spec)
    return scheme


def timed(function, repeat: int) -> tuple[list[float], int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries, value = [], 0, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            value = function()
            seconds.append(time.perf_counter() - started)
        queries = len(context.captured_queries)
    return seconds, queries, value


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--townships", type=int, default=30)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--villages", type=int, default=2, help="villages per township")
    parser.add_argument("--per-year", type=int, default=2000, help="records per township-year")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    data_dir = setup_django()
    try:
        return run(args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(args) -> int:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    import scale_world
    from fazhi.assessment.models import Assessment, ItemScore
    from fazhi.assessment.results import scheme_result
    from fazhi.assessment.scoring import refresh_scores, scheme_townships
    from fazhi.indicators.engine import evaluate

    today = timezone.localdate()
    year = today.year - 1
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    world = scale_world.build(
        townships=args.townships,
        villages_per_township=args.villages,
        years=[year, today.year],
        per_year=args.per_year,
        today=today,
    )
    print(
        f"generated {world.ledger_rows:,} ledger records in {time.perf_counter() - started:.0f} s"
    )
    scheme = build_scheme(world.county, year, args.items)
    townships = list(scheme_townships(scheme))
    items = list(scheme.items.all())
    codes = sorted({item.indicator_code for item in items if item.indicator_code})
    print(
        f"scheme: {len(items)} items ({len(codes)} indicator codes, "
        f"{sum(1 for i in items if i.fact)} report facts), {len(townships)} townships"
    )

    # Stored figures are filled on first use after the bulk insert: pay that once, outside.
    started = time.perf_counter()
    evaluate(codes, townships, [year], today=today)
    print(f"first evaluation (fills the stored figures): {time.perf_counter() - started:.2f} s")

    def first_refresh():
        with transaction.atomic():
            refresh_scores(scheme, today=today)
            transaction.set_rollback(True)  # so that every repetition creates the rows again

    def scoring():
        refresh_scores(scheme, today=today)
        return scheme_result(scheme)

    rows = []
    create_s, create_q, _ = timed(first_refresh, args.repeat)
    rows.append(("refresh_scores, creating 30 × 40 scores", create_s, create_q))
    refresh_scores(scheme, today=today)
    assert Assessment.objects.filter(scheme=scheme).count() == len(townships)
    assert ItemScore.objects.filter(assessment__scheme=scheme).count() == len(townships) * len(
        items
    )
    refresh_s, refresh_q, _ = timed(lambda: refresh_scores(scheme, today=today), args.repeat)
    rows.append(("refresh_scores, nothing to change", refresh_s, refresh_q))
    result_s, result_q, result = timed(lambda: scheme_result(scheme), args.repeat)
    rows.append(("scheme_result (totals, grades, ranks)", result_s, result_q))
    both_s, both_q, _ = timed(scoring, args.repeat)
    rows.append(("refresh_scores + scheme_result", both_s, both_q))
    bare_s, bare_q, _ = timed(lambda: evaluate(codes, townships, [year], today=today), args.repeat)
    rows.append(("engine.evaluate of the same codes (bare)", bare_s, bare_q))

    print(f"\n{'step':44} {'median':>9} {'worst':>9} {'queries':>8}")
    for label, seconds, queries in rows:
        print(
            f"{label:44} {statistics.median(seconds) * 1000:7.0f}ms "
            f"{max(seconds) * 1000:7.0f}ms {queries:8}"
        )
    bare = statistics.median(bare_s)
    cold = statistics.median(create_s) + statistics.median(result_s)
    warm = statistics.median(both_s)
    print(
        f"\nratio refresh + results / bare evaluation: {warm / bare:.2f} (first scoring: "
        f"{cold / bare:.2f})"
    )
    top = result.ranked[0]
    print(
        f"top: {top.organisation.name} {top.total} {top.grade}; totals from "
        f"{min(t.total for t in result.townships)} to {max(t.total for t in result.townships)}"
    )
    worst = max(max(both_s), max(create_s) + max(result_s))
    ok = worst < BAR_SECONDS
    print(f"bar {BAR_SECONDS:.0f} s: worst {worst:.2f} s — {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
