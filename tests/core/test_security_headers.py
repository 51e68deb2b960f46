"""Headers on every page and download: a Content-Security-Policy that lets only the site's own
files run and style a page (and pages that need nothing more), and `Cache-Control: no-store`
on whatever carries a township's records or personal data."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from fazhi.ledgers.registry import get_kind
from fazhi.reports.services import report_create
from tests.inline_code import inline_code

QINGSHAN = "999901101"
DOWNLOADS = (".xlsx", ".docx", ".pdf", ".json", ".csv")
PER_PAGE_KIND = 2  # pages visited per URL name: the second shows a page with other data


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def _crawl(client: Client, start: str = "/") -> dict[str, str]:
    """url -> html of the pages reachable from `start` by following links, at most
    PER_PAGE_KIND pages for each URL name (and ledger kind), no downloads, no logout."""
    pages, seen, per_name = {}, {start}, {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        response = client.get(url)
        hrefs = [response["Location"]] if response.status_code == 302 else []
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages[url] = response.content.decode()
            links = _Links()
            links.feed(pages[url])
            hrefs = links.links
        for href in hrefs:
            target = urljoin(url, href.split("#", 1)[0])
            parts = urlsplit(target)
            if parts.netloc or target in seen or parts.path.endswith(DOWNLOADS):
                continue
            try:
                match = resolve(parts.path)
            except Resolver404:
                continue
            # Each ledger kind's pages are a kind of page of their own.
            name = (match.view_name, match.kwargs.get("kind"))
            if match.view_name == "logout" or per_name.get(name, 0) >= PER_PAGE_KIND:
                continue
            per_name[name] = per_name.get(name, 0) + 1
            seen.add(target)
            queue.append(target)
    return pages


@pytest.mark.parametrize("username", ["qingshan.clerk", "county.inspector", "county.admin"])
def test_no_page_carries_inline_script_or_style(demo, username):
    pages = _crawl(_client(username))
    assert len(pages) > 25, sorted(pages)  # the crawl reached the site, not just the home page
    found = {url: inline_code(html) for url, html in pages.items()}
    assert {url: items for url, items in found.items() if items} == {}


def test_the_inline_code_finder_finds_each_kind():
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json" id="d">{}</script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href="javascript:void(0)">a</a></p>'
    )
    kinds = sorted(item.split(" ", 1)[0] for item in inline_code(html))
    assert kinds == ["event", "inline", "javascript:", "style", "style"]


def test_every_page_has_a_policy_allowing_only_the_sites_own_files(client, world):
    client.force_login(world.users["clerk"])
    for url in (reverse("home"), reverse("login"), reverse("ledgers:index")):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(
            (part.split(" ", 1) + [""])[:2] for part in policy.split("; ") if part.strip()
        )
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in policy and "*" not in policy


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_pages_and_downloads_with_personal_data_are_not_stored(client, world, ledger_world):
    client.force_login(world.users["clerk"])
    kind = get_kind("mediations")  # parties' names, phones and addresses
    record = ledger_world.records[(kind.slug, "A1")]
    attachment = ledger_world.attachments[(kind.slug, "A1")]
    for url in (
        reverse("ledgers:list", args=[kind.slug]),
        reverse("ledgers:detail", args=[kind.slug, record.pk]),
        reverse("ledgers:export", args=[kind.slug]),
        reverse("ledgers:attachment", args=[attachment.pk]),
        reverse("home"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
        assert "private" in response["Cache-Control"], url


def test_the_report_download_is_not_stored(client, world):
    client.force_login(world.users["clerk"])
    township = world.orgs["A1"]
    report_create(actor=world.users["clerk"], organisation=township, year=2025)
    response = client.get(reverse("reports:docx", args=[township.code]) + "?year=2025")
    assert response.status_code == 200
    assert _no_store(response)


def test_static_files_keep_their_cache(client):
    response = client.get("/static/fazhi/site.css")
    assert response.status_code == 200
    assert not _no_store(response)
