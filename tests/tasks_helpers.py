"""Reading one task group of a person's pending work (fazhi.core.tasks) in the source tests."""

from fazhi.core.tasks import task_groups_for
from fazhi.orgs.scoping import forget_memberships

ROLES = ("clerk", "leader", "reviewer", "admin", "advisor", "inspector", "county_admin")


def group_of(user, code):
    """The group `code` of the user's task groups, or None when the user has no part in it."""
    forget_memberships(user)
    return next((group for group in task_groups_for(user) if group.code == code), None)


def holders(world, code) -> set[str]:
    """The world's roles that are shown the group at all."""
    return {role for role in ROLES if group_of(world.users[role], code) is not None}


def titles(group) -> list[str]:
    return [task.title for task in group.tasks]
