"""Every write of the deadline engine. A ledger kind's deadlines follow its records through
deadlines_sync (called by the kind's own sync function, which the ledger services and the
workflow services call after every write, after checking their own permissions);
deadline_set / deadline_meet / deadline_clear write one deadline; period_set checks its own
permission."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.prepared import Write, deferred
from fazhi.core.services import apply_changes, save_validated
from fazhi.deadlines.models import Deadline, PeriodSetting
from fazhi.deadlines.periods import get_period, is_known
from fazhi.deadlines.resolve import period_for
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import has_capability

MAX_SETTABLE_DAYS = 365


def may_set_periods(user, county) -> bool:
    """Only an administrator of the county itself (or a superuser) sets its periods."""
    return county.level == Level.COUNTY and has_capability(user, Capability.ORG_MANAGE, county)


@transaction.atomic
def period_set(*, actor, county, code: str, days, reason: str = "") -> PeriodSetting:
    """Set a county's length of a settable period (history keeps the old value)."""
    if actor is not None and not may_set_periods(actor, county):
        raise PermissionDenied("只有县（区）系统管理员可以设置期限。")
    if county.level != Level.COUNTY:
        raise ValidationError({"county": "期限只能由县（区）设置。"})
    if not is_known(code):
        raise ValidationError({"code": "没有这个期限。"})
    period = get_period(code)
    if not period.settable:
        raise ValidationError({"code": f"“{period.name}”由法律法规直接规定，不能修改。"})
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = None
    if days is None or not 1 <= days <= MAX_SETTABLE_DAYS:
        raise ValidationError({"days": f"天数须为 1 至 {MAX_SETTABLE_DAYS} 之间的整数。"})
    setting = PeriodSetting.objects.filter(county=county, code=code).first()
    if setting is None:
        setting = PeriodSetting(county=county, code=code, days=days)
    elif not apply_changes(setting, {"days": days}):
        return setting
    note = f"设置“{period.name}”为 {days}{period.unit.label}"
    reason = (reason or "").strip()
    return save_validated(setting, actor=actor, reason=f"{note}：{reason}" if reason else note)


def _lookup(record, code: str):
    record_type = ContentType.objects.get_for_model(type(record))
    return {"record_type": record_type, "record_id": record.pk, "code": code}


@transaction.atomic
def deadline_set(
    *, record, code: str, triggered_on: date, organisation=None, name=None, actor=None
) -> Deadline:
    """Create the record's deadline for `code`, or recompute it (idempotent: unchanged values
    write nothing). The length is the one in force for the organisation's county."""
    if not is_known(code):
        raise ValidationError({"code": "没有这个期限。"})
    if triggered_on is None:
        raise ValidationError({"triggered_on": "请填写起算日期。"})
    organisation = organisation or record.organisation
    period = period_for(code, organisation)
    due = period.due(triggered_on)
    values = {
        "organisation": organisation,
        "name": name or period.name,
        "days": period.days,
        "unit": period.unit.value,
        "triggered_on": triggered_on,
        "due_on": due.day,
        "estimated": due.estimated,
    }
    lookup = _lookup(record, code)
    deadline = Deadline.objects.filter(**lookup).first()
    if deadline is None:
        deadline = Deadline(**lookup, **values)
    elif not apply_changes(deadline, values):
        return deadline
    if deadline.met_on is not None and deadline.met_on < triggered_on:
        raise ValidationError({"triggered_on": "起算日期不能晚于已登记的完成日期。"})
    return save_validated(deadline, actor=actor)


def _existing(record, code: str) -> Deadline:
    deadline = Deadline.objects.filter(**_lookup(record, code)).first()
    if deadline is None:
        label = get_period(code).name if is_known(code) else code
        raise ValidationError(f"该记录没有“{label}”期限。")
    return deadline


@transaction.atomic
def deadline_meet(*, record, code: str, met_on: date | None, actor=None) -> Deadline:
    """Record the day the deadline was met (None: not met after all)."""
    deadline = _existing(record, code)
    if met_on is not None and met_on < deadline.triggered_on:
        raise ValidationError({"met_on": "完成日期不能早于起算日期。"})
    if not apply_changes(deadline, {"met_on": met_on}):
        return deadline
    return save_validated(deadline, actor=actor)


@dataclass(frozen=True)
class Due:
    """What a record's dates say about one of its deadlines.

    triggered_on: the day the period starts; None when the period does not apply (any
      deadline of that code is removed).
    met_on: the day it was met, if it was.
    extra_days: days added to the period in force (an approved extension).
    name: the deadline's name, when not the period's.
    reason: the history's reason for a change.
    """

    code: str
    triggered_on: date | None
    met_on: date | None = None
    extra_days: int = 0
    name: str | None = None
    reason: str = ""


def deadlines_sync(record, dues: Iterable[Due], *, actor=None) -> None:
    """Make the record's deadlines what its dates say, one Due per period code: created,
    recomputed (the length in force for its county, plus any extension), met, or removed.
    Idempotent: unchanged deadlines write nothing. Inside fazhi.core.prepared.deferring_writes()
    the validated changes are handed over instead of written (a bulk import writes them in its
    own short transaction)."""
    collected = deferred()
    if collected is not None:
        collected.extend(_sync_changes(record, list(dues), actor))
        return
    with transaction.atomic():
        for write in _sync_changes(record, list(dues), actor):
            if write.action == "delete":
                write.instance.delete()
            else:
                write.instance.save()


def _sync_changes(record, dues: list[Due], actor) -> list[Write]:
    existing = {}
    # A record not stored yet (a bulk import prepares its rows with reserved ids) has none.
    if not record._state.adding:
        deadlines = Deadline.objects.filter(
            record_type=ContentType.objects.get_for_model(type(record)),
            record_id=record.pk,
            code__in=[due.code for due in dues],
        )
        existing = {deadline.code: deadline for deadline in deadlines}
    changes = []
    for due in dues:
        current = existing.get(due.code)
        if due.triggered_on is None:
            if current is not None:
                current._history_user = actor
                changes.append(Write(current, "delete", actor))
            continue
        change = _due_change(record, due, current, actor)
        if change is not None:
            changes.append(change)
    return changes


def _due_change(record, due: Due, current: Deadline | None, actor) -> Write | None:
    """The deadline `due` asks for, validated and attributed as save_validated does; None when
    `current` already is that."""
    if due.met_on is not None and due.met_on < due.triggered_on:
        raise ValidationError({"met_on": "完成日期不能早于起算日期。"})
    period = period_for(due.code, record.organisation)
    days = period.days + due.extra_days
    day = (period.with_days(days) if due.extra_days else period).due(due.triggered_on)
    values = {
        "organisation": record.organisation,
        "name": due.name or period.name,
        "days": days,
        "unit": period.unit.value,
        "triggered_on": due.triggered_on,
        "due_on": day.day,
        "estimated": day.estimated,
        "met_on": due.met_on,
    }
    action = "update"
    if current is None:
        current, action = Deadline(**_lookup(record, due.code), **values), "create"
    elif not apply_changes(current, values):
        return None
    if record._state.adding:
        # Its organisation and type were checked with the record, and it has no deadline yet
        # to clash with: the checks' queries would only slow a bulk import down.
        current.full_clean(exclude=["organisation", "record_type"], validate_constraints=False)
    else:
        current.full_clean()
    current._history_user = actor
    if due.reason:
        current._change_reason = due.reason
    return Write(current, action, actor, due.reason)


@transaction.atomic
def deadline_clear(*, record, code: str, actor=None) -> bool:
    """Remove the record's deadline for `code` (the history keeps it); False when none."""
    deadline = Deadline.objects.filter(**_lookup(record, code)).first()
    if deadline is None:
        return False
    deadline._history_user = actor
    deadline.delete()
    return True
