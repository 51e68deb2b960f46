"""Every date entered in a decision's procedure is a date something happened: one in the future
is refused with the field named in Chinese and nothing written; today is accepted."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.decisions import services
from fazhi.decisions.models import MajorDecision, Opinion, ParticipationForm, Step
from tests.decisions.helpers import decide, make_decision, snapshot


def _today():
    return timezone.localdate()


def _open(world, decision, started_on, ends_on):
    services.participation_open(
        actor=world.users["clerk"],
        record=decision,
        started_on=started_on,
        ends_on=ends_on,
        participation_form=ParticipationForm.values[0],
        shortened_reason="情况紧急。",
    )


def _record(world, decision, step, day):
    services.procedure_record(
        actor=world.users["clerk"], record=decision, step=step, done_on=day, evidence="已完成。"
    )


def _review(world, decision, submitted_on, reviewed_on):
    services.legality_review_record(
        actor=world.users["reviewer"],
        record=decision,
        submitted_on=submitted_on,
        reviewed_on=reviewed_on,
        opinion=Opinion.PASSED,
        evidence="合法。",
    )


def _reviewed(world, decision):
    services.procedure_waive(
        actor=world.users["clerk"], record=decision, step=Step.PARTICIPATION, reason="不适用。"
    )
    _record(world, decision, Step.EXPERT, _today())
    _record(world, decision, Step.RISK, _today())
    _review(world, decision, _today(), _today())


def _decided(world, decision):
    _reviewed(world, decision)
    decide(world, decision, on=_today())


def _published(world, decision):
    _decided(world, decision)
    services.decision_publish(
        actor=world.users["clerk"], record=decision, published_on=_today(), channel="政府网站"
    )


def _nothing(world, decision):
    pass


def _comment_over(world, decision):
    _open(world, decision, _today() - timedelta(days=40), _today() - timedelta(days=5))


# (the step, its date's Chinese label, what comes before it, the call with that date)
STEPS = [
    (
        "participation_open",
        "征求意见开始日期",
        _nothing,
        lambda w, d, day: _open(w, d, day, day + timedelta(days=30)),
    ),
    (
        "participation_complete",
        "结束日期",
        _comment_over,
        lambda w, d, day: services.participation_complete(
            actor=w.users["clerk"], record=d, done_on=day, evidence="意见已采纳。"
        ),
    ),
    ("procedure", "完成日期", _nothing, lambda w, d, day: _record(w, d, Step.EXPERT, day)),
    ("legality_submitted", "送审日期", _nothing, lambda w, d, day: _review(w, d, day, day)),
    ("legality_reviewed", "审查日期", _nothing, lambda w, d, day: _review(w, d, _today(), day)),
    ("collective", "集体讨论日期", _reviewed, lambda w, d, day: decide(w, d, on=day)),
    (
        "publish",
        "公布日期",
        _decided,
        lambda w, d, day: services.decision_publish(
            actor=w.users["clerk"], record=d, published_on=day, channel="政府网站"
        ),
    ),
    (
        "file",
        "归档日期",
        _published,
        lambda w, d, day: services.decision_file(
            actor=w.users["clerk"], record=d, filed_on=day, dossier_number="A1-2026-1"
        ),
    ),
]


@pytest.mark.parametrize("step", STEPS, ids=[step[0] for step in STEPS])
def test_a_future_step_date_is_refused_and_today_accepted(world, step):
    _name, label, before_it, run = step
    today = _today()
    decision = make_decision(world, on=today - timedelta(days=60))
    before_it(world, decision)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        run(world, MajorDecision.objects.get(pk=decision.pk), today + timedelta(days=1))
    assert refused.value.messages == [
        f"{label}不能晚于今天（{today.year}年{today.month}月{today.day}日）。"
    ]
    assert snapshot() == before
    run(world, MajorDecision.objects.get(pk=decision.pk), today)
    assert snapshot() != before
