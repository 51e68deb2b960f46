"""`fazhi indicators`: the same figures as the engine, as text, JSON or CSV."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from fazhi.catalogue import load_catalogue
from fazhi.governance.models import Budget, Meeting
from fazhi.indicators import engine
from tests.progress import RecordingBar

YEAR = 2024


def _run(*args):
    out = io.StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_no_progress_is_drawn_without_a_terminal_and_the_figures_are_told(figures, capsys):
    bar = RecordingBar()  # first: the command stores the figures it aggregates
    engine.evaluate(["governance.leading_group_meetings"], [figures], [YEAR], on_progress=bar)
    assert bar.done >= 1 and set(bar.steps) == {"汇总台账"}
    printed = _run("--org", figures.code, "--year", str(YEAR), "--format", "json")
    assert capsys.readouterr().err == ""
    assert json.loads(printed)["organisation"] == figures.code


@pytest.fixture
def figures(world):
    a1 = world.orgs["A1"]
    Budget.objects.create(
        organisation=a1, occurred_on=date(YEAR, 2, 1), year=YEAR, purpose="general", amount=12345
    )
    Meeting.objects.create(
        organisation=a1,
        occurred_on=date(YEAR, 3, 1),
        year=YEAR,
        meeting_type="leading_group",
        title="法治建设领导小组会议",
        presider="王书记",
        presider_position="secretary",
        attendees=12,
    )
    return a1


@pytest.mark.django_db
def test_json_lists_every_catalogue_figure_with_the_engine_value(figures):
    payload = json.loads(_run("--org", figures.code, "--year", str(YEAR), "--format", "json"))
    assert [item["code"] for item in payload["indicators"]] == [
        i.code for i in load_catalogue().indicators
    ]
    values = {item["code"]: item["value"] for item in payload["indicators"]}
    assert values["governance.budget"] == 1.23
    assert values["governance.leading_group_meetings"] == 1
    table = engine.evaluate(["governance.first_responsible_meetings"], [figures], [YEAR])
    assert values["governance.first_responsible_meetings"] == table.value(
        "governance.first_responsible_meetings", figures, YEAR
    )


@pytest.mark.django_db
def test_csv_and_text(figures):
    rows = list(
        csv.DictReader(
            io.StringIO(_run("--org", figures.code, "--year", str(YEAR), "--format", "csv"))
        )
    )
    budget = next(row for row in rows if row["code"] == "governance.budget")
    assert (budget["value"], budget["unit"]) == ("1.23", "万元")
    text = _run("--org", figures.code, "--year", str(YEAR), "--codes", "governance.budget")
    assert "法治建设经费：1.23万元" in text


@pytest.mark.django_db
def test_errors_are_explained(world):
    with pytest.raises(CommandError, match="没有统一代码"):
        _run("--org", "000000", "--year", str(YEAR))
    with pytest.raises(CommandError, match="指标目录中没有"):
        _run("--org", world.orgs["A1"].code, "--year", str(YEAR), "--codes", "x.y")
