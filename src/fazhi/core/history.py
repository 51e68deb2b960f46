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


def history_entries(instance, shown: Callable | None = None) -> list[HistoryEntry]:
    """Newest first; each entry says who, when, and which fields changed from what to what.
    `shown(field name, value)` gives the value as the viewer may see it (masked personal
    data); by default the value itself."""
    shown = shown or (lambda name, value: value)
    model = type(instance)
    records = list(instance.history.select_related("history_user").order_by("-history_date"))
    entries = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                label = str(model._meta.get_field(change.field).verbose_name)
                old, new = shown(change.field, change.old), shown(change.field, change.new)
                changes.append(FieldChange(label, _show(old), _show(new)))
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


def _show(value) -> str:
    return "（空）" if value in (None, "") else str(value)
