"""The 信访 workflow of 《信访工作条例》: every transition refused on its illegal paths (with a
Chinese reason, nothing written) and taken on its lawful one, with its deadlines."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.deadlines.models import State
from fazhi.deadlines.selectors import deadlines_of
from fazhi.disputes.kinds import PETITIONS
from fazhi.disputes.models import Petition
from fazhi.disputes.services.petitions import (
    petition_decide,
    petition_extend,
    petition_reply,
    petition_request_review,
)
from fazhi.ledgers.services import record_archive, record_update
from tests.disputes.helpers import make_petition, snapshot

TODAY = date(2025, 7, 1)
RECEIVED = date(2025, 3, 3)  # acceptance notice due 15 days later: 2025-03-18
DECIDED = date(2025, 3, 10)  # handling due 60 days later: 2025-05-09


def deadline(petition, code):
    return deadlines_of(petition).get(code=code)


def decide(world, petition, actor="clerk", **changes):
    values = {"decision": "accept", "decided_on": DECIDED, "today": TODAY, **changes}
    return petition_decide(actor=world.users[actor], record=petition, **values)


def accepted(world):
    return decide(world, make_petition(world))


def extend(world, petition, **changes):
    values = {
        "approved_on": date(2025, 5, 6),
        "days": 30,
        "approver": "镇长 王某",
        "reason": "涉及多部门协调",
        "today": TODAY,
        **changes,
    }
    return petition_extend(actor=world.users["clerk"], record=petition, **values)


def reply(world, petition, **changes):
    values = {"replied_on": date(2025, 5, 6), "reply_text": "已责成修复。", "today": TODAY}
    return petition_reply(actor=world.users["clerk"], record=petition, **{**values, **changes})


def review(world, petition, **changes):
    values = {"requested_on": date(2025, 6, 5), "review_body": "县信访局", "today": TODAY}
    return petition_request_review(
        actor=world.users["clerk"], record=petition, **{**values, **changes}
    )


def refused(call, reason, error=ValidationError):
    before = snapshot()
    with pytest.raises(error) as caught:
        call()
    text = " ".join(caught.value.messages) if error is ValidationError else str(caught.value)
    assert reason in text
    assert snapshot() == before


def test_registration_sets_the_acceptance_deadline(world):
    petition = make_petition(world)
    acceptance = deadline(petition, "petition.acceptance")
    assert (acceptance.triggered_on, acceptance.due_on) == (RECEIVED, date(2025, 3, 18))
    assert acceptance.state(date(2025, 3, 18)) == State.PENDING
    assert acceptance.state(date(2025, 3, 19)) == State.OVERDUE
    # Corrected before the decision: the deadline follows the received date.
    record_update(
        actor=world.users["clerk"],
        kind=PETITIONS,
        record=petition,
        data={"occurred_on": date(2025, 3, 4)},
    )
    assert deadline(petition, "petition.acceptance").due_on == date(2025, 3, 19)


def test_decision_refused_on_every_illegal_path(world):
    petition = make_petition(world)
    refused(lambda: decide(world, petition, actor="leader"), "无权", PermissionDenied)
    other = make_petition(world, org="A2")
    refused(lambda: decide(world, other), "无权", PermissionDenied)
    refused(lambda: decide(world, petition, decided_on=date(2025, 3, 2)), "不能早于收到日期")
    refused(lambda: decide(world, petition, today=date(2025, 3, 9)), "不能晚于今天")
    refused(lambda: decide(world, petition, decided_on=None), "请填写受理决定日期")
    refused(lambda: decide(world, petition, decision="maybe"), "请选择")
    refused(lambda: decide(world, petition, decision="not_accept"), "不予受理须写明理由")
    refused(lambda: decide(world, petition, decision="transfer"), "转送须写明")
    decide(world, petition)
    refused(lambda: decide(world, petition), "当前为“已受理（办理中）”，不能作出受理决定")


def test_an_archived_petition_is_not_handled(world):
    petition = make_petition(world)
    record_archive(actor=world.users["clerk"], kind=PETITIONS, record=petition, reason="重复登记")
    refused(lambda: decide(world, petition), "已归档")


def test_acceptance_starts_the_handling_period(world):
    petition = accepted(world)
    assert petition.status == Petition.Status.ACCEPTED
    assert petition.history.first().history_change_reason == "受理"
    assert petition.history.first().history_user == world.users["clerk"]
    assert deadline(petition, "petition.acceptance").state(TODAY) == State.MET_ON_TIME
    handling = deadline(petition, "petition.handling")
    assert (handling.triggered_on, handling.due_on) == (DECIDED, date(2025, 5, 9))
    assert handling.state(date(2025, 5, 10)) == State.OVERDUE


def test_a_late_decision_is_recorded_as_met_late(world):
    petition = decide(world, make_petition(world), decided_on=date(2025, 3, 25))
    assert deadline(petition, "petition.acceptance").state(TODAY) == State.MET_LATE


@pytest.mark.parametrize(
    ("decision", "extra", "status"),
    [
        ("not_accept", {"note": "属于诉讼途径解决的事项"}, Petition.Status.NOT_ACCEPTED),
        ("transfer", {"transferred_to": "县人社局"}, Petition.Status.TRANSFERRED),
    ],
)
def test_not_accepting_or_transferring_ends_the_workflow(world, decision, extra, status):
    petition = decide(world, make_petition(world), decision=decision, **extra)
    assert petition.status == status
    assert not deadlines_of(petition).filter(code="petition.handling").exists()
    refused(lambda: reply(world, petition), "不能答复")


def test_extension_refused_on_every_illegal_path(world):
    registered = make_petition(world, matter="另一事项")
    refused(lambda: extend(world, registered), "不能延长办理期限")
    petition = accepted(world)
    refused(lambda: extend(world, petition, approver=" "), "请填写批准人")
    refused(lambda: extend(world, petition, reason=""), "请填写延期理由")
    refused(lambda: extend(world, petition, days=31), "累计不得超过30日")
    refused(lambda: extend(world, petition, days=0), "累计不得超过30日")
    refused(lambda: extend(world, petition, approved_on=date(2025, 3, 9)), "不能早于受理日期")
    refused(lambda: extend(world, petition, approved_on=date(2025, 5, 10)), "届满后不能再批准延期")
    extend(world, petition, days=20)
    refused(lambda: extend(world, petition, days=15), "已延长20日")


def test_an_approved_extension_moves_the_handling_deadline(world):
    petition = accepted(world)
    extension = extend(world, petition, days=30)
    assert (extension.approver, extension.reason) == ("镇长 王某", "涉及多部门协调")
    handling = deadline(petition, "petition.handling")
    # 2025-03-10 + 90 days is Sunday 2025-06-08: the last day rolls to Monday.
    assert handling.due_on == date(2025, 6, 9)
    assert "延长30日" in handling.name and handling.days == 90
    reply(world, petition, replied_on=date(2025, 6, 5))
    assert deadline(petition, "petition.handling").state(TODAY) == State.MET_ON_TIME


def test_reply_refused_on_every_illegal_path(world):
    registered = make_petition(world, matter="另一事项")
    refused(lambda: reply(world, registered), "不能答复")
    petition = accepted(world)
    refused(lambda: reply(world, petition, reply_text=""), "请填写答复意见")
    refused(lambda: reply(world, petition, replied_on=date(2025, 3, 9)), "不能早于受理日期")
    refused(lambda: reply(world, petition, replied_on=date(2025, 7, 2)), "不能晚于今天")


def test_reply_meets_the_handling_deadline_late_or_on_time(world):
    petition = reply(world, accepted(world))
    assert petition.status == Petition.Status.REPLIED
    assert deadline(petition, "petition.handling").state(TODAY) == State.MET_ON_TIME
    late = reply(
        world, decide(world, make_petition(world, matter="二")), replied_on=date(2025, 6, 1)
    )
    assert deadline(late, "petition.handling").state(TODAY) == State.MET_LATE


def test_review_request_refused_on_every_illegal_path(world):
    handling = accepted(world)
    refused(lambda: review(world, handling), "不能登记复查请求")
    petition = reply(world, decide(world, make_petition(world, matter="二")))
    refused(lambda: review(world, petition, review_body=""), "请填写复查机关")
    refused(lambda: review(world, petition, requested_on=date(2025, 5, 5)), "不能早于答复日期")
    refused(
        lambda: review(world, petition, requested_on=date(2025, 6, 6)),
        "截至2025-06-05，《信访工作条例》第三十五条",
    )


def test_review_requested_within_thirty_days(world):
    petition = review(world, reply(world, accepted(world)))
    assert petition.status == Petition.Status.REVIEW_REQUESTED
    assert petition.review_requested_on == date(2025, 6, 5)
    refused(lambda: review(world, petition), "不能登记复查请求")


def test_received_date_is_fixed_once_decided(world):
    petition = accepted(world)
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        record_update(
            actor=world.users["clerk"],
            kind=PETITIONS,
            record=Petition.objects.get(pk=petition.pk),
            data={"occurred_on": date(2025, 3, 5), "channel": "letter"},
        )
    assert "不能再修改收到日期和信访形式" in str(caught.value.message_dict["occurred_on"])
    assert snapshot() == before
    # Descriptive fields stay editable.
    record_update(
        actor=world.users["clerk"],
        kind=PETITIONS,
        record=Petition.objects.get(pk=petition.pk),
        data={"responsible_unit": "镇综合执法队"},
    )
    assert Petition.objects.get(pk=petition.pk).responsible_unit == "镇综合执法队"
