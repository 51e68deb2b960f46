"""Issue 6, acceptance 1: every figure is defined once. On the demo data, for every catalogue
code, the township dashboard, the county comparison, `fazhi indicators` and the annual report
show the same value."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.catalogue import load_catalogue
from fazhi.orgs.models import Organisation
from fazhi.reports.drafting import draft_document
from fazhi.reports.references import FigureValues

pytestmark = pytest.mark.django_db

TOWNSHIP = "999901101"  # 青山镇
FIGURE = re.compile(r'data-indicator="([^"]+)" data-value="([^"]*)" data-year="(\d+)"')


def _number(value):
    return None if value in (None, "") else Decimal(str(value))


def _figures(html: str, year: int) -> dict[str, Decimal | None]:
    """code -> value of the year's figures on a page; a figure shown twice must agree."""
    found: dict[str, Decimal | None] = {}
    for code, value, shown_year in FIGURE.findall(html):
        if int(shown_year) != year:
            continue
        number = _number(value)
        assert found.setdefault(code, number) == number, f"{code} shown with two values"
        found[code] = number
    return found


def _page(username: str, url: str) -> str:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def year():
    return timezone.localdate().year - 1


def test_every_figure_is_the_same_everywhere(demo, year):
    township = Organisation.objects.get(code=TOWNSHIP)
    codes = [item.code for item in load_catalogue().indicators]

    dashboard = _figures(
        _page("qingshan.clerk", reverse("dashboards:township", args=[TOWNSHIP]) + f"?year={year}"),
        year,
    )
    county_html = _page(
        "county.inspector", reverse("dashboards:county") + f"?codes=all&year={year}"
    )
    row = re.search(rf'<tr data-township="{TOWNSHIP}">(.*?)</tr>', county_html, re.S)
    comparison = _figures(row.group(1), year)

    out = io.StringIO()
    call_command("indicators", org=TOWNSHIP, year=year, format="json", stdout=out)
    cli = {
        item["code"]: _number(item["value"]) for item in json.loads(out.getvalue())["indicators"]
    }

    report_values = FigureValues.live(codes, township, year)
    report = {code: _number(report_values.get(code, year)) for code in codes}

    for name, source in (("dashboard", dashboard), ("county", comparison), ("cli", cli)):
        assert set(source) == set(codes), f"{name} misses {sorted(set(codes) - set(source))}"
    differing = [
        (code, dashboard[code], comparison[code], cli[code], report[code])
        for code in codes
        if not dashboard[code] == comparison[code] == cli[code] == report[code]
    ]
    assert differing == []

    # The figures the drafted report states are those same values.
    stated = [f for f in draft_document(township, year).figures if f.year == year]
    assert stated, "the drafted report states no figure of the year"
    for figure in stated:
        assert _number(figure.value) == cli[figure.code], figure.code

    # The demo gives most figures a value, so the comparison is not one of zeros.
    nonzero = [code for code in codes if cli[code]]
    assert len(nonzero) >= 0.8 * len(codes), sorted(set(codes) - set(nonzero))
