"""No lost update on a decision's page: publishing and filing write the decision, so their forms
carry its version; a second person publishing on a stale page is refused and keeps the input."""

import pytest
from django.urls import reverse

from fazhi.decisions.models import Status
from tests.decisions.helpers import decide, make_decision, ready_for_decision
from tests.editors import editor, seen_version

pytestmark = pytest.mark.django_db


def test_a_second_publication_on_a_stale_page_is_refused_keeping_the_input(world):
    zhang, li = editor(world, "zhang", "张三"), editor(world, "li", "李四")
    decision = make_decision(world)
    ready_for_decision(world, decision)
    decide(world, decision)
    page = reverse("decisions:record", args=[decision.pk])
    version = seen_version(zhang.get(page).content.decode())
    assert version == seen_version(li.get(page).content.decode())
    url = reverse("decisions:publish", args=[decision.pk])
    data = {"published_on": "2025-04-15", "seen_version": version}
    assert zhang.post(url, {**data, "channel": "镇人民政府网站"}).status_code == 302

    refused = li.post(url, {**data, "channel": "镇政务公开栏"})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "张三于" in html and "决策公布" in html and "镇人民政府网站" in html
    assert 'value="镇政务公开栏"' in html  # 李四's input, although publishing is done
    decision.refresh_from_db()
    assert (decision.status, decision.publication_channel) == (Status.PUBLISHED, "镇人民政府网站")


def test_recording_a_procedure_carries_no_version(world):
    zhang = editor(world, "zhang", "张三")
    decision = make_decision(world)
    html = zhang.get(reverse("decisions:record", args=[decision.pk])).content.decode()
    assert 'data-testid="conflict"' not in html and seen_version(html) == ""
