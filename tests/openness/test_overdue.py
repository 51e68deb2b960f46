"""The 是否逾期 flag of complaints, with fixed dates: per record, per queryset, on the list page.
The answer deadline is the engine's (15 days from receipt): 2025-04-01 → 2025-04-16."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.openness.models import Complaint
from fazhi.openness.selectors import complaint_summary, overdue_complaints

KIND = get_kind("complaints")
RECEIVED, DUE = date(2025, 4, 1), date(2025, 4, 16)


@pytest.mark.parametrize(
    ("answered_on", "today", "label"),
    [
        (date(2025, 4, 16), date(2025, 6, 1), ""),  # answered on the last allowed day
        (date(2025, 4, 17), date(2025, 6, 1), "逾期答复"),
        (date(2025, 4, 17), date(2025, 4, 17), "逾期答复"),
        (None, date(2025, 4, 16), ""),  # still within the deadline
        (None, date(2025, 4, 17), "已逾期"),
        (None, date(2025, 3, 1), ""),
    ],
)
def test_overdue_label(world, answered_on, today, label):
    complaint = make(world, "反映路灯损坏", answered_on)
    assert complaint.answer_deadline.due_on == DUE
    assert complaint.overdue_label(today=today) == label


def test_an_unsaved_complaint_has_no_deadline_yet():
    assert Complaint(occurred_on=RECEIVED).overdue_label(today=date(2026, 1, 1)) == ""


def make(world, matter, answered_on=None, org="A1", received=RECEIVED):
    answered = answered_on is not None
    return record_create(
        actor=None,
        kind=KIND,
        organisation=world.orgs[org],
        data={
            "occurred_on": received,
            "channel": "12345",
            "complainant": "李女士",
            "matter": matter,
            "answered_on": answered_on,
            "status": "closed" if answered else "handling",
            "reply": "已处理。" if answered else "",
        },
    )


def test_queryset_flags_match_the_record_flags(world):
    make(world, "按时答复", date(2025, 4, 10))
    make(world, "逾期后答复", date(2025, 4, 20))
    make(world, "仍在办理", None)
    make(world, "近期受理仍在办理", None, received=date(2025, 4, 20))
    today = date(2025, 5, 1)
    flagged = {c.matter for c in overdue_complaints(today=today)}
    assert flagged == {"逾期后答复", "仍在办理"}
    assert flagged == {c.matter for c in Complaint.objects.all() if c.overdue_label(today=today)}
    assert complaint_summary(year=RECEIVED.year, today=today) == {
        "total": 4,
        "answered": 2,
        "answered_late": 1,
        "open": 2,
        "open_past_due": 1,
    }
    # Before the deadline nothing unanswered is overdue yet.
    assert {c.matter for c in overdue_complaints(today=DUE)} == {"逾期后答复"}


def test_list_and_detail_show_the_flag_and_only_own_township(client, world):
    late = make(world, "反映路灯损坏逾期答复", date(2025, 4, 20))
    # Far in the past, so unanswered it is overdue whatever today is.
    make(world, "反映垃圾清运仍未答复", None)
    make(world, "乙镇的投诉事项", None, org="A2")
    client.force_login(world.users["leader"])
    response = client.get(reverse("ledgers:list", args=[KIND.slug]))
    html = response.content.decode()
    assert "是否逾期" in html and "逾期答复" in html and "已逾期" in html
    assert "乙镇的投诉事项" not in html
    assert response.context["page"].paginator.count == 2
    assert "答复期限" in html and "2025-04-16" in html
    detail = client.get(reverse("ledgers:detail", args=[KIND.slug, late.pk])).content.decode()
    assert "是否逾期" in detail and "逾期答复" in detail and "2025-04-16" in detail


def test_the_list_reads_every_deadline_in_one_query(client, world):
    for index in range(5):
        make(world, f"反映第{index}处路灯损坏", None)
    client.force_login(world.users["leader"])
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("ledgers:list", args=[KIND.slug])).content.decode()
    assert html.count("已逾期") == 5
    deadline_reads = [q for q in queries.captured_queries if "deadlines_deadline" in q["sql"]]
    assert len(deadline_reads) == 1


def test_list_filters_by_status(client, world):
    make(world, "已办结事项", date(2025, 4, 10))
    make(world, "办理中事项", None)
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:list", args=[KIND.slug]), {"status": "handling"})
    assert [c.matter for c in response.context["page"]] == ["办理中事项"]
