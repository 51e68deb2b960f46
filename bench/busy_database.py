"""Load test: 8 people editing ledger records while a 30,000-row Excel import runs.

Run: .venv/bin/python bench/busy_database.py [--rows 30000] [--editors 8] [--demo-cache DIR]

A real server (`fazhi serve --dev`, Django's threaded server, on 127.0.0.1 only; the
recorded results are of that server) on a temporary SQLite database holding the demo.
Each editor logs in as 青山镇's clerk and, over and over, opens the edit form of one of its
own 学法活动 records (no two editors share a record) and saves a new 主讲人 and 参加人数; the
importer posts a 30,000-row 学法活动 workbook (made with openpyxl) for 青山镇 through the
import page. A probe opens a write transaction every 0.25 s on its own connection and
times how long it waited for the lock. Afterwards every acknowledged save (a redirect to
the record) is looked up: the last one of each record is its stored value and every one
of them is in the record's history.

Bars: no response 5xx (the busy page is a 503, so it counts), no save lost, no save refused,
the import done; p95 of the saves' latency ≤ 3 s. Exit status 1 if any bar is missed.
`--demo-cache DIR` keeps the migrated demo database in DIR for the next run (the demo takes
about a minute); each run works on a copy.
"""

import argparse
import io
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Fazhi-demo-2026"
USERNAME = "qingshan.clerk"
TOWNSHIP = "青山镇"
KIND = "study-sessions"
P95_BAR_SECONDS = 3.0
RECORDS_PER_EDITOR = 3


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        FAZHI_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="fazhi.settings",
        DEBUG="0",
        FAZHI_INSECURE_HTTP="1",  # plain HTTP on the loopback
        ALLOWED_HOSTS="127.0.0.1",
        PYTHONPATH=os.pathsep.join(
            p for p in [os.environ.get("PYTHONPATH", ""), str(ROOT / "src")] if p
        ),
    )
    return env


def _fazhi(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "fazhi", *args], env=env, check=True, cwd=ROOT)


def prepare_database(data_dir: Path, cache: Path | None) -> None:
    cached = cache / "fazhi.sqlite3" if cache else None
    if cached and cached.exists():
        shutil.copy(cached, data_dir / "fazhi.sqlite3")
        _fazhi(_env(data_dir), "migrate", "-v0")  # the cache may predate a migration
        return
    print("migrating and loading the demo (about a minute) ...", flush=True)
    _fazhi(_env(data_dir), "migrate", "-v0")
    _fazhi(_env(data_dir), "demo", "--quiet")
    if cached:
        cache.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(data_dir / "fazhi.sqlite3") as source, sqlite3.connect(cached) as out:
            source.backup(out)


def workbook(rows: int) -> bytes:
    """30,000 学法活动 of 青山镇 in the import template's layout, none of them in the demo."""
    from openpyxl import Workbook

    from fazhi.ledgers.columns import columns_for, to_cell
    from fazhi.ledgers.registry import get_kind

    columns = columns_for(get_kind(KIND))
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([c.header for c in columns])
    sheet.append([c.note for c in columns])
    types = [value for value, _ in columns[2].choices]
    for index in range(rows):
        values = {
            "occurred_on": date(2025, 1, 1) + timedelta(days=index % 365),
            "session_type": types[index % len(types)],
            "topic": f"压力测试第{index + 1}次学法",
            "laws": "民法典、宪法",
            "presenter": "司法所所长",
            "attendees": 20 + index % 50,
            "hours": 2,
        }
        sheet.append([TOWNSHIP, *(to_cell(c, values.get(c.name)) for c in columns[1:])])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class FormFields(HTMLParser):
    """The fields of the page's form that has a field named `marker`, as a browser posts them."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.forms, self.current = marker, [], None
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = []
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") not in {"checkbox", "radio"} or "checked" in a:
                self.current.append((a["name"], a.get("value", "on" if "checked" in a else "")))
        elif tag == "select":
            self.select = [a.get("name"), None, None]
        elif tag == "option" and self.select:
            if self.select[2] is None:
                self.select[2] = a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select and self.current is not None:
            name, chosen, first = self.select
            self.current.append((name, chosen if chosen is not None else first or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.current is not None:
            self.current.append((self.textarea[0], self.textarea[1].lstrip("\n")))
            self.textarea = None
        elif tag == "form":
            self.current = None

    def fields(self) -> dict:
        for form in self.forms:
            if any(name == self.marker for name, _ in form):
                return dict(form)
        raise ValueError(f"no form with a field {self.marker!r}")


def login(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": USERNAME, "password": PASSWORD},
        headers={"Referer": f"{base}/accounts/login/"},
        allow_redirects=False,
        timeout=60,
    )
    if response.status_code != 302:
        raise SystemExit(f"login failed: {response.status_code}")
    return session


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: dict[int, int] = {}
        self.save_seconds: list[float] = []
        self.form_seconds: list[float] = []
        self.acknowledged: dict[int, list[str]] = {}  # record id -> presenters, in order
        self.refused: list[str] = []

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def editor(number: int, base: str, records: list[int], stop: threading.Event, tally: Tally):
    session = login(base)
    edit = 0
    while not stop.is_set():
        record = records[edit % len(records)]
        url = f"{base}/ledgers/{KIND}/{record}/edit/"
        started = time.perf_counter()
        page = session.get(url, timeout=120)
        tally.count(page.status_code)
        tally.form_seconds.append(time.perf_counter() - started)
        if page.status_code != 200:
            continue
        parser = FormFields("presenter")
        parser.feed(page.text)
        data = parser.fields()
        presenter = f"编辑者{number}-{edit}"
        data.update(presenter=presenter, attendees=str(1 + edit % 90))
        started = time.perf_counter()
        response = session.post(
            url, data=data, headers={"Referer": url}, allow_redirects=False, timeout=120
        )
        seconds = time.perf_counter() - started
        tally.count(response.status_code)
        with tally.lock:
            tally.save_seconds.append(seconds)
            if response.status_code == 302:
                tally.acknowledged.setdefault(record, []).append(presenter)
            elif response.status_code < 500:
                tally.refused.append(f"{record}: HTTP {response.status_code}")
        edit += 1


def importer(base: str, data: bytes, outcome: dict) -> None:
    session = login(base)
    url = f"{base}/ledgers/{KIND}/import/"
    page = session.get(url, timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    started = time.perf_counter()
    response = session.post(
        url,
        data={"csrfmiddlewaretoken": token},
        files={"file": ("学法活动.xlsx", data)},
        headers={"Referer": url},
        timeout=600,
    )
    outcome["seconds"] = time.perf_counter() - started
    outcome["status"] = response.status_code
    found = re.search(r"导入完成：新增 (\d+) 条", response.text)
    outcome["created"] = int(found.group(1)) if found else None


def lock_probe(path: Path, stop: threading.Event, waits: list[float]) -> None:
    """How long a writer waits for the lock, sampled every 0.25 s."""
    probe = sqlite3.connect(path, timeout=120, isolation_level=None)
    while not stop.is_set():
        started = time.perf_counter()
        probe.execute("BEGIN IMMEDIATE")
        waits.append(time.perf_counter() - started)
        probe.execute("ROLLBACK")
        stop.wait(0.25)
    probe.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def wait_for(base: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("the server stopped; see its log")
        try:
            requests.get(f"{base}/accounts/login/", timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--editors", type=int, default=8)
    parser.add_argument("--demo-cache", type=Path, default=None)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="fazhi-bench-busy-"))
    env = _env(data_dir)
    prepare_database(data_dir, args.demo_cache)
    os.environ.update({k: env[k] for k in ("FAZHI_DATA_DIR", "DJANGO_SETTINGS_MODULE", "DEBUG")})
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from fazhi.ledgers.registry import get_kind
    from fazhi.orgs.models import Organisation

    model = get_kind(KIND).model
    township = Organisation.objects.get(name=TOWNSHIP)
    before = model.objects.filter(organisation=township).count()
    ids = list(
        model.objects.filter(organisation=township, archived_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: args.editors * RECORDS_PER_EDITOR]
    )
    if len(ids) < args.editors * RECORDS_PER_EDITOR:
        raise SystemExit("not enough demo records to edit")
    data = workbook(args.rows)
    from django.db import connections

    connections.close_all()

    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--dev", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    tally, outcome, waits = Tally(), {}, []
    try:
        wait_for(base, server)
        stop, probe_stop = threading.Event(), threading.Event()
        probe = threading.Thread(
            target=lock_probe, args=(data_dir / "fazhi.sqlite3", probe_stop, waits)
        )
        editors = [
            threading.Thread(
                target=editor,
                args=(
                    n,
                    base,
                    ids[n * RECORDS_PER_EDITOR : (n + 1) * RECORDS_PER_EDITOR],
                    stop,
                    tally,
                ),
            )
            for n in range(args.editors)
        ]
        probe.start()
        for thread in editors:
            thread.start()
        time.sleep(2)
        importer(base, data, outcome)
        time.sleep(2)
        stop.set()
        for thread in editors:
            thread.join()
        probe_stop.set()
        probe.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    # Every acknowledged save is stored: the last one as the value, each one in the history.
    history = model.history.model
    lost = []
    for record, presenters in tally.acknowledged.items():
        stored = model.objects.get(pk=record).presenter
        if stored != presenters[-1]:
            lost.append(f"{record}: stored {stored!r}, last saved {presenters[-1]!r}")
        kept = set(history.objects.filter(id=record).values_list("presenter", flat=True))
        lost += [f"{record}: {p!r} not in the history" for p in presenters if p not in kept]
    after = model.objects.filter(organisation=township).count()

    saves = len(tally.save_seconds)
    p95 = percentile(tally.save_seconds, 0.95) if saves else float("inf")
    acknowledged = sum(len(p) for p in tally.acknowledged.values())
    print(f"import: {args.rows} rows, {len(data) / 1024:.0f} KiB; HTTP {outcome.get('status')}")
    print(f"  answered in {outcome.get('seconds', 0):.1f} s, created {outcome.get('created')}")
    print(f"  records of the township: {before} before, {after} after")
    print(f"editors: {args.editors}, saves posted {saves}, acknowledged {acknowledged}")
    print(f"  statuses: {dict(sorted(tally.statuses.items()))}")
    form_p95 = percentile(tally.form_seconds, 0.95)
    print(
        f"  save latency: p50 {percentile(tally.save_seconds, 0.5):.2f} s, p95 {p95:.2f} s,"
        f" max {max(tally.save_seconds):.2f} s; form p95 {form_p95:.2f} s"
    )
    print(f"longest wait for the write lock (probe, {len(waits)} samples): {max(waits):.2f} s")
    print(f"5xx responses: {tally.server_errors} (must be 0)")
    print(f"lost saves: {len(lost)} (must be 0)" + "".join(f"\n  {line}" for line in lost[:10]))
    print(
        f"refused saves: {len(tally.refused)} (must be 0)"
        + "".join(f"\n  {line}" for line in tally.refused[:10])
    )
    ratio = p95 / P95_BAR_SECONDS
    print(f"ratio of the p95 save latency to the {P95_BAR_SECONDS:.0f} s bar: {ratio:.2f}")
    ok = (
        tally.server_errors == 0
        and not lost
        and not tally.refused
        and outcome.get("created") == args.rows
        and after == before + args.rows
        and p95 <= P95_BAR_SECONDS
    )
    print("all bars met" if ok else "BARS MISSED")
    shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
