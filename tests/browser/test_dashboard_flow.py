"""The demo clerk opens the township dashboard in Chromium: the ECharts charts are drawn from the
site's own copy of ECharts, a chart element and a figure open their records."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.disputes.models import MediationCase
from fazhi.governance.models import Budget, Meeting
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from fazhi.publicity.models import Activity
from fazhi.study.models import StudySession
from tests.indicators.helpers import budget, meeting, row

pytestmark = pytest.mark.browser

QINGSHAN = "999901101"


def _records(township, year: int) -> None:
    """A few records of the year, enough for every chart to have something to draw."""
    last = min(timezone.localdate(), date(year, 12, 31))
    days = [last - timedelta(days=30 * i) for i in range(6)]
    days = [d for d in days if d.year == year] or [date(year, 1, 1)]
    Meeting.objects.bulk_create([meeting(township, d) for d in days[:4]])
    Meeting.objects.bulk_create([meeting(township, date(year - 1, 6, 1))])
    Budget.objects.bulk_create([budget(township, days[0], "52000")])
    forms = ["lecture", "campaign", "door_to_door", "online"]
    Activity.objects.bulk_create(
        [
            row(Activity, township, d, form=forms[i % len(forms)], title=f"普法活动{i}")
            for i, d in enumerate(days * 2)
        ]
    )
    results = ["success", "success", "failed", ""]
    MediationCase.objects.bulk_create(
        [
            row(MediationCase, township, days[0], result=result, parties=f"当事人{i}")
            for i, result in enumerate(results)
        ]
    )
    StudySession.objects.bulk_create(
        [
            row(StudySession, township, d, session_type=t, topic="学法", attendees=20, hours=2)
            for d, t in zip(days, ["central_group", "lecture", "collective"] * 2, strict=False)
        ]
    )


def test_clerk_opens_the_dashboard_and_a_figures_records(
    live_server, transactional_db, browser_page, artifacts_dir
):
    load_demo_organisation()
    township = Organisation.objects.get(code=QINGSHAN)
    year = timezone.localdate().year
    _records(township, year)
    page = browser_page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/indicators/")
    page.wait_for_url(f"{live_server.url}/indicators/{QINGSHAN}/")
    assert page.get_by_role("heading", name=f"青山镇 · {year}年法治建设工作看板").is_visible()
    for chart in ("publicity", "mediation", "study"):
        drawn = page.locator(f'[data-chart="{chart}"][data-rendered="true"] svg')
        drawn.first.wait_for(state="visible")
        # ECharts drew shapes, not just an empty surface.
        assert drawn.first.locator("path").count() > 3, chart
    assert page.evaluate("typeof echarts") == "object"
    page.screenshot(path=str(artifacts_dir / "township-dashboard.png"), full_page=True)

    # A chart element opens the records it counts: the pie's largest sector (成功, 2 cases).
    pie = page.locator('[data-chart="mediation"]')
    with page.expect_navigation():
        _click_first_sector(page, pie)
    assert "/ledgers/mediations/" in page.url and f"year={year}" in page.url
    page.screenshot(path=str(artifacts_dir / "dashboard-chart-records.png"), full_page=True)
    page.go_back()

    figure = page.locator(
        '[data-testid="key-figure"][data-indicator="governance.leading_group_meetings"]'
    )
    assert figure.get_attribute("data-value") == "4"
    figure.click()
    page.wait_for_url(f"**/indicators/{QINGSHAN}/records/governance.leading_group_meetings/**")
    assert f"year={year}" in page.url
    rows = page.locator('[data-testid="records-governance.leading_group_meetings"] tbody tr')
    assert rows.count() == 4
    page.screenshot(path=str(artifacts_dir / "dashboard-figure-records.png"), full_page=True)

    assert errors == []
    assert page.external_requests == []


def _click_first_sector(page, pie):
    """Click inside the first pie sector (成功, the right half of the ring: ECharts starts at
    twelve o'clock and goes clockwise). ECharts listens on its own surface: click by position."""
    pie.scroll_into_view_if_needed()
    box = pie.bounding_box()
    centre_x, centre_y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    ring = min(box["width"], box["height"]) / 2 * 0.5  # between the 35% and 65% radii
    page.mouse.move(centre_x + ring, centre_y)
    page.mouse.click(centre_x + ring, centre_y)
