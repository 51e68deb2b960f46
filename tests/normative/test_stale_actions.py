"""No lost update on the normative pages: every action on a document carries its version, a
cleanup conclusion its item's; a second person on a stale page is refused and keeps the input."""

import pytest
from django.urls import reverse

from fazhi.normative.models import CleanupItem, Status
from fazhi.normative.services import cleanup_list_documents
from tests.editors import editor, seen_version
from tests.normative.helpers import at_stage
from tests.normative.test_cleanup import new_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return editor(world, "zhang", "张三"), editor(world, "li", "李四")


def test_a_second_filing_on_a_stale_page_is_refused_keeping_the_input(world, people):
    zhang, li = people
    record = at_stage(world, "published")
    page = reverse("normative:record", args=[record.pk])
    version = seen_version(zhang.get(page).content.decode(), "file")
    assert version == seen_version(li.get(page).content.decode(), "file")
    url = reverse("normative:file", args=[record.pk])
    data = {"file-filed_on": "2025-05-06", "file-seen_version": version}
    assert zhang.post(url, {**data, "file-authority": "甲县人民政府"}).status_code == 302

    refused = li.post(url, {**data, "file-authority": "甲县司法局"})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "登记备案未办理：您打开此页面之后，张三于" in html and "甲县人民政府" in html
    assert 'value="甲县司法局"' in html
    record.refresh_from_db()
    assert (record.status, record.filing_authority) == (Status.EFFECTIVE, "甲县人民政府")


def test_a_second_conclusion_on_the_same_item_is_refused_keeping_the_input(world, people):
    zhang, li = people
    at_stage(world, "effective")
    cleanup = new_round(world)
    cleanup_list_documents(actor=None, cleanup=cleanup)
    item = CleanupItem.objects.get(cleanup=cleanup)
    page = reverse("normative:cleanup", args=[cleanup.pk])
    version = seen_version(zhang.get(page).content.decode(), "cleanup_decide")
    url = reverse("normative:cleanup_decide", args=[cleanup.pk])
    data = {"cleanup_decide-item": item.pk, "cleanup_decide-seen_version": version}
    assert zhang.post(url, {**data, "cleanup_decide-decision": "keep"}).status_code == 302

    refused = li.post(
        url,
        {**data, "cleanup_decide-decision": "repeal", "cleanup_decide-reason": "上位法已废止"},
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "张三于" in html and "清理结论：继续有效" in html
    assert 'value="上位法已废止"' in html and 'value="repeal" selected' in html
    assert CleanupItem.objects.get(pk=item.pk).decision == "keep"
