"""The demo county inspector at 1440 px: the home page's comparison panel leads to the county
comparison, whose key figures of every domain fit the screen without scrolling sideways, with
its bar chart and rank heat map drawn from the site's own ECharts."""

import pytest
from django.utils import timezone

from fazhi.dashboards import domains
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from tests.browser.test_dashboard_flow import _records

pytestmark = pytest.mark.browser

COUNTY = "999901"
WIDE = {"width": 1440, "height": 900}

OVERFLOW = """() => {
  const scroller = document.querySelector('[data-testid="table-scroll"]');
  return {
    page: document.scrollingElement.scrollWidth,
    window: window.innerWidth,
    table: scroller.scrollWidth,
    box: scroller.clientWidth,
  };
}"""


def test_inspector_reads_every_domain_at_1440_px(
    live_server, transactional_db, browser_page, artifacts_dir
):
    load_demo_organisation()
    year = timezone.localdate().year
    townships = Organisation.objects.filter(parent__code=COUNTY).order_by("code")
    for times, township in enumerate(townships, 1):
        for _ in range(times):  # different figures, so that ranks and colours differ
            _records(township, year)
    page = browser_page
    page.set_viewport_size(WIDE)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("county.inspector")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    panel = page.locator('[data-testid="county-panel"]')
    assert panel.locator('[data-testid="panel-townships"]').inner_text() == str(len(townships))
    page.screenshot(path=str(artifacts_dir / "county-home.png"), full_page=True)

    panel.get_by_role("link", name="各乡镇对比（含图表）").click()
    page.wait_for_url("**/indicators/county/**")
    for tab in ["overview", *[domain.slug for domain in domains.domains()]]:
        if tab != "overview":
            page.locator(f'[data-testid="domain-tabs"] a[data-domain="{tab}"]').click()
            page.wait_for_url(f"**domain={tab}**")
        page.locator('[data-chart="bar"][data-rendered="true"] svg').wait_for(state="visible")
        page.locator('[data-chart="ranks"][data-rendered="true"] svg').wait_for(state="visible")
        widths = page.evaluate(OVERFLOW)
        assert widths["page"] <= widths["window"], (tab, widths)
        assert widths["table"] <= widths["box"], (tab, widths)
        rows = page.locator('[data-testid="county-table"] tbody tr')
        assert rows.count() == len(townships), tab
        assert page.locator('[data-testid="county-total"]').is_visible(), tab
        if tab in ("overview", "publicity"):
            page.screenshot(path=str(artifacts_dir / f"county-{tab}.png"), full_page=True)
    # The bar chart draws one bar per township, the heat map a cell per township and figure.
    columns = page.locator('[data-testid="county-table"] th[data-column]').count()
    assert page.evaluate(
        "() => echarts.getInstanceByDom(document.querySelector('[data-chart=ranks]'))"
        ".getOption().series[0].data.length"
    ) == columns * len(townships)
    assert errors == [], errors
