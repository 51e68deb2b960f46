"""Edit versions (fazhi.core.versions) and the workflow actions' use of them (run_action)."""

from datetime import date

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from fazhi.core import versions
from fazhi.core.actions import run_action
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create, record_update

pytestmark = pytest.mark.django_db
KIND = get_kind("study-sessions")
VALUES = {
    "occurred_on": date(2025, 5, 6),
    "session_type": "lecture",
    "topic": "信访工作条例专题讲座",
    "attendees": 25,
    "hours": 2,
}


class DayForm(versions.VersionedForm):
    day = forms.DateField(label="日期")


def _record(world):
    return record_create(actor=None, kind=KIND, organisation=world.orgs["A1"], data=VALUES)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_the_version_is_the_latest_history_row_and_moves_with_every_save(world):
    assert versions.current_version(None) == "0"
    record = _record(world)
    first = versions.current_version(record)
    assert first == str(record.history.get().history_id)
    record_update(actor=world.users["clerk"], kind=KIND, record=record, data={"attendees": 30})
    second = versions.current_version(record)
    assert int(second) > int(first)
    assert versions.current_versions(type(record), [record.pk]) == {record.pk: second}


def test_a_stale_update_is_refused_naming_who_changed_what_and_changes_nothing(world):
    record = _record(world)
    seen = versions.current_version(record)
    clerk = world.users["clerk"]
    clerk.display_name = "张三"
    clerk.save()
    record_update(
        actor=clerk, kind=KIND, record=record, data={"topic": "新主题"}, seen_version=seen
    )
    stale = KIND.model.objects.get(pk=record.pk)
    with pytest.raises(versions.StaleEdit) as refused:
        record_update(
            actor=None, kind=KIND, record=stale, data={"attendees": 40}, seen_version=seen
        )
    error = refused.value
    assert (
        error.message.startswith("您打开此页面之后，张三于") and "修改了学习主题" in error.message
    )
    assert error.current == versions.current_version(record) != seen
    [entry] = error.changes()
    assert (entry.who, [(c.label, c.old, c.new) for c in entry.changes]) == (
        "张三",
        [("学习主题", "信访工作条例专题讲座", "新主题")],
    )
    record.refresh_from_db()
    assert (record.topic, record.attendees) == ("新主题", 25)
    # Without a version (imports, scripts) nothing is checked.
    assert record_update(actor=None, kind=KIND, record=stale, data={"attendees": 40})


def test_run_action_refuses_a_stale_form_before_its_precondition(world):
    record = _record(world)
    seen = versions.current_version(record)
    record_update(actor=None, kind=KIND, record=record, data={"attendees": 30})
    request, calls = _request(), []
    form = DayForm({"day": "2025-06-01", "seen_version": seen})
    ran = run_action(
        request,
        form,
        calls.append,
        done="已办理。",
        failed="登记未保存：",
        check=lambda: calls.append("checked"),
        record=record,
    )
    assert ran is False and calls == [] and form.stale.seen == seen
    [message] = [m.message for m in get_messages(request)]
    assert message.startswith("登记未保存：您打开此页面之后，系统于")
    versions.keep_input(form, form.stale)
    assert form["seen_version"].value() == versions.current_version(record)
    assert form["day"].value() == "2025-06-01" and form.conflict.entries

    # With the current version the action runs, without the version in its data.
    form = DayForm({"day": "2025-06-01", "seen_version": versions.current_version(record)})
    assert run_action(_request(), form, calls.append, done="已办理。", record=record)
    assert [str(data["day"]) for data in calls] == ["2025-06-01"] and "seen_version" not in calls[0]
