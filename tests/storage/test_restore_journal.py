"""A stale journal is never replayed into a restored vault (issue 11, item 3).

A crash mid-save leaves `<vault>-journal`, which SQLite plays back at the next open. When
restore replaced the vault but left that journal (the old vault did not open with the
backup's passphrase, or was refused as damaged), SQLite played the old vault's pages into
the restored file: restore said "Restored", and the vault then opened with neither
passphrase. Now the journal goes with the file it belongs to, and the restored vault is
opened and checked before restore reports success.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.core.model import Plan, PlanDocument
from crisisplan.storage import Vault
from crisisplan.storage.backups import Kind, list_backups, make_backup, restore
from crisisplan.storage.errors import VaultError
from tests.helpers import PASSPHRASE
from tests.helpers.fault_child import plan_for
from tests.helpers.vaults import assert_whole

ROOT = Path(__file__).resolve().parents[2]
NEWER = "the passphrase chosen after the backup"


def crashed_mid_save(path: Path, passphrase: str) -> Path:
    """Leave `path` as a crash mid-save leaves it: pages of an unfinished transaction in
    the file and a hot `-journal` beside it (copied while the transaction was open, after
    SQLite had spilled pages into the file). Returns the journal."""
    work = path.with_name("work.vault")
    with Vault.create(work, passphrase, "GB") as vault:
        vault.save_plan(plan_for(1, 900))
    with Vault.open(work, passphrase) as vault:
        db = vault._db
        db.execute("PRAGMA cache_size = 2")  # spill pages into the file mid-transaction
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM plan_items")
        for step in range(300):
            db.execute("INSERT INTO plan_items VALUES ('warning_signs', ?, ?)", (step, "z" * 500))
        journal = path.with_name(path.name + "-journal")
        shutil.copyfile(work, path)
        shutil.copyfile(work.with_name(work.name + "-journal"), journal)
        db.execute("ROLLBACK")
    work.unlink()
    assert journal.stat().st_size > 0
    return journal


@pytest.fixture
def backup(tmp_path: Path, example_document: PlanDocument) -> Path:
    """A backup of a vault under PASSPHRASE (made before the passphrase was changed)."""
    source = tmp_path / "source" / "old.vault"
    with Vault.create(source, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
        return make_backup(vault, Kind.MANUAL)


def test_a_journal_of_a_vault_under_another_passphrase_goes_with_it(
    vault_path: Path, backup: Path, example_document: PlanDocument
) -> None:
    """Fails on today's main: the old journal is played into the restored vault."""
    vault_path.parent.mkdir(mode=0o700)
    journal = crashed_mid_save(vault_path, NEWER)
    result = restore(vault_path, backup, PASSPHRASE)
    assert not journal.exists()
    assert_whole(vault_path, PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == example_document
    # The vault as it was (rolled back by SQLite while trying the backup's passphrase on
    # it) opens under its own passphrase at its last whole save.
    kept = result.kept_as
    assert kept is not None
    with Vault.open(kept, NEWER) as old:
        assert old.load_plan().medical_notes == "step 1"
        assert old.integrity_problems() == []


def test_a_journal_of_a_vault_that_opens_is_rolled_back_first(
    vault_path: Path, backup: Path, example_document: PlanDocument
) -> None:
    vault_path.parent.mkdir(mode=0o700)
    journal = crashed_mid_save(vault_path, PASSPHRASE)
    result = restore(vault_path, backup, PASSPHRASE)
    assert not journal.exists()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == example_document
    assert result.kept_as is not None
    with Vault.open(result.kept_as, PASSPHRASE) as old:
        assert old.load_plan().medical_notes == "step 1"


def test_a_journal_of_a_vault_refused_as_damaged_goes_with_it(
    vault_path: Path, backup: Path, example_document: PlanDocument
) -> None:
    vault_path.parent.mkdir(mode=0o700)
    journal = crashed_mid_save(vault_path, NEWER)
    journal_bytes = journal.read_bytes()
    with vault_path.open("ab") as file:  # cut short by the crash as well
        file.write(b"\0" * 100)
    result = restore(vault_path, backup, PASSPHRASE)
    assert not journal.exists()
    assert_whole(vault_path, PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == example_document
    # The old file's bytes, with its journal beside them (played back when it is opened).
    kept = result.kept_as
    assert kept is not None
    assert kept.with_name(kept.name + "-journal").read_bytes() == journal_bytes


def test_restore_says_so_when_the_restored_vault_does_not_open(
    vault_path: Path, backup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.save_plan(Plan(medical_notes="the vault as it was"))
    real = os.replace

    def replace_then_spoil(source: object, target: object) -> None:
        real(source, target)  # type: ignore[arg-type]
        if Path(str(target)) == vault_path:
            with vault_path.open("r+b") as file:  # as a replayed stale journal would
                file.seek(4096 + 200)
                file.write(os.urandom(2000))

    monkeypatch.setattr(os, "replace", replace_then_spoil)
    with pytest.raises(VaultError, match="did not open after the restore") as caught:
        restore(vault_path, backup, PASSPHRASE)
    kept = [b for b in list_backups(vault_path) if b.kind is Kind.BEFORE_RESTORE]
    assert len(kept) == 1 and kept[0].path.name in str(caught.value)


def test_the_cli_restore_over_a_crashed_vault(
    vault_path: Path, backup: Path, example_document: PlanDocument
) -> None:
    vault_path.parent.mkdir(mode=0o700)
    crashed_mid_save(vault_path, NEWER)
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "restore", str(backup), "--vault", str(vault_path),
         "--passphrase-stdin"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == example_document
