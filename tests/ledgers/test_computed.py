"""Computed columns appear on list and detail pages and in exports (never called by templates)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.ledgers import excel
from fazhi.ledgers.registry import all_kinds
from tests.ledgers.helpers import sample_rows
from tests.ledgers.test_contract import create, owner

KINDS = [kind for kind in all_kinds() if kind.computed]


def test_some_kind_has_computed_columns():
    assert KINDS, "no registered kind declares a computed column"


@pytest.mark.parametrize("kind", KINDS, ids=[k.slug for k in KINDS])
def test_computed_columns_are_shown_and_exported(client, world, kind):
    record = create(world, kind, sample_rows(kind, owner(world, kind), 1)[0])
    client.force_login(world.users["leader"])
    labels = [column.label for column in kind.computed_columns]
    for url in (
        reverse("ledgers:list", args=[kind.slug]),
        reverse("ledgers:detail", args=[kind.slug, record.pk]),
    ):
        html = client.get(url).content.decode()
        assert all(label in html for label in labels), url
    sheet = load_workbook(io.BytesIO(excel.export_bytes(kind, kind.model.objects.all()))).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[-len(labels) :] == labels
    expected = [column.value(record) or None for column in kind.computed_columns]
    assert [cell.value for cell in sheet[3]][-len(labels) :] == expected
