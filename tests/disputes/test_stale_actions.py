"""No lost update on the petition page: the acceptance decision, the reply and the review request
carry the petition's version; a second person acting on a stale page is refused, shown the first
person's step and keeps what they typed."""

import pytest
from django.urls import reverse

from fazhi.disputes.models import Petition
from tests.disputes.helpers import make_petition
from tests.editors import editor, seen_version

pytestmark = pytest.mark.django_db


def test_a_second_decision_on_a_stale_page_is_refused_keeping_the_input(world):
    zhang, li = editor(world, "zhang", "张三"), editor(world, "li", "李四")
    petition = make_petition(world)
    page = reverse("disputes:petition", args=[petition.pk])
    version = seen_version(zhang.get(page).content.decode(), "decide")
    assert version == seen_version(li.get(page).content.decode(), "decide")
    url = reverse("disputes:decide", args=[petition.pk])
    data = {"decide-decided_on": "2025-03-05", "decide-seen_version": version}
    assert zhang.post(url, {**data, "decide-decision": "accept"}).status_code == 302

    refused = li.post(
        url, {**data, "decide-decision": "not_accept", "decide-note": "不属于本机关职权范围"}
    )
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存未生效：您打开此页面之后，张三于" in html and "受理（" in html
    assert 'value="不属于本机关职权范围"' in html and 'value="not_accept" selected' in html
    assert "欧阳明华" not in html  # the clerk's view stays masked
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.ACCEPTED


def test_an_extension_only_adds_a_row_and_carries_no_version(world):
    zhang = editor(world, "zhang", "张三")
    petition = make_petition(world)
    zhang.post(
        reverse("disputes:decide", args=[petition.pk]),
        {"decide-decision": "accept", "decide-decided_on": "2025-03-05"},
    )
    html = zhang.get(reverse("disputes:petition", args=[petition.pk])).content.decode()
    assert seen_version(html, "extend") == "" and seen_version(html, "reply") != ""
