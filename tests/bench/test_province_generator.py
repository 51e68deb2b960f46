"""bench/province.py's generator at a tiny size: what COPY wrote is what the ORM sees (PostgreSQL
only: the bench loads with COPY)."""

import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

BENCH = Path(__file__).resolve().parents[2] / "bench"

# Not collected on the SQLite run (tests/conftest.py): the bench loads with PostgreSQL's COPY.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql_only]


@pytest.fixture
def province_bench():
    assert connection.vendor == "postgresql"
    sys.path.insert(0, str(BENCH))
    try:
        import province

        yield province
    finally:
        sys.path.remove(str(BENCH))


def test_generated_rows_are_what_the_orm_sees(province_bench):
    from fazhi.deadlines.models import Deadline
    from fazhi.enforcement.models import CaseFileReview
    from fazhi.indicators.models import StoredFigures
    from fazhi.orgs.models import Organisation
    from fazhi.orgs.roles import Level

    today = date(2026, 12, 7)
    counties = province_bench.province_organisations(townships=5, per_county=2, villages=2)
    assert [len(townships) for _, townships, _ in counties] == [2, 2, 1]
    assert Organisation.objects.filter(level=Level.PROVINCE).count() == 1
    assert Organisation.objects.filter(level=Level.CITY).count() == 1
    assert Organisation.objects.filter(level=Level.VILLAGE).count() == 10
    province = Organisation.objects.get(level=Level.PROVINCE)
    assert Organisation.objects.filter(path__startswith=province.path).count() == 1 + 1 + 3 + 5 + 10

    counts = province_bench.load_ledgers(counties, [2025, 2026], today, 300, "test")
    seen = Counter()
    for label in counts:
        model = apps.get_model(label.lstrip("+"))
        seen[label] = model.objects.count()
    assert seen == counts
    ledger_rows = sum(n for label, n in counts.items() if not label.startswith("+"))
    assert ledger_rows > 5 * 2 * 200  # about 300 a township-year, plus the small ledgers

    # Workflow rows point at the records COPY wrote with their ids; the sequences moved on.
    assert counts["+deadlines.Deadline"] > 0 and counts["+enforcement.CaseFileReview"] > 0
    for deadline in Deadline.objects.all()[:200]:
        assert deadline.record_type.model_class().objects.filter(pk=deadline.record_id).exists()
    assert CaseFileReview.objects.filter(case__isnull=True).count() == 0
    case = CaseFileReview.objects.select_related("case").first().case
    highest = type(case).objects.order_by("-pk").first().pk
    case.pk = None
    case.doc_number = "新号-1"
    case.save()
    assert case.pk == highest + 1

    stored = province_bench.store_figures([2026], today)
    assert stored == Organisation.objects.count() * 2  # the year and the one before
    assert StoredFigures.objects.filter(organisation=province, year=2026).exists()
