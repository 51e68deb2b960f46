"""The API docs page works with no internet: an anonymous visitor is sent to the login page and
back, then Swagger UI (the sidecar's files) draws the schema, with nothing fetched from another
host and nothing refused by the Content-Security-Policy (browser_page checks both). Then the
person makes a token on the tokens page, linked from the user menu."""

import pytest

from tests.world import PASSWORD, build_world

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_offline_after_login(
    live_server, transactional_db, browser_page, artifacts_dir
):
    build_world()
    page = browser_page
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_url(f"{live_server.url}/accounts/login/?next=/api/docs/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/api/docs/")

    title = page.locator(".swagger-ui .info .title")
    title.wait_for(timeout=15000)
    assert "法治政府建设工作平台 API" in title.inner_text()
    # Groups start folded, named in Chinese: open 当前用户.
    page.locator("#operations-tag-当前用户").click()
    operation = page.locator(".opblock-summary-path", has_text="/api/me/")
    operation.wait_for()
    assert page.get_by_text("当前用户及其角色").first.is_visible()
    # Try it out with the session: the page's own request to the API answers as the clerk.
    # Swagger UI's own words are in Chinese (api/docs-zh.js).
    operation.click()
    assert page.get_by_placeholder("按分组筛选").is_visible()
    page.get_by_role("button", name="试一试").click()
    page.get_by_role("button", name="执行").click()
    page.locator(".response .microlight", has_text='"username": "clerk"').first.wait_for()
    assert page.get_by_text("服务器响应").first.is_visible()
    for english in ("Try it out", "Execute", "Server response", "Parameters"):
        assert page.get_by_text(english, exact=True).count() == 0, english
    page.screenshot(path=str(artifacts_dir / "api-docs.png"), full_page=True)

    # The tokens page, from the user menu: a new key is shown once with its curl line.
    page.goto(f"{live_server.url}/")
    page.get_by_test_id("nav-api-tokens").click()
    page.wait_for_url(f"{live_server.url}/accounts/api-tokens/")
    page.get_by_label("用途").fill("县级数据交换脚本")
    page.get_by_label("有效期").select_option("30")
    page.get_by_role("button", name="创建令牌").click()
    key = page.get_by_test_id("token-key").input_value()
    assert key.startswith("fz_")
    assert f"Token {key}" in page.get_by_test_id("token-curl").inner_text()
    page.screenshot(path=str(artifacts_dir / "api-tokens-created.png"), full_page=True)
    page.goto(f"{live_server.url}/accounts/api-tokens/")
    assert key not in page.content()
    assert "有效" in page.get_by_test_id("token-list").inner_text()
    assert page.external_requests == []
