"""A county administrator enters a year's holiday table in Chromium and sees the calendar."""

import pytest

from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from tests.deadlines.test_holiday_tables import NOTICE, TABLE_2027

pytestmark = pytest.mark.browser


def test_county_admin_enters_the_2027_table_and_the_calendar_shows_it(
    live_server, transactional_db, browser_page, artifacts_dir
):
    load_demo_organisation()
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("county.admin")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/deadlines/calendar/?year=2027")
    assert page.get_by_test_id("calendar-source").get_attribute("data-source") == "estimated"
    page.get_by_test_id("calendar-edit").click()
    page.get_by_label("通知文号").fill(NOTICE)
    page.get_by_label("通知日期").fill("2026-11-10")
    rows = page.get_by_label("放假安排（每行：日期 类型 名称）")
    # A make-up day on a Monday: refused with the row named, and the typed table kept.
    rows.fill(TABLE_2027 + "2027-02-15\t调休上班\t春节\n")
    page.get_by_role("button", name="保存").click()
    errors = page.get_by_test_id("calendar-errors")
    assert "第 13 行“日期”列：调休上班日应为周六或周日" in errors.inner_text()
    assert "2027-02-15" in rows.input_value()
    page.screenshot(path=str(artifacts_dir / "calendar-2027-errors.png"), full_page=True)
    rows.fill(TABLE_2027)
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{live_server.url}/deadlines/calendar/?year=2027")

    source = page.get_by_test_id("calendar-source")
    assert source.get_attribute("data-source") == "official" and NOTICE in source.inner_text()
    holiday = page.locator('td[data-day="2027-02-09"]')
    # The holiday's colour comes from the site's stylesheet (no inline style under the CSP).
    assert holiday.evaluate("e => getComputedStyle(e).fontWeight") == "600"
    assert "cal-workday" in page.locator('td[data-day="2027-02-13"]').get_attribute("class")
    assert page.external_requests == []
    page.screenshot(path=str(artifacts_dir / "calendar-2027.png"), full_page=True)
