"""The vault's schema and its ordered migrations.

`PRAGMA user_version` holds the schema version. `MIGRATIONS[n]` takes a vault from
version n to n + 1; each runs in its own transaction with the version bump, so a crash
leaves the vault at a whole version. A vault newer than `LATEST` is refused, never
touched. Add a migration by appending a function and a saved sample vault of the old
version to tests/storage/samples/.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from sqlcipher3 import dbapi2 as sqlite

# "CPLN": marks the file as ours, so a foreign SQLCipher file with the same passphrase
# is not mistaken for a vault.
APPLICATION_ID = 0x43504C4E

_V1 = """
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE plan (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    medical_notes TEXT NOT NULL DEFAULT '',
    reviewed_on   TEXT,
    extra         TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO plan (id) VALUES (1);

CREATE TABLE plan_items (
    section  TEXT    NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (section, position)
) WITHOUT ROWID;

CREATE TABLE contacts (
    id               INTEGER PRIMARY KEY,
    position         INTEGER NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    role             TEXT    NOT NULL DEFAULT '',
    grp              TEXT    NOT NULL,
    profession       TEXT,
    time_zone        TEXT    NOT NULL,
    always_available INTEGER NOT NULL DEFAULT 0,
    away_until       TEXT,
    helps_with       TEXT    NOT NULL DEFAULT '',
    message          TEXT    NOT NULL DEFAULT '',
    agreed           INTEGER NOT NULL DEFAULT 0,
    checked_on       TEXT,
    on_card          INTEGER NOT NULL DEFAULT 0,
    notes            TEXT    NOT NULL DEFAULT '',
    extra            TEXT    NOT NULL DEFAULT '{}'
);

CREATE TABLE contact_methods (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

CREATE TABLE contact_windows (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    days       TEXT    NOT NULL,
    start      TEXT    NOT NULL,
    "end"      TEXT    NOT NULL,
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;
"""


# Version 2: availability beyond a weekly pattern (issue 12). Windows gain a rota (every
# 1-4 weeks from a week; or a weekday of the month); time off and extra times get their
# own tables; the single "away until" date becomes a period of time off with no start
# that ends at the start of that day, so nothing is lost.
_V2 = """
ALTER TABLE contact_windows ADD COLUMN every_weeks INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contact_windows ADD COLUMN from_week TEXT;
ALTER TABLE contact_windows ADD COLUMN week_of_month INTEGER;

CREATE TABLE contact_time_off (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    from_day   TEXT,
    from_time  TEXT,
    to_day     TEXT    NOT NULL,
    to_time    TEXT,
    reason     TEXT    NOT NULL DEFAULT '',
    source     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

CREATE TABLE contact_extra_times (
    contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    day        TEXT    NOT NULL,
    start      TEXT    NOT NULL,
    "end"      TEXT    NOT NULL,
    source     TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (contact_id, position)
) WITHOUT ROWID;

INSERT INTO contact_time_off (contact_id, position, to_day, to_time)
    SELECT id, 0, away_until, '00:00' FROM contacts WHERE away_until IS NOT NULL;

ALTER TABLE contacts DROP COLUMN away_until;
"""


def _run(script: str, cursor: sqlite.Cursor) -> None:
    for statement in script.split(";"):
        if statement.strip():
            cursor.execute(statement)


def _to_v1(cursor: sqlite.Cursor) -> None:
    _run(_V1, cursor)


def _to_v2(cursor: sqlite.Cursor) -> None:
    _run(_V2, cursor)


MIGRATIONS: list[Callable[[sqlite.Cursor], None]] = [_to_v1, _to_v2]
LATEST = len(MIGRATIONS)


# --- what a vault of each version must hold, and nothing more -------------------------------

SchemaRow = tuple[str, str, str, str | None]  # type, name, table, SQL text


def expected_schema(version: int) -> frozenset[SchemaRow]:
    """The schema a vault of `version` has: what `MIGRATIONS[:version]` make, read back
    from an in-memory database (so a new migration needs no edit here)."""
    return _schema_of(tuple(MIGRATIONS[:version]))


@functools.lru_cache(maxsize=8)
def _schema_of(steps: tuple[Callable[[sqlite.Cursor], None], ...]) -> frozenset[SchemaRow]:
    connection = sqlite.connect(":memory:", isolation_level=None)
    try:
        cursor = connection.cursor()
        for step in steps:
            cursor.execute("BEGIN")
            step(cursor)
            cursor.execute("COMMIT")
        return read_schema(connection)
    finally:
        connection.close()


def read_schema(connection: sqlite.Connection) -> frozenset[SchemaRow]:
    """Every table, index, trigger and view, with its SQL text as SQLite keeps it."""
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_master")
    return frozenset(
        (str(t), str(n), str(tbl), None if q is None else str(q)) for t, n, tbl, q in rows
    )


def schema_problem(connection: sqlite.Connection, version: int) -> str | None:
    """Why the database behind `connection` is not a vault of schema `version` as
    crisisplan makes it (tables, columns, constraints, indexes; no triggers, no views), or
    None. `version` is already known to be at most `LATEST`."""
    if version <= 0:
        return f"its format version is {version}, which crisisplan never writes"
    found = read_schema(connection)
    expected = expected_schema(version)
    for kind, name, _table, _sql in sorted(found - expected):
        if kind in ("trigger", "view"):
            return f"it holds a {kind} ({name}), code that would run inside the vault"
    for kind, name, _table, _sql in sorted(found ^ expected):
        return f"its {kind} {name} is not as crisisplan makes it"
    return None


_STORED_TYPES = {"TEXT": ("text", "null"), "INTEGER": ("integer", "null")}


def value_problem(connection: sqlite.Connection) -> str | None:
    """A stored value of the wrong kind (a blob or a number where text belongs, text where
    a number belongs), in any table; read generically from the declared column types, so
    a new migration needs no edit here. Called after `schema_problem` passed."""
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        for column in connection.execute(f"PRAGMA main.table_info({quoted})").fetchall():
            name, declared = str(column[1]), str(column[2]).upper()
            allowed = _STORED_TYPES.get(declared)
            if allowed is None:
                continue
            field = '"' + name.replace('"', '""') + '"'
            wrong = connection.execute(
                f"SELECT 1 FROM {quoted} WHERE typeof({field}) NOT IN (?, ?) LIMIT 1", allowed
            ).fetchone()
            if wrong is not None:
                return f"a stored value is out of range ({table}.{name} is not {allowed[0]})"
    return None
