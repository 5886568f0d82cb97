"""A backup cannot carry code, nor values out of range (issue 11, item 4).

A file that opens with the key is still untrusted input: someone who knows an old
passphrase (or has a remembered key) can hand the person a "backup" with a trigger that
rewrites every phone number saved afterwards, or a view in place of a table. Every open
(and so every restore) compares the schema with the one the migrations make for its
`user_version`, with `trusted_schema` off; stored values out of range are refused with a
sentence, never a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument
from crisisplan.storage import Vault, VaultRefused, schema
from crisisplan.storage.backups import Kind, list_backups, make_backup, restore
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import digest

ROOT = Path(__file__).resolve().parents[2]
PREMIUM = "+44 909 879 0000"


@pytest.fixture
def filled(vault_path: Path, example_document: PlanDocument) -> Path:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return vault_path


def tamper(path: Path, *statements: str) -> None:
    """What someone with the key can do to a copy: any SQL, straight on the file."""
    connection = sqlite.connect(path, isolation_level=None)
    connection.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
    for statement in statements:
        connection.execute(statement)
    connection.close()


TRIGGER = (
    "CREATE TRIGGER redial AFTER INSERT ON contact_methods BEGIN "
    f"UPDATE contact_methods SET value = '{PREMIUM}' WHERE kind = 'phone'; END"
)
HOSTILE: dict[str, tuple[str, ...]] = {
    "trigger": (TRIGGER,),
    "view": (
        "DROP TABLE contact_methods",
        "CREATE VIEW contact_methods AS SELECT 1 AS contact_id, 0 AS position,"
        f" 'phone' AS kind, '{PREMIUM}' AS value",
    ),
    "extra column": ("ALTER TABLE contacts ADD COLUMN spy TEXT",),
    "extra index": ("CREATE INDEX by_name ON contacts (name)",),
    "extra table": ("CREATE TABLE notes_for_later (x)",),
    "changed check": (
        "DROP TABLE plan",
        "CREATE TABLE plan (id INTEGER PRIMARY KEY, medical_notes TEXT NOT NULL DEFAULT '',"
        " reviewed_on TEXT, extra TEXT NOT NULL DEFAULT '{}')",
        "INSERT INTO plan (id) VALUES (1)",
    ),
}


def test_every_connection_has_trusted_schema_off(filled: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        assert vault._db.execute("PRAGMA trusted_schema").fetchone()[0] == 0


@pytest.mark.parametrize("change", sorted(HOSTILE))
def test_a_vault_with_another_schema_is_refused_unread(filled: Path, change: str) -> None:
    """Fails on today's main: the vault opened, and the trigger ran on the next save."""
    tamper(filled, *HOSTILE[change])
    before = digest(filled)
    with pytest.raises(VaultRefused, match="was not opened") as caught:
        Vault.open(filled, PASSPHRASE)
    assert "restore one of your own backups" in str(caught.value)
    assert digest(filled) == before


def test_the_trigger_never_runs(filled: Path, example_document: PlanDocument) -> None:
    tamper(filled, TRIGGER)
    with (
        pytest.raises(VaultRefused, match=r"a trigger \(redial\)"),
        Vault.open(filled, PASSPHRASE) as vault,  # today's main: opened, then…
    ):
        phone = ContactMethod(MethodKind.PHONE, "07700 900123")
        contact = Contact(name="Sam", group=Group.FRIEND, methods=(phone,))
        vault.save_contacts((contact,))
        assert vault.load_contacts()[0].methods[0].value != PREMIUM


@pytest.mark.parametrize("change", ["trigger", "view"])
def test_restoring_a_backup_that_carries_code_is_refused(
    filled: Path, tmp_path: Path, change: str
) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        backup = make_backup(vault, Kind.MANUAL)
    tamper(backup, *HOSTILE[change])
    before = digest(filled)
    with pytest.raises(VaultRefused, match="Nothing was restored"):
        restore(filled, backup, PASSPHRASE)
    assert digest(filled) == before
    assert [b.kind for b in list_backups(filled)] == [Kind.MANUAL]  # nothing kept: no change


BAD_VALUES: dict[str, tuple[str, ...]] = {
    "group": ("UPDATE contacts SET grp = 'overlord'",),
    "time": ("UPDATE contact_windows SET start = '25:99'",),
    "days": ("UPDATE contact_windows SET days = 'someday'",),
    "json": ("UPDATE plan SET extra = '[1, 2]'",),
    "broken json": ("UPDATE contacts SET extra = '{not json'",),
    "settings json": ("UPDATE settings SET value = 'null' WHERE key = 'extra'",),
    "blob name": ("UPDATE contacts SET name = x'00ff'",),
    "number as text": ("UPDATE contacts SET always_available = 'yes'",),
    "no plan row": ("DELETE FROM plan",),
    "method kind": ("UPDATE contact_methods SET kind = 'pager'",),
}


@pytest.mark.parametrize("change", sorted(BAD_VALUES))
def test_values_out_of_range_are_refused_with_a_sentence(filled: Path, change: str) -> None:
    tamper(filled, *BAD_VALUES[change])
    with pytest.raises(VaultRefused, match="out of range|missing"):  # noqa: SIM117
        with Vault.open(filled, PASSPHRASE) as vault:  # the refusal may come at open
            vault.load()


@pytest.mark.parametrize("version", [0, -1])
def test_a_user_version_of_zero_or_below_is_refused(filled: Path, version: int) -> None:
    tamper(filled, f"PRAGMA user_version = {version}")
    before = digest(filled)
    with pytest.raises(VaultRefused, match=f"format version is {version}"):
        Vault.open(filled, PASSPHRASE)
    assert digest(filled) == before


@pytest.mark.parametrize(
    "statements",
    [
        HOSTILE["trigger"],
        BAD_VALUES["group"],
        BAD_VALUES["no plan row"],
        ("PRAGMA user_version = 0",),
    ],
    ids=["trigger", "group", "no plan row", "version 0"],
)
def test_the_command_line_says_one_sentence_and_exits_5(
    filled: Path, statements: tuple[str, ...]
) -> None:
    tamper(filled, *statements)
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "now", "--vault", str(filled), "--passphrase-stdin"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("crisisplan: The vault") and "not opened" in result.stderr


def test_the_expected_schema_follows_the_migrations(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new migration needs no edit of the check: the expected schema is what the
    migrations make on an in-memory database."""
    assert ("table", "contacts", "contacts") in {row[:3] for row in schema.expected_schema(1)}
    assert not any(row[0] in ("trigger", "view") for row in schema.expected_schema(1))

    def added(cursor: sqlite.Cursor) -> None:
        cursor.execute("ALTER TABLE contacts ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")
        cursor.execute("CREATE INDEX contacts_by_group ON contacts (grp)")

    steps: list[Callable[[sqlite.Cursor], None]] = [*schema.MIGRATIONS, added]
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    monkeypatch.setattr(schema, "LATEST", len(steps))
    with Vault.open(filled, PASSPHRASE) as vault:  # migrated, then checked against it
        assert vault.schema_version == len(steps)
        vault.load()
    Vault.open(filled, PASSPHRASE).close()  # a migrated vault passes its version's check
    tamper(filled, "DROP INDEX contacts_by_group")
    with pytest.raises(VaultRefused, match="index contacts_by_group"):
        Vault.open(filled, PASSPHRASE)
