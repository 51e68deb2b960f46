"""Move the installation's SQLite database into an empty PostgreSQL database, all or nothing.

The target is migrated, every model table (history, auth, sessions, axes, contenttypes and
permissions included) is emptied and filled with the source's rows and ids by COPY, sequences
are reset and every table's row count is compared with the source's, all in one transaction
on the target: a failure anywhere leaves it as it was. Foreign keys are checked at commit
(Django creates them DEFERRABLE INITIALLY DEFERRED), so a table's order does not matter for
correctness; parents still go first. Rows stream in batches, so memory stays bounded.
"""

import copy
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import dj_database_url
import psycopg
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    OperationalError,
    connections,
    router,
    transaction,
)
from django.db.migrations.executor import MigrationExecutor
from django.db.models import FileField

from fazhi.audit.services import record

TARGET_ALIAS = "fazhi_move_target"
BATCH_ROWS = 5000


class MoveError(Exception):
    """A refusal or failure, with a Chinese message for the administrator."""


@dataclass
class Table:
    name: str
    columns: list[str]
    model: type
    # Column index -> conversion from the SQLite value to one PostgreSQL accepts.
    converters: dict[int, Callable] = field(default_factory=dict)


@dataclass
class MoveResult:
    counts: dict[str, tuple[int, int]]  # table -> (source rows, target rows)
    seconds: float
    files_checked: int
    missing_files: list[str]

    @property
    def rows(self) -> int:
        return sum(source for source, _ in self.counts.values())


def _duration(value):
    # SQLite keeps a DurationField as microseconds; PostgreSQL wants an interval.
    return None if value is None else timedelta(microseconds=value)


def _decimal(places: int):
    quantum = Decimal(1).scaleb(-places)

    def convert(value):
        # SQLite may hand back a REAL; its shortest repr is the decimal that was stored.
        if isinstance(value, float):
            return Decimal(repr(value)).quantize(quantum)
        return value

    return convert


def _converter(field_):
    kind = field_.get_internal_type()
    if kind == "DurationField":
        return _duration
    if kind == "DecimalField":
        return _decimal(field_.decimal_places)
    return None


def _models() -> list[type]:
    """Every concrete, managed model with its own table, auto-created m2m tables included."""
    seen, models = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        models.append(model)
    return models


def _in_dependency_order(models: list[type]) -> list[type]:
    """Parents before children where possible (cycles and self-references just follow)."""
    remaining = {model: _parents(model) for model in models}
    ordered = []
    while remaining:
        ready = [m for m, parents in remaining.items() if not (parents & remaining.keys())]
        if not ready:  # a cycle: deferred constraints make any order correct
            ready = list(remaining)
        for model in sorted(ready, key=lambda m: m._meta.db_table):
            ordered.append(model)
            del remaining[model]
    return ordered


def _parents(model) -> set:
    return {
        f.related_model._meta.concrete_model
        for f in model._meta.local_concrete_fields
        if f.is_relation and f.related_model is not None and f.related_model is not model
    }


def plan() -> list[Table]:
    tables = []
    for model in _in_dependency_order(_models()):
        fields = model._meta.local_concrete_fields
        converters = {}
        for index, field_ in enumerate(fields):
            convert = _converter(field_)
            if convert:
                converters[index] = convert
        tables.append(Table(model._meta.db_table, [f.column for f in fields], model, converters))
    return tables


# --- the target connection -------------------------------------------------------------------


def target_settings(url: str) -> dict:
    try:
        config = dj_database_url.parse(url)
    except Exception as error:  # the parser raises several kinds for a malformed URL
        raise MoveError(f"目标数据库地址无法识别：{error}") from error
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise MoveError(
            "目标必须是 PostgreSQL 数据库地址，形如 postgres://用户:密码@主机:5432/库名"
        )
    config["CONN_MAX_AGE"] = 0
    return config


@contextmanager
def target_connection(url: str):
    """A Django connection to `url` under TARGET_ALIAS, removed again afterwards."""
    config = target_settings(url)
    configured = connections.configure_settings(
        {
            DEFAULT_DB_ALIAS: copy.deepcopy(settings.DATABASES[DEFAULT_DB_ALIAS]),
            TARGET_ALIAS: config,
        }
    )
    connections.settings[TARGET_ALIAS] = configured[TARGET_ALIAS]
    try:
        connection = connections[TARGET_ALIAS]
        try:
            connection.ensure_connection()
        except DatabaseError as error:
            raise MoveError(f"无法连接目标数据库：{str(error).strip()}") from error
        yield connection
    finally:
        if TARGET_ALIAS in connections.settings:
            connections[TARGET_ALIAS].close()
            del connections[TARGET_ALIAS]
            del connections.settings[TARGET_ALIAS]
        ContentType.objects.clear_cache()


class _Everything:
    """Route every ORM read and write to one database, while migrations run there.

    Data migrations use the default manager without `using`; without this they would read and
    write the live SQLite database instead of the target.
    """

    def __init__(self, alias):
        self.alias = alias

    def db_for_read(self, model, **hints):
        return self.alias

    db_for_write = db_for_read


@contextmanager
def _routed_to(alias):
    routers = router.routers
    routers.insert(0, _Everything(alias))
    try:
        yield
    finally:
        routers.pop(0)


# --- checks ----------------------------------------------------------------------------------


def check_source(source) -> None:
    if source.vendor != "sqlite":
        raise MoveError(f"当前数据库是 {source.display_name}，不是内置的 SQLite，无需迁移。")
    executor = MigrationExecutor(source)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise MoveError("本机数据库还有未应用的结构升级，请先运行 fazhi migrate，再迁移。")


def check_target_empty(target, force: bool) -> None:
    with target.cursor() as cursor:
        tables = target.introspection.table_names(cursor)
    if not tables:
        return
    example = "、".join(sorted(tables)[:3])
    if force and "django_migrations" in tables:
        return
    if force:
        raise MoveError(
            f"目标数据库已有 {len(tables)} 张表（如 {example}），且不是 Fazhi 的数据库，"
            "即使加 --force 也不会覆盖。请新建一个空数据库。"
        )
    raise MoveError(
        f"目标数据库不是空的：已有 {len(tables)} 张表（如 {example}）。"
        "请新建一个空数据库（CREATE DATABASE ...）再迁移；"
        "若它是上次迁移留下的 Fazhi 数据库、要用本机数据整个替换，加 --force。未做任何改动。"
    )


def check_files(source_alias: str) -> tuple[int, list[str]]:
    """Every stored file path the database names, and those missing under MEDIA_ROOT."""
    checked, missing = 0, []
    for model in _models():
        for field_ in model._meta.local_concrete_fields:
            if not isinstance(field_, FileField):
                continue
            names = (
                model._base_manager.using(source_alias)
                .exclude(**{field_.attname: ""})
                .exclude(**{f"{field_.attname}__isnull": True})
                .values_list(field_.attname, flat=True)
            )
            for name in names.iterator(chunk_size=BATCH_ROWS):
                checked += 1
                if not field_.storage.exists(name):
                    missing.append(name)
    return checked, missing


# --- the move --------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count(connection, table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        return cursor.fetchone()[0]


def _copy_table(source, target, table: Table, advance: Callable[[int], None]) -> int:
    columns = ", ".join(_quote(c) for c in table.columns)
    converters = list(table.converters.items())
    copied = 0
    with source.cursor() as reader, target.connection.cursor() as raw:
        reader.execute(f"SELECT {columns} FROM {_quote(table.name)}")
        with raw.copy(f"COPY {_quote(table.name)} ({columns}) FROM STDIN") as writer:
            while rows := reader.fetchmany(BATCH_ROWS):
                for row in rows:
                    if converters:
                        row = list(row)
                        for index, convert in converters:
                            row[index] = convert(row[index])
                    writer.write_row(row)
                copied += len(rows)
                advance(len(rows))
    return copied


def move(
    url: str,
    *,
    force: bool = False,
    source_alias: str = DEFAULT_DB_ALIAS,
    on_start: Callable[[int], None] = lambda total: None,
    on_table: Callable[[str], None] = lambda name: None,
    advance: Callable[[int], None] = lambda n: None,
) -> MoveResult:
    """Copy the SQLite database `source_alias` into the empty PostgreSQL database at `url`."""
    started = time.perf_counter()
    source = connections[source_alias]
    check_source(source)
    tables = plan()
    with target_connection(url) as target:
        check_target_empty(target, force)
        # The source transaction is a consistent snapshot (and holds off writers, whose
        # changes would be lost); it only reads and is always rolled back.
        try:
            snapshot = transaction.atomic(using=source_alias)
            snapshot.__enter__()
        except OperationalError as error:  # another writer held the lock past the timeout
            raise MoveError(
                f"本机数据库正被占用（{error}），请先停止 Fazhi 服务再迁移。未做任何改动。"
            ) from error
        try:
            counts = _move_in_one_transaction(source, target, tables, on_start, on_table, advance)
        finally:
            transaction.set_rollback(True, using=source_alias)
            snapshot.__exit__(None, None, None)
    on_table("检查附件")
    files_checked, missing = check_files(source_alias)
    return MoveResult(counts, time.perf_counter() - started, files_checked, missing)


def _move_in_one_transaction(source, target, tables, on_start, on_table, advance):
    expected = {table.name: _count(source, table.name) for table in tables}
    on_start(sum(expected.values()))
    try:
        with transaction.atomic(using=target.alias):
            on_table("创建表结构")
            with _routed_to(target.alias):
                call_command("migrate", database=target.alias, verbosity=0, interactive=False)
            with target.cursor() as cursor:
                # migrate made its own contenttypes and permissions (other ids) and data
                # migrations may have seeded rows: the source's rows and ids replace them.
                # (TRUNCATE refuses while migrate's foreign-key checks are still pending.)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("TRUNCATE " + ", ".join(_quote(t.name) for t in tables))
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                on_table(table.name)
                try:
                    _copy_table(source, target, table, advance)
                except (DatabaseError, psycopg.Error) as error:  # COPY runs on psycopg itself
                    message = f"复制表 {table.name} 时出错：{str(error).strip()}。"
                    raise MoveError(message + "目标数据库未做任何改动。") from error
            on_table("重置编号序列")
            with target.cursor() as cursor:
                for sql in target.ops.sequence_reset_sql(no_style(), [t.model for t in tables]):
                    cursor.execute(sql)
            on_table("核对行数")
            counts = {name: (n, _count(target, name)) for name, n in expected.items()}
            wrong = [name for name, (n, m) in counts.items() if n != m]
            if wrong:
                raise MoveError(
                    f"核对失败：{len(wrong)} 张表行数与本机不一致（如 {wrong[0]}），"
                    "已撤销，目标数据库未做任何改动。"
                )
            # The new database's own audit trail starts with the move (the source's stays
            # the same: this entry is the one row more, written after the count check).
            rows = sum(n for n, _ in counts.values())
            with _routed_to(target.alias):
                record(
                    None,
                    "operations.move_to_postgres",
                    f"从内置 SQLite 迁移到 PostgreSQL：{len(counts)} 张表、{rows:,} 行",
                    detail={"tables": len(counts), "rows": rows},
                )
            on_table("提交（检查外键）")
    except DatabaseError as error:  # e.g. a foreign key checked at commit
        raise MoveError(
            f"迁移失败：{str(error).strip()}。已撤销，目标数据库未做任何改动。"
        ) from error
    return counts
