"""The vault's schema and its ordered migrations.

`PRAGMA user_version` holds the schema version. `MIGRATIONS[n]` takes a vault from
version n to n + 1; each runs in its own transaction with the version bump, so a crash
leaves the vault at a whole version. A vault newer than `LATEST` is refused, never
touched. Add a migration by appending a function and a saved sample vault of the old
version to tests/storage/samples/.
"""

from __future__ import annotations

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


def _to_v1(cursor: sqlite.Cursor) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            cursor.execute(statement)


MIGRATIONS: list[Callable[[sqlite.Cursor], None]] = [_to_v1]
LATEST = len(MIGRATIONS)
