"""Supervision findings written over the API as on the finding pages: the inspector opens a
visit's finding, the township rectifies (with an evidence file), the inspector returns or closes
it; each role as the pages allow, another township's finding 404, bad input writes nothing."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from fazhi.core import versions
from fazhi.supervision.models import Finding, FindingState, Rectification
from tests.snapshots import database_state
from tests.supervision.helpers import PDF, finding, pdf

pytestmark = pytest.mark.django_db
MODELS = (Finding, Rectification)


def _as(client, world, role):
    client.force_login(world.users[role])
    return client


def _act(client, item, action, data=None, etag=None, **extra):
    headers = {"HTTP_IF_MATCH": etag} if etag else {}
    url = reverse("api:finding-action", args=[item.pk, action])
    if extra.get("multipart"):
        return client.post(url, data or {}, **headers)
    return client.post(url, data or {}, content_type="application/json", **headers)


def _visit(world, **changes):
    today = timezone.localdate()
    return {
        "organisation": world.orgs["A1"].code,
        "found_on": today.isoformat(),
        "year": today.year,
        "title": "行政执法公示不及时",
        "detail": "抽查 5 宗案件，2 宗未按期公示。",
        "rectify_by": date(today.year + 1, 1, 31).isoformat(),
        **changes,
    }


def test_the_inspector_opens_a_visits_finding_as_the_page(client, world):
    url = reverse("api:finding-list")
    before = database_state(*MODELS)
    # Other roles are refused as on the page, before any input is read.
    refused = _as(client, world, "clerk").post(url, _visit(world), content_type="application/json")
    assert refused.status_code == 403 and "督察" in refused.json()["detail"]
    _as(client, world, "inspector")
    # Another county's township is not one the inspector may choose.
    other = client.post(
        url, _visit(world, organisation=world.orgs["B1"].code), content_type="application/json"
    )
    assert other.json() == {"organisation": ["请选择本县（区）的乡镇（街道）。"]}
    late = client.post(url, _visit(world, rectify_by="2000-01-01"), content_type="application/json")
    assert late.json() == {"non_field_errors": ["整改期限不能早于发现日期。"]}
    assert client.post(url, _visit(world, title=""), content_type="application/json").json() == {
        "title": ["该字段不能为空。"]
    }
    assert (
        client.post(url, _visit(world, year="x"), content_type="application/json").status_code
        == 400
    )
    assert database_state(*MODELS) == before
    made = client.post(url, _visit(world), content_type="application/json")
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["state"] == "open" and body["source"] == "visit"
    assert body["organisation_code"] == world.orgs["A1"].code and body["rectifications"] == []
    item = Finding.objects.get(pk=body["id"])
    assert item.opened_by == world.users["inspector"] and item.title == "行政执法公示不及时"
    assert item.history.latest().history_user == world.users["inspector"]
    assert made["ETag"] == f'"{versions.current_version(item)}"'
    assert [f["id"] for f in client.get(url).json()] == [item.pk]


def test_rectify_return_and_close_through_the_services_as_the_caller(client, world):
    item = finding(world.orgs["A1"], actor=world.users["inspector"])
    today = timezone.localdate().isoformat()
    # The inspector may not rectify, the clerk may not close: 403 whatever was sent.
    before = database_state(*MODELS)
    assert _act(_as(client, world, "inspector"), item, "rectify").status_code == 403
    assert _act(_as(client, world, "clerk"), item, "close").status_code == 403
    # The clerk's bad input: Chinese field messages, nothing written.
    assert _act(client, item, "rectify", {"done_on": today}).json() == {
        "text": ["请填写整改情况。"]
    }
    future = _act(client, item, "rectify", {"text": "已整改", "done_on": "2999-01-01"})
    assert future.status_code == 400 and "done_on" in future.json()
    assert _act(client, item, "fly").status_code == 404
    assert database_state(*MODELS) == before
    etag = client.get(reverse("api:finding-detail", args=[item.pk]))["ETag"]
    done = _act(
        client,
        item,
        "rectify",
        {"text": "已补录公示", "done_on": today, "file": pdf()},
        etag,
        multipart=True,
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "rectified"
    assert done.json()["rectifications"][0]["file_name"] == "整改佐证.pdf"
    rectification = Rectification.objects.get(finding=item)
    assert rectification.submitted_by == world.users["clerk"]
    assert rectification.stored_file.size == len(PDF)
    item.refresh_from_db()
    assert item.history.latest().history_user == world.users["clerk"]
    # Done again on the old version: 412, nothing written.
    before = database_state(*MODELS)
    stale = _act(client, item, "rectify", {"text": "再次", "done_on": today}, etag)
    assert stale.status_code == 412 and "已被他人办理" in stale.json()["detail"]
    assert database_state(*MODELS) == before
    # The inspector returns it with a reason, the clerk rectifies again, the inspector closes.
    _as(client, world, "inspector")
    assert _act(client, item, "return").json() == {"reason": ["请填写退回理由。"]}
    returned = _act(client, item, "return", {"reason": "缺少公示截图"}, done["ETag"])
    assert returned.status_code == 200 and returned.json()["state"] == "open"
    assert returned.json()["rectifications"][0]["return_reason"] == "缺少公示截图"
    refused = _act(client, item, "close")
    assert refused.status_code == 400 and "只有乡镇（街道）填报整改情况后才能销号" in str(
        refused.json()
    )
    _act(_as(client, world, "leader"), item, "rectify", {"text": "已补截图", "done_on": today})
    closed = _act(_as(client, world, "inspector"), item, "close", {"note": "同意销号"})
    assert closed.json()["state"] == "closed" and closed.json()["close_note"] == "同意销号"
    item.refresh_from_db()
    assert item.state == FindingState.CLOSED and item.closed_by == world.users["inspector"]


def test_another_townships_finding_does_not_exist(client, world):
    other = finding(world.orgs["A2"])
    before = database_state(*MODELS)
    today = timezone.localdate().isoformat()
    response = _act(_as(client, world, "clerk"), other, "rectify", {"text": "x", "done_on": today})
    assert response.status_code == 404
    assert _act(_as(client, world, "advisor"), other, "rectify").status_code == 403
    assert database_state(*MODELS) == before
