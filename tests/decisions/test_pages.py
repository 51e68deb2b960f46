"""The workflow page: content, scoping and the POST actions through the services."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.decisions.models import DecisionProcedure, Status, Step
from tests.decisions.helpers import decide, make_decision, ready_for_decision, snapshot

pytestmark = pytest.mark.django_db


def page(client, decision):
    return client.get(reverse("decisions:record", args=[decision.pk]))


def test_page_shows_state_procedures_and_deadline_with_source(client, world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    client.force_login(world.users["leader"])
    html = page(client, decision).content.decode()
    assert "已决定待公布" in html
    assert "依法不予公开的事项。" in html  # the waiver reason
    assert "重大行政决策公布" in html and "2025-05-08" in html
    assert "《中华人民共和国政府信息公开条例》第二十六条" in html
    assert "登记程序" not in html and "公布决策" not in html  # the leader has no edit forms


def test_short_legality_review_is_flagged(client, world):
    decision = make_decision(world)
    ready_for_decision(world, decision)  # submitted 03-21, reviewed 04-01: 7 working days
    client.force_login(world.users["clerk"])
    assert "审查时间少于" not in page(client, decision).content.decode()
    review = DecisionProcedure.objects.get(decision=decision, step=Step.LEGALITY)
    review.done_on = date(2025, 3, 25)
    review.save()
    assert "审查时间少于7个工作日" in page(client, decision).content.decode()


def test_another_townships_decision_is_not_found(client, world):
    decision = make_decision(world, org="A2")
    client.force_login(world.users["clerk"])
    assert page(client, decision).status_code == 404
    response = client.post(
        reverse("decisions:waive", args=[decision.pk]), {"step": "risk", "reason": "x"}
    )
    assert response.status_code == 404
    assert not DecisionProcedure.objects.filter(decision=decision).exists()


def test_clerk_waives_through_the_page(client, world):
    decision = make_decision(world)
    client.force_login(world.users["clerk"])
    url = reverse("decisions:waive", args=[decision.pk])
    response = client.post(url, {"step": "risk", "reason": ""}, follow=True)
    assert "不适用理由" in response.content.decode()
    assert not DecisionProcedure.objects.filter(decision=decision).exists()
    response = client.post(url, {"step": "legality", "reason": "不需要"}, follow=True)
    assert "法定必经程序" in response.content.decode()
    client.post(url, {"step": "risk", "reason": "不涉及社会稳定。"})
    assert DecisionProcedure.objects.get(decision=decision).step == Step.RISK


def test_collective_refused_on_the_page_with_the_article(client, world):
    decision = make_decision(world)
    client.force_login(world.users["clerk"])
    before = snapshot()
    data = {
        "decided_on": "2025-04-08",
        "meeting": "常务会议",
        "result": "adopted",
        "dissent": "无",
        "evidence": "纪要",
    }
    response = client.post(reverse("decisions:collective", args=[decision.pk]), data, follow=True)
    assert "第二十五条" in response.content.decode()
    assert snapshot() == before


def test_reviewer_posts_the_legality_review_and_clerk_may_not(client, world):
    decision = make_decision(world)
    url = reverse("decisions:legality", args=[decision.pk])
    data = {
        "submitted_on": "2025-03-20",
        "reviewed_on": "2025-04-01",
        "opinion": "passed",
        "evidence": "合法",
    }
    client.force_login(world.users["clerk"])
    assert client.post(url, data).status_code == 403
    client.force_login(world.users["reviewer"])
    assert client.post(url, data).status_code == 302
    assert DecisionProcedure.objects.get(decision=decision).opinion == "passed"


def test_publish_and_file_through_the_page(client, world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    client.force_login(world.users["clerk"])
    assert "公布决策" in page(client, decision).content.decode()
    client.post(
        reverse("decisions:publish", args=[decision.pk]),
        {"published_on": "2025-04-15", "channel": "镇人民政府网站"},
    )
    client.post(reverse("decisions:file", args=[decision.pk]), {"filed_on": "2025-05-06"})
    decision.refresh_from_db()
    assert decision.status == Status.FILED
    assert "2025-05-06 归档" in page(client, decision).content.decode()
