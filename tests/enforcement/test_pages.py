"""The case workflow page and its actions, the overview page, and their scoping."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.enforcement.models import Case, CaseOfficer
from tests.enforcement.helpers import case, officer, snapshot, staffed_case

pytestmark = pytest.mark.django_db


def test_the_workflow_page_shows_state_deadlines_and_actions(client, world):
    record = staffed_case(world)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("enforcement:record", args=[record.pk])).content.decode()
    assert "办理中" in html and "行政处罚案件办理期限" in html and "2025-06-03" in html
    assert "第六十条" in html  # the statutory source
    assert "作出决定" in html and "登记法制审核意见" not in html
    assert "王*" in html and "王秀英" not in html  # the clerk sees the party masked
    client.force_login(world.users["leader"])
    html = client.get(reverse("enforcement:record", args=[record.pk])).content.decode()
    assert "王秀英" in html and 'data-testid="actions"' not in html


def test_another_townships_case_is_not_found(client, world):
    other = case(world, org="A2", case_number="乙镇罚〔2025〕1号")
    client.force_login(world.users["clerk"])
    assert client.get(reverse("enforcement:record", args=[other.pk])).status_code == 404
    response = client.post(reverse("enforcement:decide", args=[other.pk]), {})
    assert response.status_code == 404


def test_an_action_posted_through_the_page(client, world):
    record = staffed_case(world)
    client.force_login(world.users["clerk"])
    url = reverse("enforcement:decide", args=[record.pk])
    before = snapshot()
    response = client.post(
        url, {"decide-decided_on": "2025-06-04", "decide-result": "罚款"}, follow=True
    )
    assert "决定日期超过法定办案期限" in response.content.decode()
    assert snapshot() == before
    client.post(url, {"decide-decided_on": "2025-04-01", "decide-result": "罚款2000元"})
    assert Case.objects.get(pk=record.pk).status == Case.Status.DECIDED


def test_the_officer_list_offers_only_the_townships_officers(client, world):
    record = case(world)
    stranger = officer(world, "钱伟", "A2-001", org="A2")
    client.force_login(world.users["clerk"])
    response = client.post(
        reverse("enforcement:officer_add", args=[record.pk]),
        {"officer_add-officer": stranger.pk, "officer_add-assigned_on": "2025-03-03"},
        follow=True,
    )
    assert "登记办案人员未保存" in response.content.decode()
    assert not CaseOfficer.objects.exists()


def test_the_overview_lists_expiring_certificates(client, world):
    officer(world, "李强", "A1-002", start=date(2015, 5, 2), until=date(2020, 5, 1))
    officer(world, "钱伟", "A2-001", start=date(2015, 5, 2), until=date(2020, 5, 1), org="A2")
    client.force_login(world.users["clerk"])
    html = client.get(reverse("enforcement:overview")).content.decode()
    assert "李强" in html and "已过期" in html and "钱伟" not in html
