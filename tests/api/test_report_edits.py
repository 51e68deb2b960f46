"""Editing a draft annual report over the API, as on the editor page: part texts with figures by
name, the title block, suggestions; each update carries its object's version (If-Match: 428
without, 412 stale), a locked version is refused in Chinese, bad input writes nothing."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core import versions
from fazhi.reports import services
from fazhi.reports.models import PartText, ReportVersion, State, Suggestion
from tests.reports.helpers import YEAR, meeting
from tests.snapshots import database_state

pytestmark = pytest.mark.django_db
TODAY = date(YEAR + 1, 2, 10)
MODELS = (PartText, ReportVersion, Suggestion)


def _draft(world, org="A1"):
    meeting(world.orgs[org])
    return services.report_create(actor=None, organisation=world.orgs[org], year=YEAR, today=TODAY)


def _url(name, world, *args, org="A1"):
    return reverse(f"api:{name}", args=[world.orgs[org].code, YEAR, 1, *args])


def _as(client, world, role):
    client.force_login(world.users[role])
    return client


def _put(client, url, data, etag=None, method="put"):
    headers = {"HTTP_IF_MATCH": etag} if etag else {}
    return getattr(client, method)(url, data, content_type="application/json", **headers)


def test_a_part_is_read_and_written_with_figures_by_name_as_the_caller(client, world):
    draft = _draft(world)
    url = _url("report-part", world, "achievements")
    shown = _as(client, world, "clerk").get(url)
    assert shown.status_code == 200
    part = draft.parts.get(key="achievements")
    assert shown["ETag"] == f'"{versions.current_version(part)}"' != '"0"'
    assert shown.json()["label"] == "主要举措和成效"
    assert "{法治建设领导小组（依法治镇委员会）会议}" in shown.json()["text"]
    assert "governance." not in shown.json()["text"]
    text = "全年开展{学法活动}次，上年{学法活动·上年}次。\n（一）另一段"
    saved = _put(client, url, {"text": text}, shown["ETag"])
    assert saved.status_code == 200, saved.content
    assert saved.json()["text"] == text
    part.refresh_from_db()
    assert part.text == "全年开展{study.sessions}次，上年{study.sessions@prev}次。\n（一）另一段"
    assert part.history.latest().history_user == world.users["clerk"]
    assert saved["ETag"] == f'"{versions.current_version(part)}"' != shown["ETag"]
    # PATCH is the same update; a catalogue code is accepted as on the page.
    patched = _put(client, url, {"text": "{study.sessions}次"}, saved["ETag"], "patch")
    assert patched.status_code == 200 and patched.json()["text"] == "{学法活动}次"
    # Another part answers its own version: the achievements' ETag is stale there.
    other = _url("report-part", world, "other")
    assert _put(client, other, {"text": "其他"}, patched["ETag"]).status_code == 412
    assert _put(client, other, {"text": "其他"}, client.get(other)["ETag"]).status_code == 200


def test_updates_without_if_match_stale_or_bad_write_nothing(client, world):
    draft = _draft(world)
    url = _url("report-part", world, "achievements")
    etag = _as(client, world, "clerk").get(url)["ETag"]
    before = database_state(*MODELS)
    missing = _put(client, url, {"text": "新的正文"})
    assert missing.status_code == 428 and "If-Match" in missing.json()["detail"]
    bad = _put(client, url, {"text": "另有{学法活冻}次"}, etag)
    assert bad.status_code == 400
    assert bad.json()["text"] == [
        "“{学法活冻}”不是指标目录中的数字名称：请用“插入数字”搜索后插入。"
    ]
    assert _put(client, url, {"text": "a\x00b"}, etag).status_code == 400
    assert _put(client, url, {}, etag).json() == {"text": ["该字段是必填项。"]}
    assert database_state(*MODELS) == before
    # Someone saves the part after the caller read it: the caller's save is 412.
    services.part_save(
        actor=world.users["leader"], version=draft, key="achievements", text="领导改"
    )
    before = database_state(*MODELS)
    stale = _put(client, url, {"text": "录入员改"}, etag)
    assert stale.status_code == 412 and "已被他人改动" in stale.json()["detail"]
    assert stale.json()["current_version"] == versions.current_version(
        draft.parts.get(key="achievements")
    )
    # A version beyond any id column's range is stale too, never a server error.
    assert _put(client, url, {"text": "录入员改"}, '"' + "9" * 40 + '"').status_code == 412
    assert database_state(*MODELS) == before
    assert _put(client, url, {"text": "录入员改"}, "*").status_code == 200
    assert draft.parts.get(key="achievements").text == "录入员改"
    assert client.get(_url("report-part", world, "nothing")).status_code == 404


def test_only_drafters_of_the_township_edit_and_only_a_draft(client, world):
    draft = _draft(world)
    _draft(world, "A2")
    url = _url("report-part", world, "achievements")
    # The inspector reads submitted reports but never edits; the reviewer reads none.
    refused = _as(client, world, "inspector").get(url)
    assert refused.status_code == 403 and refused.json()["detail"] == "您无权修改该单位的年度报告。"
    assert _as(client, world, "reviewer").get(url).status_code == 403
    # Another township's draft does not exist for the clerk.
    other = _url("report-part", world, "achievements", org="A2")
    assert (
        _as(client, world, "clerk").put(other, {"text": "x"}, HTTP_IF_MATCH="*").status_code == 404
    )
    services.version_approve(actor=world.users["leader"], version=draft, today=TODAY)
    before = database_state(*MODELS)
    locked = _put(client, url, {"text": "审定后再改"}, "*")
    assert locked.status_code == 400
    assert locked.json() == {"non_field_errors": ["该版本已审定，不能修改；如需修改，请新建版本。"]}
    # As the page: the version's state is refused before the input is read.
    assert _put(client, url, {"text": "{学法活冻}"}).json() == locked.json()
    details = _put(client, _url("report-details", world), {"title": "新标题"}, "*", "patch")
    assert details.status_code == 400 and "不能修改" in str(details.json())
    assert database_state(*MODELS) == before
    assert ReportVersion.objects.get(pk=draft.pk).state == State.APPROVED


def test_the_title_block_carries_the_versions_etag(client, world):
    draft = _draft(world)
    url = _url("report-details", world)
    _as(client, world, "leader")
    shown = client.get(url)
    assert shown["ETag"] == client.get(_url("report-version", world))["ETag"]
    assert shown.json()["title"] == draft.title
    before = database_state(*MODELS)
    bad = _put(client, url, {"signed_on": f"{YEAR - 1}-12-31"}, shown["ETag"], "patch")
    assert bad.json() == {"signed_on": ["成文日期不能早于报告年度。"]}
    assert _put(client, url, {"title": ""}, shown["ETag"], "patch").status_code == 400
    assert _put(client, url, {"title": "只改标题"}, shown["ETag"]).status_code == 400  # PUT: all
    assert database_state(*MODELS) == before
    saved = _put(client, url, {"title": "甲镇2025年度法治政府建设情况报告"}, shown["ETag"], "patch")
    assert saved.status_code == 200 and saved.json()["signed_on"] == draft.signed_on.isoformat()
    draft.refresh_from_db()
    assert draft.title == "甲镇2025年度法治政府建设情况报告"
    assert draft.history.latest().history_user == world.users["leader"]
    # The version's ETag moved: an action on the old one is stale.
    assert saved["ETag"] != shown["ETag"]
    stale = client.post(_url("report-action", world, "approve"), HTTP_IF_MATCH=shown["ETag"])
    assert stale.status_code == 412


def test_suggestions_are_added_kept_edited_and_dropped(client, world):
    _draft(world)
    _as(client, world, "clerk")
    listed = client.get(_url("report-suggestions", world))
    assert listed.status_code == 200
    before = database_state(*MODELS)
    wrong = client.post(
        _url("report-suggestions", world),
        {"part": "achievements", "text": "x"},
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "part" in wrong.json()
    empty = client.post(
        _url("report-suggestions", world), {"part": "plans"}, content_type="application/json"
    )
    assert empty.json() == {"text": ["该字段是必填项。"]}
    assert database_state(*MODELS) == before
    added = client.post(
        _url("report-suggestions", world),
        {"part": "plans", "text": "明年学法活动不少于{学法活动}次"},
        content_type="application/json",
    )
    assert added.status_code == 201, added.content
    body = added.json()
    assert body["drafted"] is False and body["state"] == "edited"
    item = Suggestion.objects.get(pk=body["id"])
    assert item.text == "明年学法活动不少于{study.sessions}次"
    assert item.history.latest().history_user == world.users["clerk"]
    assert added["ETag"] == f'"{versions.current_version(item)}"'
    url = _url("report-suggestion", world, item.pk)
    assert _put(client, url, {"state": "dropped"}).status_code == 428
    before = database_state(*MODELS)
    empty = _put(client, url, {"state": "edited", "text": ""}, added["ETag"])
    assert empty.json() == {"text": ["修改后的内容不能为空；不需要这一条请选择删除。"]}
    assert _put(client, url, {"state": "maybe"}, added["ETag"]).status_code == 400
    assert database_state(*MODELS) == before
    edited = _put(client, url, {"state": "edited", "text": "{学法活动·较上年}"}, added["ETag"])
    assert edited.status_code == 200 and edited.json()["text"] == "{学法活动·较上年}"
    stale = _put(client, url, {"state": "dropped"}, added["ETag"], "patch")
    assert stale.status_code == 412
    dropped = _put(client, url, {"state": "dropped"}, edited["ETag"], "patch")
    assert dropped.json()["state_label"] == "删除"
    assert {s["id"] for s in client.get(_url("report-suggestions", world)).json()} == {
        s["id"] for s in listed.json()
    } | {item.pk}
    assert client.get(_url("report-suggestion", world, 999999)).status_code == 404


def test_a_token_writes_in_the_history_as_its_person(client, world):
    from fazhi.api import services as api_services

    draft = _draft(world)
    _token, key = api_services.token_create(user=world.users["leader"], name="脚本", days=30)
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    url = _url("report-part", world, "first_responsible")
    etag = client.get(url, **auth)["ETag"]
    saved = client.put(
        url,
        {"text": "主要负责人履行第一责任人职责。"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **auth,
    )
    assert saved.status_code == 200, saved.content
    part = draft.parts.get(key="first_responsible")
    assert part.history.latest().history_user == world.users["leader"]
