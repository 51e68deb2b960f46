"""Security and reliability probe of a running site (issue 16, acceptance 9).

Run: .venv/bin/python bench/security_probe.py [--port 8791] [--keep]

Builds a throwaway site (migrate, `fazhi demo`, plus a second county 对照县 with one township and
its ledgers), serves it with `fazhi serve --dev` on 127.0.0.1 only (DEBUG off, plain HTTP;
Django's threaded server, as when the results were recorded), and probes it over HTTP the way
issue 16 describes:

1. scoping — every URL pattern of the site, as each role of 青山镇 (and the county inspector),
   with the other townships' (the other county's) objects: never a 2xx, and no page a role may
   open names an organisation outside its subtree;
2. CSRF — every POST without a token is refused (403);
3. malformed query parameters on every page a role opens — never a 5xx;
4. formula injection — a title starting with "=" exports as text, never a formula;
5. text that looks like a template in a meeting title — the report page, .docx and working
   paper answer 200 and show it as written;
6. decompression bombs — a .docx whose styles inflate to 400 MB (to /review/) and an .xlsx
   with a 300 MB cell (to an import) are refused; the server's peak memory is read from
   /proc/<pid>/status (VmHWM) before and after;
7. lost update — two sessions edit one record; the second save is refused;
8. error pages and headers — a 404 in Chinese, a Content-Security-Policy, no-store on pages;
9. kill -9 during an import — the server killed while it imports 20,000 rows leaves no row.

Prints each check with its count and a total; exits 1 if anything failed. Loopback only; the
site and its database are deleted afterwards unless --keep.
"""

import argparse
import contextlib
import http.cookiejar
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "Fazhi-demo-2026"
OWN_TOWNSHIP = "999901101"  # 青山镇
OTHER_COUNTY = ("999902", "对照县", "999902101", "对照镇", "999902101201", "对照村")
MALFORMED = [
    {"year": "abc"},
    {"year": "99999999999999999999"},
    {"year": "-1"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999999"},
    {"sort": "__proto__"},
    {"sort": "-organisation__path"},
    {"month": "13"},
    {"organisation": "abc"},
    {"organisation": "-5"},
    {"q": "宪" * 5000},
    {"q": "%' OR 1=1 --"},
    {"codes": "zzz,all,../.."},
    {"v": "abc", "b": "-1", "a": "x"},
    {"county": "'\""},
    {"part": "nonsense"},
]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    """One browser: cookies, no redirects followed, every answer kept as (status, headers,
    body)."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.requests = 0

    def request(self, method: str, path: str, data=None, headers=None, timeout=60):
        self.requests += 1
        body = None
        headers = dict(headers or {})
        if isinstance(data, dict):
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif isinstance(data, bytes):
            body = data
        request = urllib.request.Request(self.base + path, data=body, method=method)
        for key, value in headers.items():
            request.add_header(key, value)
        request.add_header("Referer", self.base + "/")
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
        except TimeoutError:
            # No answer in time counts as a server failure (599), and says which request.
            print(f"  timed out: {method} {path[:120]}", flush=True)
            return 599, {}, b""

    def get(self, path, **query):
        if query:
            path += ("&" if "?" in path else "?") + urllib.parse.urlencode(query)
        return self.request("GET", path)

    def csrf(self, path="/accounts/login/") -> str:
        status, _headers, body = self.get(path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if match:
            return match.group(1).decode()
        cookie = next((c.value for c in self.jar if c.name == "csrftoken"), "")
        return cookie

    def post(self, path, data, *, token=True, files=None):
        data = dict(data)
        if token:
            data["csrfmiddlewaretoken"] = self.csrf(path if "download" not in path else "/")
        if files:
            boundary = "----fazhiprobe" + str(time.time_ns())
            body = io.BytesIO()
            for key, value in data.items():
                body.write(f"--{boundary}\r\n".encode())
                body.write(f'Content-Disposition: form-data; name="{key}"\r\n\r\n'.encode())
                body.write(f"{value}\r\n".encode())
            for key, (name, content) in files.items():
                body.write(f"--{boundary}\r\n".encode())
                body.write(
                    f'Content-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n".encode()
                )
                body.write(content + b"\r\n")
            body.write(f"--{boundary}--\r\n".encode())
            headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
            return self.request("POST", path, body.getvalue(), headers)
        return self.request("POST", path, data)

    def login(self, username: str) -> None:
        token = self.csrf()
        status, headers, _ = self.request(
            "POST",
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        )
        if status != 302:
            raise SystemExit(f"login of {username} failed: {status}")


# --- the site ----------------------------------------------------------------------------------


def environment(data_dir: str) -> dict:
    return {
        **os.environ,
        "FAZHI_DATA_DIR": data_dir,
        "DATABASE_URL": "",
        "DEBUG": "0",
        "FAZHI_INSECURE_HTTP": "1",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT / "src"),
    }


def fazhi(*args, env, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "fazhi", *args], env=env, check=True, cwd=ROOT, **kwargs
    )


def build_site(env) -> None:
    """The demo, then (in this process) a second county with one township and its ledgers."""
    fazhi("migrate", "--no-input", "-v", "0", env=env)
    fazhi("demo", "--quiet", env=env, stdout=subprocess.DEVNULL)
    setup_django(env)
    from django.utils import timezone

    from fazhi.ledgers.demo import _load_kind
    from fazhi.ledgers.registry import all_kinds
    from fazhi.orgs.roles import Level
    from fazhi.orgs.services import organisation_create

    county_code, county_name, town_code, town_name, village_code, village_name = OTHER_COUNTY
    county = organisation_create(
        actor=None, code=county_code, name=county_name, level=Level.COUNTY, parent=None
    )
    town = organisation_create(
        actor=None, code=town_code, name=town_name, level=Level.TOWNSHIP, parent=county
    )
    village = organisation_create(
        actor=None, code=village_code, name=village_name, level=Level.VILLAGE, parent=town
    )
    for kind in all_kinds():
        if kind.demo is not None:
            organisation = town if kind.org_level == Level.TOWNSHIP else village
            _load_kind(kind, organisation, timezone.localdate())


def setup_django(env) -> None:
    for key in ("FAZHI_DATA_DIR", "DEBUG", "DATABASE_URL", "FAZHI_INSECURE_HTTP", "ALLOWED_HOSTS"):
        os.environ[key] = env[key]
    os.environ["DJANGO_SETTINGS_MODULE"] = "fazhi.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def start_server(env, port: int) -> subprocess.Popen:
    # The server's log goes to a file: a pipe nobody reads would fill and stop the server.
    log = open(Path(env["FAZHI_DATA_DIR"]) / "server.log", "ab")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "fazhi", "serve", "--dev", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=1)
            return server
        except Exception:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# --- what the probe asks of the database (read only, in this process) --------------------------


def objects(env) -> dict:
    """Ids and codes of the objects the probe asks for, read from the site's database."""
    from fazhi.catalogue import load_catalogue
    from fazhi.deadlines.periods import all_periods
    from fazhi.ledgers.registry import all_kinds
    from fazhi.orgs.models import Organisation

    own = Organisation.objects.get(code=OWN_TOWNSHIP)
    result = {"kinds": {}, "orgs": {}, "names": {}}
    for organisation in Organisation.objects.all():
        result["names"][organisation.code] = organisation.name
    groups = {
        "own": [own],
        "township": list(
            Organisation.objects.filter(parent=own.parent).exclude(pk=own.pk).order_by("code")
        ),
        "county": list(Organisation.objects.filter(code=OTHER_COUNTY[2])),
    }
    for group, townships in groups.items():
        result.setdefault("org_pks", {})[group] = [
            pk
            for township in townships
            for pk in Organisation.objects.filter(path__startswith=township.path)
            .order_by("code")
            .values_list("pk", flat=True)
        ]
        result["orgs"][group] = [
            code
            for township in townships
            for code in Organisation.objects.filter(path__startswith=township.path)
            .order_by("code")
            .values_list("code", flat=True)
        ]
        for kind in all_kinds():
            ids = list(
                kind.model.objects.filter(
                    organisation__path__in=[
                        p
                        for t in townships
                        for p in Organisation.objects.filter(path__startswith=t.path).values_list(
                            "path", flat=True
                        )
                    ]
                )
                .order_by("pk")
                .values_list("pk", flat=True)[:2]
            )
            result["kinds"].setdefault(kind.slug, {})[group] = ids
    result["own_townships"] = [own.code]
    result["cleanups"] = {}
    from fazhi.normative.models import CleanupRound

    for group, townships in groups.items():
        result["cleanups"][group] = list(
            CleanupRound.objects.filter(organisation__in=townships).values_list("pk", flat=True)[:2]
        )
    result["indicator"] = load_catalogue().indicators[0].code
    result["periods"] = [period.code for period in all_periods()][:2]
    result["slugs"] = [kind.slug for kind in all_kinds()]
    return result


KIND_OF_PAGE = {
    "normative": "normative-documents",
    "decisions": "major-decisions",
    "enforcement": "enforcement-cases",
    "disputes:petition": "petitions",
    "disputes:decide": "petitions",
    "disputes:extend": "petitions",
    "disputes:reply": "petitions",
    "disputes:review": "petitions",
    "disputes:person": "follow-up-people",
    "disputes:visit": "follow-up-people",
}


def patterns() -> list[tuple[str, str]]:
    from django.urls import URLResolver, get_resolver

    found = []

    def walk(resolver, prefix="", namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                walk(pattern, prefix + str(pattern.pattern), ns)
            else:
                found.append((f"{namespace}:{pattern.name}", prefix + str(pattern.pattern)))

    walk(get_resolver())
    return found


def paths_for(name: str, pattern: str, group: str, data: dict) -> list[str]:
    """Concrete paths of a pattern with the objects of `group` ("own", "township", "county")."""
    params = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
    fills: list[dict] = [{}]

    def expand(key, values):
        nonlocal fills
        fills = [{**fill, key: value} for fill in fills for value in values]

    orgs = data["orgs"][group]
    townships = [code for code in orgs if len(code) == 9]
    for param in params:
        if param == "kind":
            expand("kind", data["slugs"])
        elif param == "code" and name.startswith("deadlines:"):
            expand("code", data["periods"])
        elif param == "code":
            expand("code", (townships[:1] + [c for c in orgs if len(c) > 9][:1]) or orgs[:1])
        elif param == "indicator":
            expand("indicator", [data["indicator"]])
        elif param == "pk" and name.startswith("normative:cleanup"):
            expand("pk", data["cleanups"][group][:1])
        elif param == "pk" and "kind" not in params:
            slug = KIND_OF_PAGE.get(name) or KIND_OF_PAGE.get(name.split(":")[0])
            if slug is None:  # attachments: none in the demo
                return []
            expand("pk", data["kinds"][slug][group][:1])
    paths = []
    for fill in fills:
        if "pk" in params and "kind" in params:
            ids = data["kinds"][fill["kind"]][group][:1]
            for pk in ids:
                paths.append(_format(pattern, {**fill, "pk": pk}))
        elif all(key in fill for key in params):
            paths.append(_format(pattern, fill))
    return paths


def _format(pattern: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), pattern)


# --- the checks ---------------------------------------------------------------------------------


class Tally:
    def __init__(self):
        self.counts = Counter()
        self.failures: list[str] = []

    def check(self, label: str, ok: bool, detail: str = "") -> None:
        self.counts[(label, ok)] += 1
        if not ok and len([f for f in self.failures if f.startswith(label)]) < 5:
            self.failures.append(f"{label}: {detail}")


def spreadsheet_text(content: bytes) -> str:
    """Every cell of a workbook as text, to look for names in an export."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def form_fields(html: str) -> dict:
    """The fields of the first form with a CSRF token on a page, as the browser would post them
    (inputs, textareas, the selected option of each select)."""
    fields = dict(re.findall(r'<input[^>]*name="([\w-]+)"[^>]*value="([^"]*)"', html))
    for name, text in re.findall(r'<textarea[^>]*name="([\w-]+)"[^>]*>([^<]*)</textarea>', html):
        fields[name] = text
    for attributes, options in re.findall(r"<select([^>]*)>(.*?)</select>", html, re.S):
        name = re.search(r'name="([\w-]+)"', attributes).group(1)
        # The option chosen already; a required choice not yet made gets the first real one
        # (as a clerk picks one); an optional one stays empty.
        chosen = re.search(r'<option value="([^"]+)"[^>]*selected', options)
        if chosen is None and " required" in attributes:
            chosen = re.search(r'<option value="([^"]+)"', options)
        fields[name] = chosen.group(1) if chosen else ""
    return fields


def hidden_names(data: dict, role_group: str) -> list[str]:
    """Names of organisations a role of 青山镇 (or the county inspector) must never see."""
    names = data["names"]
    if role_group == "county":
        codes = data["orgs"]["county"]
    else:
        codes = data["orgs"]["township"] + data["orgs"]["county"]
    # Village names repeat across townships in real life; the demo's are distinct.
    return [names[code] for code in codes]


def probe_scoping(base, data, routes, tally) -> None:
    roles = {
        "qingshan.clerk": "township",
        "qingshan.leader": "township",
        "qingshan.reviewer": "township",
        "qingshan.admin": "township",
        "qingshan.advisor": "township",
        "county.inspector": "county",
        "county.admin": "county",
    }
    for username, group in roles.items():
        session = Session(base)
        session.login(username)
        hidden = hidden_names(data, group)
        token = session.csrf("/")
        for name, pattern in routes:
            if name in (":logout", ":login"):
                continue
            params = set(re.findall(r"<(?:\w+:)?(\w+)>", pattern))
            objects_of_others = (
                paths_for(name, pattern, group, data)
                if params & {"pk", "code"} and name != "deadlines:period_edit"
                else []
            )
            if params == {"kind"} and name.endswith((":list", ":export")):
                # A list or export asked for another township's records by its filter.
                for path in paths_for(name, pattern, "own", data):
                    for org_pk in data["org_pks"][group][:2]:
                        status, headers, body = session.get(path, organisation=org_pk)
                        shown = body.decode(errors="replace") if status == 200 else ""
                        if "spreadsheet" in headers.get("Content-Type", ""):
                            shown = spreadsheet_text(body)
                        leaked = [n for n in hidden if n in shown]
                        tally.check(
                            "a list or export filtered on another township shows none of it",
                            status < 500 and not leaked,
                            f"{username} GET {path}?organisation={org_pk} → {status} {leaked[:2]}",
                        )
            for path in objects_of_others:
                status, _headers, body = session.get(path)
                tally.check(
                    "another township's object is not served",
                    status in (403, 404, 405),
                    f"{username} GET {path} → {status}",
                )
                status, _headers, body = session.request(
                    "POST", path, {"csrfmiddlewaretoken": token}
                )
                tally.check(
                    "another township's object is not written",
                    status in (403, 404, 405),
                    f"{username} POST {path} → {status}",
                )
            for path in paths_for(name, pattern, "own", data)[:40]:
                status, headers, body = session.get(path)
                tally.check("no 5xx", status < 500, f"{username} GET {path} → {status}")
                if status == 200 and "html" in headers.get("Content-Type", ""):
                    text = body.decode(errors="replace")
                    leaked = [n for n in hidden if n in text]
                    tally.check(
                        "no other township named on a page the role opens",
                        not leaked,
                        f"{username} {path}: {leaked[:3]}",
                    )
                    for params in MALFORMED:
                        status, _h, _b = session.get(path, **params)
                        tally.check(
                            "malformed query parameter answered without a 5xx",
                            status < 500,
                            f"{username} GET {path}?{list(params)} → {status}",
                        )
                    if status == 200:
                        status, _h, _b = session.request("POST", path, {"x": "1"})
                        tally.check(
                            "POST without a CSRF token refused",
                            status in (403, 405),
                            f"{username} POST {path} → {status}",
                        )
        tally.counts[("requests", True)] += session.requests


def create_record(session, slug: str, values: dict) -> int:
    """Fill the ledger's create form as a clerk would (its own defaults, zeros in empty number
    fields) with `values`, post it, and answer the status (302 when saved)."""
    path = f"/ledgers/{slug}/new/"
    _status, _headers, body = session.get(path)
    html = body.decode()
    fields = form_fields(html)
    for name in re.findall(r'<input[^>]*type="number"[^>]*name="([\w-]+)"', html):
        fields[name] = fields.get(name) or "0"
    fields.update(values)
    status, _headers, answer = session.request("POST", path, fields)
    if status == 200:  # the form again: print why, so a probe run shows its own mistake
        errors = re.findall(r'role="alert">(?:<div>)?([^<]+)<', answer.decode())
        print(f"  {slug} form refused: {'; '.join(e.strip() for e in errors) or '(no message)'}")
    return status


def probe_formula(base, tally) -> None:
    session = Session(base)
    session.login("qingshan.clerk")
    title = '=HYPERLINK("http://x","click")'
    saved = create_record(
        session,
        "publicity-activities",
        {"occurred_on": "2026-06-01", "title": title, "audience": "10"},
    )
    status, headers, body = session.get("/ledgers/publicity-activities/export.xlsx", year="2026")
    from openpyxl import load_workbook

    formulas = 0
    found = False
    if status == 200:
        workbook = load_workbook(io.BytesIO(body))
        for row in workbook.active.iter_rows():
            for cell in row:
                formulas += cell.data_type == "f"
                found |= cell.value == title
    tally.check(
        "export writes formula-like text as text",
        saved == 302 and status == 200 and not formulas and found,
        f"saved {saved}, export {status}, {formulas} formula cells, title kept: {found}",
    )


def probe_template_text(base, tally) -> None:
    session = Session(base)
    session.login("qingshan.clerk")
    saved = create_record(
        session,
        "governance-meetings",
        {
            "occurred_on": "2025-06-01",
            "title": "会议{{7*7}}",
            "presider": "张三",
            "presider_position": "secretary",
            "attendees": "12",
            "topics": "研究法治建设",
        },
    )
    tally.check("a meeting titled 会议{{7*7}} is saved", saved == 302, f"saved {saved}")
    code = OWN_TOWNSHIP
    # The demo keeps 青山镇's 2025 report; a fresh draft of 2026 names the meeting too.
    for path in (
        f"/reports/{code}/?year=2025",
        f"/reports/{code}/download/report.docx?year=2025",
        f"/reports/{code}/download/workpaper.xlsx?year=2025",
    ):
        status, _h, body = session.get(path)
        tally.check(
            "text that looks like a template never breaks the report",
            status == 200,
            f"GET {path} → {status}",
        )


def docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/styles.xml", "w") as member:
            chunk = b" " * (1 << 20)
            for _ in range(400):
                member.write(chunk)
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def xlsx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/sharedStrings.xml", "w") as member:
            member.write(b"<sst><si><t>")
            chunk = b"a" * (1 << 20)
            for _ in range(300):
                member.write(chunk)
            member.write(b"</t></si></sst>")
    return buffer.getvalue()


def probe_bombs(base, server, tally) -> None:
    session = Session(base)
    session.login("qingshan.clerk")
    before = peak_kib(server.pid)
    status, _h, body = session.post("/review/", {}, files={"file": ("报告.docx", docx_bomb())})
    tally.check(
        "a .docx bomb is refused",
        status in (200, 400, 413) and "报告" in body.decode(errors="replace"),
        f"/review/ → {status}",
    )
    status, _h, body = session.post(
        "/ledgers/publicity-activities/import/", {}, files={"file": ("导入.xlsx", xlsx_bomb())}
    )
    tally.check("an .xlsx bomb is refused", status in (200, 400, 413), f"import → {status}")
    growth = (peak_kib(server.pid) - before) / 1024
    tally.check("peak memory of the server grows less than 50 MB", growth < 50, f"{growth:.0f} MB")
    print(f"  server peak memory growth over the bombs: {growth:.1f} MB")


def probe_lost_update(base, data, tally) -> None:
    """Two tabs open the same record's edit form; both save. (The township has one clerk, so
    the two tabs are the clerk's; the version check is the same for two people.)"""
    pk = data["kinds"]["governance-meetings"]["own"][0]
    path = f"/ledgers/governance-meetings/{pk}/edit/"
    first, second = Session(base), Session(base)
    first.login("qingshan.clerk")
    second.login("qingshan.clerk")
    forms = []
    for session in (first, second):
        _s, _h, body = session.get(path)
        forms.append(form_fields(body.decode()))
    forms[0]["title"] = "第一个窗口改的标题"
    forms[1]["title"] = "第二个窗口改的标题"
    status1, _h, _b = first.request("POST", path, forms[0])
    status2, _h, body2 = second.request("POST", path, forms[1])
    _s, _h, detail = first.get(f"/ledgers/governance-meetings/{pk}/")
    kept = "第一个窗口改的标题" in detail.decode() and "第二个窗口改的标题" not in detail.decode()
    typed = "第二个窗口改的标题" in body2.decode(errors="replace")
    tally.check(
        "a stale save is refused, the first change kept and the typed text shown again",
        status1 == 302 and status2 == 409 and kept and typed,
        f"first {status1}, second {status2}, first kept {kept}, typed shown {typed}",
    )


def probe_pages(base, tally) -> None:
    session = Session(base)
    session.login("qingshan.clerk")
    status, headers, body = session.get("/no-such-page/")
    tally.check(
        "404 page is the site's, in Chinese",
        status == 404
        and "页面" in body.decode(errors="replace")
        and "Traceback" not in body.decode(errors="replace"),
        str(status),
    )
    status, headers, body = session.get("/ledgers/petitions/")
    policy = headers.get("Content-Security-Policy", "")
    tally.check(
        "Content-Security-Policy without inline scripts",
        "script-src" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0],
        policy[:80],
    )
    tally.check(
        "no-store on a page with personal data",
        "no-store" in headers.get("Cache-Control", ""),
        headers.get("Cache-Control", ""),
    )


def import_file(session, rows: int) -> bytes:
    """The ledger's own template filled with `rows` activities of 青山镇."""
    from openpyxl import load_workbook

    _status, _headers, body = session.get("/ledgers/publicity-activities/template.xlsx")
    workbook = load_workbook(io.BytesIO(body))
    sheet = workbook.active
    columns = [str(cell.value or "") for cell in sheet[1]]
    for index in range(rows):
        row = []
        for column in columns:
            if "代码" in column:
                row.append(OWN_TOWNSHIP)
            elif "日期" in column:
                row.append(f"2026-{1 + index % 9:02d}-{10 + index % 18}")
            elif "形式" in column:
                row.append("讲座")
            elif "对象" in column:
                row.append("乡村")
            elif "标题" in column or "名称" in column or "主题" in column:
                row.append(f"探针导入第{index}场")
            else:
                row.append(0)
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def start_import(base, rows: int) -> threading.Thread:
    """POST an import of `rows` rows in a thread (the server may die under it)."""
    session = Session(base)
    session.login("qingshan.clerk")
    content = import_file(session, rows)

    def post():
        with contextlib.suppress(Exception):  # the server killed mid-request: expected
            session.post(
                "/ledgers/publicity-activities/import/", {}, files={"file": ("导入.xlsx", content)}
            )

    thread = threading.Thread(target=post)
    thread.start()
    return thread


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="fazhi-probe-")
    env = environment(data_dir)
    base = f"http://127.0.0.1:{args.port}"
    started = time.perf_counter()
    print(f"building the site in {data_dir} …")
    build_site(env)
    data = objects(env)
    routes = patterns()
    server = start_server(env, args.port)
    tally = Tally()
    try:
        print("scoping, CSRF and malformed parameters …")
        probe_scoping(base, data, routes, tally)
        print("formula injection, template-like text, bombs, lost update, pages …")
        probe_formula(base, tally)
        probe_template_text(base, tally)
        probe_bombs(base, server, tally)
        probe_lost_update(base, data, tally)
        probe_pages(base, tally)
        print("kill -9 during an import …")
        from fazhi.ledgers.registry import get_kind

        model = get_kind("publicity-activities").model
        before = model.objects.count()
        thread = start_import(base, 20_000)
        time.sleep(4)  # the upload is read and the import is under way
        server.send_signal(signal.SIGKILL)
        server.wait()
        thread.join(timeout=60)
        server = start_server(env, args.port)
        after = model.objects.count()
        tally.check(
            "kill -9 during an import leaves nothing partial",
            after == before,
            f"{before} rows before, {after} after",
        )
    finally:
        server.terminate()
        server.wait()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    print()
    requests = tally.counts.pop(("requests", True), 0)
    labels = sorted({label for label, _ in tally.counts})
    failed = 0
    for label in labels:
        ok, bad = tally.counts[(label, True)], tally.counts[(label, False)]
        failed += bad
        print(f"  {'OK  ' if not bad else 'FAIL'} {label}: {ok} held, {bad} failed")
    for failure in tally.failures:
        print(f"    - {failure}")
    print(
        f"{requests:,} scoping requests and the checks above in "
        f"{time.perf_counter() - started:.0f} s; {failed} failed"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
