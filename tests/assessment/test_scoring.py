"""refresh_scores: assessments and item scores created where missing, computed scores and their
basis set from the ledgers and the report facts, nothing of the township's or inspector's
touched, in a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.assessment.models import Assessment, AssessmentState, ItemScore, ReviewState
from fazhi.assessment.scoring import REFRESH_REASON, compute, refresh_scores
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
from fazhi.study.models import StudySession
from tests.assessment.scoring_world import make_scheme, simple_scheme

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2026, 12, 6)


def sessions(org, count, year=YEAR):
    for n in range(count):
        day = date(year, 3, 1 + n)
        StudySession.objects.create(
            organisation=org,
            occurred_on=day,
            year=year,
            session_type=StudySession.Type.COLLECTIVE,
            topic=f"学习{n}",
            laws="宪法",
            presenter="某某",
            attendees=10,
            hours=Decimal("2"),
        )


def score_of(org, code) -> ItemScore:
    return ItemScore.objects.get(assessment__organisation=org, item__code=code)


def test_refresh_creates_every_townships_assessment_and_scores(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    sessions(world.orgs["A1"], 3)
    refresh_scores(scheme, today=TODAY)

    assessed = set(
        Assessment.objects.filter(scheme=scheme).values_list("organisation__code", flat=True)
    )
    assert assessed == {world.orgs["A1"].code, world.orgs["A2"].code}  # not 丙县's 丙镇
    assert ItemScore.objects.filter(assessment__scheme=scheme).count() == 6

    study = score_of(world.orgs["A1"], "1.1")
    assert study.computed == Decimal("15.00")  # 3 of 4 sessions: −5
    assert study.basis == {
        "source": "indicator",
        "code": "study.sessions",
        "label": study.basis["label"],
        "unit": "次",
        "value": 3,
        "explanation": "3，目标 4，缺 1 × 5 分，得 15 分",
        "veto_whole": False,
    }
    assert score_of(world.orgs["A2"], "1.1").computed == Decimal("0.00")
    report = score_of(world.orgs["A1"], "2.1")
    assert report.computed == Decimal("0.00")  # no report by 2026-03-01: 漏报
    assert report.basis["value"] == "missing"
    manual = score_of(world.orgs["A1"], "3.1")
    assert manual.computed is None and manual.basis["source"] == "manual"

    scheme.refresh_from_db()
    assert scheme.locked_at is not None  # scoring started: the scheme is locked


def test_refresh_keeps_the_township_and_inspector_fields_and_records_history(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(scheme, today=TODAY)
    study = score_of(world.orgs["A1"], "1.1")
    ItemScore.objects.filter(pk=study.pk).update(
        self_score=Decimal("18"),
        self_note="自评说明",
        review=ReviewState.ADJUSTED,
        final=Decimal("12"),
        reason="调整理由",
    )
    sessions(world.orgs["A1"], 4)
    refresh_scores(scheme, today=TODAY)

    study.refresh_from_db()
    assert study.computed == Decimal("20.00")
    assert (study.self_score, study.self_note) == (Decimal("18.00"), "自评说明")
    assert (study.review, study.final, study.reason) == ("adjusted", Decimal("12.00"), "调整理由")
    reasons = list(study.history.values_list("history_change_reason", flat=True))
    assert reasons[0] == REFRESH_REASON
    # Nothing changed: no new history row.
    count = study.history.count()
    refresh_scores(scheme, today=TODAY)
    assert study.history.count() == count


def test_refresh_leaves_reviewed_assessments_alone(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(scheme, today=TODAY)
    Assessment.objects.filter(organisation=world.orgs["A1"]).update(state=AssessmentState.REVIEWED)
    sessions(world.orgs["A1"], 4)
    sessions(world.orgs["A2"], 4)
    refresh_scores(scheme, today=TODAY)
    assert score_of(world.orgs["A1"], "1.1").computed == Decimal("0.00")
    assert score_of(world.orgs["A2"], "1.1").computed == Decimal("20.00")


def test_abolished_townships_are_not_assessed(world):
    Organisation.objects.filter(pk=world.orgs["A2"].pk).update(abolished_on=date(2025, 6, 1))
    scheme = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(scheme, today=TODAY)
    assert list(Assessment.objects.values_list("organisation__code", flat=True)) == [
        world.orgs["A1"].code
    ]


def test_compute_reads_facts_and_veto(world):
    scheme = make_scheme(
        world.orgs["A"],
        YEAR,
        [
            (
                "否决",
                10,
                False,
                [
                    {
                        "code": "V",
                        "points": 10,
                        "kind": "veto",
                        "params": {"scope": "whole"},
                        "indicator_code": "study.sessions",
                    },
                    {"code": "P", "points": 0, "kind": "yesno", "fact": "report.publication"},
                ],
            )
        ],
    )
    sessions(world.orgs["A1"], 1)
    outcomes = compute(scheme, [world.orgs["A1"], world.orgs["A2"]], today=TODAY)
    items = {item.code: item.pk for item in scheme.items.all()}
    assert outcomes[(world.orgs["A1"].pk, items["V"])].veto_whole is True
    assert outcomes[(world.orgs["A2"].pk, items["V"])].veto_whole is False
    assert outcomes[(world.orgs["A1"].pk, items["P"])].value == "missing"


def _townships(world, count):
    for n in range(count - 2):
        organisation_create(
            actor=None,
            code=f"10000110{n + 3}",
            name=f"新镇{n + 3}",
            level=Level.TOWNSHIP,
            parent=world.orgs["A"],
        )


def _queries(scheme) -> int:
    with CaptureQueriesContext(connection) as context:
        refresh_scores(scheme, today=TODAY)
    return len(context.captured_queries)


def test_refresh_query_count_does_not_grow_with_townships(world):
    first = simple_scheme(world.orgs["A"], YEAR)
    two = _queries(first)
    _townships(world, 5)
    second = simple_scheme(world.orgs["A"], YEAR - 1)
    five = _queries(second)
    assert Assessment.objects.filter(scheme=second).count() == 5
    assert five == two, (two, five)
    # A second run with nothing to change reads only.
    assert _queries(second) <= two


def test_a_report_uploaded_for_a_township_off_the_platform_counts_as_submitted(world):
    from django.core.files.base import ContentFile

    from fazhi.assessment.facts import fact_values
    from fazhi.assessment.rules import LATE, MISSING, ON_TIME
    from fazhi.ledgers.models import StoredFile
    from fazhi.reports.models import ExternalReport

    stored = StoredFile(sha256="0" * 64, size=3, content_type="application/pdf")
    stored.file.save("00/test.pdf", ContentFile(b"pdf"), save=False)
    stored.save()
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    ExternalReport.objects.create(
        organisation=a1,
        year=YEAR,
        stored_file=stored,
        file_name="甲镇报告.pdf",
        submitted_on=date(2026, 3, 10),  # after 3月1日
        published_on=date(2026, 3, 20),
    )
    names = ["report.submission", "report.publication"]
    values = fact_values(names, [a1, a2], YEAR, today=TODAY)
    assert values[("report.submission", a1.pk)] == LATE
    assert values[("report.publication", a1.pk)] == ON_TIME
    assert values[("report.submission", a2.pk)] == MISSING
