"""On a 390 px phone: the village legal advisor logs a service with a photo from the camera, and
every main page of each role fits the screen (the page itself never scrolls sideways)."""

import io
import os
import re
from datetime import date
from random import Random

import pytest
from django.db import connections
from django.utils import timezone
from PIL import Image

from fazhi.ledgers.models import Attachment
from fazhi.ledgers.registry import all_kinds
from fazhi.ledgers.services import record_create
from fazhi.legal_services.models import LegalService
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from tests.browser.conftest import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

WIDTH = 390
QINGSHAN = "999901101"
# Links that download a file or change something rather than show a page.
NOT_PAGES = re.compile(r"download|export|template|\.(xlsx|docx|pdf|json)|attachments?/|logout")


@pytest.fixture
def phone(chromium_path):
    """A page in a 390×844 touch screen, refusing the internet and watching the CSP like the
    desktop fixture does."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            viewport={"width": WIDTH, "height": 844},
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
        )
        page = context.new_page()
        external, refused = [], []

        def guard(route):
            url = route.request.url
            if url.startswith(("http://localhost", "http://127.0.0.1", "data:")):
                route.continue_()
            else:
                external.append(url)
                route.abort()

        page.route("**/*", guard)
        page.on(
            "console",
            lambda message: (
                refused.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        yield page
        connections.close_all()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert external == []
    assert refused == [], f"refused by the Content-Security-Policy: {refused}"


@pytest.fixture
def shots(artifacts_dir):
    folder = artifacts_dir / "phone"
    folder.mkdir(exist_ok=True)
    return folder


def jpeg_bytes(size=(160, 120)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 60)).save(out, format="JPEG")
    return out.getvalue()


def _seed_records() -> None:
    """The first few demo records of every ledger for 青山镇 (or its first village), so each
    list and detail page has real rows to lay out."""
    township = Organisation.objects.get(code=QINGSHAN)
    village = township.children.order_by("code").first()
    today = timezone.localdate()
    for kind in all_kinds():
        if kind.demo is None:
            continue
        organisation = village if kind.org_level == Level.VILLAGE else township
        generated = kind.demo(organisation, today.year, Random(7), today)
        for _, data in zip(range(3), generated, strict=False):
            record_create(actor=None, kind=kind, organisation=organisation, data=data)


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _main_pages(page, base: str) -> list[str]:
    """The menu's pages and every page one link away from them, one per URL shape."""
    page.goto(f"{base}/")
    menu = page.eval_on_selector_all(
        "#site-menu a.nav-link", "links => links.map(a => a.getAttribute('href'))"
    )
    found = ["/", *menu]
    for url in menu:
        page.goto(base + url)
        found += page.eval_on_selector_all(
            "main a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
        )
    shapes = {}
    for url in found:
        url = url.split("#")[0]
        if not NOT_PAGES.search(url):
            shapes.setdefault(re.sub(r"\d+", "N", url.split("?")[0]), url)
    return sorted(shapes.values())


# Cells of a stacked list whose column name runs out of the cell (a long name wraps below it).
SPILLING_CELLS = """() => [...document.querySelectorAll('.table-stack td[data-label]')]
    .filter(td => td.scrollHeight > td.clientHeight + 1).map(td => td.dataset.label)"""


def _too_wide(page, base: str, urls: list[str], shots, prefix: str) -> list[tuple[str, object]]:
    """Pages wider than the phone, and stacked-list cells whose column name spills out."""
    wide = []
    for url in urls:
        response = page.goto(base + url)
        assert response.status == 200, url
        width = _page_width(page)
        spilling = sorted(set(page.evaluate(SPILLING_CELLS)))
        if width > WIDTH or spilling:
            name = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-")
            page.screenshot(path=str(shots / f"{prefix}-wide-{name}.png"), full_page=True)
            wide.append((url, width if width > WIDTH else spilling))
    return wide


def test_advisor_logs_a_village_service_with_a_camera_photo(
    live_server, transactional_db, phone, shots, tmp_path
):
    load_demo_organisation()
    page = phone
    _log_in(page, live_server.url, "qingshan.advisor")
    page.screenshot(path=str(shots / "advisor-home.png"), full_page=True)
    assert _page_width(page) <= WIDTH

    # The menu is folded into one button; it opens on a tap.
    menu_link = page.locator("#site-menu").get_by_role("link", name="台账")
    assert not menu_link.is_visible()
    page.get_by_role("button", name="菜单").tap()
    page.locator("#site-menu.collapse.show").wait_for()  # Bootstrap's transition has ended
    page.screenshot(path=str(shots / "advisor-menu-open.png"))
    menu_link.tap()

    page.get_by_role("link", name="法律顾问服务").first.tap()
    page.get_by_role("link", name="新增").tap()
    page.get_by_label("单位").select_option(label="青山村")
    page.get_by_label("服务日期").fill("2026-12-04")
    page.get_by_label("服务类型").select_option(label="法律咨询")
    page.get_by_label("法律顾问").fill("王律师")
    page.get_by_label("服务事项").fill("手机登记：土地承包合同咨询")
    page.get_by_label("服务人数").fill("3")
    assert _page_width(page) <= WIDTH
    page.screenshot(path=str(shots / "advisor-service-form.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="保存").tap()
    assert page.get_by_text("已保存法律顾问服务。").is_visible()

    camera = page.get_by_label("拍照或选择照片")
    assert camera.get_attribute("accept") == "image/*"
    assert camera.get_attribute("capture") == "environment"
    assert page.get_by_text("尚未选择照片").is_visible()
    photo = tmp_path / "服务现场.jpg"
    photo.write_bytes(jpeg_bytes())
    camera.set_input_files(str(photo))
    assert page.get_by_text("已选好照片，请点“上传照片”。").is_visible()
    page.screenshot(path=str(shots / "advisor-photo-chosen.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="上传照片").tap()
    assert page.get_by_text("附件已上传。").is_visible()
    assert page.get_by_role("link", name="服务现场.jpg").is_visible()
    assert "{#" not in page.inner_text("main")  # no template comment shows
    assert _page_width(page) <= WIDTH
    page.screenshot(path=str(shots / "advisor-service-detail.png"), full_page=True)

    service = LegalService.objects.get(subject="手机登记：土地承包合同咨询")
    assert service.organisation.name == "青山村"
    assert service.occurred_on == date(2026, 12, 4)
    attachment = Attachment.objects.get(name="服务现场.jpg")
    assert attachment.category == "photo"
    assert attachment.record_id == service.pk

    # The advisor's own list shows the new service, inside the screen.
    with page.expect_navigation():
        page.get_by_role("link", name="返回列表").tap()
    assert page.get_by_text("手机登记：土地承包合同咨询").is_visible()
    page.screenshot(path=str(shots / "advisor-service-list.png"), full_page=True)
    urls = _main_pages(page, live_server.url)
    assert "/ledgers/legal-services/" in urls
    assert _too_wide(page, live_server.url, urls, shots, "advisor") == []


@pytest.mark.parametrize("username", ["qingshan.clerk", "county.inspector", "qingshan.admin"])
def test_every_main_page_fits_a_phone(live_server, transactional_db, phone, shots, username):
    load_demo_organisation()
    _seed_records()
    page = phone
    _log_in(page, live_server.url, username)
    urls = _main_pages(page, live_server.url)
    assert len(urls) > 8
    for url in ("/", "/ledgers/"):
        page.goto(live_server.url + url)
        name = url.strip("/") or "home"
        page.screenshot(path=str(shots / f"{username}-{name}.png"), full_page=True)
    assert _too_wide(page, live_server.url, urls, shots, username) == []
