"""Encrypted backups and restore, against real SQLCipher files."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite

from crisisplan.core.model import Contact, Group, Plan, PlanDocument, Section
from crisisplan.storage import Vault, VaultDamaged, VaultExists, schema
from crisisplan.storage import backups as backups_module
from crisisplan.storage.backups import (
    BackupFailed,
    BackupWrongPassphrase,
    Kind,
    backup_to,
    backups_folder,
    list_backups,
    make_backup,
    restore,
)
from crisisplan.storage.keys import derive_raw_key
from crisisplan.storage.vault import SQLITE_HEADER
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import (
    MARKER,
    assert_whole,
    damage_page,
    digest,
    plaintext_hits,
    private,
)

OTHER_PASSPHRASE = "a different passphrase entirely"


@pytest.fixture
def filled(vault_path: Path, example_document: PlanDocument) -> Path:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return vault_path


def notes(path: Path, passphrase: str = PASSPHRASE) -> str:
    with Vault.open(path, passphrase) as vault:
        return vault.load_plan().medical_notes


def set_notes(path: Path, text: str, passphrase: str = PASSPHRASE) -> None:
    with Vault.open(path, passphrase) as vault:
        vault.save_plan(Plan(medical_notes=text))


def test_backup_is_encrypted_private_whole_and_opens_with_the_same_passphrase(
    filled: Path, example_document: PlanDocument
) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        vault.save_plan(Plan(sections={Section.WARNING_SIGNS: (MARKER,)}, medical_notes=MARKER))
        path = make_backup(vault, Kind.MANUAL)
    assert path.parent == filled.parent / "backups"
    assert re.fullmatch(r"test-\d{8}T\d{6}Z-n1-manual\.vault", path.name)
    assert path.read_bytes()[:16] != SQLITE_HEADER
    assert plaintext_hits(filled.parent) == []
    assert private(path) == 0o600 and private(path.parent) == 0o700
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp left
    assert_whole(path, PASSPHRASE)
    with Vault.open(path, PASSPHRASE) as copy:
        assert copy.load().contacts == example_document.contacts
        assert copy.load_plan().medical_notes == MARKER
        assert copy.schema_version == schema.LATEST
    # Same key material (same salt): the vault's remembered raw key opens it too.
    assert_whole(path, raw_key=derive_raw_key(filled, PASSPHRASE))


def test_backup_name_holds_the_utc_time_and_listing_is_newest_first(filled: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with Vault.open(filled, PASSPHRASE) as vault:
        first = make_backup(vault, Kind.SESSION)
        second = make_backup(vault, Kind.MANUAL)  # same second: the next number, never over
    listed = list_backups(filled)
    assert [b.path for b in listed] == [second, first]
    assert [b.kind for b in listed] == [Kind.MANUAL, Kind.SESSION]
    for backup in listed:
        assert before <= backup.made_at <= dt.datetime.now(dt.UTC)
        assert backup.size == backup.path.stat().st_size and backup.size % 4096 == 0


def test_the_last_ten_are_kept_and_pre_migration_backups_stay(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        migration = make_backup(vault, Kind.BEFORE_MIGRATION)
        made = [make_backup(vault, Kind.SESSION) for _ in range(13)]
    kept = [b.path for b in list_backups(filled)]
    assert kept[:10] == made[::-1][:10]
    assert migration in kept and len(kept) == 11
    assert not any(p.exists() for p in made[:3])


def test_others_files_in_the_folder_are_left_alone(filled: Path) -> None:
    folder = backups_folder(filled)
    folder.mkdir(mode=0o700)
    foreign = [folder / "notes.txt", folder / "other-20200101T000000Z-session.vault"]
    for file in foreign:
        file.write_text("not ours")
    with Vault.open(filled, PASSPHRASE) as vault:
        for _ in range(12):
            make_backup(vault, Kind.SESSION)
    assert all(file.read_text() == "not ours" for file in foreign)
    assert len(list_backups(filled)) == 10


def test_a_temporary_file_left_by_a_killed_backup_is_removed_later(filled: Path) -> None:
    folder = backups_folder(filled)
    folder.mkdir(mode=0o700)
    stale = folder / ".test.0123456789ab.partial"
    fresh = folder / ".test.ba9876543210.partial"  # maybe another backup, still running
    for file in (stale, fresh):
        file.write_bytes(b"half")
    old = time.time() - backups_module.STALE_SECONDS - 5
    os.utime(stale, (old, old))
    with Vault.open(filled, PASSPHRASE) as vault:
        make_backup(vault)
    assert not stale.exists() and fresh.exists()


def test_backup_to_a_file_is_atomic_and_never_overwrites(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "plan-backup.vault"
    target.parent.mkdir()
    with Vault.open(filled, PASSPHRASE) as vault:
        assert backup_to(vault, target) == target
        with pytest.raises(VaultExists):
            backup_to(vault, target)
        with pytest.raises(BackupFailed, match="no folder"):
            backup_to(vault, tmp_path / "nowhere" / "x.vault")
    assert private(target) == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan-backup.vault"]
    assert_whole(target, PASSPHRASE)


# The schema version of today's code; `add_migration` adds one after it.
RELEASED = schema.LATEST


def add_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    def to_v2(cursor: sqlite.Cursor) -> None:
        cursor.execute("CREATE TABLE added_in_v2 (x)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, to_v2])
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))


def user_version(path: Path, passphrase: str = PASSPHRASE) -> int:
    connection = sqlite.connect(path)
    connection.execute(f"PRAGMA key = '{passphrase}'")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    connection.close()
    return version


def test_every_open_backs_up_before_a_migration(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_migration(monkeypatch)
    with Vault.open(filled, PASSPHRASE) as vault:  # no hook given: the default takes one
        assert vault.schema_version == RELEASED + 1
    (backup,) = list_backups(filled)
    assert backup.kind is Kind.BEFORE_MIGRATION
    assert user_version(backup.path) == RELEASED  # the vault as it was before
    Vault.open(filled, PASSPHRASE).close()
    assert len(list_backups(filled)) == 1  # nothing to migrate, no new backup


def test_no_migration_when_the_backup_cannot_be_made(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_migration(monkeypatch)
    backups_folder(filled).write_text("a file where the folder should be")
    before = digest(filled)
    with pytest.raises(BackupFailed, match="No backup was made"):
        Vault.open(filled, PASSPHRASE)
    assert digest(filled) == before
    assert user_version(filled) == RELEASED


def test_restore_puts_the_backup_in_place_and_keeps_the_vault_as_it_was(filled: Path) -> None:
    set_notes(filled, "old notes")
    with Vault.open(filled, PASSPHRASE) as vault:
        backup = make_backup(vault)
    set_notes(filled, "new notes")
    restored = restore(filled, backup, PASSPHRASE)
    assert notes(filled) == "old notes"
    assert restored.kept_as is not None and "before-restore" in restored.kept_as.name
    assert notes(restored.kept_as) == "new notes"
    assert private(filled) == 0o600
    assert backup.exists()  # the backup itself is untouched
    assert sorted(p.name for p in filled.parent.iterdir()) == ["backups", filled.name]


def test_a_backup_opens_with_the_passphrase_it_was_made_under(filled: Path) -> None:
    set_notes(filled, "made under the old passphrase")
    with Vault.open(filled, PASSPHRASE) as vault:
        backup = make_backup(vault)
        vault.rekey(OTHER_PASSPHRASE)
    set_notes(filled, "under the new one", OTHER_PASSPHRASE)
    before = digest(filled)
    with pytest.raises(BackupWrongPassphrase, match="opens with the passphrase it was made under"):
        restore(filled, backup, OTHER_PASSPHRASE)
    assert digest(filled) == before
    restored = restore(filled, backup, PASSPHRASE)
    assert notes(filled) == "made under the old passphrase"
    # The vault it replaced did not open with that passphrase: its bytes were kept.
    assert restored.kept_as is not None and digest(restored.kept_as) == before


def test_a_damaged_backup_is_refused_and_nothing_changes(filled: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        backup = make_backup(vault)
    damage_page(backup, 3)
    before = digest(filled)
    with pytest.raises(VaultDamaged, match="nothing was restored"):
        restore(filled, backup, PASSPHRASE)
    assert digest(filled) == before
    assert [b.path for b in list_backups(filled)] == [backup]
    assert sorted(p.name for p in filled.parent.iterdir()) == ["backups", filled.name]


def test_restore_over_a_damaged_vault_keeps_its_bytes(filled: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        backup = make_backup(vault)
    damage_page(filled, 1)  # now it looks like a wrong passphrase
    damaged = digest(filled)
    restored = restore(filled, backup, PASSPHRASE)
    assert restored.kept_as is not None and digest(restored.kept_as) == damaged
    assert_whole(filled, PASSPHRASE)


def test_restore_when_the_vault_is_gone(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.vault"
    with Vault.open(filled, PASSPHRASE) as vault:
        backup_to(vault, target)
    filled.unlink()
    assert restore(filled, target, PASSPHRASE).kept_as is None
    assert_whole(filled, PASSPHRASE)


def test_restore_refuses_the_vault_itself_and_non_vaults(filled: Path, tmp_path: Path) -> None:
    before = digest(filled)
    with pytest.raises(Exception, match="the vault itself"):
        restore(filled, filled, PASSPHRASE)
    junk = tmp_path / "junk.vault"
    junk.write_bytes(b"")
    with pytest.raises(Exception, match="empty"):
        restore(filled, junk, PASSPHRASE)
    assert digest(filled) == before and not backups_folder(filled).exists()


def test_a_backup_of_an_older_schema_is_restored_and_then_migrated(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        vault.save_contacts((Contact(name="Kept", group=Group.FRIEND),))
        backup = make_backup(vault)
    add_migration(monkeypatch)
    restore(filled, backup, PASSPHRASE)
    assert user_version(backup) == RELEASED  # the backup file is never changed
    with Vault.open(filled, PASSPHRASE) as vault:
        assert vault.schema_version == RELEASED + 1
        assert [c.name for c in vault.load_contacts()] == ["Kept"]
