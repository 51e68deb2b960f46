"""Acceptance 1, the closed loop: the report drafted for each demo township reads back through
the report checker with all five parts, no error, and every figure it states found by the
checker, mapped to the same indicator with the same value (last year's figures never read as
this year's)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.checker import check_text
from fazhi.checker.structure import PART_CODES
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.reports import selectors, services
from fazhi.reports.drafting import draft_document
from fazhi.reports.models import Report

# Marked so that pytest-django sets up the test database (and each test runs in a savepoint
# inside the demo's transaction).
pytestmark = pytest.mark.django_db

DEMO_TOWNSHIPS = {"999901101", "999901102", "999901103"}


def _townships():
    return list(Organisation.objects.filter(level=Level.TOWNSHIP, code__in=DEMO_TOWNSHIPS))


def _same(stated, read) -> bool:
    return stated is not None and Decimal(str(stated)) == Decimal(str(read))


def _checked(document):
    result = check_text(document.plain_text(), f"{document.organisation_code}.txt")
    return result


def test_demo_has_the_three_townships(demo):
    assert {org.code for org in _townships()} == DEMO_TOWNSHIPS


@pytest.mark.parametrize("code", sorted(DEMO_TOWNSHIPS))
def test_drafted_report_reads_back_through_the_checker(demo, code):
    organisation = Organisation.objects.get(code=code)
    year = timezone.localdate().year - 1
    # The demo has its own report of the year, drafted in spring (reports/demo.py): start afresh.
    Report.objects.filter(organisation=organisation, year=year).delete()
    version = services.report_create(actor=None, organisation=organisation, year=year)
    document = selectors.document_of(version)
    # What the CLI and renderers get is the same text as the stored draft.
    assert draft_document(organisation, year).plain_text() == document.plain_text()
    result = _checked(document)

    assert {c: p["status"] for c, p in result["parts"].items()} == dict.fromkeys(
        PART_CODES, "present"
    )
    errors = [f for f in result["findings"] if f["severity"] == "error"]
    assert errors == []
    assert result["year"] == year
    assert not [f for f in result["findings"] if f["code"] == "conflicting_figures"]
    assert not [f for f in result["findings"] if f["code"] == "period_not_report_year"]
    assert not [f for f in result["findings"] if f["code"] == "foreign_place_name"]

    current = {}
    for figure in document.figures:
        if figure.year == year:
            assert current.setdefault(figure.code, figure.value) == figure.value
    assert len(current) >= 5, "the draft states too few figures to test anything"
    facts = [f for f in result["facts"] if f["indicator"]]
    found = {}
    for fact in facts:
        # Every figure the checker maps to an indicator is this year's figure of that indicator.
        assert fact["indicator"] in current, fact
        assert _same(current[fact["indicator"]], fact["value"]), (fact, current[fact["indicator"]])
        found[fact["indicator"]] = fact["value"]
    missing = {code: value for code, value in current.items() if code not in found}
    assert missing == {}, "figures stated but not found by the checker"


def test_last_years_figures_are_not_read_as_this_years(demo):
    """Across the townships the drafts state some of last year's figures; none of them is read
    as a statement of an indicator."""
    year = timezone.localdate().year - 1
    previous_seen = 0
    for organisation in _townships():
        document = draft_document(organisation, year)
        previous = [f for f in document.figures if f.year == year - 1]
        previous_seen += len(previous)
        result = _checked(document)
        current = {f.code: f.value for f in document.figures if f.year == year}
        for figure in previous:
            if current.get(figure.code) == figure.value:
                continue
            wrong = [
                fact
                for fact in result["facts"]
                if fact["indicator"] == figure.code and _same(figure.value, fact["value"])
            ]
            assert wrong == [], (figure, wrong)
    # The demo has figures that fell (清河乡's 学法 and 普法): the check above did run.
    assert previous_seen > 0
