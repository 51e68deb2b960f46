"""Annual report actions over the API carry the version's version (ETag / If-Match): the
version detail answers it, an action on a stale one is 412 and changes nothing; an action
without If-Match is not checked, as the ledger API's actions."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core import versions
from fazhi.reports import services
from fazhi.reports.models import ReportVersion, State
from tests.reports.helpers import YEAR, meeting

pytestmark = pytest.mark.django_db
TODAY = date(YEAR + 1, 2, 10)


def _draft(world):
    meeting(world.orgs["A1"])
    return services.report_create(actor=None, organisation=world.orgs["A1"], year=YEAR, today=TODAY)


def _url(name, world, *args):
    return reverse(f"api:{name}", args=[world.orgs["A1"].code, YEAR, 1, *args])


def _as(client, world, role):
    client.force_login(world.users[role])
    return client


def test_the_version_detail_answers_its_version_as_the_etag(client, world):
    draft = _draft(world)
    response = _as(client, world, "clerk").get(_url("report-version", world))
    assert response.status_code == 200
    assert response["ETag"] == f'"{versions.current_version(draft)}"' != '"0"'


def test_an_action_on_the_current_version_runs_and_answers_the_new_etag(client, world):
    draft = _draft(world)
    _as(client, world, "leader")
    etag = client.get(_url("report-version", world))["ETag"]
    approved = client.post(_url("report-action", world, "approve"), HTTP_IF_MATCH=etag)
    assert approved.status_code == 200, approved.content
    draft.refresh_from_db()
    assert draft.state == State.APPROVED
    assert draft.history.latest().history_user == world.users["leader"]
    assert approved["ETag"] == f'"{versions.current_version(draft)}"' != etag
    # "*" means any version; no If-Match at all is not checked either.
    submitted = client.post(
        _url("report-action", world, "submit"), {"submitted_on": "2025-02-20"}, HTTP_IF_MATCH="*"
    )
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"


def test_an_action_on_a_stale_version_is_412_in_chinese_and_changes_nothing(client, world):
    draft = _draft(world)
    _as(client, world, "leader")
    stale = client.get(_url("report-version", world))["ETag"]
    services.version_approve(actor=world.users["leader"], version=draft)  # someone else
    draft.refresh_from_db()
    current = versions.current_version(draft)
    rows = draft.history.count()

    refused = client.post(
        _url("report-action", world, "submit"), {"submitted_on": "2025-02-20"}, HTTP_IF_MATCH=stale
    )
    assert refused.status_code == 412
    body = refused.json()
    assert body["detail"].startswith("该版本已被他人改动，本次操作未办理：")
    assert body["current_version"] == current
    draft.refresh_from_db()
    assert (draft.state, draft.submitted_on) == (State.APPROVED, None)
    assert draft.history.count() == rows

    # A copy (new version) is refused too: no second version appears.
    again = client.post(_url("report-action", world, "new_version"), HTTP_IF_MATCH='W/"1"')
    assert again.status_code == 412
    assert ReportVersion.objects.filter(report=draft.report).count() == 1

    # With the current version it runs.
    sent = client.post(
        _url("report-action", world, "submit"),
        {"submitted_on": "2025-02-20"},
        HTTP_IF_MATCH=f'"{current}"',
    )
    assert sent.status_code == 200 and sent.json()["state"] == "submitted"


def test_the_countys_return_on_a_stale_version_is_412(client, world):
    draft = _draft(world)
    leader = world.users["leader"]
    services.version_approve(actor=leader, version=draft)
    services.version_submit(actor=leader, version=draft, submitted_on=date(YEAR + 1, 2, 20))
    _as(client, world, "inspector")
    stale = client.get(_url("report-version", world))["ETag"]
    draft.refresh_from_db()
    draft._history_user = world.users["leader"]  # someone saved it since (e.g. publication)
    draft.save()
    refused = client.post(
        _url("report-action", world, "return"), {"reason": "数字有误"}, HTTP_IF_MATCH=stale
    )
    assert refused.status_code == 412
    draft.refresh_from_db()
    assert draft.returned_at is None and draft.return_reason == ""
    # A bad input with the current version is a 400 and writes nothing either.
    current = client.get(_url("report-version", world))["ETag"]
    url = _url("report-action", world, "return")
    empty = client.post(url, {"reason": ""}, HTTP_IF_MATCH=current)
    assert empty.status_code == 400 and "reason" in empty.json()
    draft.refresh_from_db()
    assert draft.returned_at is None
    returned = client.post(url, {"reason": "数字有误"}, HTTP_IF_MATCH=current)
    assert returned.status_code == 200 and returned.json()["return_reason"] == "数字有误"
    draft.refresh_from_db()
    assert draft.returned_by == world.users["inspector"]
