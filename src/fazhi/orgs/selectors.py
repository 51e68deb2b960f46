"""Reads of the organisation tree, always within the user's scope."""

from django.db.models import Count, QuerySet

from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.orgs.scoping import memberships_of


def organisation_list(*, user, level: str | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.for_user(user).select_related("parent")
    if level:
        qs = qs.filter(level=level)
    return qs


def organisation_children(*, user, organisation: Organisation) -> QuerySet[Organisation]:
    return (
        Organisation.objects.for_user(user)
        .filter(parent=organisation)
        .annotate(child_count=Count("children"))
        .order_by("code")
    )


def organisation_members(*, organisation: Organisation):
    """Memberships held directly on this organisation (the caller has already scoped it)."""
    return organisation.memberships.select_related("user").order_by("role", "user__username")


def home_organisations(*, user) -> list[dict]:
    """The organisations a user works for, each with the units directly below it."""
    seen = {}
    for membership in memberships_of(user):
        org = membership.organisation
        entry = seen.setdefault(org.pk, {"organisation": org, "roles": []})
        entry["roles"].append(Role(membership.role).label)
    entries = sorted(seen.values(), key=lambda e: e["organisation"].path)
    for entry in entries:
        org = entry["organisation"]
        entry["children"] = (
            list(organisation_children(user=user, organisation=org))
            if org.level != Level.VILLAGE
            else []
        )
    return entries
