"""Every write to organisations and memberships.

Structural changes (set-up from the division list, add, merge, abolish, delete) need ORG_MANAGE
on the unit's parent: a township admin changes only the villages of their own township, a county
admin the whole county; nobody but a superuser (or the command line) creates a county. Every
administrative action is recorded (fazhi.audit) inside its transaction.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.models import HistoricalChanges
from simple_history.utils import NotHistoricalModelError, bulk_update_with_history
from simple_history.utils import get_history_manager_for_model as _history_manager

from fazhi.audit.services import record
from fazhi.core import versions
from fazhi.core.progress import NO_PROGRESS
from fazhi.core.services import apply_changes, save_validated
from fazhi.orgs import divisions
from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Capability, Level, Role
from fazhi.orgs.scoping import forget_memberships, has_capability, memberships_of
from fazhi.orgs.signals import records_moved

EDITABLE_FIELDS = ("code", "name")


def _may_manage(actor, organisation: Organisation | None) -> bool:
    if actor is None:  # the command line
        return True
    if organisation is None:
        return bool(getattr(actor, "is_superuser", False) and actor.is_active)
    return has_capability(actor, Capability.ORG_MANAGE, organisation)


def _require_parent_manager(actor, organisation: Organisation, message: str) -> None:
    if organisation.level == Level.COUNTY or not _may_manage(actor, organisation.parent):
        raise PermissionDenied(message)


def _insert(*, actor, code, name, level, parent, division_code="", reason="") -> Organisation:
    org = Organisation(
        code=code.strip(),
        name=name.strip(),
        level=level,
        parent=parent,
        division_code=division_code,
    )
    save_validated(org, actor=actor, reason=reason)
    # The path is built from ids, known only after the insert; zero-padded so that string order
    # is tree order.
    org.path = f"{parent.path if parent else '/'}{org.pk:010d}/"
    Organisation.objects.filter(pk=org.pk).update(path=org.path)
    return org


@transaction.atomic
def organisation_create(
    *, actor, code: str, name: str, level: str, parent: Organisation | None = None
) -> Organisation:
    if (parent is not None and not _may_manage(actor, parent)) or (
        parent is None and not _may_manage(actor, None)
    ):
        raise PermissionDenied("您无权在该单位下新增下级单位。")
    if parent is not None and parent.is_abolished:
        raise ValidationError({"parent": f"{parent.name}已撤销，不能再新增下级单位。"})
    org = _insert(actor=actor, code=code, name=name, level=level, parent=parent)
    record(
        actor,
        "org.create",
        f"新增{org.get_level_display()}：{org.name}（{org.code}）",
        organisation=org,
        detail={"code": org.code, "name": org.name, "level": org.level},
    )
    return org


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, reason: str = "", seen_version=None, **changes
):
    """Change an organisation's code or name. Moving it in the tree is not an edit."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    if not _may_manage(actor, organisation):
        raise PermissionDenied("您无权修改该单位。")
    versions.lock(organisation, seen_version)
    before = {name: getattr(organisation, name) for name in EDITABLE_FIELDS}
    cleaned = {key: value.strip() for key, value in changes.items()}
    if apply_changes(organisation, cleaned):
        save_validated(organisation, actor=actor, reason=reason)
        after = {name: getattr(organisation, name) for name in EDITABLE_FIELDS}
        changed = "，".join(
            f"{Organisation._meta.get_field(n).verbose_name}由“{before[n]}”改为“{after[n]}”"
            for n in EDITABLE_FIELDS
            if before[n] != after[n]
        )
        record(
            actor,
            "org.rename" if before["name"] != after["name"] else "org.update",
            f"修改单位{before['name']}：{changed}",
            organisation=organisation,
            detail={"before": before, "after": after, "reason": reason},
        )
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


# --- set-up from the national division list -------------------------------------------------


@dataclass
class SetupPlan:
    """What setting up a county would create (read-only; the page shows it before the run)."""

    county: divisions.County
    organisation: Organisation | None  # the county's unit, when it exists already
    townships: list[tuple[divisions.Unit, Organisation | None]] = field(default_factory=list)
    village_total: int = 0
    villages_existing: int = 0

    @property
    def townships_existing(self) -> int:
        return sum(1 for _, org in self.townships if org is not None)

    @property
    def nothing_to_do(self) -> bool:
        return (
            self.organisation is not None
            and self.townships_existing == len(self.townships)
            and self.villages_existing == self.village_total
        )


@dataclass
class SetupResult:
    county: Organisation
    created_county: bool = False
    townships_created: int = 0
    villages_created: int = 0
    granted_admin: bool = False


def _county_unit(county: divisions.County) -> Organisation | None:
    return (
        Organisation.objects.filter(level=Level.COUNTY)
        .filter(models.Q(division_code=county.code) | models.Q(code=county.code))
        .order_by("-division_code")
        .first()
    )


def county_setup_plan(county_code: str) -> SetupPlan:
    county = divisions.county(county_code)
    if county is None:
        raise ValidationError(f"区划名录中没有代码为“{county_code}”的县（区）。")
    plan = SetupPlan(county=county, organisation=_county_unit(county))
    units = divisions.townships(county.code)
    codes = [t.code for t in units] + [v.code for t in units for v in t.children]
    existing = set(
        Organisation.objects.filter(division_code__in=codes).values_list("division_code", flat=True)
    )
    by_code = {o.division_code: o for o in Organisation.objects.filter(division_code__in=codes)}
    for township in units:
        plan.townships.append((township, by_code.get(township.code)))
        plan.village_total += len(township.children)
        plan.villages_existing += sum(1 for v in township.children if v.code in existing)
    return plan


def may_set_up(actor, county_code: str) -> bool:
    """A superuser may set up any county; a county admin only their own, once it exists."""
    if actor is None or (getattr(actor, "is_superuser", False) and actor.is_active):
        return True
    county = divisions.county(county_code)
    unit = _county_unit(county) if county else None
    return unit is not None and has_capability(actor, Capability.ORG_MANAGE, unit)


def _survivor(org: Organisation) -> Organisation | None:
    """Where new children of `org` belong: itself, or the unit it was merged into; None when
    it was abolished without a successor."""
    seen = set()
    while org is not None and org.is_abolished and org.pk not in seen:
        seen.add(org.pk)
        org = org.merged_into
    return None if org is None or org.is_abolished else org


@transaction.atomic
def county_setup(*, actor, county_code: str, on_progress=None) -> SetupResult:
    """Create the county's 镇/乡/街道 and 村/社区 from the division list in one transaction.

    Idempotent: a unit whose division code exists already (whatever it was renamed to, merged
    or abolished) is left as it is, so a second run creates nothing. A superuser without any
    membership is given the 系统管理员 role at the county. on_progress: a command-line bar
    (fazhi.core.progress), told the number of townships and each one done.
    """
    bar = on_progress or NO_PROGRESS
    if not may_set_up(actor, county_code):
        raise PermissionDenied("只有该县（区）的系统管理员可以从区划名录建立本县的单位。")
    plan = county_setup_plan(county_code)
    county = plan.county
    unit = plan.organisation
    result = SetupResult(county=unit)
    if unit is None:
        unit = _insert(
            actor=actor,
            code=county.code,
            name=county.name,
            level=Level.COUNTY,
            parent=None,
            division_code=county.code,
            reason="从区划名录建立",
        )
        result.county, result.created_county = unit, True
    elif not unit.division_code:
        unit.division_code = county.code
        save_validated(unit, actor=actor, reason="对应到区划名录")
    bar.start(len(plan.townships))
    for township, existing in plan.townships:
        bar.advance(township.name)
        if existing is None:
            existing = _create_listed(actor, township, Level.TOWNSHIP, unit)
            result.townships_created += 1
        parent = _survivor(existing)
        if parent is None:
            continue
        present = set(
            Organisation.objects.filter(
                division_code__in=[v.code for v in township.children]
            ).values_list("division_code", flat=True)
        )
        for village in township.children:
            if village.code not in present:
                _create_listed(actor, village, Level.VILLAGE, parent)
                result.villages_created += 1
    if actor is not None and actor.is_superuser and not memberships_of(actor):
        membership_grant(actor=None, user=actor, organisation=unit, role=Role.ADMIN)
        result.granted_admin = True
    record(
        actor,
        "org.setup",
        f"从区划名录建立{county.full_name}：新增乡镇（街道）{result.townships_created} 个、"
        f"村（社区）{result.villages_created} 个",
        organisation=unit,
        detail={
            "county": county.code,
            "created_county": result.created_county,
            "townships": result.townships_created,
            "villages": result.villages_created,
            "granted_admin": result.granted_admin,
        },
    )
    return result


def _create_listed(actor, unit: divisions.Unit, level: str, parent: Organisation):
    try:
        return _insert(
            actor=actor,
            code=unit.code,
            name=unit.name,
            level=level,
            parent=parent,
            division_code=unit.code,
            reason="从区划名录建立",
        )
    except ValidationError as error:
        raise ValidationError(
            f"不能建立“{unit.name}”（{unit.code}）：{'；'.join(error.messages)}"
        ) from error


# --- adjustments ----------------------------------------------------------------------------


def references(organisation: Organisation) -> dict[str, int]:
    """{what: how many} of everything that points to the unit and would keep it from being
    deleted: child units, memberships, units merged into it and every record of any app
    (found through the model relations, so no app is named here). History rows and derived
    data (relations that cascade, e.g. stored figures) do not count."""
    counts = {}
    for relation in _protecting_relations():
        model = relation.related_model
        count = model._base_manager.filter(**{relation.field.name: organisation}).count()
        if count:
            label = str(model._meta.verbose_name_plural)
            if model is Organisation:
                label = "下级单位" if relation.field.name == "parent" else "并入的单位"
            counts[label] = counts.get(label, 0) + count
    return counts


def _protecting_relations():
    for relation in Organisation._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        if issubclass(relation.related_model, HistoricalChanges):
            continue
        if relation.on_delete is models.PROTECT:
            yield relation


def _lock(*organisations: Organisation) -> None:
    for organisation in organisations:
        organisation.refresh_from_db(from_queryset=Organisation._base_manager.select_for_update())


@transaction.atomic
def organisation_abolish(*, actor, organisation: Organisation, reason: str = "", seen_version=None):
    """Mark a township or village abolished: kept with its history and its records, hidden
    from the pickers for new records. A township with units still in use below it is refused
    (merge or abolish those first)."""
    _require_parent_manager(actor, organisation, "您无权撤销该单位。")
    versions.lock(organisation, seen_version)
    if organisation.is_abolished:
        raise ValidationError(f"{organisation.name}已于{organisation.abolished_on}撤销。")
    active = organisation.children.filter(abolished_on__isnull=True).count()
    if active:
        raise ValidationError(
            f"{organisation.name}下还有 {active} 个未撤销的单位，请先合并或撤销这些单位。"
        )
    organisation.abolished_on = timezone.localdate()
    save_validated(organisation, actor=actor, reason=reason or "撤销")
    record(
        actor,
        "org.abolish",
        f"撤销{organisation.get_level_display()}：{organisation.name}（{organisation.code}）",
        organisation=organisation,
        detail={"reason": reason, "references": references(organisation)},
    )
    return organisation


@transaction.atomic
def organisation_reinstate(*, actor, organisation: Organisation, reason: str = ""):
    """Undo an abolition made by mistake (a unit merged away stays merged)."""
    _require_parent_manager(actor, organisation, "您无权恢复该单位。")
    _lock(organisation)
    if not organisation.is_abolished:
        raise ValidationError(f"{organisation.name}未被撤销。")
    if organisation.merged_into_id:
        merged = organisation.merged_into.name
        raise ValidationError(f"{organisation.name}已并入{merged}，不能恢复。")
    if organisation.parent is not None and organisation.parent.is_abolished:
        raise ValidationError(f"上级单位{organisation.parent.name}已撤销，请先恢复上级单位。")
    organisation.abolished_on = None
    save_validated(organisation, actor=actor, reason=reason or "恢复")
    record(
        actor,
        "org.reinstate",
        f"恢复{organisation.get_level_display()}：{organisation.name}（{organisation.code}）",
        organisation=organisation,
        detail={"reason": reason},
    )
    return organisation


@transaction.atomic
def organisation_delete(*, actor, organisation: Organisation) -> None:
    """Delete a unit made by mistake: only while nothing at all points to it."""
    _require_parent_manager(actor, organisation, "您无权删除该单位。")
    _lock(organisation)
    found = references(organisation)
    if found:
        listed = "、".join(f"{label} {count} 条" for label, count in found.items())
        raise ValidationError(
            f"{organisation.name}还有{listed}，不能删除；不再使用的单位请改为“撤销”。"
        )
    record(
        actor,
        "org.delete",
        f"删除{organisation.get_level_display()}：{organisation.name}（{organisation.code}）",
        organisation=organisation.parent,
        detail={"code": organisation.code, "name": organisation.name},
    )
    organisation._history_user = actor
    organisation.delete()


@transaction.atomic
def organisation_merge(
    *, actor, absorbed: Organisation, survivor: Organisation, reason: str = ""
) -> dict[str, int]:
    """Merge `absorbed` into `survivor` (two villages, or two townships, of the same parent).

    In one transaction every record of any app, every membership and every child unit of the
    absorbed unit is re-pointed to the survivor, each re-pointed record with a history row
    (reason "合并"); a membership the survivor already has is dropped (its history stays). The
    absorbed unit is kept, abolished, with `merged_into` set and its own history. Records that
    would clash at the survivor (e.g. both have a report for the same year) refuse the merge.
    Returns {what: how many} moved.
    """
    if absorbed.pk == survivor.pk:
        raise ValidationError("不能把单位并入它自己。")
    for unit in (absorbed, survivor):
        _require_parent_manager(actor, unit, "您无权合并这些单位。")
    _lock(absorbed, survivor)
    if absorbed.level != survivor.level or absorbed.parent_id != survivor.parent_id:
        raise ValidationError("只能合并同一上级单位下、同一层级的两个单位。")
    for unit in (absorbed, survivor):
        if unit.is_abolished:
            raise ValidationError(f"{unit.name}已撤销，不能合并。")
    note = reason or f"合并：{absorbed.name}并入{survivor.name}"
    moved = _move_records(actor, absorbed, survivor, note)
    moved.update(_move_memberships(actor, absorbed, survivor, note))
    children = list(absorbed.children.all())
    for child in children:
        child.parent = survivor
        save_validated(child, actor=actor, reason=note)
    _rebuild_paths(absorbed.path, survivor.path)
    if children:
        moved["下级单位"] = len(children)
    absorbed.merged_units.update(merged_into=survivor)
    absorbed.abolished_on = timezone.localdate()
    absorbed.merged_into = survivor
    save_validated(absorbed, actor=actor, reason=note)
    records_moved.send(Organisation, organisation_ids={absorbed.pk, survivor.pk})
    record(
        actor,
        "org.merge",
        f"将{absorbed.get_level_display()}{absorbed.name}（{absorbed.code}）并入"
        f"{survivor.name}（{survivor.code}）",
        organisation=survivor,
        detail={"absorbed": absorbed.code, "survivor": survivor.code, "moved": moved},
    )
    return moved


def _move_records(actor, absorbed, survivor, note) -> dict[str, int]:
    moved = {}
    for relation in _protecting_relations():
        model, name = relation.related_model, relation.field.name
        if model in (Organisation, Membership):
            continue  # children, merged units and memberships are moved by the caller
        objects = list(model._base_manager.filter(**{name: absorbed}))
        if not objects:
            continue
        now = timezone.now()
        stamped = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        for obj in objects:
            setattr(obj, name, survivor)
            for stamp in stamped:
                setattr(obj, stamp, now)
        try:
            with transaction.atomic():
                try:
                    _history_manager(model)
                except NotHistoricalModelError:
                    model._base_manager.bulk_update(objects, [name, *stamped])
                else:
                    bulk_update_with_history(
                        objects,
                        model,
                        [name, *stamped],
                        default_user=actor,
                        default_change_reason=note,
                    )
        except IntegrityError as error:
            raise ValidationError(
                f"{absorbed.name}与{survivor.name}在“{model._meta.verbose_name_plural}”中有"
                "相互冲突的记录（例如同一年度各有一份），不能直接合并；请先处理这些记录。"
            ) from error
        label = str(model._meta.verbose_name_plural)
        moved[label] = moved.get(label, 0) + len(objects)
    return moved


def _move_memberships(actor, absorbed, survivor, note) -> dict[str, int]:
    moved = 0
    for membership in absorbed.memberships.select_related("user"):
        membership._history_user = actor
        membership._change_reason = note
        if Membership.objects.filter(
            user=membership.user, organisation=survivor, role=membership.role
        ).exists():
            membership.delete()  # the survivor's own membership already grants the same
        else:
            membership.organisation = survivor
            membership.save()
            moved += 1
        forget_memberships(membership.user)
    return {"任职": moved} if moved else {}


def _rebuild_paths(old_prefix: str, new_prefix: str) -> None:
    """Paths of the units moved from below `old_prefix` to below `new_prefix`."""
    rows = Organisation.objects.filter(path__startswith=old_prefix).exclude(path=old_prefix)
    for pk, path in rows.values_list("pk", "path"):
        Organisation.objects.filter(pk=pk).update(path=new_prefix + path[len(old_prefix) :])
