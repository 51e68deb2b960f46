"""Building blocks of the permission matrix (tests/test_permission_matrix.py).

Apps with pages of their own declare them in tests/<app>/matrix.py as
ENTRIES = {url name: Route(...)}, using these helpers.
"""

from dataclasses import dataclass

OK, LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, HOME = 200, "login", 403, 404, 405, "home"
UNAUTHORIZED = 401  # the API asks for a token or a session instead of the login page
MANAGERS = {"admin", "county_admin"}


@dataclass(frozen=True)
class Route:
    """How to call one URL pattern and what each role gets for its own object.

    `args` names what the URL takes: None, "code" (an organisation), "kind" (a ledger kind),
    "record" (a record of each kind; with `kinds`, only those kinds' records and a URL taking
    just `pk`), "attachment" (an attachment of each kind's record), or a function
    (world, role, which) -> URL kwargs making an app's own object ("own" or "other").
    `own(role, kind)` gives the outcome for a logged-in role on its own object; anonymous users
    are sent to the login page unless `anonymous` says otherwise. Another township's object is
    404 for logged-in users unless `other` says otherwise.
    """

    args: object = None  # None, a name above, or a function
    own: object = OK  # an outcome, or a function (role, kind) -> outcome
    anonymous: object = LOGIN
    other: object = NOT_FOUND
    # For an app's own record pages (URL takes only `pk`): the kind slugs whose records it serves.
    kinds: tuple[str, ...] | None = None
    # With `kinds`: the URL still names the kind (the API's per-kind routes share one name).
    kind_in_url: bool = False
    post: dict | None = None  # also POST this data (write routes)
    post_ok: int = 302  # the status of a permitted POST (a redirect after saving)
    kwargs: dict | None = None  # fixed URL kwargs besides `code` (args="code" only)

    def expected_own(self, role, kind):
        return self.own(role, kind) if callable(self.own) else self.own


def only(*roles, allowed=OK, otherwise=FORBIDDEN):
    return lambda role, kind: allowed if role in roles else otherwise


def ledger_viewers(refused=FORBIDDEN):
    """Every role but the advisor views ledgers; the advisor only the advisor's own kind."""

    def outcome(role, kind):
        if role == "advisor" and not kind.advisor_kind:
            return refused
        return OK

    return outcome


def attachment_editors(role, kind):
    """Removing or replacing an attachment: its record's editors; a kind the role may not view
    is not found (the URL does not name it)."""
    if role == "advisor" and not kind.advisor_kind:
        return NOT_FOUND
    if role == "clerk" or (role == "advisor" and kind.advisor_kind):
        return OK
    return FORBIDDEN


def ledger_editors(allowed=OK):
    def outcome(role, kind):
        if role == "clerk" or (role == "advisor" and kind.advisor_kind):
            return allowed
        return FORBIDDEN

    return outcome


def kind_refused_first(role, kind):
    """A role refused a whole kind gets 403 before any object is looked up."""
    return FORBIDDEN if role == "advisor" and not kind.advisor_kind else NOT_FOUND
