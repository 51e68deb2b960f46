"""Named figures (outside the catalogue): one registered function each, called with the
arguments it accepts, and the number a page shows of its result."""

from datetime import date

import pytest
from django.template import Context, Template, TemplateSyntaxError

from fazhi.governance.models import Task
from fazhi.indicators.named import figure_for, named_figure, named_figures, shown_value
from tests.indicators.helpers import task

pytestmark = pytest.mark.django_db


def test_every_app_registers_its_figures_under_its_own_name():
    figures = named_figures()
    assert {
        "legal_services.villages_without_recent_service",
        "legal_services.villages_without_service_in_year",
        "publicity.theme_days_without_activity",
        "enforcement.expiring_certificates",
        "disputes.petitions_by_status",
        "deadlines.overdue",
    } <= set(figures)
    for name, figure in figures.items():
        app = name.split(".", 1)[0]
        assert figure.function.__module__ == f"fazhi.{app}.selectors", name


def test_a_figure_is_computed_with_the_arguments_its_function_takes(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    day = date(2025, 6, 30)
    Task.objects.bulk_create(
        [task(a1, date(2025, 1, 2), date(2025, 3, 1)), task(a2, date(2025, 1, 2), day)]
    )
    overdue = figure_for("governance.overdue_tasks")
    assert shown_value(overdue.compute(organisation=a1, year=2025, today=day)) == 1
    assert shown_value(overdue.compute(organisation=world.orgs["A"], year=2025, today=day)) == 1
    past = figure_for("publicity.theme_days_past").compute(
        organisation=None, year=2025, today=date(2025, 3, 20)
    )
    assert [theme.key for theme in past] == ["lei_feng", "womens_day"]


def test_a_name_has_one_function_taking_only_known_arguments():
    with pytest.raises(ValueError, match="two computations"):
        named_figure("deadlines.overdue")(lambda *, today: [])
    with pytest.raises(ValueError, match="cannot be given"):
        named_figure("test.unknown_argument")(lambda *, township: [])


def test_the_number_a_page_shows_of_a_result(world):
    assert shown_value([1, 2, 3]) == 3
    assert shown_value(Task.objects.none()) == 0
    assert shown_value({"a": 2, "b": 5}) == 7
    assert shown_value({"a": 2, "b": 5}, "b") == 5
    assert shown_value({"a": 2}, "missing") == 0
    assert shown_value(4) == 4


def test_the_marks_a_page_writes():
    template = Template(
        "{% load figure_marks %}<span{% figure_marks 'disputes.petitions_by_status' org 2025 "
        "counts 'accepted' %}></span><b{% indicator_marks 'governance.budget' org 2025 v %}></b>"
    )
    org = type("Org", (), {"code": "100001101"})()
    html = template.render(Context({"org": org, "counts": {"accepted": 3}, "v": None}))
    assert html == (
        '<span data-figure="disputes.petitions_by_status" data-key="accepted" '
        'data-org="100001101" data-year="2025" data-value="3"></span>'
        '<b data-indicator="governance.budget" data-org="100001101" data-year="2025" '
        'data-value=""></b>'
    )
    with pytest.raises((KeyError, TemplateSyntaxError)):
        Template("{% load figure_marks %}{% figure_marks 'no.such' None 2025 1 %}").render(
            Context({})
        )
