"""A renewed certificate names the one it replaces (原执法证号): the same township's, once."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.enforcement.kinds import OFFICERS
from fazhi.enforcement.models import Officer
from fazhi.ledgers import excel
from fazhi.ledgers.services import record_update
from tests.enforcement.helpers import officer
from tests.ledgers.helpers import workbook_with_rows

pytestmark = pytest.mark.django_db

RENEWED = {"start": date(2026, 1, 1), "until": date(2031, 12, 31)}


def refused(call, fragment):
    before = list(Officer.objects.values_list("pk", "replaces_certificate"))
    with pytest.raises(ValidationError) as raised:
        call()
    assert fragment in " ".join(raised.value.messages)
    assert list(Officer.objects.values_list("pk", "replaces_certificate")) == before


def test_a_renewal_names_a_certificate_of_the_same_township(world):
    old = officer(world, "张明", "A1-001")
    new = officer(world, "张明", "A1-101", replaces_certificate=" A1-001 ", **RENEWED)
    assert new.replaces_certificate == old.certificate_number


def test_an_unknown_or_foreign_certificate_is_refused(world):
    officer(world, "李强", "A2-001", org="A2")
    refused(
        lambda: officer(world, "张明", "A1-101", replaces_certificate="A1-999", **RENEWED),
        "本单位没有登记执法证号为“A1-999”的执法人员",
    )
    refused(
        lambda: officer(world, "李强", "A1-102", replaces_certificate="A2-001", **RENEWED),
        "本单位没有登记执法证号为“A2-001”",
    )
    refused(
        lambda: officer(world, "张明", "A1-103", replaces_certificate="A1-103", **RENEWED),
        "原执法证号不能与本证号相同",
    )


def test_a_certificate_is_replaced_once(world):
    officer(world, "张明", "A1-001")
    officer(world, "张明", "A1-101", replaces_certificate="A1-001", **RENEWED)
    refused(
        lambda: officer(world, "张明", "A1-201", replaces_certificate="A1-001", **RENEWED),
        "执法证“A1-001”已由证号“A1-101”的记录替换",
    )
    # Editing the replacing record itself is not a second replacement.
    record = Officer.objects.get(certificate_number="A1-101")
    assert record_update(actor=None, kind=OFFICERS, record=record, data={"unit": "司法所"})


def test_an_import_renews_a_certificate_registered_before(world):
    first = {
        "occurred_on": date(2021, 1, 1),
        "name": "张明",
        "certificate_number": "A1-001",
        "unit": "综合行政执法队",
        "valid_until": date(2025, 12, 31),
    }
    renewal = first | {
        "occurred_on": date(2026, 1, 1),
        "certificate_number": "A1-101",
        "replaces_certificate": "A1-001",
        "valid_until": date(2031, 12, 31),
    }
    # Every row is checked against what is registered before anything is saved: a renewal
    # naming a certificate of the same file is refused, and nothing is saved.
    data = workbook_with_rows(OFFICERS, [first, renewal], "甲镇")
    with pytest.raises(excel.ImportFailed) as failure:
        excel.import_rows(actor=world.users["clerk"], kind=OFFICERS, data=data)
    [error] = failure.value.result.errors
    assert (error.row, error.column) == (4, "原执法证号") and "A1-001" in error.message
    assert not Officer.objects.exists()
    # Registered first, the old certificate can be renewed by the next import.
    excel.import_rows(
        actor=world.users["clerk"],
        kind=OFFICERS,
        data=workbook_with_rows(OFFICERS, [first], "甲镇"),
    )
    result = excel.import_rows(actor=world.users["clerk"], kind=OFFICERS, data=data)
    assert (result.created, result.unchanged) == (1, 1)
    assert Officer.objects.get(certificate_number="A1-101").replaces_certificate == "A1-001"


def test_the_spreadsheet_has_the_column_after_the_certificate_number():
    assert OFFICERS.fields.index("replaces_certificate") == (
        OFFICERS.fields.index("certificate_number") + 1
    )
    assert "旧证号" in OFFICERS.notes["replaces_certificate"]
