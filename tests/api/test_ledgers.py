"""The ledger API (fazhi.api.ledgers): every kind from the registry, scoped and masked as the
pages, writes through the services as the API's user, updates guarded by ETag / If-Match."""

import json
import re
from datetime import date
from itertools import chain, islice
from random import Random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.api import services as token_services
from fazhi.core import versions
from fazhi.ledgers import selectors
from fazhi.ledgers.models import Attachment, PersonalDataAccess
from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.services import record_create
from fazhi.ledgers.views import PAGE_SIZE
from tests.ledger_world import png_bytes, sample_values

pytestmark = pytest.mark.django_db

MEETINGS = "governance-meetings"
PETITIONS = "petitions"


def _json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder)


def _token_client(user) -> Client:
    _, key = token_services.token_create(user=user, name="测试脚本", days=1)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _session(world, role) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _records_url(slug):
    return reverse("api:ledger_records", kwargs={"kind": slug})


def _record_url(record, slug, name="api:ledger_record"):
    return reverse(name, kwargs={"kind": slug, "pk": record.pk})


def _payload(kind, organisation, seed=1) -> dict:
    values = sample_values(kind, organisation, seed)
    return {"organisation": organisation.code, **values}


# --- kinds ----------------------------------------------------------------------------------


def test_the_kinds_are_those_the_role_may_view_with_chinese_field_labels(world):
    body = _session(world, "clerk").get(reverse("api:ledger_kinds")).json()
    assert [row["slug"] for row in body] == [kind.slug for kind in all_kinds()]
    petitions = next(row for row in body if row["slug"] == PETITIONS)
    assert petitions["label"] == get_kind(PETITIONS).label and petitions["may_edit"] is True
    fields = {field["name"]: field for field in petitions["fields"]}
    assert fields["organisation"]["label"] == "单位"
    assert fields["petitioner"]["personal"] is True
    assert fields["occurred_on"]["type"] == "date"

    advisor = _session(world, "advisor").get(reverse("api:ledger_kinds")).json()
    assert [row["slug"] for row in advisor] == [k.slug for k in all_kinds() if k.advisor_kind]


# --- list -----------------------------------------------------------------------------------


def test_a_list_holds_the_townships_records_only_with_the_pages_filters(world, ledger_world):
    client = _session(world, "clerk")
    kind = get_kind(MEETINGS)
    response = client.get(_records_url(MEETINGS))
    assert response.status_code == 200
    body = response.json()
    own = ledger_world.records[(MEETINGS, "A1")]
    assert body["count"] == 1 and body["page_size"] == PAGE_SIZE
    assert [row["id"] for row in body["results"]] == [own.pk]
    assert body["results"][0]["organisation"] == world.orgs["A1"].code
    assert body["results"][0]["organisation_name"] == "甲镇"
    assert body["results"][0]["record_name"] == kind.record_name(own)
    # The page's filters: year, organisation by code, free text.
    year = own.occurred_on.year
    assert client.get(_records_url(MEETINGS), {"year": year}).json()["count"] == 1
    assert client.get(_records_url(MEETINGS), {"year": year - 1}).json()["count"] == 0
    code = world.orgs["A1"].code
    assert client.get(_records_url(MEETINGS), {"organisation": code}).json()["count"] == 1
    # Another township's code is refused, never counted.
    other = client.get(_records_url(MEETINGS), {"organisation": world.orgs["A2"].code})
    assert other.status_code == 400
    assert "不在您的权限范围内" in other.json()["organisation"][0]


def test_a_county_inspector_lists_every_township_of_the_county_sorted(world, ledger_world):
    client = _session(world, "inspector")
    kind = get_kind(MEETINGS)
    for day in (date(2025, 3, 1), date(2025, 6, 1)):
        values = {**sample_values(kind, world.orgs["A2"]), "occurred_on": day}
        record_create(actor=None, kind=kind, organisation=world.orgs["A2"], data=values)
    body = client.get(_records_url(MEETINGS), {"sort": "-occurred_on"}).json()
    expected = selectors.records_for(world.users["inspector"], kind).order_by("-occurred_on")
    assert body["count"] == 4
    assert [row["occurred_on"] for row in body["results"]] == [
        record.occurred_on.isoformat() for record in expected
    ]
    assert {row["organisation"] for row in body["results"]} == {"100001101", "100001102"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "会\x00议"},
        {"year": "9" * 400},
        {"month": "13"},
        {"sort": "petitioner"},
        {"organisation": "\x00" * 40},
        {"meeting_type": "nonsense"},
    ],
)
def test_bad_query_parameters_are_a_chinese_400(world, params):
    response = _session(world, "clerk").get(_records_url(MEETINGS), params)
    assert response.status_code == 400, response.content
    messages = [m for errors in response.json().values() for m in errors]
    assert messages and all(any("\u4e00" <= c <= "\u9fff" for c in m) for m in messages)


def test_a_page_past_the_end_is_the_last_page(world, ledger_world):
    body = _session(world, "clerk").get(_records_url(MEETINGS), {"page": "999999"}).json()
    assert body["page"] == 1 and len(body["results"]) == 1


@pytest.mark.parametrize(
    "query, field",
    [
        ({"page": "99999999999"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "null"}, "page"),
        ({"archived": "yes"}, "archived"),
        ({"sort": "-no_such_field"}, "sort"),
        ({"month": "13"}, "month"),
        ({"organisation": "999\x00"}, "organisation"),
    ],
)
def test_a_query_outside_the_schema_is_refused_in_chinese(world, ledger_world, query, field):
    """The page forgives a stray value; a script is told of it (400, the parameter named)."""
    response = _session(world, "clerk").get(_records_url(MEETINGS), query)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert re.search(r"[\u4e00-\u9fff]", response.json()[field][0])


def test_a_parameter_given_twice_is_refused(world, ledger_world):
    response = _session(world, "clerk").get(_records_url(MEETINGS) + "?page=1&page=2")
    assert response.status_code == 400
    assert response.json() == {"page": ["参数“page”只能给一个值。"]}


# Their computed columns read related rows (deadlines, process records, visits), prefetched.
@pytest.mark.parametrize("slug", ["complaints", "enforcement-cases", "follow-up-people"])
def test_a_list_reads_a_constant_number_of_queries(world, slug):
    kind = get_kind(slug)
    client = _session(world, "leader")
    organisation = world.orgs["A1"]
    # The demo's records of two years: distinct numbers, dates and people.
    values = chain(
        *(kind.demo(organisation, year, Random(year), date(year, 12, 31)) for year in (2024, 2025))
    )

    def add(count):
        for data in islice(values, count):
            record_create(actor=None, kind=kind, organisation=organisation, data=data)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_records_url(kind.slug)).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(8)
    assert queries() == few


# --- personal data --------------------------------------------------------------------------


def test_personal_data_is_masked_for_a_clerk_and_nothing_is_logged(world, ledger_world):
    record = ledger_world.records[(PETITIONS, "A1")]
    client = _session(world, "clerk")
    row = client.get(_records_url(PETITIONS)).json()["results"][0]
    assert row["petitioner"] != record.petitioner
    assert row["petitioner"][0] == record.petitioner[0] and "*" in row["petitioner"]
    detail = client.get(_record_url(record, PETITIONS)).json()
    assert detail["id_number"] != record.id_number and "*" in detail["id_number"]
    assert record.petitioner not in detail["record_name"]
    assert not PersonalDataAccess.objects.exists()


def test_personal_data_is_shown_to_a_leader_and_each_read_is_logged(world, ledger_world):
    record = ledger_world.records[(PETITIONS, "A1")]
    client = _session(world, "leader")
    row = client.get(_records_url(PETITIONS)).json()["results"][0]
    assert row["petitioner"] == record.petitioner and row["phone"] == record.phone
    assert client.get(_record_url(record, PETITIONS)).json()["id_number"] == record.id_number
    logged = list(
        PersonalDataAccess.objects.order_by("pk").values_list(
            "user__username", "record_id", "context"
        )
    )
    assert logged == [("leader", record.pk, "api"), ("leader", record.pk, "api")]


# --- create ---------------------------------------------------------------------------------


def test_every_kind_is_created_through_its_service_as_the_tokens_user(world):
    clerk = world.users["clerk"]
    client = _token_client(clerk)
    advisor = _token_client(world.users["advisor"])
    for kind in all_kinds():
        caller = advisor if kind.advisor_kind else client
        organisation = world.orgs["A1V1" if kind.org_level == "village" else "A1"]
        response = caller.post(
            _records_url(kind.slug),
            _json(_payload(kind, organisation)),
            content_type="application/json",
        )
        assert response.status_code == 201, (kind.slug, response.content.decode())
        record = kind.model.objects.get(pk=response.json()["id"])
        assert record.organisation == organisation
        assert response["ETag"] == f'"{versions.current_version(record)}"'
        expected_user = world.users["advisor"] if kind.advisor_kind else clerk
        assert record.history.latest().history_user == expected_user, kind.slug


def test_bad_input_is_a_400_in_chinese_and_writes_nothing(world):
    kind = get_kind(MEETINGS)
    client = _token_client(world.users["clerk"])
    payload = _payload(kind, world.orgs["A1"])
    cases = [
        ({**payload, "occurred_on": "2025-13-40"}, "occurred_on"),
        ({**payload, "occurred_on": "2099-01-01"}, "occurred_on"),  # the service's rule
        ({**payload, "organisation": world.orgs["A2"].code}, "organisation"),
        ({**payload, "organisation": "1" * 400}, "organisation"),
        ({**payload, "meeting_type": "x\x00"}, "meeting_type"),
        ({key: v for key, v in payload.items() if key != "occurred_on"}, "occurred_on"),
    ]
    for data, field in cases:
        response = client.post(_records_url(MEETINGS), _json(data), content_type="application/json")
        assert response.status_code == 400, (field, response.content)
        message = response.json()[field][0]
        assert any("\u4e00" <= c <= "\u9fff" for c in message), message
    assert not kind.model.objects.exists()


def test_roles_that_may_not_write_get_403_and_other_kinds_403_for_the_advisor(world):
    kind = get_kind(MEETINGS)
    data = _json(_payload(kind, world.orgs["A1"]))
    for role in ("leader", "reviewer", "inspector", "advisor"):
        response = _session(world, role).post(
            _records_url(MEETINGS), data, content_type="application/json"
        )
        assert response.status_code == 403, role
        assert "无权" in response.json()["detail"]
    assert _session(world, "advisor").get(_records_url(MEETINGS)).status_code == 403
    assert not kind.model.objects.exists()


# --- detail, update (ETag / If-Match) -------------------------------------------------------


def test_detail_carries_its_version_and_another_townships_record_is_404(world, ledger_world):
    client = _session(world, "clerk")
    own = ledger_world.records[(MEETINGS, "A1")]
    response = client.get(_record_url(own, MEETINGS))
    assert response.status_code == 200
    assert response["ETag"] == f'"{versions.current_version(own)}"'
    assert response.json()["id"] == own.pk
    other = ledger_world.records[(MEETINGS, "A2")]
    missing = client.get(_record_url(other, MEETINGS))
    assert missing.status_code == 404 and "乙镇" not in missing.content.decode()
    assert (
        client.patch(
            _record_url(other, MEETINGS), "{}", content_type="application/json", HTTP_IF_MATCH="*"
        ).status_code
        == 404
    )


def test_an_update_with_the_current_version_saves_as_the_tokens_user(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    client = _token_client(world.users["clerk"])
    etag = client.get(_record_url(record, MEETINGS))["ETag"]
    response = client.patch(
        _record_url(record, MEETINGS),
        _json({"title": "接口修改的议题"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    record.refresh_from_db()
    assert record.title == "接口修改的议题"
    assert record.history.latest().history_user == world.users["clerk"]
    assert response["ETag"] != etag
    assert response["ETag"] == f'"{versions.current_version(record)}"'


def test_an_update_without_if_match_is_428_and_a_stale_one_412_changing_nothing(
    world, ledger_world
):
    record = ledger_world.records[(MEETINGS, "A1")]
    client = _token_client(world.users["clerk"])
    url = _record_url(record, MEETINGS)
    before = record.title
    missing = client.patch(url, _json({"title": "无版本"}), content_type="application/json")
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"] and "覆盖" in missing.json()["detail"]
    stale_etag = client.get(url)["ETag"]
    # Someone else saves in between (the page, say).
    other = _token_client(world.users["clerk"])
    assert (
        other.patch(
            url, _json({"title": "他人的修改"}), content_type="application/json", HTTP_IF_MATCH="*"
        ).status_code
        == 200
    )
    response = client.put(
        url,
        _json({**_payload(get_kind(MEETINGS), world.orgs["A1"]), "title": "过时的修改"}),
        content_type="application/json",
        HTTP_IF_MATCH=stale_etag,
    )
    assert response.status_code == 412
    assert response.json()["detail"].startswith("记录已被他人修改，本次修改未保存")
    record.refresh_from_db()
    assert record.title == "他人的修改" != before
    assert response.json()["current_version"] == versions.current_version(record)


def test_a_bad_update_is_400_and_changes_nothing(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    client = _session(world, "clerk")
    url = _record_url(record, MEETINGS)
    etag = client.get(url)["ETag"]
    response = client.patch(
        url,
        _json({"title": "新议题", "organisation": world.orgs["B1"].code}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 400
    record.refresh_from_db()
    assert record.title != "新议题" and f'"{versions.current_version(record)}"' == etag


def test_a_masked_value_sent_back_keeps_the_real_one(world, ledger_world):
    record = ledger_world.records[(PETITIONS, "A1")]
    client = _session(world, "clerk")
    url = _record_url(record, PETITIONS)
    shown = client.get(url)
    data = {key: shown.json()[key] for key in ("petitioner", "id_number", "phone")}
    response = client.patch(
        url, _json(data), content_type="application/json", HTTP_IF_MATCH=shown["ETag"]
    )
    assert response.status_code == 200, response.content
    real = record.petitioner, record.id_number, record.phone
    record.refresh_from_db()
    assert (record.petitioner, record.id_number, record.phone) == real


# --- archive --------------------------------------------------------------------------------


def test_archiving_needs_a_reason_and_goes_through_the_service(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    client = _token_client(world.users["clerk"])
    url = _record_url(record, MEETINGS, "api:ledger_record_archive")
    empty = client.post(url, _json({"reason": ""}), content_type="application/json")
    assert empty.status_code == 400 and empty.json() == {"reason": ["请填写归档原因。"]}
    record.refresh_from_db()
    assert not record.is_archived
    done = client.post(url, _json({"reason": "重复录入"}), content_type="application/json")
    assert done.status_code == 200 and done.json()["is_archived"] is True
    record.refresh_from_db()
    assert record.archive_reason == "重复录入" and record.archived_by == world.users["clerk"]
    assert client.get(_records_url(MEETINGS)).json()["count"] == 0


def test_archiving_is_refused_to_readers_and_another_townships_record_is_404(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    url = _record_url(record, MEETINGS, "api:ledger_record_archive")
    refused = _session(world, "leader").post(url, {"reason": "x"})
    assert refused.status_code == 403 and refused.json() == {"detail": "您的角色无权修改该记录。"}
    other = ledger_world.records[(MEETINGS, "A2")]
    clerk = _session(world, "clerk")
    missing = clerk.post(_record_url(other, MEETINGS, "api:ledger_record_archive"), {"reason": "x"})
    assert missing.status_code == 404
    other.refresh_from_db()
    record.refresh_from_db()
    assert not other.is_archived and not record.is_archived


# --- attachments ----------------------------------------------------------------------------


def test_attachments_are_listed_uploaded_and_downloaded_as_on_the_page(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    client = _token_client(world.users["clerk"])
    url = _record_url(record, MEETINGS, "api:ledger_attachments")
    listed = client.get(url).json()
    assert [row["id"] for row in listed] == [ledger_world.attachments[(MEETINGS, "A1")].pk]
    upload = SimpleUploadedFile("签到表.png", png_bytes((10, 200, 10)), content_type="image/png")
    response = client.post(url, {"file": upload, "category": "sign_in"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "签到表.png" and body["content_type"] == "image/png"
    attachment = Attachment.objects.get(pk=body["id"])
    assert attachment.uploaded_by == world.users["clerk"]
    assert attachment.history.latest().history_user == world.users["clerk"]
    assert len(client.get(url).json()) == 2
    download = client.get(body["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == attachment.stored_file.file.open("rb").read()


def test_an_upload_that_is_not_an_allowed_file_is_a_400_writing_nothing(world, ledger_world):
    record = ledger_world.records[(MEETINGS, "A1")]
    client = _session(world, "clerk")
    url = _record_url(record, MEETINGS, "api:ledger_attachments")
    before = Attachment.objects.count()
    fake = SimpleUploadedFile("a.png", b"#!/bin/sh\necho hi\n", content_type="image/png")
    response = client.post(url, {"file": fake, "category": "photo"})
    assert response.status_code == 400
    assert any("\u4e00" <= c <= "\u9fff" for c in json.dumps(response.json(), ensure_ascii=False))
    assert client.post(url, {"category": "photo"}).json() == {"file": ["请选择要上传的文件。"]}
    assert Attachment.objects.count() == before


def test_another_townships_attachment_is_404_and_a_refused_kind_too(world, ledger_world):
    other = ledger_world.attachments[(MEETINGS, "A2")]
    clerk = _session(world, "clerk")
    assert clerk.get(reverse("api:attachment_file", kwargs={"pk": other.pk})).status_code == 404
    own = ledger_world.attachments[(MEETINGS, "A1")]
    advisor = _session(world, "advisor")
    assert advisor.get(reverse("api:attachment_file", kwargs={"pk": own.pk})).status_code == 404


# --- workflow actions (enforcement cases) ---------------------------------------------------

CASES = "enforcement-cases"


def _actions_url(case):
    return reverse("api:ledger_record_actions", kwargs={"kind": CASES, "pk": case.pk})


def _action_url(case, action):
    return reverse(
        "api:ledger_record_action", kwargs={"kind": CASES, "pk": case.pk, "action": action}
    )


def test_the_open_actions_are_the_pages_with_their_fields(world, ledger_world):
    from fazhi.enforcement import services as case_services

    case = ledger_world.records[(CASES, "A1")]
    body = _session(world, "clerk").get(_actions_url(case)).json()
    assert [row["name"] for row in body] == case_services.open_actions(world.users["clerk"], case)
    hearing = next(row for row in body if row["name"] == "hearing")
    assert hearing["label"] == "登记听证"
    assert hearing["fields"] == [
        {"name": "day", "label": "日期", "required": True, "type": "date", "choices": []}
    ]
    assert _session(world, "leader").get(_actions_url(case)).json() == []
    assert _session(world, "advisor").get(_actions_url(case)).status_code == 403
    other = ledger_world.records[(CASES, "A2")]
    assert _session(world, "clerk").get(_actions_url(other)).status_code == 404


def test_an_action_runs_the_service_as_the_tokens_user(world, ledger_world):
    case = ledger_world.records[(CASES, "A1")]
    client = _token_client(world.users["clerk"])
    etag = client.get(_record_url(case, CASES))["ETag"]
    response = client.post(
        _action_url(case, "hearing"),
        _json({"day": "2025-02-01"}),
        content_type="application/json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.hearing_on == date(2025, 2, 1)
    assert case.history.latest().history_user == world.users["clerk"]
    assert response["ETag"] == f'"{versions.current_version(case)}"' != etag


def test_a_refused_action_is_400_403_404_or_412_and_changes_nothing(world, ledger_world):
    case = ledger_world.records[(CASES, "A1")]
    clerk = _token_client(world.users["clerk"])
    version = versions.current_version(case)
    bad_day = clerk.post(_action_url(case, "hearing"), {"day": "不是日期"})
    assert bad_day.status_code == 400 and list(bad_day.json()) == ["day"]
    not_open = clerk.post(_action_url(case, "close"), {"day": "2025-03-01"})
    assert not_open.status_code == 400
    assert "不能结案" in not_open.json()["non_field_errors"][0]
    stale = clerk.post(_action_url(case, "hearing"), {"day": "2025-02-01"}, HTTP_IF_MATCH='"0"')
    assert stale.status_code == 412 and "他人修改" in stale.json()["detail"]
    assert (
        _session(world, "leader")
        .post(_action_url(case, "hearing"), {"day": "2025-02-01"})
        .status_code
        == 403
    )
    assert clerk.post(_action_url(case, "no_such_action"), {}).status_code == 404
    other = ledger_world.records[(CASES, "A2")]
    assert clerk.post(_action_url(other, "hearing"), {"day": "2025-02-01"}).status_code == 404
    case.refresh_from_db()
    assert case.hearing_on is None and versions.current_version(case) == version


def test_every_workflow_offers_what_its_page_offers_and_refuses_empty_input(world, ledger_world):
    from fazhi.disputes.services import petitions
    from fazhi.enforcement import services as enforcement
    from fazhi.normative import services as normative

    page_offers = {
        CASES: enforcement.open_actions,
        PETITIONS: petitions.open_actions,
        "normative-documents": normative.open_actions,
    }
    clerk = world.users["clerk"]
    client = _session(world, "clerk")
    for slug, open_actions in page_offers.items():
        record = ledger_world.records[(slug, "A1")]
        url = reverse("api:ledger_record_actions", kwargs={"kind": slug, "pk": record.pk})
        body = client.get(url).json()
        assert [row["name"] for row in body] == open_actions(clerk, record), slug
        assert body, f"{slug}: the world's record has no open action"
        for row in body:
            assert row["label"] and all(field["label"] for field in row["fields"]), row
        version = versions.current_version(record)
        first = next(row for row in body if any(f["required"] for f in row["fields"]))
        action = reverse(
            "api:ledger_record_action",
            kwargs={"kind": slug, "pk": record.pk, "action": first["name"]},
        )
        response = client.post(action, {})
        assert response.status_code == 400, (slug, response.content)
        assert any("\u4e00" <= c <= "\u9fff" for c in response.content.decode())
        assert versions.current_version(record) == version


def test_hostile_input_never_makes_a_server_error(world, ledger_world):
    client = _token_client(world.users["clerk"])
    huge = "9" * 40
    record = ledger_world.records[(MEETINGS, "A1")]
    url = _record_url(record, MEETINGS)
    gets = [
        f"/api/ledgers/{MEETINGS}/records/{huge}/",
        f"/api/ledgers/{MEETINGS}/records/{huge}/attachments/",
        f"/api/attachments/{huge}/file/",
        f"/api/ledgers/{CASES}/records/{huge}/actions/",
    ]
    for path in gets:
        assert client.get(path).status_code == 404, path
    payload = _payload(get_kind(MEETINGS), world.orgs["A1"])
    bodies = [
        {**payload, "attendees": 10**40},
        {**payload, "title": "长" * 100_000},
        {**payload, "title": "\x00"},
        {**payload, "occurred_on": None},
        [payload],
        "not an object",
    ]
    for body in bodies:
        created = client.post(_records_url(MEETINGS), _json(body), content_type="application/json")
        assert created.status_code == 400, (str(body)[:80], created.content[:200])
        updated = client.patch(url, _json(body), content_type="application/json", HTTP_IF_MATCH="*")
        assert updated.status_code == 400, (str(body)[:80], updated.content[:200])
    assert (
        client.patch(url, "{", content_type="application/json", HTTP_IF_MATCH="*").status_code
        == 400
    )
    assert (
        client.patch(url, "{}", content_type="application/json", HTTP_IF_MATCH=huge).status_code
        == 412
    )
    action = _action_url(ledger_world.records[(CASES, "A1")], "extend")
    assert (
        client.post(action, _json({"days": 10**40}), content_type="application/json").status_code
        == 400
    )
    for body in ([1], "x", {"day": ["2025-02-01"]}, {"day": {"a": 1}}):
        answer = client.post(
            _action_url(ledger_world.records[(CASES, "A1")], "hearing"),
            _json(body),
            content_type="application/json",
        )
        assert answer.status_code == 400, (body, answer.content)
    assert get_kind(MEETINGS).model.objects.count() == 3
