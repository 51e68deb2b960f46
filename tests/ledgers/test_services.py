from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_archive, record_create, record_restore, record_update
from fazhi.study.models import StudySession

KIND = get_kind("study-sessions")
VALUES = {
    "occurred_on": date(2025, 3, 5),
    "session_type": "central_group",
    "topic": "学习民法典",
    "attendees": 20,
    "hours": 2,
}


def test_roles_without_ledger_edit_cannot_write(world):
    for role in ("leader", "reviewer", "inspector", "admin", "advisor"):
        with pytest.raises(PermissionDenied):
            record_create(
                actor=world.users[role], kind=KIND, organisation=world.orgs["A1"], data=VALUES
            )
    with pytest.raises(PermissionDenied):
        record_create(
            actor=world.users["clerk"], kind=KIND, organisation=world.orgs["A2"], data=VALUES
        )
    assert not StudySession.objects.exists()


def test_records_sit_at_their_kinds_level(world):
    with pytest.raises(ValidationError, match="学法活动应登记在乡镇（街道）"):
        record_create(
            actor=world.users["clerk"], kind=KIND, organisation=world.orgs["A1V1"], data=VALUES
        )


def test_year_is_derived_from_the_date(world):
    record = record_create(
        actor=world.users["clerk"], kind=KIND, organisation=world.orgs["A1"], data=VALUES
    )
    assert record.year == 2025
    record_update(
        actor=world.users["clerk"],
        kind=KIND,
        record=record,
        data={"occurred_on": date(2024, 12, 1)},
    )
    record.refresh_from_db()
    assert record.year == 2024


def test_moving_a_record_to_another_township_is_refused(world):
    record = record_create(
        actor=world.users["clerk"], kind=KIND, organisation=world.orgs["A1"], data=VALUES
    )
    with pytest.raises(PermissionDenied):
        record_update(
            actor=world.users["clerk"],
            kind=KIND,
            record=record,
            data={"organisation": world.orgs["A2"]},
        )
    assert StudySession.objects.get().organisation == world.orgs["A1"]


def test_archive_needs_a_reason_and_archived_records_are_frozen(world):
    clerk = world.users["clerk"]
    record = record_create(actor=clerk, kind=KIND, organisation=world.orgs["A1"], data=VALUES)
    with pytest.raises(ValidationError, match="请填写归档原因"):
        record_archive(actor=clerk, kind=KIND, record=record, reason="  ")
    record_archive(actor=clerk, kind=KIND, record=record, reason="重复")
    with pytest.raises(ValidationError, match="已归档"):
        record_update(actor=clerk, kind=KIND, record=record, data={"topic": "改"})
    with pytest.raises(PermissionDenied, match="只有系统管理员"):
        record_restore(actor=clerk, kind=KIND, record=record)
    record_restore(actor=world.users["admin"], kind=KIND, record=record)
    record.refresh_from_db()
    assert not record.is_archived and record.archived_by is None


def test_archived_records_leave_lists(world):
    from fazhi.ledgers.selectors import records_for

    clerk = world.users["clerk"]
    record = record_create(actor=clerk, kind=KIND, organisation=world.orgs["A1"], data=VALUES)
    assert list(records_for(clerk, KIND)) == [record]
    record_archive(actor=clerk, kind=KIND, record=record, reason="重复")
    assert list(records_for(clerk, KIND)) == []
    assert list(records_for(clerk, KIND, archived=True)) == []
    assert list(records_for(world.users["admin"], KIND, archived=True)) == [record]


def test_the_ledger_index_links_domain_pages_for_ledger_viewers(client, world):
    client.force_login(world.users["clerk"])
    html = client.get("/ledgers/").content.decode()
    assert 'href="/legal-services/coverage/"' in html
    client.force_login(world.users["advisor"])
    html = client.get("/ledgers/").content.decode()
    assert "/legal-services/coverage/" not in html


def test_the_ledger_index_links_the_theme_day_calendar(client, world):
    client.force_login(world.users["leader"])
    assert 'href="/publicity/calendar/"' in client.get("/ledgers/").content.decode()


def test_the_sort_choices_are_in_chinese(client, world):
    client.force_login(world.users["clerk"])
    html = client.get("/ledgers/study-sessions/").content.decode()
    assert "学习日期（倒序）" in html and "descending" not in html
