"""The demo county's findings: one closed, one rectified awaiting 销号, one overdue from last
year; the demo inspector and clerk see them, and 青山镇's drafted report names its open one."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.models import User
from fazhi.ledgers.demo import DEMO_COUNTY_CODE
from fazhi.reports.drafting import build_draft
from fazhi.supervision import demo as supervision_demo
from fazhi.supervision import selectors
from fazhi.supervision.models import Finding, FindingState

pytestmark = pytest.mark.django_db


def test_demo_findings(demo):
    today = timezone.localdate()
    findings = {f.organisation.code: f for f in Finding.objects.select_related("organisation")}
    assert {code: f.state for code, f in findings.items()} == {
        "999901101": FindingState.OPEN,
        "999901102": FindingState.CLOSED,
        "999901103": FindingState.RECTIFIED,
    }
    qingshan = findings["999901101"]
    assert qingshan.year == today.year - 1 and selectors.is_overdue(qingshan, today)
    assert findings["999901102"].rectifications.get().submitted_at.year == today.year - 1

    supervision_demo.load()  # a second run adds nothing
    assert Finding.objects.count() == 3

    inspector = Client()
    inspector.force_login(User.objects.get(username="county.inspector"))
    page = inspector.get(reverse("home")).content.decode()
    assert findings["999901103"].title in page
    county = findings["999901101"].organisation.parent
    assert county.code == DEMO_COUNTY_CODE

    draft = build_draft(qingshan.organisation, today.year - 1)
    texts = [s.text for s in draft.suggestions if s.part == "shortcomings"]
    assert any(qingshan.title in text for text in texts)
