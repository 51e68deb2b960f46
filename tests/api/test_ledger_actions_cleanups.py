"""A normative cleanup round's actions through the API (fazhi.api.ledger_actions): list the
documents in force, conclude on each (one of the round's items, offered as choices), publish the
results — the page's services, written as the caller; refusals in Chinese, nothing written."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.api import services as token_services
from fazhi.normative import services
from fazhi.normative.models import CleanupItem, NormativeDocument, Status
from tests.normative.helpers import at_stage, snapshot
from tests.normative.test_cleanup import new_round

pytestmark = pytest.mark.django_db

KIND = "normative-cleanups"


def _client(world, role) -> Client:
    _, key = token_services.token_create(user=world.users[role], name="测试脚本", days=1)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _actions(client, round_):
    url = reverse("api:ledger_record_actions", kwargs={"kind": KIND, "pk": round_.pk})
    return client.get(url)


def _post(client, round_, action, data, **headers):
    url = reverse(
        "api:ledger_record_action", kwargs={"kind": KIND, "pk": round_.pk, "action": action}
    )
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def _items(client, round_):
    return client.get(reverse("api:ledger_cleanup_items", kwargs={"pk": round_.pk}))


@pytest.fixture
def documents(world):
    return {
        "keep": at_stage(world, "effective", number="甲政规〔2025〕1号"),
        "repeal": at_stage(
            world, "effective", title="关于加强森林防火管理工作的通告", number="甲政规〔2025〕2号"
        ),
    }


def _history_users(model, **filters) -> set:
    return set(model.history.filter(**filters).values_list("history_user__username", flat=True))


def test_list_decide_and_apply_through_the_api_as_the_caller(world, documents):
    round_ = new_round(world)
    client = _client(world, "clerk")
    clerk = world.users["clerk"]

    body = _actions(client, round_).json()
    assert [row["name"] for row in body] == services.open_cleanup_actions(clerk, round_)
    assert [row["name"] for row in body] == ["cleanup_list"]
    assert body[0]["label"] == "列出现行有效文件" and body[0]["fields"] == []

    listed = _post(client, round_, "cleanup_list", {})
    assert listed.status_code == 200, listed.content
    items = {item.document_id: item for item in CleanupItem.objects.filter(cleanup=round_)}
    assert set(items) == {documents["keep"].pk, documents["repeal"].pk}
    assert _history_users(CleanupItem, cleanup_id=round_.pk) == {clerk.username}

    # The conclusion's item is one of the round's listed documents, offered as a choice.
    body = _actions(client, round_).json()
    assert [row["name"] for row in body] == ["cleanup_list", "cleanup_decide"]
    fields = {field["name"]: field for field in body[1]["fields"]}
    assert fields["item"]["type"] == "choice" and fields["item"]["required"] is True
    keep, repeal = items[documents["keep"].pk], items[documents["repeal"].pk]
    assert fields["item"]["choices"] == [
        {"value": str(keep.pk), "label": f"{documents['keep']}（未作结论）"},
        {"value": str(repeal.pk), "label": f"{documents['repeal']}（未作结论）"},
    ]
    assert [c["value"] for c in fields["decision"]["choices"]] == ["keep", "amend", "repeal"]

    for item, decision, reason in ((keep, "keep", ""), (repeal, "repeal", "上位法已废止。")):
        decided = _post(
            client,
            round_,
            "cleanup_decide",
            {"item": item.pk, "decision": decision, "reason": reason},
        )
        assert decided.status_code == 200, decided.content
    repeal.refresh_from_db()
    assert (repeal.decision, repeal.reason) == ("repeal", "上位法已废止。")
    assert repeal.history.first().history_user == clerk

    shown = _items(client, round_).json()
    assert [(row["id"], row["decision"], row["decision_label"]) for row in shown] == [
        (keep.pk, "keep", "继续有效"),
        (repeal.pk, "repeal", "废止"),
    ]
    assert shown[1]["document"] == documents["repeal"].pk
    assert shown[1]["document_number"] == "甲政规〔2025〕2号"
    assert shown[1]["applied"] is False

    body = _actions(client, round_).json()
    assert [row["name"] for row in body] == ["cleanup_list", "cleanup_decide", "cleanup_apply"]
    applied = _post(client, round_, "cleanup_apply", {"completed_on": "2025-12-20"})
    assert applied.status_code == 200, applied.content
    round_.refresh_from_db()
    assert round_.completed_on == date(2025, 12, 20)
    assert round_.history.first().history_user == clerk
    document = NormativeDocument.objects.get(pk=documents["repeal"].pk)
    assert document.status == Status.REPEALED
    assert document.history.first().history_user == clerk
    assert [row["applied"] for row in _items(client, round_).json()] == [False, True]
    assert _actions(client, round_).json() == []


def test_refused_actions_are_chinese_400_403_or_404_and_write_nothing(world, documents):
    round_ = new_round(world)
    other_round = new_round(world, day=date(2026, 6, 10))  # one round a year
    services.cleanup_list_documents(actor=world.users["clerk"], cleanup=other_round)
    foreign = CleanupItem.objects.filter(cleanup=other_round).first()
    client = _client(world, "clerk")
    before = snapshot()

    # Not open: nothing is listed yet, so no conclusion (as the page: a Chinese 400).
    early = _post(client, round_, "cleanup_decide", {"item": foreign.pk, "decision": "keep"})
    assert early.status_code == 400
    assert "尚未列入任何文件" in early.json()["non_field_errors"][0]
    assert _post(client, round_, "cleanup_apply", {"completed_on": "2025-12-20"}).status_code == 400
    # Who may not: the reviewer reads the round but does not run it.
    reviewer = _client(world, "reviewer")
    assert [row["name"] for row in _actions(reviewer, round_).json()] == []
    refused = _post(reviewer, round_, "cleanup_list", {})
    assert refused.status_code == 403 and "无权" in refused.json()["detail"]
    assert snapshot() == before

    services.cleanup_list_documents(actor=world.users["clerk"], cleanup=round_)
    before = snapshot()
    # An item of another round: a Chinese 400 on the item, nothing written.
    wrong = _post(client, round_, "cleanup_decide", {"item": foreign.pk, "decision": "keep"})
    assert wrong.status_code == 400
    assert wrong.json() == {"item": ["该文件不在本轮清理中。"]}
    no_reason = _post(
        client,
        round_,
        "cleanup_decide",
        {"item": CleanupItem.objects.filter(cleanup=round_).first().pk, "decision": "repeal"},
    )
    assert no_reason.status_code == 400 and "理由" in no_reason.json()["non_field_errors"][0]
    undecided = _post(client, round_, "cleanup_apply", {"completed_on": "2025-12-20"})
    assert undecided.status_code == 400 and "未作出清理结论" in str(undecided.json())
    assert _post(client, round_, "no_such_action", {}).status_code == 404
    assert snapshot() == before

    # Another township's round is not found, whatever is asked of it.
    elsewhere = new_round(world, org="A2")
    assert _actions(client, elsewhere).status_code == 404
    assert _items(client, elsewhere).status_code == 404
    assert _post(client, elsewhere, "cleanup_list", {}).status_code == 404
    assert not CleanupItem.objects.filter(cleanup=elsewhere).exists()


def test_a_published_round_refuses_every_action(world, documents):
    round_ = new_round(world)
    clerk = world.users["clerk"]
    services.cleanup_list_documents(actor=clerk, cleanup=round_)
    for item in CleanupItem.objects.filter(cleanup=round_):
        services.cleanup_decide(actor=clerk, cleanup=round_, item=item, decision="keep")
    services.cleanup_apply(actor=clerk, cleanup=round_, completed_on=date(2025, 12, 20))
    item = CleanupItem.objects.filter(cleanup=round_).first()
    client = _client(world, "clerk")
    before = snapshot()
    for action, data in (
        ("cleanup_list", {}),
        ("cleanup_decide", {"item": item.pk, "decision": "amend", "reason": "需修改。"}),
        ("cleanup_apply", {"completed_on": "2025-12-21"}),
    ):
        response = _post(client, round_, action, data)
        assert response.status_code == 400, (action, response.content)
        assert "已于2025-12-20公布结果" in response.json()["non_field_errors"][0]
    assert snapshot() == before
