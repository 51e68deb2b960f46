"""Every URL pattern × every role × own and another township's object.

A URL pattern missing from MATRIX fails `test_matrix_covers_every_url_pattern`: each new page must
say here who may open it. Beyond the status code, every page a role may open is checked for the
names of organisations outside that role's subtree (a leak), for links to other hosts and for
inline script or style (which the Content-Security-Policy refuses).
"""

import copy
import importlib
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.ledgers.registry import all_kinds
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.assessment import scheme_matrix
from tests.inline_code import inline_code
from tests.ledger_world import build_ledger_world
from tests.matrix_rules import (
    HOME,
    LOGIN,
    MANAGERS,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Route,
    attachment_editors,
    kind_refused_first,
    ledger_editors,
    ledger_viewers,
    only,
)
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def matrix_worlds(django_db_setup, django_db_blocker):
    """The world and its ledger records built once for the module's ~200 routes (a build per
    route cost minutes a run), rolled back at its end. Each test runs in its own savepoint
    (pytest-django's per-test transaction), so whatever a route's POST writes is undone."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            yield world, build_ledger_world(world)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _twin(holder):
    """A copy whose dicts and attributes a test may extend (objects made on first use, like
    scheme_matrix's) without the next test seeing objects its savepoint rolled back."""
    twin = copy.copy(holder)
    for name, value in vars(holder).items():
        if isinstance(value, dict):
            setattr(twin, name, dict(value))
    return twin


@pytest.fixture
def world(matrix_worlds):
    return _twin(matrix_worlds[0])


@pytest.fixture
def ledger_world(matrix_worlds):
    return _twin(matrix_worlds[1])


ROLES = [
    "anonymous",
    "clerk",
    "leader",
    "reviewer",
    "advisor",
    "inspector",
    "admin",
    "county_admin",
]
# The object each role counts as its own, and another township's.
OWN = {"advisor": "A1V1"}
OTHER = {"advisor": "A2V1", "inspector": "B1", "county_admin": "B1"}
# Names that must never appear on a page the role opens.
HIDDEN = {
    "township": ["乙镇", "乙一村", "丙县", "丙镇", "丙一村"],
    "advisor": ["甲二村", "乙镇", "乙一村", "丙县", "丙镇", "丙一村"],
    "county": ["丙县", "丙镇", "丙一村"],
}
HIDDEN_FOR = {"advisor": "advisor", "inspector": "county", "county_admin": "county"}


MATRIX: dict[str, Route] = {
    "home": Route(),
    "healthz": Route(anonymous=OK),  # monitoring: ok/failed per check, nothing else
    "login": Route(own=HOME, anonymous=OK),
    "logout": Route(own=NOT_ALLOWED),  # POST only
    "orgs:list": Route(),
    "orgs:detail": Route(args="code"),
    "orgs:edit": Route(
        args="code",
        own=only(*MANAGERS),
        post={"code": "{code}", "name": "{name}", "reason": "矩阵测试"},
    ),
    "orgs:history": Route(args="code", own=only(*MANAGERS)),
    "ledgers:index": Route(),
    "ledgers:access_log": Route(own=only(*MANAGERS)),
    "ledgers:list": Route(args="kind", own=ledger_viewers()),
    "ledgers:template": Route(args="kind", own=ledger_viewers()),
    "ledgers:export": Route(args="kind", own=ledger_viewers()),
    "ledgers:create": Route(args="kind", own=ledger_editors()),
    "ledgers:import": Route(args="kind", own=ledger_editors()),
    "ledgers:detail": Route(args="record", own=ledger_viewers(), other=kind_refused_first),
    "ledgers:edit": Route(args="record", own=ledger_editors(), other=kind_refused_first),
    "ledgers:archive": Route(
        args="record",
        own=ledger_editors(),
        other=kind_refused_first,
        post={"reason": ""},  # an empty reason: the form is shown again, nothing archived
        post_ok=OK,
    ),
    "ledgers:restore": Route(args="record", own=NOT_ALLOWED, other=NOT_ALLOWED),  # POST only
    "ledgers:upload": Route(args="record", own=NOT_ALLOWED, other=NOT_ALLOWED),  # POST only
    # An attachment URL does not name its kind: a refused kind is simply not found.
    "ledgers:attachment": Route(args="attachment", own=ledger_viewers(NOT_FOUND), other=NOT_FOUND),
    # Issue 18: preview and thumbnail as the download (the world's attachments are photos);
    # removing and replacing for the record's editors (an empty post shows
    # the form again, nothing changed). Another township's attachment is not found.
    "ledgers:attachment_preview": Route(
        args="attachment", own=ledger_viewers(NOT_FOUND), other=NOT_FOUND
    ),
    "ledgers:attachment_thumbnail": Route(
        args="attachment", own=ledger_viewers(NOT_FOUND), other=NOT_FOUND
    ),
    "ledgers:attachment_archive": Route(
        args="attachment",
        own=attachment_editors,
        other=NOT_FOUND,
        post={"reason": ""},
        post_ok=OK,
    ),
    "ledgers:attachment_replace": Route(
        args="attachment", own=attachment_editors, other=NOT_FOUND, post={}, post_ok=OK
    ),
}

# fazhi.assessment's self-assessment and review pages (the matrix world has no scheme: roles let
# through find nothing, 404; tests/assessment/test_assessment_views.py covers them with one).
_ASSESSMENT_READERS = ("clerk", "leader", "inspector")


def _assessment_refused_first(*readers):
    return only(*readers, allowed=NOT_FOUND)


_ASSESSMENT_POST = Route(args="code", own=NOT_ALLOWED, other=NOT_ALLOWED)
_ASSESSMENT_ITEM = {"item": "1.1"}
MATRIX.update(
    {
        "assessment:index": Route(own=only(*_ASSESSMENT_READERS)),
        "assessment:self": Route(
            args="code",
            own=_assessment_refused_first(*_ASSESSMENT_READERS),
            other=_assessment_refused_first(*_ASSESSMENT_READERS),
        ),
        "assessment:self_item": Route(
            args="code",
            kwargs=_ASSESSMENT_ITEM,
            own=_assessment_refused_first(*_ASSESSMENT_READERS),
            other=_assessment_refused_first(*_ASSESSMENT_READERS),
        ),
        "assessment:history": Route(
            args="code",
            kwargs=_ASSESSMENT_ITEM,
            own=_assessment_refused_first(*_ASSESSMENT_READERS),
            other=_assessment_refused_first(*_ASSESSMENT_READERS),
        ),
        "assessment:evidence": Route(
            args="code",
            kwargs={"pk": 1},
            own=_assessment_refused_first(*_ASSESSMENT_READERS),
            other=_assessment_refused_first(*_ASSESSMENT_READERS),
        ),
        "assessment:review": Route(
            args="code",
            own=_assessment_refused_first("inspector"),
            other=_assessment_refused_first("inspector"),
        ),
        "assessment:submit": _ASSESSMENT_POST,
        "assessment:evidence_record": Route(
            args="code", kwargs=_ASSESSMENT_ITEM, own=NOT_ALLOWED, other=NOT_ALLOWED
        ),
        "assessment:evidence_upload": Route(
            args="code", kwargs=_ASSESSMENT_ITEM, own=NOT_ALLOWED, other=NOT_ALLOWED
        ),
        "assessment:evidence_remove": Route(
            args="code", kwargs={"pk": 1}, own=NOT_ALLOWED, other=NOT_ALLOWED
        ),
        "assessment:review_item": Route(
            args="code", kwargs=_ASSESSMENT_ITEM, own=NOT_ALLOWED, other=NOT_ALLOWED
        ),
        "assessment:return": _ASSESSMENT_POST,
        "assessment:complete": _ASSESSMENT_POST,
    }
)


def _app_entries() -> dict[str, Route]:
    """Apps with pages of their own (beyond the generic ledger pages) list them in
    tests/<app>/matrix.py as ENTRIES = {url name: Route}, built with this module's helpers."""
    entries = {}
    for path in sorted(Path(__file__).parent.glob("*/matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix")
        overlap = set(entries) & set(module.ENTRIES)
        assert not overlap, f"matrix entries declared twice: {overlap}"
        entries.update(module.ENTRIES)
    return entries


MATRIX.update(_app_entries())
# The assessment scheme pages (their objects are made in tests/assessment/scheme_matrix.py).
MATRIX.update(scheme_matrix.ENTRIES)

# Assessment results (fazhi.assessment.results_urls): the county's pages for its inspector and
# administrator; a township's result for whoever views its ledgers. The world has no scheme, so
# the files answer 404 once the permission check has passed (tests/assessment has them with one).
_RESULTS_COUNTY = ("inspector", "county_admin")
_RESULTS_TOWNSHIP = ("clerk", "leader", "reviewer", "admin", "inspector", "county_admin")
MATRIX.update(
    {
        "assessment_results:county": Route(own=only(*_RESULTS_COUNTY)),
        "assessment_results:refresh": Route(own=NOT_ALLOWED),  # POST only
        "assessment_results:export": Route(own=only(*_RESULTS_COUNTY, allowed=NOT_FOUND)),
        "assessment_results:township": Route(
            args="code", own=only(*_RESULTS_TOWNSHIP, otherwise=NOT_FOUND)
        ),
        "assessment_results:feedback": Route(args="code", own=NOT_FOUND),
    }
)


def _pattern_names(patterns, namespace="") -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _pattern_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            names.add(f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>")
    return names


def test_matrix_covers_every_url_pattern():
    patterns = _pattern_names(get_resolver().url_patterns)
    assert patterns - set(MATRIX) == set(), "URL patterns missing from the permission matrix"
    assert set(MATRIX) - patterns == set(), "matrix entries for URL patterns that do not exist"


EXTERNAL_URL = re.compile(r"(?:https?:)?//([A-Za-z0-9.\-]+(?::\d+)?)")
LOCAL_HOSTS = {"testserver", "localhost", "127.0.0.1"}


def assert_no_external_urls(html: str) -> None:
    hosts = {match.group(1) for match in EXTERNAL_URL.finditer(html)}
    assert hosts <= LOCAL_HOSTS, f"page links to other hosts: {sorted(hosts - LOCAL_HOSTS)}"


def _client_for(client, world, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _check(response, expected, *, world=None, role=None):
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith(reverse("login"))
    elif expected == HOME:
        assert response.status_code == 302 and response["Location"] == reverse("home")
    else:
        assert response.status_code == expected, (response.status_code, expected)
    if response.status_code == OK and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert_no_external_urls(html)
        assert inline_code(html) == [], "inline script or style, refused by the CSP"
        if role in world.users:
            category = HIDDEN_FOR.get(role, "township")
            leaked = [name for name in HIDDEN[category] if name in html]
            assert leaked == [], f"{role} sees names outside its scope: {leaked}"


def _org_target(world, route, role, which):
    key = OWN.get(role, "A1") if which == "own" else OTHER.get(role, "A2")
    return world.orgs[key]


def _person_target(world, role, which):
    """A person page's object: the 甲镇 clerk, or a clerk of another township (乙镇; 丙镇 for
    roles seeing the whole county), made on first use."""
    if which == "own":
        return world.users["clerk"]
    key = "B1" if role in ("inspector", "county_admin") else "A2"
    user, created = get_user_model().objects.get_or_create(username=f"matrix.clerk.{key}")
    if created:
        membership_grant(actor=None, user=user, organisation=world.orgs[key], role=Role.CLERK)
    return user


def _requests(route, world, ledger_world, role):
    """(which, kind, url) for every object the route is tried on."""
    if route.args is None:
        return [("none", None, {})]
    if route.args in scheme_matrix.ARGS:
        return scheme_matrix.requests(route, world, role)
    if callable(route.args):  # an app's own objects, made by its matrix.py
        return [(w, None, route.args(world, role, w)) for w in ("own", "other")]
    if route.args == "person":
        return [
            (w, None, {"pk": _person_target(world, role, w).pk, **(route.kwargs or {})})
            for w in ("own", "other")
        ]
    if route.args == "code":
        return [
            (w, None, {"code": _org_target(world, route, role, w).code, **(route.kwargs or {})})
            for w in ("own", "other")
        ]
    calls = []
    kinds = [k for k in all_kinds() if route.kinds is None or k.slug in route.kinds]
    for kind in kinds:
        if route.args == "kind":
            calls.append(("own", kind, {"kind": kind.slug}))
            continue
        for which in ("own", "other"):
            owner = ledger_world.owner_for(kind, role, which)
            if route.args == "record":
                record = ledger_world.records[(kind.slug, owner)]
                kwargs = {"pk": record.pk}
                if not route.kinds or route.kind_in_url:
                    kwargs["kind"] = kind.slug
                calls.append((which, kind, kwargs))
            else:
                attachment = ledger_world.attachments[(kind.slug, owner)]
                calls.append((which, kind, {"pk": attachment.pk}))
    return calls


def _expected(route, role, which, kind):
    if role == "anonymous":
        return route.anonymous
    if which == "other":
        return route.other(role, kind) if callable(route.other) else route.other
    return route.expected_own(role, kind)


@pytest.mark.parametrize("name", list(MATRIX))
def test_permission_matrix(world, ledger_world, name):
    for role in ROLES:
        client = _client_for(Client(), world, role)
        try:
            _check_route(client, world, ledger_world, name, role)
        except AssertionError as error:
            raise AssertionError(f"{name} as {role}: {error}") from error


def _check_route(client, world, ledger_world, name, role):
    route = MATRIX[name]
    for which, kind, kwargs in _requests(route, world, ledger_world, role):
        url = reverse(name, kwargs=kwargs or None)
        expected = _expected(route, role, which, kind)
        try:
            _check(client.get(url), expected, world=world, role=role)
        except AssertionError as error:
            raise AssertionError(f"GET {url} ({which}): {error}") from error
        if route.post is None:
            continue
        data = {
            key: value.format(code=kwargs.get("code", ""), name=_name_for(kwargs, world))
            for key, value in route.post.items()
        }
        response = client.post(url, data)
        if expected == OK:
            assert response.status_code == route.post_ok, (name, role, response.status_code)
        else:
            _check(response, expected, world=world, role=role)


def _name_for(kwargs, world):
    code = kwargs.get("code")
    return next((org.name for org in world.orgs.values() if org.code == code), "")


def test_clerk_gets_404_without_data_for_another_townships_object(client, world):
    client.force_login(world.users["clerk"])
    other = world.orgs["A2"]
    for name in ("orgs:detail", "orgs:edit", "orgs:history"):
        response = client.get(reverse(name, kwargs={"code": other.code}))
        assert response.status_code == 404
        assert other.name not in response.content.decode()
        assert other.code not in response.content.decode()
