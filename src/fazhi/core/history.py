"""Readable change history of a model instance (from django-simple-history)."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


KIND_LABELS = {"+": "新建", "~": "修改", "-": "删除"}
# Set by the services on every save, never a change a person made.
BOOKKEEPING = {"updated_at", "created_at", "created_by", "year", "archived_at", "archived_by"}


def history_entries(
    instance, shown: Callable | None = None, *, every_field: bool = False
) -> list[HistoryEntry]:
    """Newest first; each entry says who, when, and which fields changed from what to what.
    `shown(field name, value)` gives the value as the viewer may see it (masked personal
    data); by default the value itself. The fields compared are those a form edits, or with
    `every_field` also those the workflow steps set (status, dates of a step)."""
    shown = shown or (lambda name, value: value)
    model = type(instance)
    records = list(instance.history.select_related("history_user").order_by("-history_date"))
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            for name, old, new in _diff(record, previous, every_field):
                label = str(model._meta.get_field(name).verbose_name)
                changes.append(FieldChange(label, _show(shown(name, old)), _show(shown(name, new))))
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else "系统",
                kind=KIND_LABELS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _diff(record, previous, every_field: bool) -> list[tuple]:
    """(field name, old, new) of each changed field (related rows by id)."""
    if not every_field:
        return [(c.field, c.old, c.new) for c in record.diff_against(previous).changes]
    fields = [f for f in record.tracked_fields if f.name not in BOOKKEEPING and not f.primary_key]
    return [
        (f.name, getattr(previous, f.attname), getattr(record, f.attname))
        for f in fields
        if getattr(previous, f.attname) != getattr(record, f.attname)
    ]


def _show(value) -> str:
    return "（空）" if value in (None, "") else str(value)
