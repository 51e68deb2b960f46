"""An index for the ledgers' free-text search, fit for Chinese: most queries are two characters
(宪法, 合同, 调解), shorter than what FTS5's trigram tokenizer or pg_trgm can look up, and Chinese
text has no spaces to split words on. So every search field is indexed as its overlapping
character bigrams; a query finds candidates by its bigrams (one character: bigrams starting
with it), and the exact `icontains` of fazhi.ledgers.personal re-checks them, so results are
the substring matches they always were.

SQLite: one contentless FTS5 table per ledger table (`<table>_search`, rowid = record id; column
`pub` the search fields, `priv` the personal ones), kept by triggers on the ledger table, so
every write path (services, imports, bulk inserts, fixtures) keeps it in step. A bigram is one
ASCII token (the hex of its UTF-32 code points) so no tokenizer splits or folds it; the triggers
call fazhi_grams(), a Python function registered on every connection (register_functions). A
phrase query of the query's bigrams finds the candidates.

PostgreSQL: GIN expression indexes on fazhi_grams(fields…), an SQL function returning the
distinct characters and bigrams of the fields as text[]; a query's grams come from
fazhi_query_grams(). The expression index is in step on every write by construction.

PostgreSQL, a county's own entries: a common bigram's posting list is a province's (宪法: 266,000
entries, 25 ms to read, then intersected with one county's rows). So every searchable table also
has a column `search_scope`, unknown to Django and set by triggers: the county on the record's
organisation's path (the organisation itself above counties), kept in step when a record changes
organisation and when an organisation moves or changes level. A second GIN index holds the grams
keyed by it ("<county id>:<gram>"), and a search by someone who sees one county reads only that
county's entries (search_scope below; bench/province.py).

The SQL of both must never change once migrated (a contentless FTS5 row is deleted by its
tokens): a new algorithm is a new function name and a rebuild in a migration.
"""

import re

from django.db import connection as default_connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from fazhi.orgs.roles import Level
from fazhi.orgs.scoping import scope_root, within_townships

SENTINEL = "\0"  # ends each value, so a value's last character starts a bigram too


def grams(*values) -> str:
    """The bigram tokens of values (SQLite side), each value lower-cased as Python does; the
    query side (match_expression) lower-cases the same way."""
    tokens = []
    for value in values:
        if value is None or value == "":
            continue
        text = str(value).lower() + SENTINEL
        # Eight hex digits a character; a bigram token is sixteen.
        digits = text.encode("utf-32-be").hex()
        tokens.extend(digits[i : i + 16] for i in range(0, len(digits) - 8, 8))
    return " ".join(tokens)


def match_expression(text: str) -> str | None:
    """The FTS5 query finding every row whose indexed text contains `text` (and some that do
    not, re-checked exactly); None when the text has no characters to look up."""
    text = text.lower()
    if not text:
        return None
    digits = text.encode("utf-32-be").hex()
    if len(text) == 1:
        return f'"{digits}" *'
    bigrams = [digits[i : i + 16] for i in range(0, len(digits) - 8, 8)]
    return '"' + " ".join(bigrams) + '"'


def register_functions(sender=None, connection=None, **kwargs) -> None:
    """connection_created receiver: fazhi_grams() for the SQLite triggers."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function("fazhi_grams", -1, grams, deterministic=True)


# --- queries ---------------------------------------------------------------------------------


def candidates(
    model, fields: tuple[str, ...], personal: tuple[str, ...], text: str, scope: int | None = None
) -> Q | None:
    """A condition true for every record of `model` whose search or personal fields contain
    `text`, case-insensitively as `icontains`; None when the index cannot help. With a `scope`
    (search_scope), only the records of that county are candidates (PostgreSQL)."""
    table = model._meta.db_table
    if default_connection.vendor == "sqlite":
        query = match_expression(text)
        if query is None or len(text) == 1:
            # One character is in most records: the lists' date order finds a page sooner.
            return None
        if not set(fields) | set(personal) <= _indexed_columns(table):
            return None  # a field the migrated index does not hold: searched without it
        found = f'SELECT rowid FROM "{table}_search" WHERE "{table}_search" MATCH %s'
        if _common(found, query):
            # Many candidates: walk the list's order and keep the candidates ("+" keeps the
            # planner from looking up every candidate row and sorting them all).
            sql = f'+"{table}"."id" IN ({found})'
            return Q(RawSQL(sql, [query], output_field=BooleanField()))
        return Q(pk__in=RawSQL(found, [query]))
    if default_connection.vendor == "postgresql":
        if not text:
            return None
        condition = Q()
        for group in (fields, personal):
            if group:
                condition |= gram_condition(model, group, text, scope)
        return condition
    return None


def substring_only(user, capabilities) -> bool:
    """Whether a search by `user` is better off without the index: on PostgreSQL, a township's
    own rows, read through the organisation index and matched by substring, are fewer than a
    common bigram's entries across a whole province (bench/province.py: a clerk's 宪法 4 ms
    against 56 ms through the index; the same at county scale). SQLite holds one county."""
    return default_connection.vendor == "postgresql" and within_townships(user, capabilities)


def search_scope(user, capabilities) -> int | None:
    """PostgreSQL: the county whose subtree holds everything the user sees through
    `capabilities`, so that a search reads that county's index entries alone; None for a wider
    or scattered scope (the province-wide index) and on SQLite, which holds one county."""
    if default_connection.vendor != "postgresql":
        return None
    root = scope_root(user, capabilities)
    return root.pk if root is not None and root.level == Level.COUNTY else None


def gram_condition(model, fields: tuple[str, ...], text: str, scope: int | None = None) -> Q:
    """PostgreSQL: the fields' grams hold the query's (served by the GIN index on the same
    expression), keyed by the county when `scope` is given."""
    table = model._meta.db_table
    columns = ", ".join(_column(model, table, name) for name in fields)
    if scope is None:
        sql = f"fazhi_grams({columns}) @> fazhi_query_grams(%s)"
        return Q(RawSQL(sql, [text], output_field=BooleanField()))
    sql = (
        f'fazhi_scoped_grams("{table}"."{SCOPE_COLUMN}", {columns}) '
        "@> fazhi_scoped_query_grams(%s, %s)"
    )
    return Q(RawSQL(sql, [int(scope), text], output_field=BooleanField()))


COMMON = 2000  # candidates from which a search walks the list's order instead


def _common(found: str, query: str) -> bool:
    with default_connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({found} LIMIT {COMMON})", [query])
        return cursor.fetchone()[0] >= COMMON


_INDEXED: dict[tuple[str, str], frozenset] = {}


def _indexed_columns(table: str) -> frozenset:
    """Columns the SQLite index of a table holds, as its insert trigger reads them (kept once
    found: a migration that changes them restarts the server)."""
    key = (str(default_connection.settings_dict["NAME"]), table)
    if key not in _INDEXED:
        with default_connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                [f"{table}_search_insert"],
            )
            row = cursor.fetchone()
        if row is None:
            return frozenset()
        _INDEXED[key] = frozenset(re.findall(r'new\."([^"]+)"', row[0]))
    return _INDEXED[key]


def _column(model, table: str, name: str) -> str:
    return f'"{table}"."{model._meta.get_field(name).column}"'


# --- migrations ------------------------------------------------------------------------------

# The grams of `parts` as rows g(gram): one body for the plain and the county-keyed functions.
_GRAMS_OF_PARTS = """FROM unnest(parts) AS part(value)
  CROSS JOIN LATERAL lower(part.value) AS low(value)
  CROSS JOIN LATERAL generate_series(1, length(low.value)) AS i(n)
  CROSS JOIN LATERAL (VALUES (substr(low.value, i.n, 1)), (substr(low.value, i.n, 2))) AS g(gram)"""

POSTGRES_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION fazhi_grams(VARIADIC parts text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT g.gram), '{{}}')
  {_GRAMS_OF_PARTS}
$$;
CREATE OR REPLACE FUNCTION fazhi_query_grams(query text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(q.value) = 1 THEN ARRAY[q.value]
    ELSE coalesce((SELECT array_agg(DISTINCT substr(q.value, n, 2))
                   FROM generate_series(1, length(q.value) - 1) AS n), '{{}}') END
  FROM lower(query) AS q(value)
$$;
"""


def _sqlite_sql(table: str, fields, personal) -> tuple[list[str], list[str]]:
    search = f"{table}_search"

    def values(row):
        pub = ", ".join(f'{row}."{name}"' for name in fields)
        priv = ", ".join(f'{row}."{name}"' for name in personal)
        return f"fazhi_grams({pub}), fazhi_grams({priv})"

    watched = ", ".join(f'"{name}"' for name in (*fields, *personal))
    forward = [
        f"CREATE VIRTUAL TABLE \"{search}\" USING fts5(pub, priv, content='', "
        "tokenize='ascii', columnsize=0)",
        f'INSERT INTO "{search}"(rowid, pub, priv) SELECT t.id, {values("t")} FROM "{table}" t',
        f'CREATE TRIGGER "{search}_insert" AFTER INSERT ON "{table}" BEGIN '
        f'INSERT INTO "{search}"(rowid, pub, priv) VALUES (new.id, {values("new")}); END',
        f'CREATE TRIGGER "{search}_delete" AFTER DELETE ON "{table}" BEGIN '
        f'INSERT INTO "{search}"("{search}", rowid, pub, priv) '
        f"VALUES ('delete', old.id, {values('old')}); END",
        f'CREATE TRIGGER "{search}_update" AFTER UPDATE OF {watched} ON "{table}" BEGIN '
        f'INSERT INTO "{search}"("{search}", rowid, pub, priv) '
        f"VALUES ('delete', old.id, {values('old')}); "
        f'INSERT INTO "{search}"(rowid, pub, priv) VALUES (new.id, {values("new")}); END',
    ]
    backward = [
        f'DROP TRIGGER IF EXISTS "{search}_update"',
        f'DROP TRIGGER IF EXISTS "{search}_delete"',
        f'DROP TRIGGER IF EXISTS "{search}_insert"',
        f'DROP TABLE IF EXISTS "{search}"',
    ]
    return forward, backward


def _postgres_sql(table: str, fields, personal) -> tuple[list[str], list[str]]:
    forward, backward = [POSTGRES_FUNCTIONS], []
    for suffix, group in (("grams", fields), ("pgrams", personal)):
        if group:
            columns = ", ".join(f'"{name}"' for name in group)
            name = f"{table}_{suffix}"
            forward.append(f'CREATE INDEX "{name}" ON "{table}" USING gin (fazhi_grams({columns}))')
            backward.append(f'DROP INDEX IF EXISTS "{name}"')
    return forward, backward


def _order_sql(table: str, ordered) -> tuple[list[str], list[str]]:
    """One index a column the list filters on or sorts by: equality on it, then the list's
    date order (forwards for "x", backwards for "-x"; see forms.OrderingFilter), with what the
    scope filters on."""
    forward, backward = [], []
    for name in ordered:
        index = f"{table}_by_{name}"
        forward.append(
            f'CREATE INDEX "{index}" ON "{table}" ("{name}", "occurred_on" DESC, "id" DESC, '
            '"organisation_id", "archived_at")'
        )
        backward.append(f'DROP INDEX IF EXISTS "{index}"')
    return forward, backward


def _run(tables: dict, backwards: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        build = {"sqlite": _sqlite_sql, "postgresql": _postgres_sql}.get(vendor)
        for table, (fields, personal, ordered) in tables.items():
            statements = _order_sql(table, ordered)
            if build is not None:
                found = build(table, fields, personal)
                statements = (statements[0] + found[0], found[1] + statements[1])
            for statement in statements[1] if backwards else statements[0]:
                schema_editor.execute(statement, params=None)
            if not backwards and vendor in ("sqlite", "postgresql"):
                # The planners weigh the new indexes by their statistics.
                schema_editor.execute(f'ANALYZE "{table}"', params=None)

    return run


def index_operations(tables: dict) -> list:
    """Migration operations building the search index and the list indexes of ledger tables:
    {db table: (search columns, personal search columns, filtered or sorted columns)}, as the
    kinds declared them when migrated (tests/ledgers/test_search.py compares)."""
    from django.db import migrations

    return [
        migrations.RunPython(
            _run(tables, backwards=False), _run(tables, backwards=True), elidable=False
        )
    ]


# --- county-keyed grams (PostgreSQL) -----------------------------------------------------------

SCOPE_COLUMN = "search_scope"

# fazhi_scoped_grams sits in index expressions, which pg_restore evaluates with an empty
# search_path: it repeats fazhi_grams' body rather than calling it. The other functions run in
# triggers and queries only.
POSTGRES_SCOPE_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION fazhi_scoped_grams(scope bigint, VARIADIC parts text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT scope::text || ':' || g.gram), '{{}}')
  {_GRAMS_OF_PARTS}
$$;
CREATE OR REPLACE FUNCTION fazhi_scoped_query_grams(scope bigint, query text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(scope::text || ':' || g.gram), '{{}}')
  FROM unnest(fazhi_query_grams(query)) AS g(gram)
$$;
CREATE OR REPLACE FUNCTION fazhi_search_scope(organisation bigint) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$
  SELECT coalesce(
    (SELECT a.id FROM orgs_organisation a
     WHERE a.id = ANY (string_to_array(btrim(o.path, '/'), '/')::bigint[]) AND a.level = 'county'
     ORDER BY length(a.path) DESC LIMIT 1),
    o.id)
  FROM orgs_organisation o WHERE o.id = organisation
$$;
CREATE OR REPLACE FUNCTION fazhi_record_search_scope() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.{SCOPE_COLUMN} := fazhi_search_scope(NEW.organisation_id);
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION fazhi_organisation_search_scope() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  searched text;
  changed text := CASE WHEN OLD.level IS DISTINCT FROM NEW.level THEN NEW.path || '%'
                       ELSE NEW.path END;
BEGIN
  -- A moved organisation's descendants change path too, each with its own call; a change of
  -- level changes the county of the whole subtree. A new organisation's first path (after an
  -- empty one) has no records to follow it: the trigger's WHEN leaves it out.
  FOR searched IN
    SELECT c.table_name FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.column_name = '{SCOPE_COLUMN}'
  LOOP
    EXECUTE format(
      'UPDATE %I SET {SCOPE_COLUMN} = fazhi_search_scope(organisation_id) '
      'WHERE organisation_id IN (SELECT id FROM orgs_organisation WHERE path LIKE $1)',
      searched) USING changed;
  END LOOP;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS orgs_organisation_search_scope ON orgs_organisation;
CREATE TRIGGER orgs_organisation_search_scope AFTER UPDATE OF path, level ON orgs_organisation
FOR EACH ROW WHEN ((OLD.path <> '' AND OLD.path IS DISTINCT FROM NEW.path)
                   OR OLD.level IS DISTINCT FROM NEW.level)
EXECUTE FUNCTION fazhi_organisation_search_scope();
"""

POSTGRES_SCOPE_FUNCTIONS_DROP = """
DROP TRIGGER IF EXISTS orgs_organisation_search_scope ON orgs_organisation;
DROP FUNCTION IF EXISTS fazhi_organisation_search_scope();
DROP FUNCTION IF EXISTS fazhi_record_search_scope();
DROP FUNCTION IF EXISTS fazhi_search_scope(bigint);
DROP FUNCTION IF EXISTS fazhi_scoped_query_grams(bigint, text);
DROP FUNCTION IF EXISTS fazhi_scoped_grams(bigint, VARIADIC text[]);
"""


def _scoped_sql(table: str, fields, personal) -> tuple[list[str], list[str]]:
    """The scope column of one table, filled from its records' organisations before its
    trigger keeps it, and the county-keyed GIN index of each group of search columns."""
    trigger = f"{table}_{SCOPE_COLUMN}"
    forward = [
        f'ALTER TABLE "{table}" ADD COLUMN "{SCOPE_COLUMN}" bigint',
        f'CREATE TRIGGER "{trigger}" BEFORE INSERT OR UPDATE OF organisation_id ON "{table}" '
        "FOR EACH ROW EXECUTE FUNCTION fazhi_record_search_scope()",
        f'UPDATE "{table}" t SET "{SCOPE_COLUMN}" = s.scope '
        "FROM (SELECT id, fazhi_search_scope(id) AS scope FROM orgs_organisation) s "
        "WHERE s.id = t.organisation_id",
    ]
    backward = []
    for suffix, group in (("sgrams", fields), ("spgrams", personal)):
        if group:
            columns = ", ".join(f'"{name}"' for name in group)
            name = f"{table}_{suffix}"
            forward.append(
                f'CREATE INDEX "{name}" ON "{table}" '
                f'USING gin (fazhi_scoped_grams("{SCOPE_COLUMN}", {columns}))'
            )
            backward.append(f'DROP INDEX IF EXISTS "{name}"')
    forward.append(f'ANALYZE "{table}"')
    backward += [
        f'DROP TRIGGER IF EXISTS "{trigger}" ON "{table}"',
        f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS "{SCOPE_COLUMN}"',
    ]
    return forward, backward


def scoped_index_operations(tables: dict) -> list:
    """Migration operations giving ledger tables ({db table: (search columns, personal search
    columns, …)}, as index_operations takes them) their county-keyed search index on
    PostgreSQL; nothing on SQLite. A table searchable later needs both."""
    from django.db import migrations

    def run(backwards: bool):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            if not backwards:
                schema_editor.execute(POSTGRES_SCOPE_FUNCTIONS, params=None)
            for table, (fields, personal, *_) in tables.items():
                forward, backward = _scoped_sql(table, fields, personal)
                for statement in backward if backwards else forward:
                    schema_editor.execute(statement, params=None)
            if backwards:
                schema_editor.execute(POSTGRES_SCOPE_FUNCTIONS_DROP, params=None)

        return apply

    return [migrations.RunPython(run(False), run(True), elidable=False)]
