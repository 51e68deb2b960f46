"""The supervision pages: the visit form, the finding's page and its actions, scoping (another
township's finding is not found), evidence only through the permission-checked view, and the
overdue-deadline page opening one finding per deadline."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.deadlines.models import Deadline
from fazhi.supervision import services
from fazhi.supervision.models import Finding, FindingState, Source
from tests.deadlines.helpers import complaint
from tests.supervision.helpers import PDF, finding, pdf

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_inspector_records_a_visit_and_the_township_rectifies_and_the_inspector_closes(
    world, people
):
    inspector = _client(people["inspector"])
    today = timezone.localdate()
    data = {
        "organisation": world.orgs["A1"].pk,
        "found_on": today.isoformat(),
        "year": today.year,
        "title": "村（社区）法律顾问台账不完整",
        "detail": "抽查3个村",
        "rectify_by": today.isoformat(),
    }
    # 丙镇 (another county) is not among the form's townships.
    page = inspector.get(reverse("supervision:new")).content.decode()
    assert "甲镇" in page and "乙镇" in page and "丙镇" not in page
    refused = inspector.post(
        reverse("supervision:new"), {**data, "organisation": world.orgs["B1"].pk}
    )
    assert refused.status_code == 200 and Finding.objects.count() == 0

    response = inspector.post(reverse("supervision:new"), data)
    item = Finding.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:detail", args=[item.pk])
    assert (item.source, item.opened_by, item.title) == (
        Source.VISIT,
        people["inspector"],
        "村（社区）法律顾问台账不完整",
    )

    clerk = _client(people["clerk"])
    detail = clerk.get(reverse("supervision:detail", args=[item.pk])).content.decode()
    assert 'data-testid="action-rectify"' in detail
    assert 'data-testid="action-close"' not in detail
    upload = pdf()
    response = clerk.post(
        reverse("supervision:rectify", args=[item.pk]),
        {"text": "已补齐台账", "done_on": today.isoformat(), "file": upload},
        follow=True,
    )
    assert "整改情况已提交" in _messages(response)
    item.refresh_from_db()
    assert item.state == FindingState.RECTIFIED

    # The township may not close it: refused before anything is read, nothing changed.
    assert clerk.post(reverse("supervision:close", args=[item.pk]), {"note": ""}).status_code == (
        403
    )
    item.refresh_from_db()
    assert item.state == FindingState.RECTIFIED

    detail = inspector.get(reverse("supervision:detail", args=[item.pk])).content.decode()
    assert 'data-testid="action-close"' in detail and 'data-testid="action-return"' in detail
    response = inspector.post(
        reverse("supervision:close", args=[item.pk]), {"note": "整改到位"}, follow=True
    )
    assert "已销号" in _messages(response)
    item.refresh_from_db()
    assert (item.state, item.close_note) == (FindingState.CLOSED, "整改到位")


def test_another_townships_finding_and_evidence_are_not_found(world, people):
    item = finding(world.orgs["A1"])
    services.rectification_submit(
        None, item, "整改", date(2026, 3, 20), pdf(), today=date(2026, 3, 21)
    )
    rectification = item.rectifications.get()
    file_url = reverse("supervision:file", args=[rectification.pk])

    own = _client(people["clerk"]).get(file_url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == PDF
    assert "attachment" in own["Content-Disposition"]
    assert _client(people["inspector"]).get(file_url).status_code == 200

    for outsider in ("other_clerk", "other_inspector"):
        client = _client(people[outsider])
        assert client.get(file_url).status_code == 404
        response = client.get(reverse("supervision:detail", args=[item.pk]))
        assert response.status_code == 404
        assert item.title not in response.content.decode()
        listed = client.get(reverse("supervision:list")).content.decode()
        assert item.title not in listed
        refused = client.post(reverse("supervision:rectify", args=[item.pk]), {"text": "x"})
        assert refused.status_code == 404
    assert item.title in _client(people["clerk"]).get(reverse("supervision:list")).content.decode()


def test_a_stale_close_is_refused_with_the_other_change_shown(world, people):
    item = finding(world.orgs["A1"])
    inspector = _client(people["inspector"])
    page = inspector.get(reverse("supervision:detail", args=[item.pk]))
    assert 'data-testid="action-close"' not in page.content.decode()
    services.rectification_submit(None, item, "整改", date(2026, 3, 20), today=date(2026, 3, 21))
    page = inspector.get(reverse("supervision:detail", args=[item.pk]))
    seen = page.context["forms"]["return"].initial["seen_version"]
    # The township's second look changes the record before the inspector returns it.
    services.finding_return(people["inspector"], item, "先退回")
    services.rectification_submit(None, item, "再次整改", date(2026, 3, 25), today=date(2026, 4, 1))
    response = inspector.post(
        reverse("supervision:return", args=[item.pk]),
        {"reason": "第二次退回", "seen_version": seen},
    )
    assert response.status_code == 409
    item.refresh_from_db()
    assert item.state == FindingState.RECTIFIED


def test_the_list_filters_and_marks_overdue_and_carried_over_findings(world, people):
    today = timezone.localdate()
    late = finding(
        world.orgs["A1"],
        title="上年遗留的问题",
        year=today.year - 1,
        found_on=date(today.year - 1, 5, 1),
        rectify_by=date(today.year - 1, 6, 30),
    )
    current = finding(
        world.orgs["A2"], title="今年的问题", year=today.year, found_on=today, rectify_by=today
    )
    inspector = _client(people["inspector"])
    page = inspector.get(reverse("supervision:list"))
    rows = {f.pk: (overdue, carried) for f, overdue, carried in page.context["rows"]}
    assert rows == {late.pk: (True, True), current.pk: (False, False)}
    html = page.content.decode()
    assert 'data-figure="supervision.overdue"' in html and "上年度遗留" in html

    def listed(query):
        response = inspector.get(reverse("supervision:list") + query)
        return {f.pk for f, *_ in response.context["rows"]}

    assert listed("?overdue=1") == {late.pk}
    assert listed(f"?township={world.orgs['A2'].code}") == {current.pk}
    assert listed(f"?year={today.year - 1}") == {late.pk}
    assert listed("?state=closed") == set()
    assert listed("?source=visit&state=junk&year=abc") == {late.pk, current.pk}


def test_one_finding_per_overdue_deadline_opened_from_the_deadline_page(world, people):
    today = timezone.localdate()
    record = complaint(world.orgs["A1"], date(today.year, 1, 5), "反映路灯损坏")
    deadline = Deadline.objects.get(record_id=record.pk)
    assert deadline.due_on < today and deadline.met_on is None
    inspector = _client(people["inspector"])
    page = inspector.get(reverse("supervision:deadlines"))
    assert [d.pk for d, _ in page.context["rows"]] == [deadline.pk]
    rectify_by = today.isoformat()

    for _ in range(2):
        response = inspector.post(
            reverse("supervision:from_deadlines"),
            {"only": deadline.pk, "deadline": [], "rectify_by": rectify_by},
            follow=True,
        )
    assert "此前已提出过" in _messages(response)
    item = Finding.objects.get()
    assert (item.source, item.source_ref, item.organisation) == (
        Source.DEADLINE,
        f"deadline:{deadline.pk}",
        world.orgs["A1"],
    )
    assert item.year == deadline.due_on.year and deadline.name in item.title
    # The page now links the deadline to its finding instead of offering it again.
    page = inspector.get(reverse("supervision:deadlines"))
    assert page.context["rows"] == [(deadline, item)] and page.context["unopened"] == 0

    # Another county's inspector cannot open a finding for it (not in their list).
    other = _client(people["other_inspector"])
    response = other.post(
        reverse("supervision:from_deadlines"),
        {"deadline": [deadline.pk], "rectify_by": rectify_by},
        follow=True,
    )
    assert "所选事项不存在或无权办理" in _messages(response)
    assert Finding.objects.count() == 1
