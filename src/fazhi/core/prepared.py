"""Writes prepared before their transaction, so a big write holds the database's lock briefly.

SQLite has one write lock for the whole database: while an import writes, every other writer
waits. Django's bulk_create spends most of its time turning each value into an SQL parameter
(about 0.2 ms a row, history included), so a 30,000-row import held the lock for over 10 s. Here
the ids are reserved first (a transaction of a few milliseconds), every row's parameters and
history rows are computed outside any transaction, and the write transaction only runs the
statements (`PreparedWrites.execute`).

Services that support it (deadlines_sync) can be asked, inside `deferring_writes()`, to validate
what they would write and hand it over as `Write`s instead of writing it themselves.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import Model
from django.utils import timezone

_deferred: ContextVar[list | None] = ContextVar("fazhi_deferred_writes", default=None)


@dataclass
class Write:
    """One row a service would have written: "create", "update" or "delete" `instance`."""

    instance: Model
    action: str
    actor: object = None
    reason: str = ""


@contextmanager
def deferring_writes(using: str = "default") -> Iterator[list[Write]]:
    """Collect the Writes of the services called in the block (see deferred()). A service that
    writes anyway would break the caller's all-or-nothing write: any INSERT, UPDATE or DELETE
    in the block raises."""
    token = _deferred.set([])
    try:
        with connections[using].execute_wrapper(_refuse_writes):
            yield _deferred.get()
    finally:
        _deferred.reset(token)


def _refuse_writes(execute, sql, params, many, context):
    if sql.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}:
        raise RuntimeError(f"a write while writes are deferred: {sql[:80]}")
    return execute(sql, params, many, context)


def deferred() -> list[Write] | None:
    """The list a service appends its Writes to instead of writing, or None: write as usual."""
    return _deferred.get()


def reserve_ids(model: type[Model], count: int, using: str = "default") -> list[int]:
    """`count` new primary keys of `model`'s table that no other insert will take, so rows (and
    their history, which names them) can be prepared before the write transaction. Ids of a
    rolled-back write are skipped, as the database's own counter would skip them."""
    if count <= 0:
        return []
    connection = connections[using]
    table = model._meta.db_table
    column = model._meta.pk.column
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotImplementedError(f"reserve_ids: {connection.vendor}")
        # Django's SQLite tables are AUTOINCREMENT: new ids start above sqlite_sequence.
        cursor.execute(f"SELECT max({quote(column)}) FROM {quote(table)}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        first = max(highest, row[0] if row else 0) + 1
        if row:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [first + count - 1, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                [table, first + count - 1],
            )
        return list(range(first, first + count))


def history_model(model: type[Model]) -> type[Model] | None:
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


class PreparedWrites:
    """INSERT, UPDATE and DELETE statements with every row's parameters computed beforehand
    (the same conversions Django applies: Field.pre_save, then get_db_prep_save)."""

    def __init__(self, using: str = "default"):
        self.using = using
        self.connection = connections[using]
        self.statements: list[tuple[str, list[list]]] = []
        self.now = timezone.now()

    def _fields(self, model, *, with_pk: bool):
        fields = [f for f in model._meta.concrete_fields if not f.generated]
        if not with_pk:
            fields = [f for f in fields if not f.primary_key]
        for field in fields:
            if hasattr(field, "get_placeholder"):
                raise ValueError(f"{model.__name__}.{field.name}: needs its own SQL placeholder")
        return fields

    def _value(self, field, instance, *, add: bool):
        value = field.pre_save(instance, add)
        if hasattr(value, "resolve_expression"):
            raise ValueError(f"{field.name}: an SQL expression cannot be prepared")
        return field.get_db_prep_save(value, self.connection)

    def insert(self, model: type[Model], instances: list[Model]) -> None:
        """Rows with their primary key set (reserve_ids) or all without (left to the
        database: history rows, which nothing refers to)."""
        if not instances:
            return
        with_pk = instances[0].pk is not None
        if any((instance.pk is not None) != with_pk for instance in instances):
            raise ValueError("insert: either every row has its id or none has")
        fields = self._fields(model, with_pk=with_pk)
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
        rows = [[self._value(f, obj, add=True) for f in fields] for obj in instances]
        self.statements.append((sql, rows))

    def update(self, model: type[Model], instances: list[Model], names: Iterable[str]) -> None:
        """Set the named fields (and any auto_now field, e.g. updated_at) of existing rows."""
        if not instances:
            return
        meta = model._meta
        names = set(names)
        fields = [
            f
            for f in self._fields(model, with_pk=False)
            if f.name in names or getattr(f, "auto_now", False)
        ]
        quote = self.connection.ops.quote_name
        assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
        sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
        rows = [[self._value(f, obj, add=False) for f in fields] + [obj.pk] for obj in instances]
        self.statements.append((sql, rows))

    def delete(self, model: type[Model], instances: list[Model]) -> None:
        if not instances:
            return
        quote = self.connection.ops.quote_name
        meta = model._meta
        sql = f"DELETE FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"
        self.statements.append((sql, [[obj.pk] for obj in instances]))

    def history(
        self, model: type[Model], instances: list[Model], history_type: str, *, actor, reason=""
    ) -> None:
        """The history rows django-simple-history would write for these saves ("+" created,
        "~" changed, "-" deleted), built as its bulk_history_create builds them."""
        self._history(model, [(instance, actor, reason) for instance in instances], history_type)

    def _history(self, model, entries: list[tuple], history_type: str) -> None:
        historical = history_model(model)
        if historical is None or not entries:
            return
        rows = []
        for instance, actor, reason in entries:
            row = historical(
                history_date=self.now,
                history_user=getattr(instance, "_history_user", actor),
                history_change_reason=getattr(instance, "_change_reason", "") or reason,
                history_type=history_type,
                **{f.attname: getattr(instance, f.attname) for f in historical.tracked_fields},
            )
            if hasattr(historical, "history_relation"):
                row.history_relation_id = instance.pk
            rows.append(row)
        self.insert(historical, rows)

    def writes(self, writes: list[Write]) -> None:
        """A service's deferred Writes: the rows, then their history. Created instances must
        have their ids (reserve_ids)."""
        for action, history_type in (("create", "+"), ("update", "~"), ("delete", "-")):
            by_model: dict[type, list[Write]] = {}
            for write in writes:
                if write.action == action:
                    by_model.setdefault(type(write.instance), []).append(write)
            for model, group in by_model.items():
                instances = [w.instance for w in group]
                if action == "create":
                    self.insert(model, instances)
                elif action == "update":
                    names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
                    self.update(model, instances, names)
                else:
                    self.delete(model, instances)
                entries = [(w.instance, w.actor, w.reason) for w in group]
                self._history(model, entries, history_type)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for _, rows in self.statements)

    def execute(self) -> None:
        """Run the statements; call inside the write transaction."""
        with self.connection.cursor() as cursor:
            for sql, rows in self.statements:
                cursor.executemany(sql, rows)
