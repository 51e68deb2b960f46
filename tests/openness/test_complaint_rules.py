"""Each complaint rule fed bad input through the service, the form pages and an Excel import."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.deadlines.models import Deadline
from fazhi.ledgers import excel
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create, record_update
from fazhi.openness.models import Complaint
from tests.ledgers.helpers import form_data, workbook_with_rows

KIND = get_kind("complaints")
OPEN = {
    "occurred_on": date(2025, 4, 1),
    "channel": "12345",
    "complainant": "王先生",
    "matter": "反映集镇主街路灯损坏",
    "answered_on": None,
    "status": "handling",
    "reply": "",
}
ANSWERED = {
    **OPEN,
    "answered_on": date(2025, 4, 10),
    "status": "closed",
    "reply": "已安排电工维修，路灯已恢复照明。",
}
BAD_INPUTS = [
    pytest.param(
        {"answered_on": date(2025, 3, 30)},
        "answered_on",
        "答复日期不能早于受理日期。",
        id="answered-before-received",
    ),
    pytest.param(
        {"answered_on": None},
        "answered_on",
        "办理状态为“已办结”时须填写答复日期。",
        id="closed-without-answer-date",
    ),
    pytest.param(
        {"status": "answered", "answered_on": None},
        "answered_on",
        "办理状态为“已答复”时须填写答复日期。",
        id="answered-without-answer-date",
    ),
    pytest.param(
        {"reply": "  "},
        "reply",
        "办理状态为“已办结”时须填写答复内容。",
        id="closed-without-reply",
    ),
    pytest.param(
        {"status": "handling"},
        "status",
        "已填写答复日期，办理状态不能为“办理中”。",
        id="answer-date-while-handling",
    ),
]


def create(world, values, org="A1"):
    return record_create(
        actor=world.users["clerk"], kind=KIND, organisation=world.orgs[org], data=dict(values)
    )


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUTS)
def test_bad_complaint_is_refused_by_the_service(world, change, field, message):
    with pytest.raises(ValidationError) as error:
        create(world, {**ANSWERED, **change})
    assert message in " ".join(error.value.message_dict[field])
    assert not Complaint.objects.exists() and not Deadline.objects.exists()


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUTS)
def test_bad_edit_leaves_the_complaint_unchanged(world, change, field, message):
    record = create(world, ANSWERED)
    with pytest.raises(ValidationError) as error:
        record_update(actor=world.users["clerk"], kind=KIND, record=record, data=change)
    assert message in " ".join(error.value.message_dict[field])
    record.refresh_from_db()
    assert (record.answer_deadline.met_on, record.answered_on, record.status, record.reply) == (
        ANSWERED["answered_on"],
        ANSWERED["answered_on"],
        ANSWERED["status"],
        ANSWERED["reply"],
    )
    assert record.history.count() == 1


def test_valid_lifecycle_from_received_to_closed(world):
    record = create(world, OPEN)
    assert record.status == "handling" and record.answered_on is None
    changes = {key: ANSWERED[key] for key in ("answered_on", "status", "reply")}
    assert record_update(actor=world.users["clerk"], kind=KIND, record=record, data=changes)
    record.refresh_from_db()
    assert record.status == "closed" and record.answered_on == date(2025, 4, 10)
    assert record.answer_deadline.met_on == date(2025, 4, 10)
    # Answered the day it was received is allowed.
    same_day = {**ANSWERED, "matter": "当日答复", "answered_on": OPEN["occurred_on"]}
    create(world, same_day)
    assert Complaint.objects.count() == 2


def test_the_answer_deadline_comes_from_the_engine_and_follows_the_answer(world):
    """15 days from receipt (the "complaint.answer" period), met on the day of the answer."""
    record = create(world, OPEN)
    deadline = record.answer_deadline
    assert (deadline.code, deadline.triggered_on, deadline.due_on, deadline.met_on) == (
        "complaint.answer",
        date(2025, 4, 1),
        date(2025, 4, 16),
        None,
    )
    changes = {key: ANSWERED[key] for key in ("answered_on", "status", "reply")}
    record_update(actor=world.users["clerk"], kind=KIND, record=record, data=changes)
    assert Complaint.objects.get().answer_deadline.met_on == date(2025, 4, 10)
    # A later receipt date moves the deadline with it.
    record_update(
        actor=world.users["clerk"], kind=KIND, record=record, data={"occurred_on": date(2025, 4, 3)}
    )
    assert Complaint.objects.get().answer_deadline.due_on == date(2025, 4, 18)
    assert Deadline.objects.count() == 1


def test_the_answer_deadline_is_not_typed(client, world):
    assert "due_on" not in KIND.fields
    client.force_login(world.users["clerk"])
    form = client.get(reverse("ledgers:create", args=[KIND.slug])).content.decode()
    assert "答复期限" not in form
    template = excel.template_bytes(KIND)
    assert "答复期限".encode() not in template


def test_several_errors_are_reported_together(world):
    with pytest.raises(ValidationError) as error:
        create(world, {**OPEN, "status": "answered", "answered_on": date(2025, 1, 1)})
    assert set(error.value.message_dict) == {"answered_on", "reply"}


def test_bad_complaint_is_refused_on_the_form(client, world):
    client.force_login(world.users["clerk"])
    bad = {**OPEN, "answered_on": date(2025, 3, 1), "status": "closed", "reply": "已处理。"}
    response = client.post(
        reverse("ledgers:create", args=[KIND.slug]), form_data(KIND, bad, world.orgs["A1"])
    )
    assert response.status_code == 200
    assert "答复日期不能早于受理日期。" in response.content.decode()
    assert not Complaint.objects.exists()


def test_answer_date_while_handling_is_refused_on_the_edit_form(client, world):
    record = create(world, OPEN)
    client.force_login(world.users["clerk"])
    bad = {**OPEN, "answered_on": date(2025, 4, 5)}
    response = client.post(
        reverse("ledgers:edit", args=[KIND.slug, record.pk]),
        form_data(KIND, bad, world.orgs["A1"]),
    )
    assert response.status_code == 200
    assert "已填写答复日期，办理状态不能为“办理中”。" in response.content.decode()
    record.refresh_from_db()
    assert record.answered_on is None and record.history.count() == 1


def test_bad_rows_are_reported_in_an_import_and_nothing_is_saved(world):
    rows = [
        ANSWERED,
        {**OPEN, "matter": "反映农贸市场噪音", "status": "answered"},
        {**ANSWERED, "matter": "反映路面积水", "answered_on": date(2025, 3, 1)},
    ]
    data = workbook_with_rows(KIND, rows, "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=KIND, data=data)
    reported = {(e.row, e.column, e.message) for e in failure.value.result.errors}
    assert reported == {
        (4, "答复日期", "办理状态为“已答复”时须填写答复日期。"),
        (4, "答复内容", "办理状态为“已答复”时须填写答复内容。"),
        (5, "答复日期", "答复日期不能早于受理日期。"),
    }
    assert not Complaint.objects.exists() and not Deadline.objects.exists()


def test_an_import_updates_a_complaint_once_answered(world):
    create(world, OPEN)
    data = workbook_with_rows(KIND, [ANSWERED], "甲镇")
    result = excel.import_rows(actor=world.users["clerk"], kind=KIND, data=data)
    assert (result.created, result.updated) == (0, 1)
    record = Complaint.objects.get()
    assert record.status == "closed" and record.answered_on == date(2025, 4, 10)
    assert record.answer_deadline.met_on == date(2025, 4, 10)
