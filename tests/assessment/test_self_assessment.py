"""The township's self-assessment: scores, notes, who may submit, and the lock after submitting."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.assessment import services
from fazhi.assessment.models import AssessmentState, Evidence, ItemScore
from tests.assessment.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def test_assessment_for_makes_one_score_per_item_with_the_computed_figure(world, scheme_world):
    assessment = scheme_world.assessment(world.orgs["A1"])
    scores = {s.item.code: s for s in assessment.scores.select_related("item")}
    assert sorted(scores) == ["1.1", "1.2", "2.1"]
    # 1.1: a threshold of 3 over no figure: 3 missing × 1 point.
    assert scores["1.1"].computed == Decimal("0.00")
    assert "缺 3" in scores["1.1"].basis["explanation"]
    assert scores["1.2"].computed is None  # manual
    assert scores["2.1"].computed == Decimal("3.00")
    again = scheme_world.assessment(world.orgs["A1"])
    assert (
        again.pk == assessment.pk and ItemScore.objects.filter(assessment=assessment).count() == 3
    )


def test_manual_self_score_must_lie_within_the_items_points(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    with pytest.raises(ValidationError, match="0 到 4 分之间"):
        services.self_score_save(actor=world.users["clerk"], score=score, self_score="4.5", note="")
    score.refresh_from_db()
    assert score.self_score is None
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="3.5", note="")
    score.refresh_from_db()
    assert score.self_score == Decimal("3.50") and score.changed_by == world.users["clerk"]


def test_claiming_another_score_than_computed_needs_a_note(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.1")
    with pytest.raises(ValidationError, match="写明理由"):
        services.self_score_save(actor=world.users["clerk"], score=score, self_score="2", note=" ")
    score.refresh_from_db()
    assert score.self_score is None
    services.self_score_save(
        actor=world.users["clerk"], score=score, self_score="2", note="另有两次专题研究未录入"
    )
    score.refresh_from_db()
    assert (score.self_score, score.self_note) == (Decimal("2.00"), "另有两次专题研究未录入")
    # Accepting the computed score needs no note.
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="", note="")
    score.refresh_from_db()
    assert score.self_score is None


def test_only_the_leader_submits_and_manual_items_need_a_score(world, scheme_world):
    assessment = scheme_world.assessment(world.orgs["A1"])
    with pytest.raises(PermissionDenied):
        services.submit(actor=world.users["clerk"], assessment=assessment)
    with pytest.raises(ValidationError, match="人工评分项须填写自评分：1.2"):
        services.submit(actor=world.users["leader"], assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SELF
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["leader"], score=score, self_score="4", note="")
    services.submit(actor=world.users["leader"], assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SUBMITTED
    assert assessment.self_submitted_by == world.users["leader"]


def _submitted(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="4", note="")
    assessment = scheme_world.assessment(world.orgs["A1"])
    services.submit(actor=world.users["leader"], assessment=assessment)
    return assessment, score


def test_submitting_locks_the_townships_edits_until_returned(world, scheme_world):
    assessment, score = _submitted(world, scheme_world)
    clerk = world.users["clerk"]
    with pytest.raises(ValidationError, match="自评已提交"):
        services.self_score_save(actor=clerk, score=score, self_score="1", note="")
    with pytest.raises(ValidationError, match="自评已提交"):
        services.evidence_upload(actor=clerk, score=score, uploaded=pdf_upload())
    score.refresh_from_db()
    assert score.self_score == Decimal("4.00") and Evidence.objects.count() == 0
    with pytest.raises(ValidationError, match="自评已提交"):
        services.submit(actor=world.users["leader"], assessment=assessment)
    # The county's inspector returns it with a reason; then the township may change it again.
    with pytest.raises(ValidationError, match="须说明理由"):
        services.return_self(actor=world.users["inspector"], assessment=assessment, reason="")
    with pytest.raises(PermissionDenied):
        services.return_self(actor=clerk, assessment=assessment, reason="自己退回")
    services.return_self(
        actor=world.users["inspector"], assessment=assessment, reason="1.2 缺少佐证"
    )
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.SELF
    assert assessment.history.first().history_change_reason == "退回自评：1.2 缺少佐证"
    services.self_score_save(actor=clerk, score=score, self_score="3", note="")
    score.refresh_from_db()
    assert score.self_score == Decimal("3.00")


def test_roles_outside_the_township_may_not_self_assess(world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    for role in ("inspector", "reviewer", "admin", "county_admin"):
        with pytest.raises(PermissionDenied):
            services.self_score_save(actor=world.users[role], score=score, self_score="1", note="")
    other = scheme_world.score(world.orgs["A2"], "1.2")
    with pytest.raises(PermissionDenied):
        services.self_score_save(actor=world.users["clerk"], score=other, self_score="1", note="")
