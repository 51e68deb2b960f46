"""The inspector's review: confirm, adjust with a reason, 核查不实, history, completion."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.assessment import rules, services
from fazhi.assessment.models import AssessmentState, ReviewState

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world, scheme_world):
    township = world.orgs["A1"]
    manual = scheme_world.score(township, "1.2")
    services.self_score_save(actor=world.users["clerk"], score=manual, self_score="3.5", note="")
    claimed = scheme_world.score(township, "1.1")
    services.self_score_save(
        actor=world.users["clerk"], score=claimed, self_score="3", note="三次会议均已召开"
    )
    assessment = scheme_world.assessment(township)
    services.submit(actor=world.users["leader"], assessment=assessment)
    return assessment


def _score(scheme_world, world, code):
    return scheme_world.score(world.orgs["A1"], code)


def test_review_waits_for_the_submission(world, scheme_world):
    score = _score(scheme_world, world, "2.1")
    with pytest.raises(ValidationError, match="尚未提交自评"):
        services.review_item(actor=world.users["inspector"], score=score, action="confirm")


def test_confirm_takes_the_self_score_or_else_the_computed_one(world, scheme_world, submitted):
    inspector = world.users["inspector"]
    claimed = _score(scheme_world, world, "1.1")
    services.review_item(actor=inspector, score=claimed, action="confirm")
    accepted = _score(scheme_world, world, "2.1")
    services.review_item(actor=inspector, score=accepted, action="confirm")
    claimed.refresh_from_db()
    accepted.refresh_from_db()
    assert (claimed.review, claimed.final) == (ReviewState.CONFIRMED, Decimal("3.00"))
    assert (accepted.review, accepted.final) == (ReviewState.CONFIRMED, Decimal("3.00"))
    assert claimed.changed_by == inspector


def test_adjust_without_a_reason_is_refused_and_nothing_saved(world, scheme_world, submitted):
    score = _score(scheme_world, world, "1.2")
    before = score.history.count()
    with pytest.raises(ValidationError, match="调整评定分须说明理由"):
        services.review_item(
            actor=world.users["inspector"], score=score, action="adjust", final="1", reason="  "
        )
    with pytest.raises(ValidationError, match="0 到 4 分之间"):
        services.review_item(
            actor=world.users["inspector"], score=score, action="adjust", final="5", reason="多给"
        )
    score.refresh_from_db()
    assert (score.review, score.final, score.reason) == (ReviewState.PENDING, None, "")
    assert score.history.count() == before


def test_adjust_records_who_when_and_why(world, scheme_world, submitted):
    inspector = world.users["inspector"]
    score = _score(scheme_world, world, "1.2")
    services.review_item(
        actor=inspector, score=score, action="adjust", final="2", reason="学法记录不全"
    )
    score.refresh_from_db()
    assert (score.review, score.final, score.reason) == (
        ReviewState.ADJUSTED,
        Decimal("2.00"),
        "学法记录不全",
    )
    latest = score.history.first()
    assert latest.history_user == inspector
    assert latest.history_change_reason == "调整：学法记录不全"
    assert latest.final == Decimal("2.00") and latest.reason == "学法记录不全"
    # The township's own entries stay in the history beneath, with their author.
    authors = [(h.history_user, h.history_change_reason) for h in score.history.all()]
    assert (world.users["clerk"], "自评") in authors


def test_falsified_applies_the_penalty_to_the_verified_score(world, scheme_world, submitted):
    score = _score(scheme_world, world, "1.2")  # 4 points, penalty 2
    with pytest.raises(ValidationError, match="核查不实须说明理由"):
        services.review_item(
            actor=world.users["inspector"], score=score, action="falsify", verified="3"
        )
    services.review_item(
        actor=world.users["inspector"],
        score=score,
        action="falsify",
        verified="3",
        reason="学法记录系补写",
    )
    score.refresh_from_db()
    assert (score.review, score.final) == (ReviewState.FALSIFIED, Decimal("1.00"))
    assert score.history.first().history_change_reason == "核查不实：学法记录系补写"
    # Never below zero.
    assert rules.falsified(Decimal("1"), Decimal("4"), Decimal("2")) == Decimal("0.00")
    services.review_item(
        actor=world.users["inspector"], score=score, action="falsify", verified="1", reason="同上"
    )
    score.refresh_from_db()
    assert score.final == Decimal("0.00")


def test_only_the_countys_inspector_reviews(world, scheme_world, submitted):
    score = _score(scheme_world, world, "2.1")
    for role in ("clerk", "leader", "county_admin"):
        with pytest.raises(PermissionDenied):
            services.review_item(actor=world.users[role], score=score, action="confirm")


def test_complete_needs_every_item_reviewed_then_locks_the_review(world, scheme_world, submitted):
    inspector = world.users["inspector"]
    with pytest.raises(ValidationError, match="还有未审核的项目：1.1、1.2、2.1"):
        services.complete(actor=inspector, assessment=submitted)
    for code in ("1.1", "1.2", "2.1"):
        services.review_item(
            actor=inspector, score=_score(scheme_world, world, code), action="confirm"
        )
    services.complete(actor=inspector, assessment=submitted)
    submitted.refresh_from_db()
    assert submitted.state == AssessmentState.REVIEWED and submitted.reviewed_by == inspector
    with pytest.raises(ValidationError, match="已评定完成"):
        services.review_item(
            actor=inspector,
            score=_score(scheme_world, world, "2.1"),
            action="adjust",
            final="1",
            reason="再改",
        )


def test_an_adjustment_may_open_one_supervision_finding(world, scheme_world, submitted):
    from datetime import date

    from fazhi.supervision.models import Finding, Source

    score = _score(scheme_world, world, "1.2")
    for _ in range(2):  # saving the review again opens no second finding
        services.review_item(
            actor=world.users["inspector"],
            score=score,
            action="falsify",
            verified="3",
            reason="签到表与会议纪要不符",
            open_finding=True,
            rectify_by=date(2026, 12, 31),
            today=date(2026, 12, 6),
        )
    finding = Finding.objects.get(source=Source.ASSESSMENT)
    assert finding.organisation == score.assessment.organisation
    assert (finding.year, finding.source_ref, finding.rectify_by) == (
        2025,
        f"score:{score.pk}",
        date(2026, 12, 31),
    )
    assert "1.2" in finding.title and "核查不实" in finding.title
    assert finding.detail == "签到表与会议纪要不符"
    with pytest.raises(ValidationError, match="调整或核查不实时才可提出"):
        services.review_item(
            actor=world.users["inspector"],
            score=_score(scheme_world, world, "1.1"),
            action="confirm",
            open_finding=True,
        )
    assert Finding.objects.count() == 1
