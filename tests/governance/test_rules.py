"""Each 组织领导 rule fed bad input through the service, the form page and an Excel import."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.governance.models import Budget, Meeting, Member, Plan, Task
from fazhi.ledgers import excel
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive, record_create, record_update
from tests.ledgers.helpers import form_data, workbook_with_rows

MEMBERS = get_kind("group-members")
MEETINGS = get_kind("governance-meetings")
PLANS = get_kind("governance-plans")
TASKS = get_kind("responsibility-tasks")
BUDGET = get_kind("rule-of-law-budget")

MEMBER = {
    "occurred_on": date(2025, 3, 1),
    "name": "张建国",
    "role": "member",
    "unit": "甲镇司法所所长",
}
MEETING = {
    "occurred_on": date(2025, 4, 8),
    "meeting_type": "leading_group",
    "title": "2025年第1次全面依法治镇委员会会议",
    "presider": "王明",
    "presider_position": "secretary",
    "attendees": 12,
    "topics": "研究年度法治政府建设工作要点",
}
PLAN = {
    "occurred_on": date(2025, 2, 10),
    "plan_type": "annual_plan",
    "title": "甲镇2025年法治政府建设工作要点",
    "doc_number": "甲政发〔2025〕3号",
}
TASK = {
    "occurred_on": date(2025, 2, 1),
    "task": "开展行政执法案卷评查",
    "responsible_unit": "综合行政执法队",
    "owner": "李强",
    "due_on": date(2025, 6, 30),
    "status": "in_progress",
}
BUDGET_LINE = {
    "occurred_on": date(2025, 2, 20),
    "purpose": "general",
    "amount": Decimal("120000"),
    "notes": "列入年度财政预算",
}


def create(world, kind, values, org="A1"):
    # The clerk writes for A1; other townships' records are set up without an actor.
    actor = world.users["clerk"] if org == "A1" else None
    return record_create(actor=actor, kind=kind, organisation=world.orgs[org], data=dict(values))


def refused(world, kind, values) -> dict:
    with pytest.raises(ValidationError) as error:
        create(world, kind, values)
    return error.value.message_dict


def import_errors(world, kind, rows) -> list[tuple]:
    data = workbook_with_rows(kind, rows, "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=kind, data=data)
    return [(e.row, e.column, e.message) for e in failure.value.result.errors]


def post_form(client, world, kind, values):
    client.force_login(world.users["clerk"])
    return client.post(
        reverse("ledgers:create", args=[kind.slug]), form_data(kind, values, world.orgs["A1"])
    )


# -- leading-group members: left date not before the appointment ----------------------------

LEFT_EARLY = {**MEMBER, "left_on": date(2025, 2, 28)}


def test_member_cannot_leave_before_being_appointed(world):
    assert refused(world, MEMBERS, LEFT_EARLY) == {"left_on": ["离任日期不能早于任职日期。"]}
    assert not Member.objects.exists()
    create(world, MEMBERS, {**MEMBER, "left_on": date(2025, 3, 1)})  # leaving the same day is fine
    assert Member.objects.count() == 1


def test_member_left_date_refused_on_the_form(client, world):
    response = post_form(client, world, MEMBERS, LEFT_EARLY)
    assert response.status_code == 200
    assert "离任日期不能早于任职日期。" in response.content.decode()
    assert not Member.objects.exists()


def test_member_left_date_refused_in_an_import(world):
    errors = import_errors(world, MEMBERS, [MEMBER | {"name": "李红"}, LEFT_EARLY])
    assert errors == [(4, "离任日期", "离任日期不能早于任职日期。")]
    assert not Member.objects.exists()


def test_editing_a_member_into_a_bad_state_changes_nothing(world):
    member = create(world, MEMBERS, MEMBER)
    with pytest.raises(ValidationError, match="离任日期不能早于任职日期"):
        record_update(
            actor=world.users["clerk"],
            kind=MEMBERS,
            record=member,
            data={"left_on": date(2024, 1, 1)},
        )
    member.refresh_from_db()
    assert member.left_on is None


# -- meetings: at least one attendee, known types and positions -----------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"attendees": 0}, "attendees", "参会人数至少为 1。"),
        ({"presider_position": "mayor"}, "presider_position", "不在可选范围内，请从列表中选择"),
        ({"meeting_type": "party"}, "meeting_type", "不在可选范围内，请从列表中选择"),
        ({"topics": ""}, "topics", "请填写会议议题"),
    ],
)
def test_meeting_bounds(world, change, field, message):
    errors = refused(world, MEETINGS, {**MEETING, **change})
    assert message in " ".join(errors[field])
    assert not Meeting.objects.exists()


def test_meeting_without_attendees_refused_in_an_import(world):
    errors = import_errors(world, MEETINGS, [{**MEETING, "attendees": 0}])
    assert errors == [(3, "参会人数", "参会人数至少为 1。")]
    assert not Meeting.objects.exists()


def test_meeting_without_attendees_refused_on_the_form(client, world):
    response = post_form(client, world, MEETINGS, {**MEETING, "attendees": 0})
    assert response.status_code == 200
    assert "参会人数至少为 1。" in response.content.decode()
    assert not Meeting.objects.exists()


# -- plans: a 文号 is used once per township ----------------------------------------------


def test_a_document_number_is_used_once_per_township(world):
    create(world, PLANS, PLAN)
    # Typed with other brackets it is still the same number.
    other = {**PLAN, "title": "甲镇2025年普法工作计划", "doc_number": "甲政发[2025]3号"}
    assert refused(world, PLANS, other) == {
        "doc_number": ["文号“甲政发〔2025〕3号”已被本单位另一份文件使用。"]
    }
    assert Plan.objects.count() == 1
    # Another township may have the same number, and plans without a number never clash.
    create(world, PLANS, other, org="A2")
    create(world, PLANS, {**other, "doc_number": ""})
    create(world, PLANS, {**other, "title": "甲镇普法责任清单", "doc_number": ""})
    assert Plan.objects.count() == 4


def test_an_archived_plan_frees_its_number(world):
    plan = create(world, PLANS, PLAN)
    record_archive(actor=world.users["clerk"], kind=PLANS, record=plan, reason="作废重发")
    create(world, PLANS, {**PLAN, "title": "甲镇2025年法治政府建设工作要点（修订）"})
    assert Plan.objects.active().count() == 1


def test_duplicate_document_number_refused_on_the_form_and_in_an_import(client, world):
    create(world, PLANS, PLAN)
    other = {**PLAN, "title": "甲镇2025年普法工作计划"}
    response = post_form(client, world, PLANS, other)
    assert "已被本单位另一份文件使用" in response.content.decode()
    errors = import_errors(world, PLANS, [other])
    assert errors == [(3, "文号", "文号“甲政发〔2025〕3号”已被本单位另一份文件使用。")]
    assert Plan.objects.count() == 1


# -- responsibility tasks: status and completion date go together --------------------------


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"status": "done"}, "completed_on", "状态为“已完成”时必须填写完成日期。"),
        ({"completed_on": date(2025, 5, 1)}, "status", "填写了完成日期的任务，状态应为“已完成”。"),
        (
            {"status": "not_started", "completed_on": date(2025, 5, 1)},
            "status",
            "填写了完成日期的任务，状态应为“已完成”。",
        ),
        ({"due_on": date(2025, 1, 31)}, "due_on", "完成时限不能早于下达日期。"),
        (
            {"status": "done", "completed_on": date(2025, 1, 5)},
            "completed_on",
            "完成日期不能早于下达日期。",
        ),
    ],
)
def test_task_rules(world, change, field, message):
    assert refused(world, TASKS, {**TASK, **change})[field] == [message]
    assert not Task.objects.exists()


def test_a_completed_task_has_its_date(world):
    task = create(world, TASKS, {**TASK, "status": "done", "completed_on": date(2025, 7, 2)})
    assert task.status == "done"
    # Reopening the task without clearing the date is refused and changes nothing.
    with pytest.raises(ValidationError):
        record_update(
            actor=world.users["clerk"], kind=TASKS, record=task, data={"status": "in_progress"}
        )
    task.refresh_from_db()
    assert task.status == "done"


def test_done_without_a_date_refused_on_the_form(client, world):
    response = post_form(client, world, TASKS, {**TASK, "status": "done"})
    assert response.status_code == 200
    assert "状态为“已完成”时必须填写完成日期。" in response.content.decode()
    assert not Task.objects.exists()


def test_task_rules_in_an_import(world):
    rows = [
        TASK,
        {**TASK, "task": "落实行政执法公示制度", "completed_on": date(2025, 3, 1)},
        {**TASK, "task": "组织年度学法考试", "status": "done"},
    ]
    assert import_errors(world, TASKS, rows) == [
        (4, "完成状态", "填写了完成日期的任务，状态应为“已完成”。"),
        (5, "完成日期", "状态为“已完成”时必须填写完成日期。"),
    ]
    assert not Task.objects.exists()


# -- budget: amounts not negative, one line per township, year and purpose ------------------


def test_budget_amount_cannot_be_negative(world):
    errors = refused(world, BUDGET, {**BUDGET_LINE, "amount": Decimal("-1")})
    assert errors == {"amount": ["金额不能为负数。"]}
    assert not Budget.objects.exists()
    create(world, BUDGET, {**BUDGET_LINE, "amount": Decimal("0")})


def test_negative_budget_refused_on_the_form(client, world):
    response = post_form(client, world, BUDGET, {**BUDGET_LINE, "amount": "-500"})
    assert "金额不能为负数。" in response.content.decode()
    assert not Budget.objects.exists()


DUPLICATE_MESSAGE = "本单位 2025 年已登记“法治建设专项经费”经费，请修改原记录而不是重复登记。"


def test_one_budget_line_per_year_and_purpose(world):
    create(world, BUDGET, BUDGET_LINE)
    again = {**BUDGET_LINE, "occurred_on": date(2025, 9, 1), "amount": Decimal("5000")}
    assert refused(world, BUDGET, again) == {"purpose": [DUPLICATE_MESSAGE]}
    assert Budget.objects.get().amount == Decimal("120000")
    # Another purpose, another year or another township is a line of its own.
    create(world, BUDGET, {**again, "purpose": "publicity"})
    create(world, BUDGET, {**again, "occurred_on": date(2026, 2, 1)})
    create(world, BUDGET, again, org="A2")
    assert Budget.objects.count() == 4


def test_moving_a_budget_line_onto_anothers_year_and_purpose_is_refused(world):
    create(world, BUDGET, BUDGET_LINE)
    line = create(world, BUDGET, {**BUDGET_LINE, "occurred_on": date(2024, 2, 1)})
    # Editing a line without touching year or purpose is no clash with itself.
    record_update(actor=world.users["clerk"], kind=BUDGET, record=line, data={"notes": "追加"})
    with pytest.raises(ValidationError, match="请修改原记录而不是重复登记"):
        record_update(
            actor=world.users["clerk"],
            kind=BUDGET,
            record=line,
            data={"occurred_on": date(2025, 10, 1)},
        )
    line.refresh_from_db()
    assert line.year == 2024


def test_duplicate_budget_line_refused_on_the_form_and_in_an_import(client, world):
    create(world, BUDGET, BUDGET_LINE)
    again = {**BUDGET_LINE, "occurred_on": date(2025, 9, 1)}
    response = post_form(client, world, BUDGET, again)
    assert response.status_code == 200
    assert DUPLICATE_MESSAGE in response.content.decode()
    errors = import_errors(world, BUDGET, [again])
    assert errors == [(3, "经费用途", DUPLICATE_MESSAGE)]
    assert Budget.objects.count() == 1


def test_two_lines_of_one_year_and_purpose_in_one_file_save_nothing(world):
    rows = [BUDGET_LINE, {**BUDGET_LINE, "occurred_on": date(2025, 9, 1)}]
    data = workbook_with_rows(BUDGET, rows, "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=BUDGET, data=data)
    [error] = failure.value.result.errors
    assert error.row == 4 and DUPLICATE_MESSAGE in error.message
    assert not Budget.objects.exists()
