"""Reads of the people pages: who an administrator sees, and the audit entries a viewer sees."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q

from fazhi.audit.models import AdminAction
from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.paths import under_paths
from fazhi.orgs.roles import ROLE_CAPABILITIES, ROLE_LEVELS, Capability, Level, Role
from fazhi.orgs.scoping import memberships_of, organisations_in
from fazhi.people.permissions import managed_paths, may_manage

AUDIT_READERS = {Capability.ORG_MANAGE, Capability.INSPECT}


def people_for(actor):
    """Everyone whose unit or any role lies in the actor's administered subtrees."""
    User = get_user_model()
    users = User.objects.all()
    paths = managed_paths(actor)
    if paths is not None:
        ids = User.objects.filter(
            under_paths(paths, "person__organisation__path")
            | under_paths(paths, "memberships__organisation__path")
        ).values("pk")
        users = users.filter(pk__in=ids)
    return users.select_related("person__organisation").prefetch_related(
        Prefetch("memberships", Membership.objects.select_related("organisation"))
    )


def manageable_ids(actor, users) -> set[int]:
    """Of `users` (with memberships prefetched), those the actor manages: phones are shown and
    actions offered only for these."""
    return {user.pk for user in users if may_manage(actor, user)}


def grantable_roles(actor) -> list[tuple[str, list[str]]]:
    """(level, roles) the actor may give at the levels of their subtree (ROLE_LEVELS)."""
    levels = set(
        organisations_in(user=actor, capabilities={Capability.ORG_MANAGE}).values_list(
            "level", flat=True
        )
    )
    return [
        (
            Level(level).label,
            [Role(r).label for r, allowed in ROLE_LEVELS.items() if level in allowed],
        )
        for level in Level.values
        if level in levels
    ]


def manageable_units(actor):
    """Organisations a person the actor adds may belong to."""
    return organisations_in(user=actor, capabilities={Capability.ORG_MANAGE})


def may_read_audit(actor) -> bool:
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return True
    return any(ROLE_CAPABILITIES[m.role] & AUDIT_READERS for m in memberships_of(actor))


def audit_entries_for(actor):
    """Administrative actions under the viewer's subtrees (administrators and inspectors)."""
    entries = AdminAction.objects.all()
    if getattr(actor, "is_superuser", False) and actor.is_active:
        return entries
    paths = {
        m.organisation.path
        for m in memberships_of(actor)
        if ROLE_CAPABILITIES[m.role] & AUDIT_READERS
    }
    return entries.filter(under_paths(paths, "scope_path"))


def units_by_key(actor) -> dict[str, list[Organisation]]:
    """Code and name → the organisations the actor administers (a name may be ambiguous)."""
    lookup: dict[str, list[Organisation]] = {}
    for org in manageable_units(actor):
        lookup.setdefault(org.code, []).append(org)
        if org.name != org.code:
            lookup.setdefault(org.name, []).append(org)
    return lookup


# An account made this long ago and never used is worth a call to its owner.
UNUSED_AFTER_DAYS = 7


class Attention:
    LOCKED = "locked"
    UNUSED = "unused"


ATTENTION_LABELS = {
    Attention.LOCKED: "多次密码错误，账号已被暂时锁定",
    Attention.UNUSED: f"账号创建{UNUSED_AFTER_DAYS}天以上仍未登录",
}


def locked_usernames(now) -> set[str]:
    """Usernames django-axes holds locked out on `now`: failures inside the cool-off time at or
    over a limit (accounts.throttling's per-account limits)."""
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Max, Sum

    since = now - timedelta(hours=settings.AXES_COOLOFF_TIME)
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .exclude(username__isnull=True)
        .values("username")
        .annotate(total=Sum("failures_since_start"), worst=Max("failures_since_start"))
    )
    return {
        row["username"]
        for row in rows
        if row["total"] >= settings.FAZHI_LOGIN_USERNAME_FAILURE_LIMIT
        or row["worst"] >= settings.AXES_FAILURE_LIMIT
    }


def accounts_needing_attention(actor, now) -> list[tuple[object, str]]:
    """(user, Attention) of the active accounts the actor manages that need the administrator:
    locked out by the login throttle, or never used since they were made."""
    from datetime import timedelta

    locked = locked_usernames(now)
    unused = Q(last_login__isnull=True, date_joined__lt=now - timedelta(days=UNUSED_AFTER_DAYS))
    candidates = (
        people_for(actor)
        .filter(is_active=True)
        .filter(Q(username__in=sorted(locked)) | unused)
        .order_by("username")
    )
    found = []
    for user in candidates:
        if not may_manage(actor, user):
            continue
        reason = Attention.LOCKED if user.username in locked else Attention.UNUSED
        found.append((user, reason))
    return found
