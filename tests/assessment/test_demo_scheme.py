"""The demo county's schemes: the shipped file through the import service, last year's copy."""

from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.assessment import schemes
from fazhi.assessment.demo import SCHEME_FILE, load
from fazhi.assessment.models import Scheme
from fazhi.assessment.scheme_io import YAML, parse

LEDGER_DOMAINS = {
    "governance",
    "study",
    "publicity",
    "normative",
    "decisions",
    "enforcement",
    "disputes",
    "legal_services",
    "openness",
    "deadlines",
}


def test_the_shipped_file_is_a_valid_scheme_of_real_items():
    document = parse(SCHEME_FILE.read_bytes(), YAML)
    assert schemes.validate(document) == []
    items = [item for category in document.categories for item in category.items]
    assert len(items) >= 30
    assert document.total_points == 100
    assert [(b["grade"], b["min"]) for b in document.grade_bands] == [
        ("优秀", 90),
        ("良好", 80),
        ("合格", 60),
        ("不合格", 0),
    ]
    domains = {item.indicator_code.split(".")[0] for item in items if item.indicator_code}
    assert domains == LEDGER_DOMAINS
    assert {item.fact for item in items if item.fact} == {"report.submission", "report.publication"}
    assert all(item.source for item in items), "every item names its source"
    assert all(
        "第" in item.source and "项" in item.source or "本县自定" in item.source for item in items
    )
    kinds = Counter(item.kind for item in items)
    assert set(kinds) == {"threshold", "ratio", "deduction", "yesno", "late", "veto", "manual"}


@pytest.mark.django_db
def test_demo_loads_two_years_once(demo):
    county_schemes = Scheme.objects.filter(county__code="999901").order_by("year")
    first, second = county_schemes
    this_year = timezone.localdate().year  # 2026 in the demo's world: schemes for 2024 and 2025
    assert (first.year, second.year) == (this_year - 2, this_year - 1)
    assert second.copied_from == first and not second.locked and first.locked
    assert first.items.count() == second.items.count() >= 30
    assert schemes.scheme_errors(first) == [] and schemes.scheme_errors(second) == []
    changed = {item.code: item.points for item in second.items.filter(code__in=["3.1", "3.7"])}
    assert changed == {"3.1": Decimal("4.5"), "3.7": Decimal("1")}
    assert first.items.get(code="3.1").points == Decimal("4")
    before = list(Scheme.objects.values_list("pk", "year"))
    load()
    assert list(Scheme.objects.values_list("pk", "year")) == before
