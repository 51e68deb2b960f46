"""The engine: ratios from summed parts, constant queries, the rows behind a figure."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.governance.models import Budget, Task
from fazhi.indicators import aggregation, engine
from fazhi.indicators.registry import computation_for, registered_codes
from fazhi.ledgers.signals import records_written
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
from fazhi.study.models import Exam

YEAR = 2024


def _exam(org, participants, passed, *, year=YEAR, **extra):
    return Exam.objects.create(
        organisation=org,
        occurred_on=date(year, 6, 1),
        year=year,
        exam_type=Exam.Type.PUBLICITY,
        name=f"考试{participants}-{passed}",
        participants=participants,
        passed=passed,
        **extra,
    )


@pytest.mark.django_db
def test_county_rate_is_summed_numerators_over_summed_denominators(world):
    a1, a2, county = world.orgs["A1"], world.orgs["A2"], world.orgs["A"]
    _exam(a1, 10, 10)  # 100 %
    _exam(a2, 90, 45)  # 50 %
    table = engine.evaluate(["study.exam_pass_rate"], [a1, a2, county], [YEAR])
    assert table.value("study.exam_pass_rate", a1, YEAR) == Decimal("100.0")
    assert table.value("study.exam_pass_rate", a2, YEAR) == Decimal("50.0")
    county_figure = table.figure("study.exam_pass_rate", county, YEAR)
    assert (county_figure.numerator, county_figure.denominator) == (55, 100)
    assert county_figure.value == Decimal("55.0")  # the mean of the rates would be 75.0


@pytest.mark.django_db
def test_a_ratio_with_nothing_to_divide_by_has_no_value(world):
    table = engine.evaluate(["study.exam_pass_rate"], [world.orgs["A1"]], [YEAR])
    figure = table.figure("study.exam_pass_rate", world.orgs["A1"], YEAR)
    assert figure.value is None and figure.denominator == 0


@pytest.mark.django_db
def test_figures_roll_up_the_tree_and_stay_in_their_year_and_subtree(world):
    a1, a2, county, other_county = (world.orgs[k] for k in ("A1", "A2", "A", "B"))
    for org, amount, year in ((a1, 10000, YEAR), (a2, 25000, YEAR), (a1, 99999, YEAR - 1)):
        Budget.objects.create(
            organisation=org,
            occurred_on=date(year, 3, 1),
            year=year,
            purpose="general",
            amount=amount,
        )
    archived = Budget.objects.create(
        organisation=a1, occurred_on=date(YEAR, 4, 1), year=YEAR, purpose="general", amount=7
    )
    archived.archived_at = archived.created_at
    archived.save()
    table = engine.evaluate(["governance.budget"], [a1, a2, county, other_county], [YEAR - 1, YEAR])
    assert table.value("governance.budget", a1, YEAR) == Decimal("1.00")  # 万元
    assert table.value("governance.budget", county, YEAR) == Decimal("3.50")
    assert table.value("governance.budget", a1, YEAR - 1) == Decimal("10.00")
    assert table.value("governance.budget", other_county, YEAR) == 0
    ids = set(engine.records("governance.budget", county, YEAR).values_list("pk", flat=True))
    assert archived.pk not in ids and len(ids) == 2


def _townships(world, count):
    county = world.orgs["A"]
    made = [world.orgs["A1"], world.orgs["A2"]]
    for n in range(len(made), count):
        made.append(
            organisation_create(
                actor=None,
                code=f"100001{300 + n}",
                name=f"测试{n}镇",
                level=Level.TOWNSHIP,
                parent=county,
            )
        )
    return made[:count]


def _tasks(orgs, per_org):
    """Bulk-written like an import: the writer says which organisations changed."""
    records_written.send(Task, organisation_ids={org.pk for org in orgs})
    Task.objects.bulk_create(
        Task(
            organisation=org,
            occurred_on=date(YEAR, 1, 5),
            year=YEAR,
            task=f"任务{i}",
            responsible_unit="综治办",
            owner="张三",
            due_on=date(YEAR, 6, 30),
            status="in_progress",
        )
        for org in orgs
        for i in range(per_org)
    )


def _queries(codes, orgs):
    with CaptureQueriesContext(connection) as queries:
        engine.evaluate(codes, orgs, [YEAR - 1, YEAR])
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_townships_or_records(world):
    codes = sorted(registered_codes())
    one = _townships(world, 1)
    _tasks(one, 10)
    few = _queries(codes, one)
    _tasks(one, 990)
    assert _queries(codes, one) == few  # 10 vs 1,000 records
    ten = _townships(world, 10)
    _tasks(ten[1:], 5)
    assert _queries(codes, ten) == few  # 1 vs 10 townships
    assert _queries(codes, [world.orgs["A"]]) == few  # the county's own row is new
    assert _queries(codes, [world.orgs["A"]]) < few  # now read back from the stored figures
    records_written.send(Task, organisation_ids={org.pk for org in ten})
    assert _queries(codes, [world.orgs["A"]]) == few  # all recomputed: still the same count


@pytest.mark.django_db
def test_a_lone_computation_filters_in_where_with_the_same_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    _tasks([a1], 3)
    _tasks([a2], 2)
    Task.objects.filter(organisation=a2).update(status=Task.Status.DONE)
    today = date(YEAR, 12, 31)
    overdue = computation_for("governance.tasks_overdue")
    tasks = computation_for("governance.tasks")
    orgs = [a1.pk, a2.pk]
    with CaptureQueriesContext(connection) as queries:
        alone = set(aggregation.aggregate([overdue], orgs, [YEAR], today))
    (sql,) = [q["sql"] for q in queries.captured_queries]
    where = sql.upper().split(" WHERE ", 1)[1]
    assert "STATUS" in where and "FILTER" not in sql.upper() and "CASE WHEN" not in sql.upper()
    shared = aggregation.aggregate([tasks, overdue], orgs, [YEAR], today)
    beside = {row for row in shared if row[0] == "governance.tasks_overdue" and row[3]}
    assert alone == beside == {("governance.tasks_overdue", a1.pk, YEAR, 3)}
