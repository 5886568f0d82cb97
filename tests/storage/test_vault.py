"""The vault against a real SQLCipher file: encryption, refusals, schema, transactions."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
)
from crisisplan.storage import (
    NewerVault,
    NotAVault,
    Vault,
    VaultBusy,
    VaultDamaged,
    VaultEmpty,
    VaultExists,
    VaultMissing,
    WrongPassphrase,
    schema,
)
from crisisplan.storage import (
    vault as vault_module,
)
from tests.helpers import PASSPHRASE

MARKER = "MARKER-7f3a-do-not-leak"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_created_vault_is_encrypted_private_and_reopens(
    vault_path: Path, example_document: PlanDocument
) -> None:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    header = vault_path.read_bytes()[:16]
    assert header != vault_module.SQLITE_HEADER
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(vault_path.parent.stat().st_mode) == 0o700
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == example_document
        assert vault.schema_version == schema.LATEST


def test_every_connection_keeps_temp_files_in_memory(vault_path: Path) -> None:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        assert vault._db.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert vault._db.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")


def test_no_temporary_files_left_after_create(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]


def test_wrong_passphrase_is_a_clear_error(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    before = digest(vault_path)
    with pytest.raises(WrongPassphrase, match="passphrase does not open"):
        Vault.open(vault_path, "not the passphrase")
    assert digest(vault_path) == before


def test_passphrase_with_quotes_and_unicode(vault_path: Path) -> None:
    passphrase = 'it\'s a "quote"; DROP TABLE x; -- Zoë 李雷 😊'
    Vault.create(vault_path, passphrase, "GB").close()
    Vault.open(vault_path, passphrase).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "it's a")


def test_create_refuses_any_existing_file(vault_path: Path) -> None:
    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"")
    with pytest.raises(VaultExists):
        Vault.create(vault_path, PASSPHRASE, "GB")
    assert vault_path.read_bytes() == b""


def test_missing_vault(vault_path: Path) -> None:
    with pytest.raises(VaultMissing):
        Vault.open(vault_path, PASSPHRASE)
    assert not vault_path.exists()


def test_empty_file_is_refused_and_untouched(vault_path: Path) -> None:
    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"")
    with pytest.raises(VaultEmpty, match="empty"):
        Vault.open(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == b""


def test_short_file_is_refused(vault_path: Path) -> None:
    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"my shopping list\n")
    with pytest.raises(NotAVault, match="too short"):
        Vault.open(vault_path, PASSPHRASE)
    assert vault_path.read_bytes() == b"my shopping list\n"


def test_plain_sqlite_file_is_refused_and_untouched(vault_path: Path) -> None:
    vault_path.parent.mkdir(parents=True)
    connection = sqlite.connect(vault_path)  # no key: a plaintext SQLite database
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = digest(vault_path)
    with pytest.raises(NotAVault, match="unencrypted SQLite"):
        Vault.open(vault_path, PASSPHRASE)
    assert digest(vault_path) == before


def test_foreign_encrypted_database_is_refused(vault_path: Path) -> None:
    vault_path.parent.mkdir(parents=True)
    connection = sqlite.connect(vault_path)
    connection.execute("PRAGMA key = 'same passphrase'")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(NotAVault, match="another program"):
        Vault.open(vault_path, "same passphrase")


def test_truncated_vault_is_damaged(vault_path: Path, example_document: PlanDocument) -> None:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    data = vault_path.read_bytes()
    vault_path.write_bytes(data[: len(data) - 100])
    with pytest.raises(VaultDamaged, match="cut short"):
        Vault.open(vault_path, PASSPHRASE)


def test_corruption_after_page_one_is_reported_as_damage(
    vault_path: Path, example_document: PlanDocument
) -> None:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    data = bytearray(vault_path.read_bytes())
    assert len(data) >= 3 * vault_module.PAGE_SIZE
    for offset in range(vault_module.PAGE_SIZE, len(data), 97):
        data[offset] ^= 0xFF  # flip bits on every page after the first
    vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match="malformed"), Vault.open(vault_path, PASSPHRASE) as v:
        v.load()


def test_newer_schema_is_refused_and_untouched(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    connection = sqlite.connect(vault_path)
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")
    connection.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    connection.commit()
    connection.close()
    before = digest(vault_path)
    with pytest.raises(NewerVault, match="newer crisisplan"):
        Vault.open(vault_path, PASSPHRASE)
    assert digest(vault_path) == before


def test_migrations_run_in_order_after_the_backup_hook(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, example_document: PlanDocument
) -> None:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)

    current = schema.LATEST

    def to_next(cursor: sqlite.Cursor) -> None:
        cursor.execute("CREATE TABLE added_next (x)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, to_next])
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    calls: list[int] = []

    def backup(vault: Vault, version: int) -> None:
        assert vault.schema_version == version  # not yet migrated
        calls.append(version)

    with Vault.open(vault_path, PASSPHRASE, before_migration=backup) as vault:
        assert vault.schema_version == current + 1
        assert vault.load() == example_document
    assert calls == [current]


def test_a_failed_transaction_saves_nothing(vault_path: Path) -> None:
    plan = Plan(sections={Section.WARNING_SIGNS: ("first",)})
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.save_plan(plan)
        with pytest.raises(RuntimeError), vault.transaction():
            vault._write_plan(vault._db.cursor(), Plan())
            raise RuntimeError("power cut")
        assert vault.load_plan() == plan


def test_marker_never_reaches_disk_in_plaintext(vault_path: Path) -> None:
    contact = Contact(
        name=MARKER,
        group=Group.FAMILY,
        methods=(ContactMethod(MethodKind.OTHER, MARKER),),
        notes=MARKER * 50,
    )
    needles = [MARKER.encode("utf-8"), MARKER.encode("utf-16-le"), MARKER.encode("utf-16-be")]
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.save_plan(Plan(sections={Section.WARNING_SIGNS: (MARKER,)}))
        vault.save_contacts((contact,))
        # Look at every file beside the vault while a write is in flight, too.
        with vault.transaction() as cursor:
            vault._write_contacts(cursor, (contact, contact))
            in_flight = [p.read_bytes() for p in vault_path.parent.iterdir() if p.is_file()]
            assert any(p.name.endswith("-journal") for p in vault_path.parent.iterdir())
    at_rest = [p.read_bytes() for p in vault_path.parent.iterdir() if p.is_file()]
    for data in in_flight + at_rest:
        for needle in needles:
            assert needle not in data
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load_contacts() == (contact, contact)


def test_second_writer_is_told_the_vault_is_busy(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vault_module, "BUSY_TIMEOUT_MS", 100)
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    with Vault.open(vault_path, PASSPHRASE) as first, Vault.open(vault_path, PASSPHRASE) as second:
        with first.transaction(), pytest.raises(VaultBusy, match="busy"):
            second.save_plan(Plan())
        second.save_plan(Plan(medical_notes="after"))
        assert first.load_plan().medical_notes == "after"


def test_region_and_starter_lines(vault_path: Path) -> None:
    lines = (Contact(name="A line", group=Group.CRISIS_LINE, always_available=True),)
    with Vault.create(vault_path, PASSPHRASE, "NZ", lines) as vault:
        assert vault.region == "NZ"
        assert vault.load().contacts == lines
        vault.set_region("AU")
        assert vault.region == "AU"


def test_locked_vault_refuses_use(vault_path: Path) -> None:
    vault = Vault.create(vault_path, PASSPHRASE, "GB")
    vault.close()
    assert not vault.is_open
    with pytest.raises(RuntimeError, match="locked"):
        vault.load()


def test_raw_key_opens_the_vault(vault_path: Path) -> None:
    """The seam for the keyring: the PBKDF2-derived key plus the file's salt."""
    import hashlib as h

    Vault.create(vault_path, PASSPHRASE, "GB").close()
    salt = vault_path.read_bytes()[:16]
    key = h.pbkdf2_hmac("sha512", PASSPHRASE.encode(), salt, 256_000, 32)
    with Vault.open(vault_path, raw_key=key + salt) as vault:
        assert vault.region == "GB"
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, raw_key=bytes(32) + salt)


def test_document_with_every_section(vault_path: Path) -> None:
    plan = Plan(
        sections={s: (f"{s.value} one", f"{s.value} two") for s in Section},
        medical_notes="notes",
    )
    document = PlanDocument(region="US", plan=plan, extra={"future": [1, 2]})
    with Vault.create(vault_path, PASSPHRASE, "US") as vault:
        vault.replace(document)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == document
