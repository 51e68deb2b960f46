"""The README's API examples name routes that exist: every `$FAZHI/api/…` path in a curl line
resolves to an API view, and every area of the API has an example."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

README = Path(__file__).resolve().parents[2] / "README.md"
EXAMPLE_PATH = re.compile(r"\$FAZHI(/api/[^\s\"']*)")


def _example_paths() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [urlsplit(match.group(1)).path for match in EXAMPLE_PATH.finditer(text)]


def test_every_curl_example_resolves_to_an_api_route():
    paths = _example_paths()
    assert paths, "the README has no API examples"
    unknown = []
    for path in paths:
        try:
            match = resolve(path)
        except Resolver404:
            unknown.append(path)
            continue
        assert match.namespace == "api", (path, match.namespace)
    assert unknown == [], f"README examples name no route: {unknown}"


def test_every_area_has_an_example():
    prefixes = {"/".join(path.split("/")[:3]) for path in _example_paths()}
    areas = {"ledgers", "indicators", "deadlines", "reports", "checker", "assessment", "me"}
    assert {f"/api/{area}" for area in areas} <= prefixes, prefixes
