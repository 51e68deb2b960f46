"""What may this user see and do? Every queryset in the project is narrowed here.

A membership covers its organisation's subtree. Objects outside a user's scope do not exist for
them: views answer 404, never 403, so another township's records cannot even be probed.
"""

from collections.abc import Iterable

from django.db import models
from django.http import Http404

from fazhi.core.http import require
from fazhi.orgs.paths import under_paths
from fazhi.orgs.roles import ROLE_CAPABILITIES, Capability, Level

_CACHE_ATTR = "_fazhi_memberships"
_IDS_ATTR = "_fazhi_scope_ids"


def memberships_of(user) -> list:
    """The user's memberships with their organisations, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(user.memberships.select_related("organisation"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user) -> None:
    """Drop the cached memberships (after they change)."""
    for name in (_CACHE_ATTR, _IDS_ATTR):
        if hasattr(user, name):
            delattr(user, name)


def _granting(user, capabilities) -> list:
    """The user's memberships whose role grants one of `capabilities` (all when None)."""
    wanted = None if capabilities is None else set(capabilities)
    return [m for m in memberships_of(user) if wanted is None or ROLE_CAPABILITIES[m.role] & wanted]


def _subtree_filter(user, path_lookup: str, capabilities) -> models.Q | None:
    """A Q matching every organisation path under the user's memberships whose role grants one
    of `capabilities` (any membership when None); None means everything (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return under_paths([m.organisation.path for m in _granting(user, capabilities)], path_lookup)


def within_townships(user, capabilities=None) -> bool:
    """Whether every subtree the user sees (through roles granting one of `capabilities`) is a
    township's or a village's: a few thousand records a ledger, however large the tree above."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return False
    levels = {m.organisation.level for m in _granting(user, capabilities)}
    return bool(levels) and levels <= {Level.TOWNSHIP, Level.VILLAGE}


def scope_queryset(
    queryset: models.QuerySet, user, *, org_field: str, capabilities=None
) -> models.QuerySet:
    """Narrow any queryset to the user's subtrees. `org_field` names the organisation foreign key
    ("" when the queryset is of organisations themselves); `capabilities` keeps only subtrees
    where the user holds a role granting one of them."""
    path_lookup = f"{org_field}__path" if org_field else "path"
    condition = _subtree_filter(user, path_lookup, capabilities)
    if condition is None:
        return queryset
    return queryset.filter(condition)


def organisation_ids(user, capabilities=None) -> list[int] | None:
    """The ids of the organisations in the user's subtrees (those where a role grants one of
    `capabilities`), or None for everything (a superuser); read once per user object and set of
    capabilities. A large table filtered on a literal list of ids is read through its
    organisation index; filtered by a join on the paths, or a subquery, PostgreSQL cannot tell
    how few organisations match and reads a province's whole table (bench/province.py)."""
    from fazhi.orgs.models import Organisation

    condition = _subtree_filter(user, "path", capabilities)
    if condition is None:
        return None
    cache = getattr(user, _IDS_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _IDS_ATTR, cache)
    key = frozenset(capabilities) if capabilities is not None else None
    if key not in cache:
        cache[key] = list(
            Organisation.objects.filter(condition).order_by("pk").values_list("pk", flat=True)
        )
    return cache[key]


def visible_orgs(user) -> models.QuerySet:
    from fazhi.orgs.models import Organisation

    return scope_queryset(Organisation.objects.all(), user, org_field="")


def organisations_in(organisation=None, *, user=None, capabilities=None) -> models.QuerySet:
    """The organisations of `organisation`'s subtree (every one when None) that `user` may see
    through a role granting one of `capabilities`. Without a user, the whole subtree: for callers
    that answer for access themselves (an organisation's drafted report, the CLI)."""
    from fazhi.orgs.models import Organisation

    queryset = Organisation.objects.all()
    if organisation is not None:
        queryset = queryset.filter(path__startswith=organisation.path)
    if user is None:
        return queryset
    return scope_queryset(queryset, user, org_field="", capabilities=capabilities)


def scope_root(user, capabilities=None):
    """The one organisation whose subtree is all the user may see through `capabilities`, or
    None when that is several subtrees (or everything, for a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    tops = {}
    for membership in memberships_of(user):
        if capabilities is None or ROLE_CAPABILITIES[membership.role] & set(capabilities):
            tops[membership.organisation.path] = membership.organisation
    roots = [
        org
        for path, org in tops.items()
        if not any(path != other and path.startswith(other) for other in tops)
    ]
    return roots[0] if len(roots) == 1 else None


class ScopedQuerySet(models.QuerySet):
    """Base queryset of every organisation-owned model: `Model.objects.for_user(user)`."""

    org_field = "organisation"

    def for_user(self, user, capabilities=None) -> models.QuerySet:
        return scope_queryset(self, user, org_field=self.org_field, capabilities=capabilities)

    def for_user_by_ids(self, user, capabilities=None) -> models.QuerySet:
        """The same rows as for_user, filtered on the organisation ids (organisation_ids): one
        more small query, and the big lists use their organisation indexes."""
        ids = organisation_ids(user, capabilities)
        return self if ids is None else self.filter(**{f"{self.org_field}__in": ids})


def get_for_user_or_404(queryset: models.QuerySet, user, capabilities=None, **lookup):
    """Fetch one object the user may see, or 404 (also when it exists elsewhere)."""
    try:
        return queryset.for_user(user, capabilities).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404("未找到该记录，或您无权查看。") from exc


def roles_at(user, organisation) -> set[str]:
    """Roles the user holds on this organisation or any of its ancestors."""
    return {
        m.role for m in memberships_of(user) if organisation.path.startswith(m.organisation.path)
    }


def has_capability(user, capability: Capability, organisation) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(capability in ROLE_CAPABILITIES[role] for role in roles_at(user, organisation))


def has_any_capability(user, capabilities, organisation) -> bool:
    return any(has_capability(user, capability, organisation) for capability in capabilities)


def user_capabilities(user) -> set[Capability]:
    """Everything the user may do somewhere (for navigation only; each page checks its object)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return set(Capability)
    return {cap for m in memberships_of(user) for cap in ROLE_CAPABILITIES[m.role]}


def require_capability(
    user, capabilities: Capability | Iterable[Capability], message: str, organisation=None
) -> None:
    """403 with `message` unless the user holds one of `capabilities` on `organisation` (its
    subtree's memberships), or anywhere when no organisation is given (a page's entry)."""
    if isinstance(capabilities, Capability):
        capabilities = {capabilities}
    if organisation is None:
        allowed = bool(user_capabilities(user) & set(capabilities))
    else:
        allowed = has_any_capability(user, capabilities, organisation)
    require(allowed, message)
