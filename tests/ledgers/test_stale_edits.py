"""No lost update on the ledger form: two people open the same record, the second save is refused
with the first person's change shown, the first's data stays and the second's input is kept."""

import dataclasses
from datetime import date

import pytest
from django.urls import reverse

from fazhi.ledgers import registry
from fazhi.ledgers.services import record_create
from tests.editors import editor, seen_version
from tests.ledgers.helpers import form_data

pytestmark = pytest.mark.django_db

VALUES = {
    "occurred_on": date(2025, 5, 6),
    "session_type": "lecture",
    "topic": "信访工作条例专题讲座",
    "presenter": "欧阳明华",
    "attendees": 25,
    "hours": 2,
}


@pytest.fixture
def kind():
    return registry.get_kind("study-sessions")


@pytest.fixture
def record(world, kind):
    return record_create(actor=None, kind=kind, organisation=world.orgs["A1"], data=VALUES)


def _post(client, url, kind, world, changes, version):
    data = form_data(kind, {**VALUES, **changes}, world.orgs["A1"])
    return client.post(url, {**data, "seen_version": version})


def test_the_second_of_two_edits_is_refused_showing_the_first(world, kind, record):
    zhang, li = editor(world, "zhang", "张三"), editor(world, "li", "李四")
    url = reverse("ledgers:edit", args=[kind.slug, record.pk])
    zhang_version = seen_version(zhang.get(url).content.decode())
    li_version = seen_version(li.get(url).content.decode())
    assert zhang_version == li_version

    saved = _post(zhang, url, kind, world, {"topic": "张三改的主题"}, zhang_version)
    assert saved.status_code == 302

    refused = _post(li, url, kind, world, {"topic": "李四改的主题", "attendees": 40}, li_version)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存未生效" in html and "修改已保存" not in html
    # Who, when and what: the history row of 张三's save.
    history = record.history.order_by("-history_id").first()
    assert history.history_user.display_name == "张三"
    assert f"张三于{history.history_date.astimezone():%Y-%m-%d %H:%M}" in html
    assert "学习主题：信访工作条例专题讲座 → 张三改的主题" in html
    # 李四's typed input is shown again, not the saved values.
    assert 'value="李四改的主题"' in html and 'value="40"' in html
    # 张三's data stays.
    record.refresh_from_db()
    assert (record.topic, record.attendees) == ("张三改的主题", 25)

    # The form now carries the current version: saving again is 李四's deliberate choice.
    current = seen_version(html)
    assert current not in ("", li_version)
    again = _post(li, url, kind, world, {"topic": "李四改的主题", "attendees": 40}, current)
    assert again.status_code == 302
    record.refresh_from_db()
    assert (record.topic, record.attendees) == ("李四改的主题", 40)


def test_an_ordinary_edit_saves_and_moves_the_version_on(world, kind, record):
    zhang = editor(world, "zhang", "张三")
    url = reverse("ledgers:edit", args=[kind.slug, record.pk])
    first = seen_version(zhang.get(url).content.decode())
    assert _post(zhang, url, kind, world, {"attendees": 30}, first).status_code == 302
    second = seen_version(zhang.get(url).content.decode())
    assert int(second) > int(first)
    assert _post(zhang, url, kind, world, {"attendees": 31}, second).status_code == 302
    record.refresh_from_db()
    assert record.attendees == 31
    # A form opened before those saves is stale now.
    assert _post(zhang, url, kind, world, {"attendees": 99}, first).status_code == 409
    record.refresh_from_db()
    assert record.attendees == 31


def test_the_other_persons_change_is_masked_as_the_field_is(world, monkeypatch, record):
    original = registry.get_kind("study-sessions")
    kind = dataclasses.replace(original, personal_fields={"presenter": "name"})
    monkeypatch.setitem(registry._KINDS, original.slug, kind)
    zhang, li = editor(world, "zhang", "张三"), editor(world, "li", "李四")
    url = reverse("ledgers:edit", args=[kind.slug, record.pk])
    version = seen_version(zhang.get(url).content.decode())
    assert _post(zhang, url, kind, world, {"presenter": "王小明"}, version).status_code == 302
    # 李四 sees the name masked and sends the mask back.
    refused = _post(li, url, kind, world, {"presenter": "欧***", "attendees": 40}, version)
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "主讲人：欧*** → 王**" in html
    assert "王小明" not in html and "欧阳明华" not in html


def test_the_create_form_carries_no_version(client, world, kind):
    client.force_login(world.users["clerk"])
    html = client.get(reverse("ledgers:create", args=[kind.slug])).content.decode()
    assert seen_version(html) == ""
