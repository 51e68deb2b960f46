"""A county's first week, in Chromium against the production server (`fazhi serve`, gunicorn) on
a fresh installation: the county admin creates the county from the division list, imports five
people from Excel; a new clerk logs in, is made to set a password and records a study session
with a photo; the admin deactivates a person, who can no longer log in; then `fazhi backup`,
the installation wiped, `fazhi restore`, and the clerk's record and photo are back.

When the suite runs on PostgreSQL the installation uses a database of its own on that server,
so backup and restore go through pg_dump and pg_restore."""

import hashlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection
from openpyxl import load_workbook

from tests.ledger_world import png_bytes

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ADMIN, ADMIN_PASSWORD = "xitong", "Xitong-Admin-2026!"
CLERK_PASSWORD = "Qingshan-Clerk-2026!"
COUNTY = "安吉县"  # 浙江省湖州市, in the shipped division list


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Installation:
    """A fresh installation: its data folder, its database, its server process."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = None
        self.database = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",  # production settings, not the tests'
            "FAZHI_DATA_DIR": str(data_dir),
            "DEBUG": "0",
            "FAZHI_INSECURE_HTTP": "1",  # plain HTTP on loopback; nginx gives TLS in production
            "ALLOWED_HOSTS": "127.0.0.1",
            "FAZHI_WORKERS": "2",
        }
        for name in ("DATABASE_URL", "MEDIA_ROOT", "SECRET_KEY"):
            self.env.pop(name, None)
        if connection.vendor == "postgresql":
            self._own_postgres_database()

    def _own_postgres_database(self) -> None:
        settings = connection.settings_dict
        self.database = f"fazhi_first_week_{uuid.uuid4().hex[:8]}"
        self.admin_dsn = {
            "host": settings["HOST"] or "localhost",
            "port": settings["PORT"] or 5432,
            "user": settings["USER"],
            "password": settings["PASSWORD"],
            "dbname": "postgres",
        }
        self._postgres(f'CREATE DATABASE "{self.database}"')
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = self.admin_dsn["host"]
        self.env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}{password}@{host}:{self.admin_dsn['port']}"
            f"/{self.database}"
        )

    def _postgres(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(**self.admin_dsn, autocommit=True) as admin:
            admin.execute(statement)

    def fazhi(self, *args, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "fazhi", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-2000:])
        return result

    def start(self) -> None:
        log = open(self.data_dir.parent / f"server-{self.port}.log", "ab")  # noqa: SIM115
        self.server = subprocess.Popen(
            [sys.executable, "-m", "fazhi", "serve", f"127.0.0.1:{self.port}"],
            env=self.env,
            cwd=REPO,
            stdout=log,
            stderr=log,
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for _ in range(300):
            try:
                with opener.open(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            assert self.server.poll() is None, "the server stopped while starting"
            time.sleep(0.2)
        raise AssertionError("the server did not answer /healthz")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(timeout=60)
        self.server = None

    def wipe(self) -> None:
        """What a dead disk leaves: nothing of the data folder, an empty database."""
        shutil.rmtree(self.data_dir)
        self.data_dir.mkdir()
        if self.database:
            self._postgres(f'DROP DATABASE "{self.database}" WITH (FORCE)')
            self._postgres(f'CREATE DATABASE "{self.database}"')

    def remove(self) -> None:
        self.stop()
        if self.database:
            self._postgres(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def installation(tmp_path):
    site = Installation(tmp_path / "data")
    site.data_dir.mkdir()
    try:
        site.fazhi("migrate", "--no-input", "-v", "0")
        site.env["DJANGO_SUPERUSER_PASSWORD"] = ADMIN_PASSWORD
        site.fazhi("createsuperuser", "--no-input", "--username", ADMIN, "--email", "")
        site.start()
        yield site
    finally:
        site.remove()


def log_in(page, site, username, password):
    page.context.clear_cookies()
    page.goto(f"{site.url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def five_people(template: bytes, township: str) -> bytes:
    """The downloaded template filled in as the county office would."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    people = [
        ("王清", township, "13800000001", "wang.qing", "录入员"),
        ("李明", township, "13800000002", "li.ming", "领导"),
        ("赵法", township, "13800000003", "zhao.fa", "法制审核员"),
        ("陈调", township, "13800000004", "chen.tiao", "录入员"),
        ("周离", township, "13800000005", "zhou.li", "录入员"),
    ]
    order = [headers.index(name) for name in ("姓名", "单位", "手机号", "登录名", "角色")]
    for offset, person in enumerate(people):
        for value, column in zip(person, order, strict=True):
            sheet.cell(row=3 + offset, column=column + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_county_first_week(installation, browser_page, artifacts_dir, tmp_path):
    site, page = installation, browser_page
    shots = artifacts_dir

    # The county admin creates the county from the division list.
    log_in(page, site, ADMIN, ADMIN_PASSWORD)
    page.wait_for_url(f"{site.url}/")
    page.goto(f"{site.url}/orgs/setup/")
    page.get_by_label("县（区）名称或区划代码").fill(COUNTY)
    page.get_by_role("button", name="搜索").click()
    counties = page.get_by_test_id("counties")
    assert "浙江省" in counties.inner_text() and "湖州市" in counties.inner_text()
    page.get_by_role("link", name="查看并建立").first.click()
    summary = page.get_by_test_id("setup-summary").inner_text()
    page.screenshot(path=str(shots / "first-week-1-division-list.png"), full_page=True)
    page.get_by_role("button", name="建立本县（区）及其下全部单位").click()
    listed = site.fazhi("orgs", "--level", "township").stdout.splitlines()[1:]
    townships = [line.split("\t") for line in listed]
    assert len(townships) >= 5, summary
    assert f"乡镇（街道）{len(townships)} 个" in summary
    assert page.get_by_text(f"已建立：乡镇（街道）{len(townships)} 个").is_visible()
    township_code, township = townships[0][0], townships[0][2]

    # Five people from Excel, with the template the page offers.
    page.goto(f"{site.url}/people/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name="人员导入模板").click()
    filled = tmp_path / "人员.xlsx"
    filled.write_bytes(five_people(Path(download.value.path()).read_bytes(), township_code))
    page.get_by_label("人员名单（.xlsx）").set_input_files(str(filled))
    page.get_by_role("button", name="开始导入").click()
    assert "新增 5 人" in page.get_by_test_id("import-result").inner_text()
    passwords = {
        row.locator("td").nth(1).inner_text(): row.locator("td").nth(2).inner_text()
        for row in page.get_by_test_id("import-passwords").locator("tbody tr").all()
    }
    assert sorted(passwords) == ["chen.tiao", "li.ming", "wang.qing", "zhao.fa", "zhou.li"]
    page.screenshot(path=str(shots / "first-week-2-people-imported.png"), full_page=True)

    # The new clerk logs in with the one-time password and must set their own first.
    log_in(page, site, "wang.qing", passwords["wang.qing"])
    page.wait_for_url("**/accounts/password/**")
    assert page.get_by_test_id("password-forced").is_visible()
    page.goto(f"{site.url}/ledgers/study-sessions/")
    assert "/accounts/password/" in page.url  # nothing else until the password is set
    page.get_by_label("旧密码").fill(passwords["wang.qing"])
    page.get_by_label("新密码", exact=True).fill(CLERK_PASSWORD)
    page.get_by_label("新密码确认").fill(CLERK_PASSWORD)
    page.screenshot(path=str(shots / "first-week-3-set-password.png"), full_page=True)
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_url(f"{site.url}/")

    # ... and records a study session with a photo.
    page.goto(f"{site.url}/ledgers/study-sessions/new/")
    page.get_by_label("单位").select_option(label=township)
    page.get_by_label("学习日期").fill("2026-12-03")
    page.get_by_label("学习形式").select_option(label="专题讲座")
    page.get_by_label("学习主题").fill("第一周：宪法专题学习")
    page.get_by_label("参加人数").fill("28")
    page.get_by_label("学时").fill("2")
    page.get_by_role("button", name="保存").click()
    assert page.get_by_text("已保存学法活动。").is_visible()
    record_url = page.url
    photo_bytes = png_bytes(color=(20, 120, 200), size=(64, 48))
    photo = tmp_path / "学习现场.png"
    photo.write_bytes(photo_bytes)
    page.get_by_label("上传附件（照片、签到表、纪要扫描件等）").set_input_files(str(photo))
    page.get_by_role("button", name="上传", exact=True).click()
    assert page.get_by_text("附件已上传。").is_visible()
    page.screenshot(path=str(shots / "first-week-4-study-session.png"), full_page=True)

    # The admin deactivates a person, who can no longer log in.
    log_in(page, site, ADMIN, ADMIN_PASSWORD)
    page.goto(f"{site.url}/people/?q=zhou.li")
    page.get_by_role("link", name="周离").click()
    page.get_by_role("button", name="停用账号").click()
    assert page.get_by_text("已停用").first.is_visible()
    log_in(page, site, "zhou.li", passwords["zhou.li"])
    assert "/accounts/login/" in page.url
    assert "该账号已停用" in page.get_by_role("alert").first.inner_text()
    page.screenshot(path=str(shots / "first-week-5-deactivated-refused.png"), full_page=True)

    # Backup, the installation wiped, restore: the record and its photo are back.
    site.stop()
    archive = tmp_path / "fazhi-backup.tar.gz"
    site.fazhi("backup", str(archive))
    site.wipe()
    site.fazhi("restore", str(archive))
    site.start()
    log_in(page, site, "wang.qing", CLERK_PASSWORD)
    page.wait_for_url(f"{site.url}/")
    page.goto(record_url)
    assert page.get_by_text("第一周：宪法专题学习").first.is_visible()
    link = page.get_by_role("link", name="学习现场.png")
    downloaded = page.request.get(f"{site.url}{link.get_attribute('href')}")
    assert downloaded.status == 200
    assert hashlib.sha256(downloaded.body()).digest() == hashlib.sha256(photo_bytes).digest()
    page.screenshot(path=str(shots / "first-week-6-after-restore.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a clerk's phone
    page.screenshot(path=str(shots / "first-week-6-after-restore-phone.png"), full_page=True)
    page.goto(f"{site.url}/accounts/password/")
    page.screenshot(path=str(shots / "first-week-7-password-phone.png"), full_page=True)
    log_in(page, site, ADMIN, ADMIN_PASSWORD)
    page.goto(f"{site.url}/people/")
    assert page.locator("table tbody").get_by_text("已停用").is_visible()
    page.screenshot(path=str(shots / "first-week-8-people-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, site, "zhou.li", passwords["zhou.li"])
    assert "/accounts/login/" in page.url  # still deactivated after the restore
    assert page.external_requests == []
