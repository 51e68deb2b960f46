"""办理步骤 shows every step of the procedure (起草→征求意见→合法性审核→集体讨论→公布→备案),
each done, current or pending, and the action forms are styled."""

import re

import pytest
from django.urls import reverse

from fazhi.normative.selectors import procedure
from tests.normative.helpers import at_stage, document

pytestmark = pytest.mark.django_db

NAMES = ["起草", "征求意见", "合法性审核", "集体讨论", "公布", "备案"]


def _stages(world, record):
    from fazhi.normative.selectors import document_page
    from tests.normative.helpers import TODAY

    return document_page(world.users["clerk"], record, TODAY)["procedure"]


def test_a_published_document_waits_for_filing_with_every_earlier_step_done(world):
    stages = _stages(world, at_stage(world, "published"))
    assert [s.name for s in stages] == NAMES
    assert [s.state for s in stages] == ["done"] * 5 + ["current"]
    assert stages[4].detail == "2025-04-28 公布"
    assert stages[3].detail == "2025-04-25 审议通过"


def test_a_new_draft_is_at_drafting_with_nothing_else_begun(world):
    stages = _stages(world, document(world))
    assert [s.state for s in stages] == ["current"] + ["pending"] * 5


def test_an_effective_document_has_every_step_done(world):
    stages = _stages(world, at_stage(world, "effective"))
    assert [s.state for s in stages] == ["done"] * 6
    assert stages[5].detail.endswith("备案")


def test_a_step_never_recorded_before_a_done_one_says_so():
    class Doc:
        revision, status, occurred_on = 1, "effective", None
        published_on = filed_on = None
        filing_authority = ""

    from datetime import date

    doc = Doc()
    doc.occurred_on = date(2025, 1, 2)
    doc.published_on = date(2025, 3, 1)
    stages = procedure(doc, [], [], [])
    assert [(s.state, s.detail) for s in stages[1:5]] == [
        ("pending", "未登记"),
        ("pending", "未登记"),
        ("pending", "未登记"),
        ("done", "2025-03-01 公布"),
    ]
    assert (stages[5].state, stages[5].detail) == ("pending", "")


def test_the_page_shows_the_steps_and_styled_action_forms(client, world):
    record = at_stage(world, "approved")
    client.force_login(world.users["clerk"])
    html = client.get(reverse("normative:record", args=[record.pk])).content.decode()
    states = re.findall(r'data-testid="stage-\d" data-state="(\w+)"', html)
    assert states == ["done", "done", "done", "done", "current", "pending"]
    assert "公布" in html and "备案" in html
    form = html.split('data-testid="action-publish"', 1)[1].split("</form>", 1)[0]
    inputs = re.findall(r"<(?:input|select|textarea)[^>]*>", form)
    visible = [tag for tag in inputs if 'type="hidden"' not in tag]
    assert visible and all("form-control" in t or "form-select" in t for t in visible), visible
    assert "<label" in form and "btn btn-sm btn-danger" in form
