"""Every write to people and their roles; each one recorded (fazhi.audit) in its transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.accounts.services import password_give_one_time
from fazhi.audit.services import record
from fazhi.core import versions
from fazhi.core.services import apply_changes, save_validated
from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import ROLE_CAPABILITIES, Capability, Role
from fazhi.orgs.scoping import forget_memberships, has_capability, scope_root
from fazhi.orgs.services import membership_grant, membership_revoke
from fazhi.people.models import Person
from fazhi.people.permissions import may_manage, person_of, places_of

NOT_YOURS = "该人员不在您管理的范围内（其单位或角色超出您管理的单位）。"


def _require_unit(actor, organisation: Organisation) -> None:
    if actor is not None and not has_capability(actor, Capability.ORG_MANAGE, organisation):
        raise PermissionDenied("您无权管理该单位的人员。")


def _require_person(actor, user) -> None:
    if actor is not None and not may_manage(actor, user):
        raise PermissionDenied(NOT_YOURS)


def home_unit(user):
    """The unit an action on the person is filed under (their unit, else their first role's)."""
    person = person_of(user)
    if person is not None:
        return person.organisation
    places = places_of(user)
    return places[0] if places else None


def _name(user) -> str:
    return f"{user.display_name or user.username}（{user.username}）"


@transaction.atomic
def person_create(
    *, actor, username: str, display_name: str, organisation, phone: str = "", role: str = ""
):
    """A new account with a one-time password (returned once, to show the administrator)."""
    _require_unit(actor, organisation)
    User = get_user_model()
    user = User(username=username.strip(), display_name=display_name.strip())
    if not user.display_name:
        raise ValidationError({"display_name": "请填写姓名。"})
    user.set_unusable_password()
    save_validated(user, actor=actor)
    save_validated(Person(user=user, organisation=organisation, phone=phone.strip()), actor=actor)
    if role:
        membership_grant(actor=actor, user=user, organisation=organisation, role=role)
    password = password_give_one_time(actor=actor, user=user)
    role_text = f"，角色：{Role(role).label}" if role else ""
    record(
        actor,
        "person.create",
        f"新增人员 {_name(user)}，单位：{organisation.name}{role_text}",
        organisation=organisation,
        detail={"user": user.pk, "username": user.username, "role": role},
    )
    return user, password


@transaction.atomic
def person_update(
    *, actor, user, display_name: str, organisation, phone: str = "", seen=None
) -> bool:
    """Change name, unit or phone; True when anything changed. `seen`: the version of the
    person the form showed (a save over someone else's newer one is refused: StaleEdit)."""
    _require_person(actor, user)
    _require_unit(actor, organisation)
    person = person_of(user)
    if person is not None:
        versions.lock(person, seen)
    else:
        person = Person(user=user, organisation=organisation)
    before = {
        "姓名": user.display_name,
        "单位": person.organisation.name if person.pk else "",
        "手机号": person.phone,
    }
    if not display_name.strip():
        raise ValidationError({"display_name": "请填写姓名。"})
    user_changed = apply_changes(user, {"display_name": display_name.strip()})
    person_changed = apply_changes(person, {"organisation": organisation, "phone": phone.strip()})
    if user_changed:
        save_validated(user, actor=actor)
    if person_changed or person.pk is None:
        save_validated(person, actor=actor)
    after = {"姓名": user.display_name, "单位": organisation.name, "手机号": person.phone}
    changed = [label for label in before if before[label] != after[label]]
    if not changed:
        return False
    record(
        actor,
        "person.update",
        f"修改人员 {_name(user)} 的{'、'.join(changed)}",
        organisation=organisation,
        # The phone is personal data: the record says it changed, not to what.
        detail={"user": user.pk, "fields": changed},
    )
    return True


@transaction.atomic
def person_deactivate(*, actor, user) -> None:
    """Stop a person from signing in; their records, roles and history stay."""
    _require_person(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError("不能停用自己的账号。")
    if not user.is_active:
        return
    user.is_active = False
    save_validated(user, actor=actor, reason="停用账号")
    record(
        actor,
        "person.deactivate",
        f"停用人员 {_name(user)}",
        organisation=home_unit(user),
        detail={"user": user.pk},
    )


@transaction.atomic
def person_reactivate(*, actor, user) -> None:
    _require_person(actor, user)
    if user.is_active:
        return
    user.is_active = True
    save_validated(user, actor=actor, reason="恢复账号")
    record(
        actor,
        "person.reactivate",
        f"恢复人员 {_name(user)} 的账号",
        organisation=home_unit(user),
        detail={"user": user.pk},
    )


@transaction.atomic
def person_reset_password(*, actor, user) -> str:
    """A new one-time password (returned once); the person must set their own at next login."""
    _require_person(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError("请在“修改密码”页面修改自己的密码。")
    password = password_give_one_time(actor=actor, user=user)
    record(
        actor,
        "person.password_reset",
        f"重置人员 {_name(user)} 的密码（一次性密码）",
        organisation=home_unit(user),
        detail={"user": user.pk},
    )
    return password


@transaction.atomic
def role_grant(*, actor, user, organisation, role: str) -> Membership:
    """Give a role at an organisation of the actor's subtree, where the role may sit
    (ROLE_LEVELS, checked by Membership.clean)."""
    _require_person(actor, user)
    _require_unit(actor, organisation)
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError(f"该人员在{organisation.name}已是{Role(role).label}。")
    membership = membership_grant(actor=actor, user=user, organisation=organisation, role=role)
    record(
        actor,
        "role.grant",
        f"授予 {_name(user)} {organisation.name}{Role(role).label}角色",
        organisation=organisation,
        detail={"user": user.pk, "role": role, "organisation": organisation.code},
    )
    return membership


@transaction.atomic
def role_revoke(*, actor, membership: Membership) -> None:
    user, organisation = membership.user, membership.organisation
    _require_person(actor, user)
    if (
        actor is not None
        and actor.pk == user.pk
        and Capability.ORG_MANAGE in ROLE_CAPABILITIES[membership.role]
    ):
        raise ValidationError("不能撤销自己的系统管理员角色，请由上级管理员操作。")
    label = membership.get_role_display()
    membership_revoke(actor=actor, membership=membership)
    forget_memberships(user)
    record(
        actor,
        "role.revoke",
        f"撤销 {_name(user)} {organisation.name}{label}角色",
        organisation=organisation,
        detail={"user": user.pk, "role": membership.role, "organisation": organisation.code},
    )


def record_import(*, actor, result) -> None:
    """One entry for a whole import (each person's change has its own entry too)."""
    record(
        actor,
        "person.import",
        f"Excel 批量导入人员：新增 {result.created} 人，更新 {result.updated} 人，"
        f"未变化 {result.unchanged} 人",
        organisation=scope_root(actor, {Capability.ORG_MANAGE}) if actor is not None else None,
        detail={"created": result.created, "updated": result.updated},
    )
