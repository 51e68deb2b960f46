"""Every date a clerk enters in a case's workflow step is a date something happened: one in the
future is refused with the field named in Chinese and nothing written; today is accepted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.enforcement import checklists, services
from fazhi.enforcement.kinds import OFFICERS
from fazhi.enforcement.models import Case, LegalReview, ProcessRecord
from tests.enforcement.helpers import case, officer, snapshot

SCORES = {field: maximum for field, _label, maximum in checklists.SCORE_ITEMS}


def _add_officer(world, record, day):
    number = f"A1-{record.pk}-{record.officers.count() + 1:03d}"
    who = OFFICERS.model.objects.filter(certificate_number=number).first()
    who = who or officer(world, f"办案人{number}", number)
    services.case_officer_add(actor=None, record=record, officer=who, assigned_on=day)


# (the step, its date's Chinese label, the call with that date), in workflow order: each test
# runs the steps before its own with today's date.
STEPS = [
    ("officer", "参与办案日期", _add_officer),
    ("second_officer", "参与办案日期", _add_officer),
    (
        "process_record",
        "记录日期",
        lambda w, r, d: services.process_record_add(
            actor=None,
            record=r,
            stage=ProcessRecord.Stage.values[0],
            form=ProcessRecord.Form.values[0],
            made_on=d,
            description="现场检查笔录",
        ),
    ),
    (
        "review_submit",
        "提交法制审核日期",
        lambda w, r, d: services.case_review_submit(actor=None, record=r, submitted_on=d),
    ),
    (
        "legal_review",
        "审核日期",
        lambda w, r, d: services.legal_review_record(
            actor=None,
            record=r,
            reviewed_on=d,
            opinion=LegalReview.Opinion.PASSED,
            reviewer_name="赵审核",
        ),
    ),
    (
        "hearing",
        "听证日期",
        lambda w, r, d: services.case_hearing_record(actor=None, record=r, held_on=d),
    ),
    (
        "extend",
        "批准日期",
        lambda w, r, d: services.case_extend(
            actor=None, record=r, days=30, approved_on=d, approver="镇长", reason="案情复杂"
        ),
    ),
    (
        "decide",
        "决定日期",
        lambda w, r, d: services.case_decide(actor=None, record=r, decided_on=d, result="罚款"),
    ),
    (
        "serve",
        "送达日期",
        lambda w, r, d: services.case_serve(actor=None, record=r, served_on=d),
    ),
    (
        "publicise",
        "公示日期",
        lambda w, r, d: services.case_publicise(
            actor=None, record=r, publicised_on=d, channel="政务公开栏"
        ),
    ),
    (
        "close",
        "结案日期",
        lambda w, r, d: services.case_close(actor=None, record=r, closed_on=d),
    ),
    (
        "file_review",
        "评查日期",
        lambda w, r, d: services.case_file_review_record(
            actor=None, record=r, reviewed_on=d, reviewer_name="县司法局", scores=SCORES
        ),
    ),
]


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[step[0] for step in STEPS])
def test_a_future_step_date_is_refused_and_today_accepted(world, index):
    today = timezone.localdate()
    record = case(world, occurred_on=today - timedelta(days=20))
    for _name, _label, run in STEPS[:index]:
        run(world, record, today)
    _name, label, run = STEPS[index]
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        run(world, Case.objects.get(pk=record.pk), today + timedelta(days=1))
    assert f"{label}不能晚于今天（{today.year}年{today.month}月{today.day}日）" in " ".join(
        refused.value.messages
    )
    assert snapshot() == before
    run(world, Case.objects.get(pk=record.pk), today)
    assert snapshot() != before


def test_a_step_date_before_2000_is_refused(world):
    record = case(world)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        _add_officer(world, record, record.occurred_on.replace(year=1999))
    assert refused.value.messages == ["参与办案日期不能早于2000年。"]
    assert snapshot() == before
