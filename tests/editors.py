"""Two people at work on the same thing: logged-in clients with names, and the version a page's
form carries (fazhi.core.versions)."""

import re

from django.contrib.auth import get_user_model
from django.test import Client

from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.world import PASSWORD


def editor(world, username: str, name: str, role=Role.CLERK, org: str = "A1") -> Client:
    """A client logged in as a new user called `name` holding `role` in `org`."""
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, display_name=name
    )
    membership_grant(actor=None, user=user, organisation=world.orgs[org], role=role)
    client = Client()
    client.force_login(user)
    return client


def seen_version(html: str, prefix: str = "") -> str:
    """The version the page's (first such) form carries; "" when it carries none (what a
    browser then sends: nothing to check)."""
    name = f"{prefix}-seen_version" if prefix else "seen_version"
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', html)
    return match.group(1) if match else ""
