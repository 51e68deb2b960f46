"""The home page: the township sees its unclosed findings (overdue in red); the inspector sees
rectifications waiting for 销号 and the county's open and overdue counts; nothing when there is
nothing."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html

from fazhi.supervision import services
from tests.supervision.helpers import finding

pytestmark = pytest.mark.django_db


def _home(user):
    client = Client()
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_no_panel_without_findings(world, people):
    for role in ("clerk", "inspector", "county_admin"):
        assert "督察问题" not in _home(people[role])


def test_township_and_inspector_panels(world, people):
    overdue = finding(
        world.orgs["A1"],
        title="逾期未整改的问题",
        year=2025,
        found_on=date(2025, 5, 1),
        rectify_by=date(2025, 6, 30),
    )
    waiting = finding(world.orgs["A2"], title="待销号的问题")
    services.rectification_submit(
        None, waiting, "已整改", date(2026, 3, 20), today=date(2026, 3, 21)
    )

    page = html.fromstring(_home(people["clerk"]))
    rows = page.xpath('//table[@data-testid="unclosed-findings"]/tbody/tr')
    assert len(rows) == 1
    cells = rows[0].xpath("./td")
    assert cells[0].text_content().strip() == "逾期未整改的问题"
    assert "text-danger" in cells[2].get("class")
    assert "上年度遗留" in cells[3].text_content()
    assert "待销号的问题" not in _home(people["clerk"])  # 乙镇's

    page = html.fromstring(_home(people["inspector"]))
    counts = {
        (e.get("data-figure"), e.get("data-key")): e.text_content()
        for e in page.xpath('//*[@data-testid="supervision-counts"]//*[@data-figure]')
    }
    assert counts == {
        ("supervision.by_state", "open"): "1",
        ("supervision.overdue", None): "1",
        ("supervision.by_state", "rectified"): "1",
    }
    awaiting = page.xpath('//table[@data-testid="awaiting-close"]/tbody/tr')
    assert [r.xpath("./td")[1].text_content() for r in awaiting] == ["待销号的问题"]
    assert overdue.title not in "".join(r.text_content() for r in awaiting)

    # Another county's inspector sees nothing of it.
    assert "督察问题" not in _home(people["other_inspector"])
    # Once everything is closed, the inspector's panel goes.
    services.finding_close(None, waiting, "")
    services.rectification_submit(None, overdue, "整改", date(2026, 3, 1), today=date(2026, 3, 2))
    services.finding_close(None, overdue, "")
    assert "督察问题" not in _home(people["inspector"])
    assert "督察问题整改" not in _home(people["clerk"])
