"""A clerk sees a normative document's attachments (thumbnail, PDF preview), replaces and
removes one, finds both in 修改记录, and reads every step of the procedure."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.ledgers.attachments import attachment_add
from fazhi.ledgers.registry import get_kind
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from tests.ledger_world import png_bytes
from tests.normative.helpers import at_stage

pytestmark = pytest.mark.browser
PDF_VIEWER = "mhjfbmdgcfjbbpaeojofohoefgiehjai"  # Chromium's built-in PDF viewer extension

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # noqa: E501


def test_clerk_replaces_and_removes_attachments_and_reads_the_procedure(
    live_server, transactional_db, browser_page, artifacts_dir, tmp_path
):
    load_demo_organisation()
    qingshan = Organisation.objects.get(code="999901101")
    world = SimpleNamespace(orgs={"Q": qingshan}, users={"clerk": None, "reviewer": None})
    document = at_stage(world, "approved", org="Q", number="青政规〔2025〕1号")
    kind = get_kind("normative-documents")
    for name, data, category in (
        ("现场照片.png", png_bytes((30, 120, 200), size=(640, 480)), "photo"),
        ("征求意见稿.pdf", PDF, "document"),
    ):
        attachment_add(
            actor=None,
            kind=kind,
            record=document,
            uploaded=SimpleUploadedFile(name, data),
            category=category,
        )

    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("qingshan.clerk")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/ledgers/normative-documents/{document.pk}/")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("关于加强农村村民建房管理的实施办法（2025-03-03）")
    )
    thumb = page.get_by_role("link", name="查看大图").locator("img")
    assert thumb.is_visible()
    # The bounded thumbnail loaded (decode() waits for a lazy image still on its way).
    assert thumb.evaluate("img => img.decode().then(() => img.naturalWidth)") == 320
    assert page.get_by_label("类别").input_value() == "document"  # the kind's default
    page.get_by_text("在页面中预览").click()
    assert page.locator("iframe[title='征求意见稿.pdf 预览']").is_visible()
    page.screenshot(path=str(artifacts_dir / "attachments-record.png"), full_page=True)

    # Replace the photo with another, then remove the PDF.
    photo = tmp_path / "现场照片（清晰）.png"
    photo.write_bytes(png_bytes((200, 60, 40), size=(800, 600)))
    page.get_by_role("link", name="替换").first.click()
    page.get_by_label("新文件").set_input_files(str(photo))
    page.get_by_role("button", name="确认替换").click()
    assert page.get_by_text("原文件保留").is_visible()
    page.get_by_role("link", name="移除").last.click()
    page.screenshot(path=str(artifacts_dir / "attachments-remove.png"), full_page=True)
    page.get_by_label("移除原因").fill("上传了旧稿")
    page.get_by_role("button", name="确认移除").click()
    assert page.get_by_text("文件保留在修改记录中").is_visible()
    history = page.locator("table").last.inner_text()
    assert "替换附件" in history and "移除附件" in history and "上传了旧稿" in history
    page.get_by_text("已移除或替换的附件（2 个").click()
    page.screenshot(path=str(artifacts_dir / "attachments-after.png"), full_page=True)

    page.get_by_role("link", name="办理流程").click()
    stages = page.locator("[data-testid=procedure] li")
    assert stages.count() == 6
    assert "当前步骤" in stages.nth(4).inner_text() and "公布" in stages.nth(4).inner_text()
    assert "未开始" in stages.nth(5).inner_text() and "备案" in stages.nth(5).inner_text()
    assert page.get_by_label("文号").is_visible()
    page.screenshot(path=str(artifacts_dir / "normative-procedure.png"), full_page=True)
    # The PDF preview is drawn by Chromium's own viewer (its chrome:// pages and built-in
    # extension), nothing off-site.
    viewer = ("chrome://", f"chrome-extension://{PDF_VIEWER}/")
    assert [url for url in page.external_requests if not url.startswith(viewer)] == []
