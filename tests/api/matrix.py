"""Permission matrix entries for the REST API (fazhi.api): anyone signed in (session or token)
may read the schema and their own identity; an anonymous caller gets 401, not the login page."""

from django.contrib.auth import get_user_model

from tests.matrix_rules import (
    FORBIDDEN,
    LOGIN,
    MANAGERS,
    NOT_ALLOWED,
    NOT_FOUND,
    UNAUTHORIZED,
    Route,
    only,
)

ENTRIES = {
    "api:schema": Route(anonymous=UNAUTHORIZED),
    # An anonymous browser opening the docs is sent to the login page.
    "api:docs": Route(anonymous=LOGIN),
    "api:me": Route(anonymous=UNAUTHORIZED),
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
