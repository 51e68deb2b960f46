"""The 是否逾期 flag of complaints, with fixed dates: per record, per queryset, on the list page."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.openness.models import Complaint
from fazhi.openness.selectors import complaint_summary, overdue_complaints

KIND = get_kind("complaints")
RECEIVED, DUE = date(2025, 4, 1), date(2025, 4, 16)


def complaint(answered_on=None, due_on=DUE) -> Complaint:
    return Complaint(occurred_on=RECEIVED, due_on=due_on, answered_on=answered_on)


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
def test_overdue_label(answered_on, today, label):
    assert complaint(answered_on).overdue_label(today=today) == label


def make(world, matter, answered_on=None, org="A1", due_on=DUE):
    answered = answered_on is not None
    return record_create(
        actor=None,
        kind=KIND,
        organisation=world.orgs[org],
        data={
            "occurred_on": RECEIVED,
            "channel": "12345",
            "complainant": "李女士",
            "matter": matter,
            "due_on": due_on,
            "answered_on": answered_on,
            "status": "closed" if answered else "handling",
            "reply": "已处理。" if answered else "",
        },
    )


def test_queryset_flags_match_the_record_flags(world):
    make(world, "按时答复", date(2025, 4, 10))
    make(world, "逾期后答复", date(2025, 4, 20))
    make(world, "仍在办理", None)
    make(world, "期限较长仍在办理", None, due_on=date(2025, 5, 31))
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
    detail = client.get(reverse("ledgers:detail", args=[KIND.slug, late.pk])).content.decode()
    assert "是否逾期" in detail and "逾期答复" in detail


def test_list_filters_by_status(client, world):
    make(world, "已办结事项", date(2025, 4, 10))
    make(world, "办理中事项", None)
    client.force_login(world.users["clerk"])
    response = client.get(reverse("ledgers:list", args=[KIND.slug]), {"status": "handling"})
    assert [c.matter for c in response.context["page"]] == ["办理中事项"]
