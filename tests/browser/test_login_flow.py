"""A person opens the site in Chromium, signs in as the demo clerk and sees their township."""

import pytest

from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation

pytestmark = pytest.mark.browser


def test_demo_clerk_logs_in_and_sees_the_township_home(
    live_server, transactional_db, browser_page, artifacts_dir
):
    load_demo_organisation()  # the demo county and its users; no ledger records needed
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="用户登录").is_visible()

    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    assert page.get_by_role("heading", name="工作台").is_visible()
    assert page.get_by_test_id("current-user").inner_text() == "青山镇录入员"
    township_card = page.get_by_test_id("home-org")
    assert "青山镇" in township_card.inner_text()
    assert "石桥村" in township_card.inner_text()
    assert "清河乡" not in page.content()
    # Bootstrap came from the site itself and was applied (navbar is laid out as flex).
    assert page.locator("nav.navbar").evaluate("e => getComputedStyle(e).display") == "flex"
    assert page.external_requests == []

    page.screenshot(path=str(artifacts_dir / "clerk-home.png"), full_page=True)
