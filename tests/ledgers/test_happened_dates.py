"""Dates of things that happened (LedgerKind.happened) are never in the future or before 2000:
refused by the services, so the pages, imports and any later API all refuse them."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.core.dates import happened_error
from fazhi.ledgers import excel
from fazhi.ledgers.registry import all_kinds, get_kind
from fazhi.ledgers.services import record_create, record_update
from fazhi.orgs.roles import Level
from tests.ledgers.helpers import form_data, sample_rows, workbook_with_rows

KINDS = [kind for kind in all_kinds() if kind.happened]
FIELDS = [(kind, name) for kind in KINDS for name in kind.happened]
# The pages and the import share one path for every kind: one kind of each domain.
SAMPLE = list({kind.domain: kind for kind in reversed(KINDS)}.values())


def owner(world, kind):
    return world.orgs["A1V1" if kind.org_level == Level.VILLAGE else "A1"]


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def today_in_chinese() -> str:
    today = timezone.localdate()
    return f"{today.year}年{today.month}月{today.day}日"


def test_every_kind_declares_its_happened_dates_among_its_date_fields():
    for kind in all_kinds():
        for name in kind.happened:
            assert kind.model._meta.get_field(name).get_internal_type() == "DateField", name
    # Planned periods are not events; everything else has its date of record checked.
    assert {k.slug for k in all_kinds() if not k.happened} == {"advisor-contracts", "duty-rota"}
    assert "due_on" not in get_kind("responsibility-tasks").happened
    assert "closed_on" in get_kind("mediations").happened


@pytest.mark.parametrize(
    ("kind", "name"), FIELDS, ids=[f"{kind.slug}.{name}" for kind, name in FIELDS]
)
def test_the_service_refuses_a_date_that_cannot_have_happened(world, kind, name):
    organisation = owner(world, kind)
    values = sample_rows(kind, organisation, 1)[0]
    label = kind.field_label(name)
    for bad, message in [
        (tomorrow(), f"{label}不能晚于今天（{today_in_chinese()}）"),
        (date(1999, 12, 31), f"{label}不能早于2000年"),
    ]:
        with pytest.raises(ValidationError) as refused:
            record_create(
                actor=None, kind=kind, organisation=organisation, data={**values, name: bad}
            )
        assert refused.value.message_dict[name] == [message]
    assert not kind.model.objects.exists()


def test_today_and_the_first_day_of_2000_are_possible():
    assert happened_error(timezone.localdate(), "活动日期") is None
    assert happened_error(date(2000, 1, 1), "活动日期") is None
    assert happened_error(None, "活动日期") is None


@pytest.mark.parametrize("kind", SAMPLE, ids=[k.slug for k in SAMPLE])
def test_an_edit_to_a_future_date_is_refused_and_changes_nothing(world, kind):
    organisation = owner(world, kind)
    values = sample_rows(kind, organisation, 1)[0]
    record = record_create(actor=None, kind=kind, organisation=organisation, data=values)
    with pytest.raises(ValidationError) as refused:
        record_update(actor=None, kind=kind, record=record, data={"occurred_on": tomorrow()})
    label = kind.field_label("occurred_on")
    assert refused.value.message_dict["occurred_on"] == [
        f"{label}不能晚于今天（{today_in_chinese()}）"
    ]
    record.refresh_from_db()
    assert record.occurred_on == values["occurred_on"]


@pytest.mark.parametrize("kind", SAMPLE, ids=[k.slug for k in SAMPLE])
def test_the_page_refuses_a_future_date_naming_the_field(client, world, kind):
    client.force_login(world.users["clerk"])
    organisation = owner(world, kind)
    values = {**sample_rows(kind, organisation, 1)[0], "occurred_on": tomorrow()}
    response = client.post(
        reverse("ledgers:create", args=[kind.slug]), form_data(kind, values, organisation)
    )
    assert response.status_code == 200
    html = response.content.decode()
    label = kind.field_label("occurred_on")
    assert f"{label}不能晚于今天（{today_in_chinese()}）" in html
    assert not kind.model.objects.exists()


@pytest.mark.parametrize("kind", SAMPLE, ids=[k.slug for k in SAMPLE])
def test_an_import_refuses_the_row_with_its_number_and_saves_nothing(world, kind):
    organisation = owner(world, kind)
    good, other = sample_rows(kind, organisation, 2)
    rows = [good, {**other, "occurred_on": date(1999, 12, 31)}]
    data = workbook_with_rows(kind, rows, organisation.name)
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=kind, data=data)
    label = kind.field_label("occurred_on")
    errors = [(e.row, e.column, e.message) for e in failure.value.result.errors]
    # Only the second row is refused (a rule on the same date may add its own reason).
    assert (excel.FIRST_DATA_ROW + 1, label, f"{label}不能早于2000年") in errors
    assert {row for row, _, _ in errors} == {excel.FIRST_DATA_ROW + 1}
    assert not kind.model.objects.exists()
