"""The workflow pages: content, the actions offered per role, posting actions, scoping."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.normative.models import CleanupItem, Status
from fazhi.normative.services import cleanup_list_documents
from tests.normative.helpers import at_stage, document, snapshot
from tests.normative.test_cleanup import new_round

pytestmark = pytest.mark.django_db


def page(client, world, role, record, name="normative:record"):
    client.force_login(world.users[role])
    response = client.get(reverse(name, args=[record.pk]))
    return response, response.content.decode()


def test_the_page_shows_state_steps_deadlines_and_their_sources(client, world):
    record = at_stage(world, "published")
    response, html = page(client, world, "leader", record)
    assert response.status_code == 200
    assert "已公布（待备案）" in html and "甲政规〔2025〕1号" in html
    assert "规范性文件报送备案" in html and "2025-05-13" in html
    # The filing period is a local rule: the page says so, with no research notes.
    assert "以本地规定为准，可在县级设置中调整" in html and "【" not in html
    assert "公开征求意见" in html and "镇党政联席会议" in html and "通过" in html
    # A leader may look but not act.
    assert 'data-testid="action-' not in html


def test_the_clerk_is_offered_the_next_steps_and_the_reviewer_the_opinion(client, world):
    draft = document(world)
    _, html = page(client, world, "clerk", draft)
    assert 'data-testid="action-consultation_start"' in html
    assert "规范性文件征求意见期：30日" in html  # the period in force, with its source
    assert 'data-testid="action-publish"' not in html
    in_review = at_stage(world, "review", title="集镇环境卫生管理暂行规定")
    _, html = page(client, world, "clerk", in_review)
    assert 'data-testid="action-review_record"' not in html
    _, html = page(client, world, "reviewer", in_review)
    assert 'data-testid="action-review_record"' in html
    assert 'data-testid="action-review_submit"' not in html


def test_the_generic_detail_page_links_the_workflow(client, world):
    record = document(world)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("ledgers:detail", args=["normative-documents", record.pk])).content
    assert reverse("normative:record", args=[record.pk]) in html.decode()


def test_an_illegal_action_posted_is_refused_with_its_reason(client, world):
    record = at_stage(world, "deliberation")
    before = snapshot()
    client.force_login(world.users["clerk"])
    data = {
        "publish-published_on": "2025-04-28",
        "publish-doc_number": "甲政规〔2025〕1号",
        "publish-channel": "政府网站",
    }
    response = client.post(reverse("normative:publish", args=[record.pk]), data, follow=True)
    assert "公布未办理：未经集体审议通过的文件不得公布" in response.content.decode()
    assert snapshot() == before


def test_a_lawful_action_posted_moves_the_document_on(client, world):
    record = document(world, drafted=date(2025, 3, 3))
    client.force_login(world.users["clerk"])
    data = {
        "consultation_start-starts_on": "2025-03-10",
        "consultation_start-ends_on": "2025-04-09",
        "consultation_start-channel": "政府网站",
    }
    url = reverse("normative:consultation_start", args=[record.pk])
    response = client.post(url, data, follow=True)
    assert "已办理：开始公开征求意见" in response.content.decode()
    record.refresh_from_db()
    assert record.status == Status.CONSULTATION
    assert record.history.first().history_user == world.users["clerk"]


def test_the_clerk_posting_the_review_opinion_is_forbidden(client, world):
    record = at_stage(world, "review")
    before = snapshot()
    client.force_login(world.users["clerk"])
    data = {"review_record-reviewed_on": "2025-04-18", "review_record-opinion": "passed"}
    response = client.post(reverse("normative:review_record", args=[record.pk]), data)
    assert response.status_code == 403
    assert snapshot() == before
    client.force_login(world.users["reviewer"])
    client.post(reverse("normative:review_record", args=[record.pk]), data)
    record.refresh_from_db()
    assert record.status == Status.DELIBERATION


def test_an_incomplete_form_names_the_missing_field(client, world):
    record = document(world)
    client.force_login(world.users["clerk"])
    url = reverse("normative:consultation_start", args=[record.pk])
    html = client.post(url, {}, follow=True).content.decode()
    assert "开始公开征求意见未办理：请填写征求意见开始日期；" in html
    record.refresh_from_db()
    assert record.status == Status.DRAFTING


def test_actions_are_post_only(client, world):
    record = document(world)
    client.force_login(world.users["clerk"])
    assert client.get(reverse("normative:consultation_start", args=[record.pk])).status_code == 405


def test_another_townships_document_does_not_exist(client, world):
    other = at_stage(world, "review", org="A2")
    before = snapshot()
    response, html = page(client, world, "clerk", other)
    assert response.status_code == 404 and "乙镇" not in html
    client.force_login(world.users["reviewer"])
    data = {"review_record-reviewed_on": "2025-04-18", "review_record-opinion": "passed"}
    assert client.post(reverse("normative:review_record", args=[other.pk]), data).status_code == 404
    assert snapshot() == before
    # The county inspector sees the county's townships, not another county's.
    response, _ = page(client, world, "inspector", other)
    assert response.status_code == 200
    foreign = document(world, org="B1", title="丙镇文件")
    response, _ = page(client, world, "inspector", foreign)
    assert response.status_code == 404


def test_the_cleanup_page_lists_and_decides(client, world):
    effective = at_stage(world, "effective")
    cleanup = new_round(world)
    client.force_login(world.users["clerk"])
    client.post(reverse("normative:cleanup_list", args=[cleanup.pk]))
    item = CleanupItem.objects.get(cleanup=cleanup)
    assert item.document == effective
    url = reverse("normative:cleanup_decide", args=[cleanup.pk])
    data = {"cleanup_decide-item": item.pk, "cleanup_decide-decision": "repeal"}
    html = client.post(url, data, follow=True).content.decode()
    assert "作出清理结论未办理：清理结论为修改或废止的，须写明理由" in html
    data["cleanup_decide-reason"] = "调整对象已不存在"
    client.post(url, data)
    url = reverse("normative:cleanup_apply", args=[cleanup.pk])
    client.post(url, {"cleanup_apply-completed_on": "2025-12-20"})
    effective.refresh_from_db()
    assert effective.status == Status.REPEALED
    _, html = page(client, world, "leader", cleanup, "normative:cleanup")
    assert "已公布结果" in html and "废止 1 件" in html and effective.title in html


def test_an_item_of_another_round_cannot_be_decided(client, world):
    at_stage(world, "effective")
    mine, theirs = new_round(world), new_round(world, org="A2")
    cleanup_list_documents(actor=None, cleanup=mine)  # so items may be decided in mine
    other_doc = at_stage(world, "effective", org="A2", title="乙镇文件")
    services_item = CleanupItem.objects.create(
        organisation=world.orgs["A2"], cleanup=theirs, document=other_doc
    )
    client.force_login(world.users["clerk"])
    url = reverse("normative:cleanup_decide", args=[mine.pk])
    data = {"cleanup_decide-item": services_item.pk, "cleanup_decide-decision": "keep"}
    html = client.post(url, data, follow=True).content.decode()
    assert "该文件不在本轮清理中" in html
    services_item.refresh_from_db()
    assert services_item.decision == ""


def test_the_expiry_page_lists_documents_near_or_past_their_validity(world):
    from fazhi.normative import selectors
    from fazhi.normative.services import document_publish

    near = at_stage(world, "approved")
    document_publish(
        actor=None,
        record=near,
        published_on=date(2025, 4, 28),
        doc_number="甲政规〔2025〕1号",
        channel="政府网站",
        validity_years=1,
        today=date(2025, 12, 31),
    )
    far = at_stage(world, "approved", title="集镇环境卫生管理暂行规定")
    document_publish(
        actor=None,
        record=far,
        published_on=date(2025, 4, 28),
        doc_number="甲政规〔2025〕2号",
        channel="政府网站",
        validity_years=5,
        today=date(2025, 12, 31),
    )
    other = at_stage(world, "approved", org="A2", title="乙镇文件")
    document_publish(
        actor=None,
        record=other,
        published_on=date(2025, 4, 28),
        doc_number="乙政规〔2025〕1号",
        channel="政府网站",
        validity_years=1,
        today=date(2025, 12, 31),
    )
    clerk = world.users["clerk"]
    assert list(selectors.expiring_documents(user=clerk, today=date(2025, 12, 31))) == [near]
    assert list(selectors.expiring_documents(user=clerk, today=date(2025, 10, 1))) == []
    assert list(
        selectors.expiring_documents(user=world.users["inspector"], today=date(2026, 5, 1))
    ) == [near, other]


def test_the_expiry_page_renders(client, world):
    client.force_login(world.users["clerk"])
    response = client.get(reverse("normative:expiring"))
    assert response.status_code == 200 and "有效期届满提醒" in response.content.decode()
