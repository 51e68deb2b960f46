import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

from tests.conftest import require

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(path is not None, "Debian's chromium is not installed (CI installs it)")
    return path


@pytest.fixture
def browser_page(chromium_path):
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls Django makes for
    # the live server's fixtures are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        # Prove the page needs nothing from the internet: any request off this machine fails.
        external = []

        def guard(route):
            url = route.request.url
            if url.startswith(("http://localhost", "http://127.0.0.1", "data:")):
                route.continue_()
            else:
                external.append(url)
                route.abort()

        page.route("**/*", guard)
        page.external_requests = external
        # Whatever the Content-Security-Policy refused (an inline script or style, a foreign
        # source) is reported on the console; every browser test must leave none.
        refused = []

        def watch(message):
            if "Content Security Policy" in message.text:
                refused.append(message.text)

        page.on("console", watch)
        yield page
        # A connection the test opened while Playwright's loop ran belongs to that context and
        # would outlive the test (PostgreSQL then cannot drop the test database): close it here.
        connections.close_all()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert refused == [], f"refused by the Content-Security-Policy: {refused}"


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
