"""Rules of the procedure up to publication: each illegal path refused with a Chinese reason and
nothing changed, each lawful path carried out (REGULATIONS.md §4)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.deadlines.calendar import add_working_days
from fazhi.deadlines.selectors import deadlines_of
from fazhi.normative import services
from fazhi.normative.models import LegalityReview, Status
from tests.normative.helpers import (
    COMMENT_END,
    COMMENT_START,
    MEETING,
    PUBLISHED,
    REVIEWED,
    SUBMITTED,
    TODAY,
    at_stage,
    document,
    snapshot,
)

pytestmark = pytest.mark.django_db


def refused(call, record, message, error=ValidationError):
    before = snapshot()
    with pytest.raises(error) as caught:
        call()
    text = " ".join(caught.value.messages) if error is ValidationError else str(caught.value)
    assert message in text
    assert snapshot() == before
    return text


def deadline(record, code):
    return deadlines_of(record).get(code=code)


# 公开征求意见 -----------------------------------------------------------------


def test_a_comment_period_shorter_than_the_statutory_one_is_refused(world):
    record = document(world)
    text = refused(
        lambda: services.consultation_start(
            actor=world.users["clerk"],
            record=record,
            starts_on=COMMENT_START,
            ends_on=date(2025, 3, 31),
            channel="政府网站",
            today=TODAY,
        ),
        record,
        "征求意见期不得少于30日",
    )
    assert "2025-04-09" in text


def test_a_consultation_of_the_full_period_starts_with_its_deadline(world):
    record = at_stage(world, "consultation")
    assert record.status == Status.CONSULTATION
    comment = deadline(record, "normative.public_comment")
    assert (comment.triggered_on, comment.due_on, comment.met_on) == (
        COMMENT_START,
        COMMENT_END,
        None,
    )
    assert record.history.first().history_change_reason == "开始公开征求意见"


def test_a_consultation_cannot_be_closed_before_its_end(world):
    record = at_stage(world, "consultation")
    refused(
        lambda: services.consultation_close(
            actor=world.users["clerk"], record=record, closed_on=date(2025, 4, 1), today=TODAY
        ),
        record,
        "期满前不能结束征求意见",
    )


def test_closing_the_consultation_meets_its_deadline(world):
    record = at_stage(world, "consulted")
    assert record.status == Status.DRAFTING
    assert deadline(record, "normative.public_comment").met_on == COMMENT_END


def test_only_a_draft_opens_a_consultation(world):
    record = at_stage(world, "review")
    refused(
        lambda: services.consultation_start(
            actor=world.users["clerk"],
            record=record,
            starts_on=date(2025, 5, 1),
            ends_on=date(2025, 6, 30),
            channel="政府网站",
            today=TODAY,
        ),
        record,
        "只有起草（或修改）中的文件可以公开征求意见",
    )


# 合法性审核 -------------------------------------------------------------------


def test_a_draft_without_consultation_cannot_go_to_review(world):
    record = document(world)
    refused(
        lambda: services.review_submit(
            actor=world.users["clerk"], record=record, submitted_on=SUBMITTED, today=TODAY
        ),
        record,
        "尚未完成公开征求意见，不能送交合法性审核",
    )


def test_submission_starts_the_review_period(world):
    record = at_stage(world, "review")
    assert record.status == Status.REVIEW
    review = deadline(record, "normative.legality_review")
    assert review.due_on == add_working_days(SUBMITTED, 15).day


def test_a_clerk_cannot_give_the_legality_opinion(world):
    record = at_stage(world, "review")
    refused(
        lambda: services.review_record(
            actor=world.users["clerk"],
            record=record,
            reviewed_on=REVIEWED,
            opinion="passed",
            today=TODAY,
        ),
        record,
        "只有法制审核员可以出具合法性审核意见",
        PermissionDenied,
    )


def test_a_reviewer_cannot_drive_the_clerks_steps(world):
    record = document(world)
    refused(
        lambda: services.consultation_start(
            actor=world.users["reviewer"],
            record=record,
            starts_on=COMMENT_START,
            ends_on=COMMENT_END,
            channel="政府网站",
            today=TODAY,
        ),
        record,
        "您的角色无权办理该单位的规范性文件",
        PermissionDenied,
    )


def test_a_reviewer_of_another_township_cannot_review(world):
    record = at_stage(world, "review", org="A2")
    refused(
        lambda: services.review_record(
            actor=world.users["reviewer"],
            record=record,
            reviewed_on=REVIEWED,
            opinion="passed",
            today=TODAY,
        ),
        record,
        "只有法制审核员",
        PermissionDenied,
    )


def test_a_failing_opinion_needs_its_reasons(world):
    record = at_stage(world, "review")
    refused(
        lambda: services.review_record(
            actor=world.users["reviewer"],
            record=record,
            reviewed_on=REVIEWED,
            opinion="rejected",
            remarks=" ",
            today=TODAY,
        ),
        record,
        "须写明修改意见或不通过的理由",
    )


def test_a_failed_review_sends_the_document_back_to_drafting(world):
    record = at_stage(world, "review")
    services.review_record(
        actor=world.users["reviewer"],
        record=record,
        reviewed_on=REVIEWED,
        opinion="rejected",
        remarks="缺乏上位法依据",
        today=TODAY,
    )
    record.refresh_from_db()
    assert record.status == Status.DRAFTING
    review = LegalityReview.objects.get(document=record)
    assert review.reviewer == world.users["reviewer"] and review.get_opinion_display() == "不通过"
    assert deadline(record, "normative.legality_review").met_on == REVIEWED
    # Resubmitted after the changes: a new review period starts.
    services.review_submit(
        actor=world.users["clerk"], record=record, submitted_on=date(2025, 5, 6), today=TODAY
    )
    again = deadline(record, "normative.legality_review")
    assert (again.triggered_on, again.met_on) == (date(2025, 5, 6), None)


def test_a_review_cannot_predate_its_submission(world):
    record = at_stage(world, "review")
    refused(
        lambda: services.review_record(
            actor=world.users["reviewer"],
            record=record,
            reviewed_on=date(2025, 4, 10),
            opinion="passed",
            today=TODAY,
        ),
        record,
        "审核日期不能早于送审日期",
    )


def test_passed_with_changes_goes_on_to_deliberation(world):
    record = at_stage(world, "review")
    services.review_record(
        actor=world.users["reviewer"],
        record=record,
        reviewed_on=REVIEWED,
        opinion="passed_with_changes",
        remarks="第五条按上位法修改",
        today=TODAY,
    )
    record.refresh_from_db()
    assert record.status == Status.DELIBERATION


# 集体审议 ---------------------------------------------------------------------


def test_no_deliberation_before_a_passed_review(world):
    record = at_stage(world, "review")
    refused(
        lambda: services.deliberation_record(
            actor=world.users["clerk"],
            record=record,
            meeting_on=MEETING,
            meeting_title="镇党政联席会议",
            today=TODAY,
        ),
        record,
        "未经合法性审核通过的文件不得提交集体审议",
    )


def test_a_deliberation_is_recorded_with_its_meeting(world):
    record = at_stage(world, "approved")
    assert record.status == Status.APPROVED


def test_a_deliberation_not_agreeing_sends_the_document_back(world):
    record = at_stage(world, "deliberation")
    services.deliberation_record(
        actor=world.users["clerk"],
        record=record,
        meeting_on=MEETING,
        meeting_title="镇党政联席会议",
        agreed=False,
        today=TODAY,
    )
    record.refresh_from_db()
    assert record.status == Status.DRAFTING
    # The review passed but the meeting did not agree: still no publication.
    refused(
        lambda: services.document_publish(
            actor=world.users["clerk"],
            record=record,
            published_on=PUBLISHED,
            doc_number="甲政规〔2025〕1号",
            channel="政府网站",
            today=TODAY,
        ),
        record,
        "未经集体审议通过的文件不得公布",
    )
