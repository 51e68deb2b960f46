"""Who may manage whom. A person is managed by an administrator whose subtree holds every place
the person sits (their unit and every role): a township admin can therefore never reset the
password of, or take over, someone who also holds a role elsewhere or higher up."""

from django.core.exceptions import ObjectDoesNotExist

from fazhi.orgs.roles import ROLE_CAPABILITIES, Capability
from fazhi.orgs.scoping import memberships_of


def managed_paths(actor) -> set[str] | None:
    """Paths of the subtrees the actor administers; None for everything (a superuser)."""
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return None
    return {
        m.organisation.path
        for m in memberships_of(actor)
        if Capability.ORG_MANAGE in ROLE_CAPABILITIES[m.role]
    }


def inside(path: str, paths: set[str] | None) -> bool:
    return paths is None or any(path.startswith(p) for p in paths)


def places_of(user) -> list:
    """The organisations the user sits in: their unit and every role (also when deactivated)."""
    places = [m.organisation for m in user.memberships.all()]  # prefetched by the list
    person = person_of(user)
    if person is not None:
        places.append(person.organisation)
    return places


def person_of(user):
    """The user's Person (unit and phone), or None for accounts made before this page."""
    try:
        return user.person
    except ObjectDoesNotExist:
        return None


def may_manage(actor, user) -> bool:
    if user.is_superuser and not actor.is_superuser:
        return False
    paths = managed_paths(actor)
    places = places_of(user)
    if paths is None:
        return True
    return bool(places) and all(inside(place.path, paths) for place in places)
