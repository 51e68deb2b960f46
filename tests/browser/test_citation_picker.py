"""The citation picker (fazhi.ledgers.citations): typing part of a name refills the list from
the law catalogue, and the chosen name joins the field, with no CSP refusal."""

import pytest
from django.urls import reverse

from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation

pytestmark = pytest.mark.browser


def test_a_name_picked_from_the_catalogue_joins_the_field(
    live_server, transactional_db, browser_page
):
    load_demo_organisation()
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(live_server.url + reverse("ledgers:create", args=["normative-documents"]))
    lookup = page.locator("#id_legal_basis_lookup")
    lookup.fill("信访")
    # htmx refills the list with regulations too (the page's list holds only laws).
    page.wait_for_selector('#id_legal_basis_laws option[value="信访工作条例"]', state="attached")
    lookup.fill("信访工作条例")
    lookup.press("Tab")
    assert page.locator("#id_legal_basis").input_value() == "《信访工作条例》"
    assert lookup.input_value() == ""

    page.goto(live_server.url + reverse("ledgers:create", args=["study-sessions"]))
    page.locator("#id_laws").fill("宪法")
    page.locator("#id_laws_lookup").fill("行政处罚法")
    page.locator("#id_laws_lookup").press("Tab")
    assert page.locator("#id_laws").input_value() == "宪法、行政处罚法"
