"""Every write to organisations and memberships."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.services import apply_changes, save_validated
from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import forget_memberships, has_capability

EDITABLE_FIELDS = ("code", "name")


@transaction.atomic
def organisation_create(
    *, actor, code: str, name: str, level: str, parent: Organisation | None = None
) -> Organisation:
    if (
        parent is not None
        and actor is not None
        and not has_capability(actor, Capability.ORG_MANAGE, parent)
    ):
        raise PermissionDenied("您无权在该单位下新增下级单位。")
    org = Organisation(code=code.strip(), name=name.strip(), level=level, parent=parent)
    save_validated(org, actor=actor)
    # The path is built from ids, known only after the insert; zero-padded so that string order
    # is tree order.
    org.path = f"{parent.path if parent else '/'}{org.pk:010d}/"
    Organisation.objects.filter(pk=org.pk).update(path=org.path)
    return org


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, reason: str = "", **changes):
    """Change an organisation's code or name. Moving it in the tree is not an edit."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    if actor is not None and not has_capability(actor, Capability.ORG_MANAGE, organisation):
        raise PermissionDenied("您无权修改该单位。")
    cleaned = {key: value.strip() for key, value in changes.items()}
    if apply_changes(organisation, cleaned):
        save_validated(organisation, actor=actor, reason=reason)
    return organisation


@transaction.atomic
def membership_grant(*, actor, user, organisation: Organisation, role: str) -> Membership:
    if actor is not None and not has_capability(actor, Capability.ORG_MANAGE, organisation):
        raise PermissionDenied("您无权在该单位授予角色。")
    existing = Membership.objects.filter(user=user, organisation=organisation, role=role).first()
    if existing:
        return existing
    membership = Membership(user=user, organisation=organisation, role=role)
    save_validated(membership, actor=actor)
    forget_memberships(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor, membership: Membership) -> None:
    """Take a role away. The membership's history keeps that it existed and who removed it."""
    if actor is not None and not has_capability(
        actor, Capability.ORG_MANAGE, membership.organisation
    ):
        raise PermissionDenied("您无权撤销该单位的角色。")
    membership._history_user = actor
    membership.delete()
    forget_memberships(membership.user)
