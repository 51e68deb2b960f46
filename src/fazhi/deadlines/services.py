"""Every write of the deadline engine. A ledger kind's deadlines follow its records through
deadlines_sync (called by the kind's own sync function, which the ledger services and the
workflow services call after every write, after checking their own permissions);
deadline_set / deadline_meet / deadline_clear write one deadline; period_set checks its own
permission."""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.audit.services import record as audit_record
from fazhi.core import versions
from fazhi.core.prepared import Write, deferred
from fazhi.core.services import apply_changes, save_validated
from fazhi.deadlines.holiday_rows import HolidayRow
from fazhi.deadlines.models import DayKind, Deadline, HolidayDay, HolidayYear, PeriodSetting
from fazhi.deadlines.periods import get_period, is_known
from fazhi.deadlines.resolve import period_for
from fazhi.ledgers.registry import kind_for_model
from fazhi.orgs.roles import Capability, Level
from fazhi.orgs.scoping import has_capability, memberships_of

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


# --- official holiday tables ------------------------------------------------------------------

MIN_TABLE_YEAR, MAX_TABLE_YEAR = 2000, 2100
WEEKDAYS = "一二三四五六日"


def _managed_counties(user) -> list:
    return [
        m.organisation
        for m in memberships_of(user)
        if m.organisation.level == Level.COUNTY
        and has_capability(user, Capability.ORG_MANAGE, m.organisation)
    ]


def may_edit_calendar(user) -> bool:
    """The holiday tables are national data, one per installation: a superuser or the
    administrator of a county (ORG_MANAGE at county level) enters them."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser and user.is_active:
        return True
    return bool(_managed_counties(user))


def _table_errors(year, notice_number, notice_date, rows: list[HolidayRow]) -> list[str]:
    """Every rule of a whole year's table, as Chinese messages (empty when it holds)."""
    errors = []
    if not notice_number:
        errors.append("请填写国务院办公厅通知的文号，如“国办发明电〔2026〕7号”。")
    if notice_date is None:
        errors.append("请填写通知日期。")
    elif not date(year - 1, 1, 1) <= notice_date <= date(year, 12, 31):
        errors.append(f"通知日期应在 {year - 1} 年或 {year} 年内（放假安排一般于上一年年底发布）。")
    if not rows:
        errors.append("请至少填写一天放假安排。")
    seen: dict[date, HolidayRow] = {}
    holiday_names = {row.name for row in rows if row.kind == DayKind.HOLIDAY}
    for row in rows:
        where = f"第 {row.number} 行"
        if row.day.year != year:
            errors.append(f"{where}“日期”列：{row.day:%Y-%m-%d} 不在 {year} 年内。")
            continue
        if row.day in seen:
            first = seen[row.day]
            both = "既是放假日又是调休上班日" if first.kind != row.kind else "重复填写"
            errors.append(
                f"{where}“日期”列：{row.day:%Y-%m-%d} 与第 {first.number} 行{both}，"
                "每天只能填写一次。"
            )
            continue
        seen[row.day] = row
        if row.kind == DayKind.WORKDAY:
            if row.day.weekday() < 5:
                errors.append(
                    f"{where}“日期”列：调休上班日应为周六或周日，{row.day:%Y-%m-%d} 是星期"
                    f"{WEEKDAYS[row.day.weekday()]}（工作日本来就上班）。"
                )
            if row.name not in holiday_names:
                errors.append(
                    f"{where}“名称”列：调休上班日的名称“{row.name}”在本表的放假日中没有，"
                    "请填写它所调休的节日名称。"
                )
    if rows and not any(r.kind == DayKind.HOLIDAY and r.day.weekday() < 5 for r in rows):
        errors.append("表中没有落在工作日的放假日，请检查是否填反了类型。")
    return errors


@transaction.atomic
def holiday_year_save(
    *,
    actor,
    year: int,
    notice_number: str,
    notice_date: date | None,
    rows: list[HolidayRow],
    row_errors=(),
    source_note: str = "",
    seen_version=None,
) -> tuple[HolidayYear, int]:
    """Store a year's official holiday table (replacing its days; history keeps the old ones),
    then recompute every deadline that depends on a day of that year through its kind's own
    sync. All or nothing: any error (ValidationError, all messages at once) changes nothing.
    `row_errors` are the rows that could not be read (fazhi.deadlines.holiday_rows), reported
    with the table's own errors. Returns the table and the number of deadlines whose due date
    or estimate changed."""
    if actor is not None and not may_edit_calendar(actor):
        raise PermissionDenied("只有系统管理员（超级用户或县级系统管理员）可以维护节假日安排。")
    if not isinstance(year, int) or not MIN_TABLE_YEAR <= year <= MAX_TABLE_YEAR:
        raise ValidationError(f"年份须在 {MIN_TABLE_YEAR} 至 {MAX_TABLE_YEAR} 之间。")
    notice_number = (notice_number or "").strip()
    source_note = (source_note or "").strip()
    errors = [str(error) for error in row_errors]
    errors += _table_errors(year, notice_number, notice_date, rows)
    if errors:
        raise ValidationError(errors)
    table = HolidayYear.objects.filter(year=year).first()
    creating = table is None
    if creating:
        table = HolidayYear(year=year)
    else:
        versions.lock(table, seen_version)
    apply_changes(
        table,
        {"notice_number": notice_number, "notice_date": notice_date, "source_note": source_note},
    )
    table.revision = uuid.uuid4()  # the calendar cache of every worker re-reads the days
    action = "录入" if creating else "修改"
    save_validated(table, actor=actor, reason=f"{action}{year}年放假安排（{notice_number}）")
    _replace_days(table, rows, actor)
    changed = recompute_year(year, actor=actor)
    holidays = sum(row.kind == DayKind.HOLIDAY for row in rows)
    audit_record(
        actor,
        "calendar.save",
        f"{action}{year}年法定节假日安排（{notice_number}）：放假 {holidays} 天、"
        f"调休上班 {len(rows) - holidays} 天，重新计算期限 {changed} 项",
        # The admin's own county, so its audit list shows it (national data has no unit).
        organisation=next(iter(_managed_counties(actor)), None) if actor is not None else None,
        detail={"year": year, "notice_number": notice_number, "recomputed": changed},
    )
    return table, changed


def _replace_days(table: HolidayYear, rows: list[HolidayRow], actor) -> None:
    wanted = {row.day: row for row in rows}
    for day in HolidayDay.objects.filter(day__year=table.year).exclude(day__in=list(wanted)):
        day._history_user = actor
        day.delete()
    existing = {d.day: d for d in HolidayDay.objects.filter(day__in=list(wanted))}
    for when, row in sorted(wanted.items()):
        day = existing.get(when) or HolidayDay(day=when)
        if day.pk is None or apply_changes(
            day, {"table_id": table.pk, "kind": row.kind, "name": row.name}
        ):
            day.table, day.kind, day.name = table, row.kind, row.name
            save_validated(day, actor=actor)


def recompute_year(year: int, *, actor) -> int:
    """Bring every deadline whose period runs through a day of `year` in step with the calendar
    now in force, through its ledger kind's own sync (LedgerKind.deadlines: the one path, with
    extensions and met dates as the record says). Returns how many changed."""
    affected = Deadline.objects.filter(
        triggered_on__lte=date(year, 12, 31), due_on__gte=date(year, 1, 1)
    )
    before = {pk: (due, est) for pk, due, est in affected.values_list("pk", "due_on", "estimated")}
    if not before:
        return 0
    ids_by_type = defaultdict(set)
    for type_id, record_id in affected.values_list("record_type_id", "record_id"):
        ids_by_type[type_id].add(record_id)
    for type_id, record_ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        kind = kind_for_model(model)
        if kind is None or kind.deadlines is None:
            continue  # every record type with deadlines is a ledger kind's; nothing else syncs
        for record in model._base_manager.filter(pk__in=record_ids).order_by("pk"):
            kind.deadlines(record, actor=actor)
    after = Deadline.objects.filter(pk__in=list(before)).values_list("pk", "due_on", "estimated")
    return sum(1 for pk, due, est in after if before[pk] != (due, est))
