"""制定依据: checked against the law catalogue on save, linked on the document's pages, and
picked from the catalogue's names as the clerk types."""

import pytest
from django.urls import reverse

from fazhi.normative.models import NormativeDocument
from tests.normative.helpers import DRAFTED, snapshot

pytestmark = pytest.mark.django_db

CREATE = reverse("ledgers:create", args=["normative-documents"])


def form_data(world, legal_basis):
    return {
        "organisation": world.orgs["A1"].pk,
        "occurred_on": DRAFTED.isoformat(),
        "title": "关于规范信访事项办理的实施办法",
        "drafting_unit": "党政办公室",
        "summary": "",
        "legal_basis": legal_basis,
    }


def test_a_repealed_law_or_a_missing_article_is_refused_and_nothing_written(client, world):
    client.force_login(world.users["clerk"])
    before = snapshot()
    basis = "《信访条例》第十条；《中华人民共和国行政处罚法》第九十条"
    response = client.post(CREATE, form_data(world, basis))
    html = response.content.decode()
    assert response.status_code == 200
    assert "《信访条例》已于 2022-05-01 废止，请改为《信访工作条例》。" in html
    assert "《中华人民共和国行政处罚法》只有 86 条，没有第九十条。" in html
    assert snapshot() == before
    assert not NormativeDocument.objects.exists()


def test_a_good_basis_is_saved_and_linked_on_the_document_pages(client, world):
    client.force_login(world.users["clerk"])
    basis = "《中华人民共和国行政处罚法》第三十九条；《某县村容村貌管理办法》"
    response = client.post(CREATE, form_data(world, basis))
    assert response.status_code == 302
    document = NormativeDocument.objects.get()
    assert document.legal_basis == basis
    link = reverse("laws:law", args=["行政处罚法"]) + "#a39"
    for url in (
        reverse("ledgers:detail", args=["normative-documents", document.pk]),
        reverse("normative:record", args=[document.pk]),
    ):
        html = client.get(url).content.decode()
        assert f'<a href="{link}">《中华人民共和国行政处罚法》第三十九条</a>' in html
        # A title the catalogue does not know is shown, not linked.
        assert "；《某县村容村貌管理办法》" in html


def test_the_form_offers_the_catalogue_names(client, world):
    client.force_login(world.users["clerk"])
    html = client.get(CREATE).content.decode()
    names = reverse("laws:names")
    assert f'hx-get="{names}"' in html and 'data-citation-for="id_legal_basis"' in html
    assert 'list="id_legal_basis_laws"' in html
    # Without JavaScript the list already holds the laws in force.
    assert '<datalist id="id_legal_basis_laws">' in html
    assert '<option value="行政处罚法">' in html


def test_the_picker_answers_names_for_a_short_name(client, world):
    client.force_login(world.users["clerk"])
    html = client.get(reverse("laws:names"), {"q": "信访"}).content.decode()
    # In force first; a repealed one says so.
    assert html.strip().splitlines() == [
        '<option value="信访工作条例"></option>',
        '<option value="信访条例">已废止</option>',
    ]
    html = client.get(reverse("laws:names"), {"q": "《处罚法》"}).content.decode()
    assert '<option value="行政处罚法">' in html and '<option value="治安管理处罚法">' in html
