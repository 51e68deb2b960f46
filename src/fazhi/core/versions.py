"""Edit versions: a save never silently reverts another person's.

A form that saves over an object carries, in a hidden field, the version of the object the person
saw: the id of its latest history row, so every save through the ORM (forms, workflow steps,
imports, the demo) moves it on. The service re-reads the object under a row lock in its
transaction and refuses a save made on an older version (StaleEdit: who changed what, and when,
from the history). The page then shows the form again with what the person typed, the other
person's change, and the current version, so saving again is a deliberate choice.

A save that carries no version (imports, the demo, scripts) is not checked.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from fazhi.core.forms import Form
from fazhi.core.history import HistoryEntry, history_entries

FIELD = "seen_version"
NONE = "0"  # the version of an object without history


def current_version(instance) -> str:
    """The id of the object's latest history row ("0" for none, or no object)."""
    if instance is None or instance.pk is None:
        return NONE
    latest = instance.history.aggregate(latest=Max("history_id"))["latest"]
    return str(latest or NONE)


def current_versions(model, pks) -> dict:
    """{pk: version} for many objects of one model in one query."""
    rows = (
        model.history.filter(id__in=list(pks))
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("id", "latest")
    )
    versions = {pk: NONE for pk in pks}
    versions.update({pk: str(latest) for pk, latest in rows})
    return versions


MAX_ID = 2**63 - 1  # a history id column's range: a larger number overflows the query


def _number(version) -> int:
    try:
        return max(0, min(int(version), MAX_ID))
    except (TypeError, ValueError):
        return 0


class StaleEdit(ValidationError):
    """The object was saved by someone else after the person opened the form."""

    def __init__(self, instance, seen: str, current: str):
        self.instance, self.seen, self.current = instance, seen, current
        self.newer = instance.history.filter(history_id__gt=_number(seen)).count()
        super().__init__(_message(self.changes()))

    def changes(self, shown=None) -> list[HistoryEntry]:
        """The saves since the person's version, newest first; `shown(field, value)` gives a
        value as the viewer may see it (fazhi.core.history.history_entries)."""
        if not self.newer:
            return []
        return history_entries(self.instance, shown, every_field=True)[: self.newer]


def _message(entries: list[HistoryEntry]) -> str:
    """Who changed which fields when (the values are shown with the form, masked as the viewer
    may see them)."""
    saves = []
    for entry in entries:
        when = f"{timezone.localtime(entry.when):%Y-%m-%d %H:%M}"
        labels = "、".join(dict.fromkeys(change.label for change in entry.changes))
        if entry.reason:
            saves.append(f"{entry.who}于{when}{entry.reason}" + (f"（{labels}）" if labels else ""))
        else:
            saves.append(f"{entry.who}于{when}修改了" + (labels or "这条记录"))
    done = "；".join(reversed(saves)) if saves else "他人修改了这条记录"
    return f"您打开此页面之后，{done}。"


def check(instance, seen) -> None:
    """Refuse (StaleEdit) when `seen` is not the object's current version; no `seen` (None or
    "") is not checked. The caller holds the object's row lock."""
    if seen in (None, "") or instance is None:
        return
    current = current_version(instance)
    if str(seen) != current:
        raise StaleEdit(instance, str(seen), current)


def lock(instance, seen=None):
    """Re-read `instance` in place under a row lock (inside the caller's transaction, so
    concurrent saves queue and each sees the other's result), then `check` it. PostgreSQL
    locks the row (SELECT … FOR UPDATE); SQLite ignores that, but its transactions take the
    database's write lock as they begin (settings: transaction_mode IMMEDIATE)."""
    model = type(instance)
    instance.refresh_from_db(from_queryset=model._base_manager.select_for_update())
    check(instance, seen)
    return instance


# --- forms ---------------------------------------------------------------------------------


def version_field() -> forms.CharField:
    return forms.CharField(widget=forms.HiddenInput, required=False)


class VersionedForm(Form):
    """A form that saves over an object: it carries the version the person saw (`carry`)."""

    seen_version = version_field()


def carry(form, version: str):
    """An unbound form that carries versions gets `version` (the object's current_version)."""
    if FIELD in form.fields and not form.is_bound:
        form.initial[FIELD] = version
    return form


def seen(form) -> str | None:
    """The version a posted form carries; None when it carries none."""
    if FIELD not in form.fields or not form.is_bound:
        return None
    return (form.data.get(form.add_prefix(FIELD)) or "").strip() or None


def without_version(data: dict) -> dict:
    return {name: value for name, value in data.items() if name != FIELD}


@dataclass
class Conflict:
    """What a page shows with a form whose save was refused as stale."""

    message: str
    entries: list[HistoryEntry]


def keep_input(form, stale: StaleEdit, shown=None, *, message: bool = True) -> None:
    """After a stale save: the form keeps what the person typed, now carries the current
    version, and shows the other person's change (`form.conflict`, rendered by
    core/_conflict.html; `message` False when the page flashed it already)."""
    data = form.data.copy()
    data[form.add_prefix(FIELD)] = stale.current
    form.data = data
    form.conflict = Conflict(stale.message if message else "", stale.changes(shown))
