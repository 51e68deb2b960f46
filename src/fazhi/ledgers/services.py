"""Every write to a ledger: create, edit, archive, restore. Forms, imports and the API call these,
so the rules (permission, organisation level, field checks, cross-record rules) hold everywhere."""

import logging
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import versions
from fazhi.core.errors import plain_model_errors
from fazhi.core.prepared import PreparedWrites, Write, deferring_writes, reserve_ids
from fazhi.core.services import apply_changes, save_validated
from fazhi.ledgers.personal import unmask_restored
from fazhi.ledgers.registry import LedgerKind
from fazhi.ledgers.signals import records_written
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import has_any_capability, has_capability

logger = logging.getLogger(__name__)


def sync_deadlines(kind: LedgerKind, records, *, actor) -> None:
    """The kind's deadlines follow its written records (LedgerKind.deadlines)."""
    if kind.deadlines is None:
        return
    for record in records:
        kind.deadlines(record, actor=actor)


def check_can_edit(*, actor, kind: LedgerKind, organisation) -> None:
    if actor is not None and not has_any_capability(actor, kind.edit_capabilities, organisation):
        raise PermissionDenied("您的角色无权修改该单位的台账。")


def validate_record(kind: LedgerKind, record) -> None:
    """All rules of one record: fields (full_clean), its organisation's level, cross-record."""
    record.year = record.occurred_on.year if record.occurred_on else None
    errors = {}
    exclude = ["year"]
    if kind.model.organisation.is_cached(record) and record.organisation.pk:
        # A loaded organisation exists; skipping Django's existence query matters in imports.
        exclude.append("organisation")
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        errors = plain_model_errors(error, kind.model).update_error_dict(errors)
    # Before any comparison with another date: a date that cannot have happened says so.
    values = {name: getattr(record, name) for name in kind.happened}
    for name, message in kind.happened_errors(values).items():
        errors[name] = [ValidationError(message, code="not_happened")]
    organisation = getattr(record, "organisation", None)
    if organisation is not None and organisation.level != kind.org_level:
        errors.setdefault("organisation", []).append(
            ValidationError(f"{kind.label}应登记在{Level(kind.org_level).label}。")
        )
    for check in (kind.rules, _frozen_check(kind)):
        if errors or check is None:
            continue
        try:
            check(record)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _frozen_check(kind: LedgerKind):
    return None if kind.frozen is None else lambda record: check_frozen(kind, record)


def check_frozen(kind: LedgerKind, record) -> None:
    """The kind's "frozen after decision" rule: once its condition holds for the stored
    record, none of the locked fields may change (ValidationError with the kind's reason)."""
    frozen = kind.frozen
    if frozen is None or record.pk is None:
        return
    stored = kind.model.objects.filter(pk=record.pk).first()
    if stored is None or not frozen.when(stored):
        return
    changed = [name for name in frozen.fields if getattr(stored, name) != getattr(record, name)]
    if not changed:
        return
    message = frozen.message(stored, "、".join(kind.field_label(name) for name in changed))
    raise ValidationError({name: message for name in changed} if frozen.per_field else message)


@transaction.atomic
def record_create(*, actor, kind: LedgerKind, organisation, data: dict):
    check_can_edit(actor=actor, kind=kind, organisation=organisation)
    record = kind.model(organisation=organisation, created_by=actor, **data)
    validate_record(kind, record)
    record._history_user = actor
    record.save()
    sync_deadlines(kind, [record], actor=actor)
    return record


@transaction.atomic
def record_update(*, actor, kind: LedgerKind, record, data: dict, seen_version=None) -> bool:
    """Apply changed fields; True when something changed. Moving a record to an organisation
    the actor may not edit fails. With `seen_version` (an edit form's), the record is re-read
    under a row lock and a save made on an older version is refused (versions.StaleEdit)."""
    check_can_edit(actor=actor, kind=kind, organisation=record.organisation)
    if seen_version is not None:
        versions.lock(record, seen_version)
    if record.is_archived:
        raise ValidationError("该记录已归档，请先恢复再修改。")
    if "organisation" in data:
        check_can_edit(actor=actor, kind=kind, organisation=data["organisation"])
    # A masked value sent back unchanged (form, re-imported export) keeps the real one.
    data = unmask_restored(kind, record, data)
    if not apply_changes(record, data):
        return False
    validate_record(kind, record)
    record._history_user = actor
    record.save()
    sync_deadlines(kind, [record], actor=actor)
    return True


class StaleWrite(Exception):
    """The records a bulk write was planned from changed before it could write (another user's
    save in between); nothing was written: plan again."""


class RulesBroken(Exception):
    """Records of one bulk write that each passed the kind's cross-record rules alone but break
    them once written together; nothing was written."""

    def __init__(self, records: list):
        super().__init__(f"{len(records)} records break a cross-record rule together")
        self.records = records


def records_bulk_save(*, actor, kind: LedgerKind, new: list, changed: list, still_current=None):
    """Write many records (Excel imports) in one transaction: all of them or none.

    Every record must already have passed validate_record. The write holds the database's write
    lock (the whole database, on SQLite) only to run statements prepared beforehand: ids are
    reserved, every row, history row and deadline is computed first (fazhi.core.prepared).
    Inside the transaction `still_current()` (if given) confirms the plan still holds, else
    StaleWrite; the kind's cross-record rules are checked again on the written rows, which may
    clash with each other, else RulesBroken."""
    if not new and not changed:
        return
    organisations = {record.organisation for record in [*new, *changed]}
    for organisation in organisations:
        check_can_edit(actor=actor, kind=kind, organisation=organisation)
    for record, pk in zip(new, reserve_ids(kind.model, len(new)), strict=True):
        record.pk = pk
        record.created_by = actor
    prepared = PreparedWrites()
    prepared.insert(kind.model, new)
    prepared.history(kind.model, new, "+", actor=actor)
    prepared.update(kind.model, changed, ["organisation", "occurred_on", "year", *kind.fields])
    prepared.history(kind.model, changed, "~", actor=actor)
    with deferring_writes() as deadline_writes:
        sync_deadlines(kind, [*new, *changed], actor=actor)
    _reserve_created(deadline_writes)
    prepared.writes(deadline_writes)
    org_ids = {org.pk for org in organisations}
    started = time.perf_counter()
    with transaction.atomic():
        # PostgreSQL: two imports into one organisation take turns (SQLite's lock does that).
        list(Organisation.objects.select_for_update().filter(pk__in=org_ids))
        if still_current is not None and not still_current():
            raise StaleWrite
        prepared.execute()
        if kind.rules is not None:
            broken = [record for record in [*new, *changed] if _breaks_rules(kind, record)]
            if broken:
                raise RulesBroken(broken)
        records_written.send(kind.model, organisation_ids=org_ids)
    for record in new:  # stored now, as bulk_create would mark them
        record._state.adding, record._state.db = False, transaction.DEFAULT_DB_ALIAS
    logger.info(
        "%s: %d rows written in one transaction of %.2f s",
        kind.slug,
        prepared.row_count,
        time.perf_counter() - started,
    )


def _reserve_created(writes: list[Write]) -> None:
    by_model: dict[type, list] = {}
    for write in writes:
        if write.action == "create":
            by_model.setdefault(type(write.instance), []).append(write.instance)
    for model, instances in by_model.items():
        for instance, pk in zip(instances, reserve_ids(model, len(instances)), strict=True):
            instance.pk = pk


def _breaks_rules(kind: LedgerKind, record) -> bool:
    try:
        kind.rules(record)
    except ValidationError:
        return True
    return False


@transaction.atomic
def record_archive(*, actor, kind: LedgerKind, record, reason: str):
    check_can_edit(actor=actor, kind=kind, organisation=record.organisation)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写归档原因。"})
    if record.is_archived:
        raise ValidationError("该记录已归档。")
    record.archived_at = timezone.now()
    record.archived_by = actor
    record.archive_reason = reason[:200]
    save_validated(record, actor=actor, reason=f"归档：{reason}")
    sync_deadlines(kind, [record], actor=actor)
    return record


@transaction.atomic
def record_restore(*, actor, kind: LedgerKind, record):
    """Only an administrator brings an archived record back."""
    if actor is not None and not has_capability(actor, Capability.ORG_MANAGE, record.organisation):
        raise PermissionDenied("只有系统管理员可以恢复已归档的记录。")
    if not record.is_archived:
        raise ValidationError("该记录未归档。")
    record.archived_at = None
    record.archived_by = None
    record.archive_reason = ""
    save_validated(record, actor=actor, reason="恢复归档记录")
    sync_deadlines(kind, [record], actor=actor)
    return record
