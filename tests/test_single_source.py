"""Every figure is defined once (issue 6; issue 14, acceptance 1).

Catalogue figures: on the demo data, the township dashboard, the county comparison and its Excel
export, `fazhi indicators` and the annual report show the same value for every code.

Every figure a page marks (templatetags/figure_marks.py: data-indicator for a catalogue code,
data-figure for a named figure of fazhi.indicators.named) equals its one computation, for every
demo organisation (each township and the county) and demo year: catalogue codes through
engine.evaluate, named figures through the function their app registered. A view or template
that counts a figure another way fails here.
"""

import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html

from fazhi.catalogue import load_catalogue
from fazhi.indicators import engine
from fazhi.indicators.formatting import format_value, raw_value
from fazhi.indicators.named import figure_for, named_figures, shown_value
from fazhi.ledgers.demo import DEMO_COUNTY_CODE, demo_years
from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.reports.drafting import draft_document
from fazhi.reports.references import FigureValues

pytestmark = pytest.mark.django_db

# Named figures no page shows (yet): the drafted report's, and reads kept for its rewrite.
NOT_ON_A_PAGE = {
    "legal_services.villages_without_service_in_year",
    "governance.overdue_tasks",
    "openness.overdue_complaints",
    "openness.complaint_summary",
}


def _number(value):
    return None if value in (None, "") else Decimal(str(value))


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _document(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content.decode())


def _user(organisation: Organisation, role: str):
    membership = Membership.objects.filter(organisation=organisation, role=role).first()
    assert membership is not None, f"the demo has no {role} of {organisation.name}"
    return membership.user


def _demo():
    county = Organisation.objects.get(code=DEMO_COUNTY_CODE)
    townships = list(
        Organisation.objects.filter(parent=county, level=Level.TOWNSHIP).order_by("code")
    )
    assert len(townships) >= 3
    return county, townships


@pytest.fixture
def year():
    return timezone.localdate().year - 1


def _catalogue_figures(document, year: int, org_code: str) -> dict[str, Decimal | None]:
    """code -> value of one organisation's figures of the year; a figure shown twice agrees."""
    found: dict[str, Decimal | None] = {}
    for element in document.xpath(f'//*[@data-indicator and @data-year="{year}"]'):
        if element.get("data-org") != org_code:
            continue
        code, number = element.get("data-indicator"), _number(element.get("data-value"))
        assert found.setdefault(code, number) == number, f"{code} shown with two values"
    return found


def test_every_catalogue_figure_is_the_same_everywhere(demo, year):
    county, townships = _demo()
    township = townships[0]
    codes = [item.code for item in load_catalogue().indicators]

    clerk = _client(_user(township, Role.CLERK))
    url = reverse("dashboards:township", args=[township.code]) + f"?year={year}"
    dashboard = _catalogue_figures(_document(clerk, url), year, township.code)
    inspector = _client(_user(county, Role.INSPECTOR))
    url = reverse("dashboards:county") + f"?codes=all&year={year}"
    comparison = _catalogue_figures(_document(inspector, url), year, township.code)

    response = inspector.get(reverse("dashboards:county_export") + f"?codes=all&year={year}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    row = next(r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1] == township.code)
    export = {code: _number(row[2 + 4 * i]) for i, code in enumerate(codes)}

    out = io.StringIO()
    call_command("indicators", org=township.code, year=year, format="json", stdout=out)
    cli = {
        item["code"]: _number(item["value"]) for item in json.loads(out.getvalue())["indicators"]
    }

    report_values = FigureValues.live(codes, township, year)
    report = {code: _number(report_values.get(code, year)) for code in codes}

    sources = {"dashboard": dashboard, "county": comparison, "export": export, "cli": cli}
    for name, source in sources.items():
        assert set(source) == set(codes), f"{name} misses {sorted(set(codes) - set(source))}"
    differing = [
        (code, *(source[code] for source in sources.values()), report[code])
        for code in codes
        if len({source[code] for source in sources.values()} | {report[code]}) > 1
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


# --- every page's marked figures -----------------------------------------------------------

# Pages whose figures depend on ?year= are read for every demo year; the others (as of today)
# once per organisation.
YEARLY = ["disputes:overview", "enforcement:overview", "publicity:calendar"]
DAILY = ["legal_services:coverage", "deadlines:list", "normative:expiring", "supervision:list"]
RECORDS_OF = "disputes.mediation_success_rate"  # a ratio's drill-down page: both parts shown


def _pages(organisation: Organisation, years: list[int]) -> list[tuple[str, int]]:
    """(url, year) of every page the organisation's user opens."""
    pages = []
    for year in years:
        if organisation.level == Level.TOWNSHIP:
            pages.append((reverse("dashboards:township", args=[organisation.code]), year))
        else:
            pages.append((reverse("dashboards:county") + "?codes=all", year))
        pages += [(reverse(name), year) for name in YEARLY]
        records = reverse("indicators:records", args=[organisation.code, RECORDS_OF])
        pages.append((records, year))
    pages += [(reverse(name), years[-1]) for name in DAILY]
    if organisation.level == Level.COUNTY:
        pages.append((reverse("deadlines:county"), years[-1]))
    return pages


def _with_year(url: str, year: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}year={year}"


class Marks:
    """Every mark read from the pages, checked against its one computation at the end."""

    def __init__(self):
        self.catalogue: list[tuple] = []  # (url, element, code, org code, year)
        self.named: list[tuple] = []  # (url, element, name, key, org code, year)

    def read(self, url: str, document) -> None:
        for element in document.xpath("//*[@data-indicator]"):
            code, org = element.get("data-indicator"), element.get("data-org")
            self.catalogue.append((url, element, code, org, int(element.get("data-year"))))
        for element in document.xpath("//*[@data-figure]"):
            name, key = element.get("data-figure"), element.get("data-key")
            org, year = element.get("data-org"), int(element.get("data-year"))
            self.named.append((url, element, name, key, org, year))


def _check_catalogue(marks: Marks, organisations: dict, today: date) -> list:
    wrong = []
    years = sorted({year for *_, year in marks.catalogue})
    codes = sorted({code for _, _, code, _, _ in marks.catalogue})
    orgs = sorted({org for _, _, _, org, _ in marks.catalogue})
    assert all(orgs), "a catalogue figure without data-org"
    table = engine.evaluate(codes, [organisations[o] for o in orgs], years, today=today)
    for url, element, code, org, year in marks.catalogue:
        value = table.value(code, organisations[org], year)
        text = element.text_content().strip()
        if element.get("data-value") != raw_value(value):
            wrong.append((url, code, org, year, element.get("data-value"), raw_value(value)))
        elif element.get("data-shows") is None and text != format_value(code, value):
            wrong.append((url, code, org, year, text, format_value(code, value)))
    return wrong


def _check_named(marks: Marks, organisations: dict, today: date) -> list:
    wrong = []
    results = {}
    for url, element, name, key, org, year in marks.named:
        assert org, f"{url}: {name} without data-org"
        if (name, org, year) not in results:
            results[(name, org, year)] = figure_for(name).compute(
                organisation=organisations[org], year=year, today=today
            )
        expected = raw_value(shown_value(results[(name, org, year)], key))
        shown, text = element.get("data-value"), element.text_content().strip()
        if shown != expected or text != expected:
            wrong.append((url, name, key, org, year, shown, text, expected))
    return wrong


def test_every_figure_on_every_page_is_its_one_computation(demo):
    today = timezone.localdate()
    years = [year for year, _ in demo_years(today)]
    county, townships = _demo()
    organisations = {
        org.code: org for org in Organisation.objects.filter(path__startswith=county.path)
    }
    marks = Marks()
    for organisation in [*townships, county]:
        role = Role.CLERK if organisation.level == Level.TOWNSHIP else Role.INSPECTOR
        client = _client(_user(organisation, role))
        for url, year in _pages(organisation, years):
            marks.read(url, _document(client, _with_year(url, year)))

    # Every page marks figures, and together they mark every named figure a page should show.
    marking = {url for url, *_ in marks.catalogue + marks.named}
    for organisation in [*townships, county]:
        for url, _ in _pages(organisation, years):
            assert url in marking, f"{url} marks no figure"
    marked = {name for _, _, name, *_ in marks.named}
    assert marked | NOT_ON_A_PAGE == set(named_figures()), "a named figure no page shows"
    assert not marked & NOT_ON_A_PAGE

    assert _check_catalogue(marks, organisations, today) == []
    assert _check_named(marks, organisations, today) == []
    # Not a comparison of zeros: the demo gives many marked figures a value.
    values = [element.get("data-value") for _, element, *_ in marks.named]
    assert sum(1 for value in values if value not in ("", "0")) >= 0.3 * len(values)
