"""Computed flags: overdue tasks, meetings presided by a principal leader, plan documents."""

import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.governance.models import Task
from fazhi.governance.selectors import overdue_tasks
from fazhi.indicators.engine import records
from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive, record_create
from tests.governance.test_rules import MEETING, PLAN, TASK
from tests.ledger_world import png_bytes

MEETINGS = get_kind("governance-meetings")
PLANS = get_kind("governance-plans")
TASKS = get_kind("responsibility-tasks")
TODAY = date(2025, 7, 1)


def create(world, kind, values, org="A1"):
    return record_create(actor=None, kind=kind, organisation=world.orgs[org], data=dict(values))


def test_overdue_is_past_due_and_not_completed():
    task = Task(due_on=date(2025, 6, 30), status="in_progress")
    assert task.is_overdue(today=TODAY)
    assert not task.is_overdue(today=date(2025, 6, 30))  # due today: not yet late
    assert Task(due_on=date(2025, 6, 30), status="not_started").is_overdue(today=TODAY)
    done = Task(due_on=date(2025, 6, 30), status="done", completed_on=date(2025, 7, 20))
    assert not done.is_overdue(today=TODAY)
    assert task.days_overdue(today=date(2025, 7, 31)) == 31
    assert task.days_overdue(today=date(2025, 6, 1)) == 0
    assert done.days_overdue(today=date(2025, 7, 31)) == 0


def test_overdue_tasks_selector_is_scoped_and_dated(world):
    late = create(world, TASKS, TASK)  # due 2025-06-30, in progress
    create(world, TASKS, {**TASK, "task": "按期任务", "due_on": date(2025, 7, 1)})
    create(
        world,
        TASKS,
        {**TASK, "task": "已完成任务", "status": "done", "completed_on": date(2025, 6, 1)},
    )
    create(world, TASKS, TASK, org="A2")  # late too, but another township's
    archived = create(world, TASKS, {**TASK, "task": "已归档任务"})
    record_archive(actor=None, kind=TASKS, record=archived, reason="重复")

    clerk = world.users["clerk"]
    assert list(overdue_tasks(user=clerk, today=TODAY)) == [late]
    assert list(overdue_tasks(user=clerk, today=date(2025, 6, 30))) == []
    assert overdue_tasks(user=world.users["inspector"], today=TODAY).count() == 2


def test_overdue_column_on_the_list_page(client, world):
    create(
        world,
        TASKS,
        {
            **TASK,
            "task": "早已逾期的任务",
            "due_on": date(2020, 6, 30),
            "occurred_on": date(2020, 1, 2),
        },
    )
    create(world, TASKS, {**TASK, "task": "远期任务", "due_on": date(2099, 6, 30)})
    client.force_login(world.users["leader"])
    response = client.get(reverse("ledgers:list", args=[TASKS.slug]))
    html = response.content.decode()
    assert "<th>逾期</th>" in html
    rows = {row.task: row for row in response.context["page"]}
    assert set(rows) == {"早已逾期的任务", "远期任务"}
    late_row = html.split("早已逾期的任务")[1].split("</tr>")[0]
    future_row = html.split("远期任务")[1].split("</tr>")[0]
    assert re.search(r"<td[^>]*>逾期 \d+ 天</td>", late_row)
    assert not re.search(r">逾期", future_row)


def test_principal_flag_on_meetings(client, world):
    create(world, MEETINGS, MEETING)  # the 党委书记
    create(world, MEETINGS, {**MEETING, "title": "镇长主持", "presider_position": "head"})
    create(
        world, MEETINGS, {**MEETING, "title": "副书记主持", "presider_position": "deputy_secretary"}
    )
    create(world, MEETINGS, {**MEETING, "title": "乙镇会议"}, org="A2")
    leader = world.users["leader"]
    # The meetings behind the 第一责任人 figure: those the principals presided, this township.
    code = "governance.first_responsible_meetings"
    assert sorted(m.title for m in records(code, world.orgs["A1"], 2025)) == [
        MEETING["title"],
        "镇长主持",
    ]
    assert not records(code, world.orgs["A1"], 2024).exists()

    client.force_login(leader)
    html = client.get(reverse("ledgers:list", args=[MEETINGS.slug])).content.decode()
    assert "主要负责人主持" in html
    assert "乙镇会议" not in html
    deputy_row = html.split("副书记主持")[1].split("</tr>")[0]
    head_row = html.split("镇长主持")[1].split("</tr>")[0]
    assert re.search(r"<td[^>]*>否</td>", deputy_row)
    assert re.search(r"<td[^>]*>是</td>", head_row)


def test_plan_document_column_follows_its_attachments(client, world):
    plan = create(world, PLANS, PLAN)
    client.force_login(world.users["clerk"])
    detail = reverse("ledgers:detail", args=[PLANS.slug, plan.pk])
    assert "未上传" in client.get(detail).content.decode()
    upload = SimpleUploadedFile("要点.png", png_bytes(), content_type="image/png")
    attachment_add(actor=None, kind=PLANS, record=plan, uploaded=upload, category="document")
    html = client.get(detail).content.decode()
    assert "已上传" in html and "未上传" not in html
