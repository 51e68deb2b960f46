"""A small scheme for county 甲县 (world) and its townships' assessments."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.assessment import opening
from fazhi.assessment.models import Category, Item, RuleKind, Scheme
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from tests.ledger_world import png_bytes, sample_values

YEAR = 2025


@dataclass
class SchemeWorld:
    scheme: Scheme
    items: dict = field(default_factory=dict)

    def assessment(self, organisation):
        return opening.assessment_for(self.scheme, organisation)

    def score(self, organisation, code):
        return self.assessment(organisation).scores.select_related("item").get(item__code=code)


def build_scheme(world, county="A", year=YEAR) -> SchemeWorld:
    scheme = Scheme.objects.create(
        county=world.orgs[county],
        year=year,
        title=f"{year}年度考核细则",
        total_points=10,
        grade_bands=[{"grade": "合格", "min": 6}, {"grade": "不合格", "min": 0}],
    )
    lead = Category.objects.create(scheme=scheme, position=1, name="组织领导", points=7)
    study = Category.objects.create(scheme=scheme, position=2, name="学法用法", points=3)
    made = SchemeWorld(scheme)
    for category, position, code, kind, points, params, indicator, penalty in (
        (
            lead,
            1,
            "1.1",
            RuleKind.THRESHOLD,
            3,
            {"target": 3, "per_missing": 1},
            "governance.leading_group_meetings",
            0,
        ),
        (lead, 2, "1.2", RuleKind.MANUAL, 4, {}, "", 2),
        (
            study,
            1,
            "2.1",
            RuleKind.DEDUCTION,
            3,
            {"per_unit": 1, "cap": 3},
            "governance.tasks_overdue",
            1,
        ),
    ):
        made.items[code] = Item.objects.create(
            scheme=scheme,
            category=category,
            position=position,
            code=code,
            title=f"考核项目{code}",
            points=Decimal(points),
            kind=kind,
            params=params,
            indicator_code=indicator,
            falsification_penalty=Decimal(penalty),
        )
    return made


@pytest.fixture
def scheme_world(world) -> SchemeWorld:
    return build_scheme(world)


def study_record(organisation, *, year=YEAR, with_attachment=False):
    """A study session of the organisation in `year`, optionally with a photo attached."""
    from fazhi.ledgers.attachments import attachment_add

    kind = get_kind("study-sessions")
    values = sample_values(kind, organisation)
    values["occurred_on"] = values["occurred_on"].replace(year=year)
    record = record_create(actor=None, kind=kind, organisation=organisation, data=values)
    attachment = None
    if with_attachment:
        upload = SimpleUploadedFile("签到表.png", png_bytes(), content_type="image/png")
        attachment = attachment_add(
            actor=None, kind=kind, record=record, uploaded=upload, category="sign_in"
        )
    return record, attachment


def pdf_upload(name="佐证.pdf", body=b"evidence"):
    data = b"%PDF-1.4\n" + body + b"\n%%EOF\n"
    return SimpleUploadedFile(name, data, content_type="application/pdf")
