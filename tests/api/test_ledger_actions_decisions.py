"""Workflow actions of 重大行政决策 through the API (fazhi.api.ledger_actions): the page's actions,
run by the decision services as the caller; evidence is one of the decision's attachments,
uploaded first through the attachments endpoint; bad input 400 in Chinese, nothing written."""

import json
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fazhi.api import services as token_services
from fazhi.core import versions
from fazhi.decisions import services
from fazhi.decisions.models import DecisionProcedure, Status, Step
from tests.decisions.helpers import attach, decide, make_decision, ready_for_decision, snapshot
from tests.ledger_world import png_bytes

pytestmark = pytest.mark.django_db

KIND = "major-decisions"


def _client(world, role) -> Client:
    _, key = token_services.token_create(user=world.users[role], name="测试脚本", days=1)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _actions_url(decision):
    return reverse("api:ledger_record_actions", kwargs={"kind": KIND, "pk": decision.pk})


def _action_url(decision, action):
    return reverse(
        "api:ledger_record_action", kwargs={"kind": KIND, "pk": decision.pk, "action": action}
    )


def _post(client, decision, action, data, **headers):
    return client.post(
        _action_url(decision, action),
        json.dumps(data),
        content_type="application/json",
        **headers,
    )


def test_the_open_actions_are_the_pages_with_the_decisions_attachments_as_choices(world):
    decision = make_decision(world)
    evidence = attach(decision, "论证意见.png")
    body = _client(world, "clerk").get(_actions_url(decision)).json()
    assert [row["name"] for row in body] == services.open_actions(world.users["clerk"], decision)
    assert [row["name"] for row in body] == [
        "participation_open",
        "procedure",
        "waive",
    ]
    procedure = next(row for row in body if row["name"] == "procedure")
    assert procedure["label"] == "专家论证 / 风险评估完成"
    fields = {field["name"]: field for field in procedure["fields"]}
    assert fields["attachment"]["type"] == "choice" and fields["attachment"]["required"] is False
    assert fields["attachment"]["choices"] == [{"value": str(evidence.pk), "label": str(evidence)}]
    assert {c["value"] for c in fields["step"]["choices"]} == {Step.EXPERT, Step.RISK}

    # The reviewer sees the legality review once the procedures before it are done.
    ready = make_decision(world, title="2025年农贸市场搬迁")
    clerk = world.users["clerk"]
    services.procedure_waive(
        actor=clerk, record=ready, step=Step.PARTICIPATION, reason="依法不予公开的事项。"
    )
    for step in (Step.EXPERT, Step.RISK):
        services.procedure_record(
            actor=clerk, record=ready, step=step, done_on=date(2025, 3, 20), evidence="已完成。"
        )
    reviewer = _client(world, "reviewer").get(_actions_url(ready)).json()
    assert [row["name"] for row in reviewer] == ["legality"]
    assert [row["name"] for row in reviewer] == services.open_actions(
        world.users["reviewer"], ready
    )
    reviewed = _post(
        _client(world, "reviewer"),
        ready,
        "legality",
        {
            "submitted_on": "2025-03-21",
            "reviewed_on": "2025-04-01",
            "opinion": "passed",
            "evidence": "合法。",
        },
    )
    assert reviewed.status_code == 200, reviewed.content
    review = DecisionProcedure.objects.get(decision=ready, step=Step.LEGALITY)
    assert (review.opinion, review.recorded_by) == ("passed", world.users["reviewer"])
    assert _client(world, "leader").get(_actions_url(decision)).json() == []
    other = make_decision(world, org="A2")
    assert _client(world, "clerk").get(_actions_url(other)).status_code == 404


def test_a_procedure_with_an_uploaded_attachment_as_evidence(world):
    decision = make_decision(world)
    client = _client(world, "clerk")
    upload = client.post(
        reverse("api:ledger_attachments", kwargs={"kind": KIND, "pk": decision.pk}),
        {
            "file": SimpleUploadedFile("专家意见.png", png_bytes(), content_type="image/png"),
            "category": "document",
        },
    )
    assert upload.status_code == 201, upload.content
    attachment_id = upload.json()["id"]

    response = _post(
        client,
        decision,
        "procedure",
        {
            "step": Step.EXPERT,
            "done_on": "2025-03-20",
            "method": "专家书面论证",
            "evidence": "三位专家均同意。",
            "attachment": attachment_id,
        },
    )
    assert response.status_code == 200, response.content
    procedure = DecisionProcedure.objects.get(decision=decision, step=Step.EXPERT)
    assert procedure.done_on == date(2025, 3, 20)
    assert procedure.evidence_attachment_id == attachment_id
    assert procedure.recorded_by == world.users["clerk"]
    names = [row["name"] for row in client.get(_actions_url(decision)).json()]
    assert names == services.open_actions(world.users["clerk"], decision)


def test_collective_publish_and_file_write_the_decision_as_the_caller(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    client = _client(world, "clerk")
    etag = client.get(reverse("api:ledger_record", kwargs={"kind": KIND, "pk": decision.pk}))[
        "ETag"
    ]
    decided = _post(
        client,
        decision,
        "collective",
        {
            "decided_on": "2025-04-08",
            "meeting": "镇人民政府常务会议",
            "result": "adopted",
            "dissent": "无",
            "evidence": "会议纪要。",
        },
        HTTP_IF_MATCH=etag,
    )
    assert decided.status_code == 200, decided.content
    decision.refresh_from_db()
    assert decision.decided_on == date(2025, 4, 8)
    assert decision.history.latest().history_user == world.users["clerk"]
    assert decided["ETag"] == f'"{versions.current_version(decision)}"' != etag

    published = _post(
        client,
        decision,
        "publish",
        {"published_on": "2025-04-15", "channel": "镇人民政府网站"},
        HTTP_IF_MATCH=decided["ETag"],
    )
    assert published.status_code == 200, published.content
    decision.refresh_from_db()
    assert (decision.status, decision.publication_channel) == (Status.PUBLISHED, "镇人民政府网站")
    assert published.json()["id"] == decision.pk

    filed = _post(client, decision, "file", {"filed_on": "2025-05-06", "dossier_number": "J-1"})
    assert filed.status_code == 200, filed.content
    decision.refresh_from_db()
    assert (decision.filed_on, decision.dossier_number) == (date(2025, 5, 6), "J-1")
    assert decision.history.latest().history_user == world.users["clerk"]


def test_refused_actions_are_chinese_400_403_404_or_412_and_write_nothing(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    foreign = attach(make_decision(world, title="另一项决策"), "别的.png")
    other = make_decision(world, org="A2")
    client = _client(world, "clerk")
    stale_version = versions.current_version(decision)
    decision.remarks = "他人修改"
    decision._history_user = world.users["clerk"]
    decision.save()
    before = snapshot()
    collective = {
        "decided_on": "2025-04-08",
        "meeting": "镇人民政府常务会议",
        "result": "adopted",
        "dissent": "无",
    }

    stale = _post(client, decision, "collective", collective, HTTP_IF_MATCH=f'"{stale_version}"')
    assert stale.status_code == 412 and "他人修改" in stale.json()["detail"]

    wrong_attachment = _post(
        client, decision, "collective", {**collective, "attachment": foreign.pk}
    )
    assert wrong_attachment.status_code == 400
    assert list(wrong_attachment.json()) == ["attachment"]
    bad_date = _post(client, decision, "collective", {**collective, "decided_on": "明天"})
    assert bad_date.status_code == 400 and list(bad_date.json()) == ["decided_on"]

    not_open = _post(client, decision, "publish", {"published_on": "2025-04-15", "channel": "网"})
    assert not_open.status_code == 400
    assert any("\u4e00" <= c <= "\u9fff" for c in not_open.json()["non_field_errors"][0])

    with_file = client.post(
        _action_url(decision, "collective"),
        {**collective, "attachment": SimpleUploadedFile("纪要.png", png_bytes())},
    )
    assert with_file.status_code == 400
    assert "附件接口" in with_file.json()["non_field_errors"][0]

    legality = _post(client, decision, "legality", {"opinion": "passed"})
    assert legality.status_code == 403  # only the township's reviewer records it
    assert _post(client, other, "waive", {"step": Step.RISK, "reason": "无"}).status_code == 404
    assert _post(client, decision, "no_such_action", {}).status_code == 404
    assert snapshot() == before


def test_a_decided_decision_offers_publication_only(world):
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    body = _client(world, "clerk").get(_actions_url(decision)).json()
    assert [row["name"] for row in body] == ["publish"]
    fields = [field["name"] for field in body[0]["fields"]]
    assert fields == ["published_on", "channel", "late_reason"]  # no seen_version: If-Match
