"""Permission matrix entries for the REST API (fazhi.api): anyone signed in (session or token)
may read the schema and their own identity; an anonymous caller gets 401, not the login page."""

import dataclasses

from django.contrib.auth import get_user_model

from tests.assessment import scheme_matrix
from tests.indicators.matrix import LEDGER_VIEWERS, advisor_refused
from tests.matrix_rules import (
    FORBIDDEN,
    LOGIN,
    MANAGERS,
    NOT_ALLOWED,
    NOT_FOUND,
    UNAUTHORIZED,
    Route,
    kind_refused_first,
    ledger_viewers,
    only,
)
from tests.reports.matrix import READERS, WRITERS
from tests.supervision import matrix as supervision_matrix

BAD_REQUEST = 400
REPORT_YEAR = 2025


def _report_kwargs(world, role, which, number=True):
    key = {"inspector": "B1"}.get(role, "A2") if which == "other" else "A1"
    kwargs = {"code": world.orgs[key].code, "year": REPORT_YEAR}
    return {**kwargs, "number": 1} if number else kwargs


def _readers_refused_first(role, kind):
    return NOT_FOUND if role in READERS else FORBIDDEN


def _report_route(number=True):
    return Route(
        args=lambda world, role, which: _report_kwargs(world, role, which, number),
        own=only(*READERS, allowed=NOT_FOUND),
        other=_readers_refused_first,
        anonymous=UNAUTHORIZED,
    )


ENTRIES = {
    "api:schema": Route(anonymous=UNAUTHORIZED),
    # An anonymous browser opening the docs is sent to the login page.
    "api:docs": Route(anonymous=LOGIN),
    "api:me": Route(anonymous=UNAUTHORIZED),
    # --- indicators, annual reports, the checker (slice "apiothers") ---
    # Without ?org= and ?year= the figures are a 400 for the roles that see figures.
    "api:indicator-values": Route(
        own=only(*LEDGER_VIEWERS, allowed=BAD_REQUEST), anonymous=UNAUTHORIZED
    ),
    "api:indicator-catalogue": Route(anonymous=UNAUTHORIZED),
    "api:indicator-records": Route(
        args="code",
        kwargs={"indicator": "governance.budget"},
        own=only(*LEDGER_VIEWERS),
        other=advisor_refused,
        anonymous=UNAUTHORIZED,
    ),
    "api:report-list": Route(own=only(*READERS), anonymous=UNAUTHORIZED),
    # The matrix world has no reports: readers find none (404), other roles are refused first.
    "api:report-detail": _report_route(number=False),
    **{f"api:report-{name}": _report_route() for name in ("version", "docx", "pdf", "workpaper")},
    # POST only (tests/api/test_reports.py and test_checker.py post to them).
    "api:report-action": Route(
        args=lambda world, role, which: {**_report_kwargs(world, role, which), "action": "approve"},
        own=NOT_ALLOWED,
        other=NOT_ALLOWED,
        anonymous=UNAUTHORIZED,
    ),
    "api:checker": Route(own=NOT_ALLOWED, anonymous=UNAUTHORIZED),
    "api:deadline-list": Route(own=only(*LEDGER_VIEWERS), anonymous=UNAUTHORIZED),
    "api:scheme-list": Route(anonymous=UNAUTHORIZED),
    "api:scheme-detail": Route(
        args="scheme",
        own=only(*scheme_matrix.READERS, otherwise=NOT_FOUND),
        anonymous=UNAUTHORIZED,
    ),
    # The matrix world has no scheme: no township has a result (tests/api/test_assessment.py).
    "api:assessment-result": Route(args="code", own=NOT_FOUND, anonymous=UNAUTHORIZED),
    "api:finding-list": Route(own=only(*supervision_matrix.VIEWERS), anonymous=UNAUTHORIZED),
    "api:finding-detail": Route(
        args=supervision_matrix._finding,
        own=only(*supervision_matrix.VIEWERS),
        other=supervision_matrix._other,
        anonymous=UNAUTHORIZED,
    ),
    # --- end of slice "apiothers" ---
}


# --- Issue 19 slice "tokens, throttling, schema, README" (the API tokens page) ---------------
def _token(world, role, which):
    """The role's own token, or another person's (the leader's; the clerk's for the leader)."""
    from fazhi.api import services

    users = world.users
    if which == "own":
        owner = users.get(role) or users["clerk"]
    else:
        owner = users["clerk"] if role == "leader" else users["leader"]
    owner = get_user_model().objects.get(pk=owner.pk)
    token = owner.api_tokens.filter(name="矩阵令牌").first()
    if token is None:
        token, _key = services.token_create(user=owner, name="矩阵令牌", days=30)
    return {"pk": token.pk}


ENTRIES.update(
    {
        # Everyone signed in makes their own tokens; the POST shows the new key (200, no redirect).
        "api_tokens:list": Route(post={"name": "矩阵脚本", "days": "30"}, post_ok=200),
        "api_tokens:revoke": Route(args=_token, own=NOT_ALLOWED, other=NOT_ALLOWED),  # POST only
        # An administrator's view of a person's tokens: as the person page (tests/people).
        "api_tokens:person": Route(
            args="person",
            own=only(*MANAGERS),
            other=only(*MANAGERS, allowed=NOT_FOUND, otherwise=FORBIDDEN),
        ),
    }
)

# Issue 19, ledgers slice (fazhi.api.ledgers): every kind's records as the ledger pages — a role
# refused the kind 403, another township's record or attachment 404; the archive is POST only
# (tests/api/test_ledgers.py writes through every route).
ENTRIES.update(
    {
        "api:ledger_kinds": Route(anonymous=UNAUTHORIZED),
        "api:ledger_records": Route(args="kind", own=ledger_viewers(), anonymous=UNAUTHORIZED),
        "api:ledger_record": Route(
            args="record", own=ledger_viewers(), other=kind_refused_first, anonymous=UNAUTHORIZED
        ),
        "api:ledger_record_archive": Route(
            args="record", own=NOT_ALLOWED, other=NOT_ALLOWED, anonymous=UNAUTHORIZED
        ),
        "api:ledger_attachments": Route(
            args="record", own=ledger_viewers(), other=kind_refused_first, anonymous=UNAUTHORIZED
        ),
        "api:attachment_file": Route(
            args="attachment",
            own=ledger_viewers(NOT_FOUND),
            other=NOT_FOUND,
            anonymous=UNAUTHORIZED,
        ),
    }
)
ENTRIES.update(
    {
        # Workflow actions, for the kinds with one (fazhi.api.ledger_actions.WORKFLOWS).
        "api:ledger_record_actions": Route(
            args="record",
            kind_in_url=True,
            kinds=("enforcement-cases", "petitions", "normative-documents", "major-decisions"),
            own=ledger_viewers(),
            other=kind_refused_first,
            anonymous=UNAUTHORIZED,
        ),
        # POST only: any record and action answer 405 before they are looked up.
        "api:ledger_record_action": Route(
            args=lambda world, role, which: {"pk": 1, "action": "close"},
            own=NOT_ALLOWED,
            other=NOT_ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
    }
)

# --- Issue 19 leftovers, slice "api19b" (cleanup rounds' actions, attachment remove/replace) ---
# A cleanup round's actions are listed as the other kinds' (the route already carries its kind);
# its items as its page lists them. Removing and replacing an attachment are POST only
# (tests/api/test_attachment_changes.py and test_ledger_actions_cleanups.py write through them).
ENTRIES["api:ledger_record_actions"] = dataclasses.replace(
    ENTRIES["api:ledger_record_actions"],
    kinds=(*ENTRIES["api:ledger_record_actions"].kinds, "normative-cleanups"),
)
ENTRIES.update(
    {
        "api:ledger_cleanup_items": Route(
            args="record",
            kinds=("normative-cleanups",),
            own=ledger_viewers(),
            other=kind_refused_first,
            anonymous=UNAUTHORIZED,
        ),
        "api:attachment_remove": Route(
            args="attachment", own=NOT_ALLOWED, other=NOT_ALLOWED, anonymous=UNAUTHORIZED
        ),
        "api:attachment_replace": Route(
            args="attachment", own=NOT_ALLOWED, other=NOT_ALLOWED, anonymous=UNAUTHORIZED
        ),
    }
)
# --- end of slice "api19b" ---


# --- Issue 19 leftovers, slice "rep19": editing a draft report (fazhi.api.report_edits) --------
# As the editor page: the township's drafters find no report in the matrix world (404), every
# other role is refused (403); another township's report is 404 to those who read reports.
# tests/api/test_report_edits.py writes through every route with real reports.
def _draft_route(**extra):
    return Route(
        args=lambda world, role, which: {**_report_kwargs(world, role, which), **extra},
        own=only(*WRITERS, allowed=NOT_FOUND),
        other=_readers_refused_first,
        anonymous=UNAUTHORIZED,
    )


ENTRIES.update(
    {
        "api:report-details": _draft_route(),
        "api:report-part": _draft_route(key="achievements"),
        "api:report-suggestions": _draft_route(),
        "api:report-suggestion": _draft_route(pk=1),
        # POST only (tests/api/test_finding_writes.py acts as each role); "api:finding-list"
        # also takes POST now (an inspector opens a finding), its GET entry stays above.
        "api:finding-action": Route(
            args=lambda world, role, which: {
                **supervision_matrix._finding(world, role, which),
                "action": "close",
            },
            own=NOT_ALLOWED,
            other=NOT_ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
        # Scores as the self-assessment and review pages (fazhi.api.assessment_scores): the
        # matrix world has no scheme, so the roles let through find nothing (404).
        # tests/api/test_assessment_scores.py writes through both with a scheme.
        "api:assessment-item": Route(
            args="code",
            kwargs={"year": REPORT_YEAR, "item": "1.1"},
            own=only("clerk", "leader", "inspector", allowed=NOT_FOUND),
            other=only("clerk", "leader", "inspector", allowed=NOT_FOUND),
            anonymous=UNAUTHORIZED,
        ),
        "api:assessment-review": Route(  # POST only
            args="code",
            kwargs={"year": REPORT_YEAR, "item": "1.1"},
            own=NOT_ALLOWED,
            other=NOT_ALLOWED,
            anonymous=UNAUTHORIZED,
        ),
    }
)
# --- end of slice "rep19" ---
