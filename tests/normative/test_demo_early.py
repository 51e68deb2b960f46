"""The normative demo loaded early in the year, on an empty database (apart from test_demo.py,
whose module-wide load would make this pass without trying)."""

from datetime import date

from fazhi.ledgers import demo as ledger_demo
from fazhi.normative import demo_workflow
from fazhi.normative.models import NormativeDocument, Status
from fazhi.orgs import demo as org_demo


def test_early_in_the_year_the_demo_still_loads(db):
    org_demo.load()
    ledger_demo.load(date(2026, 1, 5))
    demo_workflow.load(date(2026, 1, 5))
    assert NormativeDocument.objects.filter(status=Status.PUBLISHED).exists()
