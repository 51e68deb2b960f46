"""Every URL pattern × every role × own and another township's object.

A URL pattern missing from MATRIX fails `test_matrix_covers_every_url_pattern`: each new page must
say here who may open it. Beyond the status code, every page a role may open is checked for the
names of organisations outside that role's subtree (a leak) and for links to other hosts.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, HOME = 200, "login", 403, 404, 405, "home"

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
MANAGERS = {"admin", "county_admin"}


@dataclass(frozen=True)
class Route:
    """How to call one URL pattern and what each role gets for its own object.

    `own` lists outcomes for logged-in roles (default `default`); anonymous users are sent to the
    login page unless `anonymous` says otherwise. For routes with an object, another township's
    object is always 404 for logged-in users.
    """

    args: str | None = None  # "code": the route takes an organisation code
    default: object = OK
    own: dict = field(default_factory=dict)
    anonymous: object = LOGIN
    post: dict | None = None  # also POST this data (write routes)


def only(roles, allowed=OK, otherwise=FORBIDDEN) -> dict:
    return {role: (allowed if role in roles else otherwise) for role in ROLES[1:]}


MATRIX: dict[str, Route] = {
    "home": Route(),
    "login": Route(default=HOME, anonymous=OK),
    "logout": Route(default=NOT_ALLOWED),  # POST only
    "orgs:list": Route(),
    "orgs:detail": Route(args="code"),
    "orgs:edit": Route(
        args="code",
        own=only(MANAGERS),
        post={"code": "{code}", "name": "{name}", "reason": "矩阵测试"},
    ),
    "orgs:history": Route(args="code", own=only(MANAGERS)),
}


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
        if role in world.users:
            category = HIDDEN_FOR.get(role, "township")
            leaked = [name for name in HIDDEN[category] if name in html]
            assert leaked == [], f"{role} sees names outside its scope: {leaked}"


def _targets(route, role):
    if route.args is None:
        return [("none", None)]
    own = OWN.get(role, "A1")
    other = OTHER.get(role, "A2")
    return [("own", own), ("other", other)]


CASES = [(name, role) for name in MATRIX for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission_matrix(client, world, name, role):
    route = MATRIX[name]
    client = _client_for(client, world, role)
    for which, org_key in _targets(route, role):
        organisation = world.orgs[org_key] if org_key else None
        url = reverse(name, kwargs={"code": organisation.code} if organisation else None)
        if role == "anonymous":
            expected = route.anonymous
        elif which == "other":
            expected = NOT_FOUND
        else:
            expected = route.own.get(role, route.default)
        _check(client.get(url), expected, world=world, role=role)
        if route.post is not None:
            data = {
                key: value.format(code=organisation.code, name=organisation.name)
                for key, value in route.post.items()
            }
            response = client.post(url, data)
            if expected == OK:  # a permitted write redirects after saving
                assert response.status_code == 302, response.status_code
            else:
                _check(response, expected, world=world, role=role)


@pytest.mark.django_db
def test_clerk_gets_404_without_data_for_another_townships_object(client, world):
    client.force_login(world.users["clerk"])
    other = world.orgs["A2"]
    for name in ("orgs:detail", "orgs:edit", "orgs:history"):
        response = client.get(reverse(name, kwargs={"code": other.code}))
        assert response.status_code == 404
        assert other.name not in response.content.decode()
        assert other.code not in response.content.decode()
