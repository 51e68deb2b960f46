"""Demo data of 规范性文件: every state, an overdue and an upcoming filing, idempotent."""

from datetime import date, timedelta

import pytest
from django.db import transaction

from fazhi.deadlines import selectors as deadline_selectors
from fazhi.ledgers import demo as ledger_demo
from fazhi.normative import demo_workflow
from fazhi.normative.models import CleanupItem, CleanupRound, NormativeDocument, Status
from fazhi.orgs import demo as org_demo
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def normative_demo(django_db_setup, django_db_blocker):
    """Loaded once for the module (a load takes half a minute), rolled back after."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            org_demo.load()
            ledger_demo.load(TODAY)
            demo_workflow.load(TODAY)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_state_in_every_township(normative_demo):
    townships = Organisation.objects.filter(level=Level.TOWNSHIP)
    assert townships.exists()
    for township in townships:
        states = set(
            NormativeDocument.objects.filter(organisation=township).values_list("status", flat=True)
        )
        assert states == set(Status.values), (township.name, set(Status.values) - states)


def test_filing_deadlines_overdue_and_upcoming(normative_demo):
    for township in Organisation.objects.filter(level=Level.TOWNSHIP):
        deadlines = deadline_selectors.in_subtree(township).filter(code="normative.filing")
        overdue = deadline_selectors.overdue_in(deadlines, TODAY)
        upcoming = deadline_selectors.upcoming_in(deadlines, TODAY)
        assert overdue.exists() and upcoming.exists(), township.name
        assert all(d.due_on <= TODAY + timedelta(14) for d in upcoming)


def test_cleanups_of_past_years_are_concluded_and_this_years_listed(normative_demo):
    for cleanup in CleanupRound.objects.all():
        items = CleanupItem.objects.filter(cleanup=cleanup)
        assert items.exists()
        if cleanup.year < TODAY.year:
            assert cleanup.completed_on is not None
            assert not items.filter(decision="").exists()
        else:
            assert cleanup.completed_on is None
    repealed = CleanupItem.objects.filter(decision="repeal", applied=True)
    assert repealed.exists()
    assert all(item.document.status == Status.REPEALED for item in repealed)


def test_second_run_adds_and_changes_nothing(normative_demo):
    counts = (
        NormativeDocument.objects.count(),
        NormativeDocument.history.count(),
        CleanupItem.objects.count(),
    )
    ledger_demo.load(TODAY)
    demo_workflow.load(TODAY)
    assert counts == (
        NormativeDocument.objects.count(),
        NormativeDocument.history.count(),
        CleanupItem.objects.count(),
    )


def test_the_expiry_page_has_a_demo_document(normative_demo):
    from fazhi.normative.selectors import EVALUATION_WINDOW

    for township in Organisation.objects.filter(level=Level.TOWNSHIP):
        near = NormativeDocument.objects.filter(
            organisation=township,
            status=Status.EFFECTIVE,
            expires_on__lte=TODAY + EVALUATION_WINDOW,
        )
        assert near.exists(), township.name
