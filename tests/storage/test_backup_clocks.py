"""Backups survive a wrong clock (issue 11, item 2).

Backups were ordered by the UTC time in their names. With the kept ten stamped later than
"now" (the clock was ahead, or is now behind: a dead battery, no network time), every new
backup sorted oldest and rotation deleted it at once: `backup` crashed on the missing
file, and `restore` promised a "before-restore" copy that was already gone. Now the order
is a sequence number; rotation never deletes the backup just made, nor a before-restore
or before-migration copy; and a restore proves its before-restore copy before replacing
anything.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.core.model import Plan, PlanDocument
from crisisplan.storage import Vault
from crisisplan.storage import backups as backups_module
from crisisplan.storage.backups import (
    KEEP,
    BackupFailed,
    Kind,
    backups_folder,
    list_backups,
    make_backup,
    restore,
)
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import assert_whole, digest

ROOT = Path(__file__).resolve().parents[2]
AHEAD = dt.datetime(2031, 6, 1, 12, 0, tzinfo=dt.UTC)
BEHIND = dt.datetime(2019, 1, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def filled(vault_path: Path, example_document: PlanDocument) -> Path:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return vault_path


def notes(path: Path) -> str:
    with Vault.open(path, PASSPHRASE) as vault:
        return vault.load_plan().medical_notes


def set_notes(path: Path, text: str) -> None:
    with Vault.open(path, PASSPHRASE) as vault:
        vault.save_plan(Plan(medical_notes=text))


def future_stamped(filled: Path, count: int = KEEP) -> list[Path]:
    """`count` whole backups named as earlier versions named them, stamped in 2031: what a
    clock that was ahead left in the folder."""
    folder = backups_folder(filled)
    with Vault.open(filled, PASSPHRASE) as vault:
        model = make_backup(vault, Kind.SESSION)
    made = []
    for day in range(count):
        target = folder / f"{filled.stem}-203106{day + 1:02d}T120000Z-session.vault"
        shutil.copyfile(model, target)
        made.append(target)
    model.unlink()
    return made


def set_clock(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    monkeypatch.setattr(backups_module, "_utc_now", lambda: when)


def test_a_backup_made_while_the_clock_is_behind_is_kept(filled: Path) -> None:
    """Fails on today's main: the new backup sorts oldest and is deleted at once."""
    old = future_stamped(filled)
    with Vault.open(filled, PASSPHRASE) as vault:
        made = make_backup(vault, Kind.MANUAL)
    assert made.exists()
    listed = list_backups(filled)
    assert listed[0].path == made and len(listed) == KEEP
    assert not old[0].exists()  # the oldest of the earlier ones made room
    assert_whole(made, PASSPHRASE)


@pytest.mark.parametrize("jumps", [[AHEAD, BEHIND], [BEHIND, AHEAD], [AHEAD, BEHIND, AHEAD]])
def test_rotation_follows_the_order_taken_whatever_the_clock_says(
    filled: Path, monkeypatch: pytest.MonkeyPatch, jumps: list[dt.datetime]
) -> None:
    made: list[Path] = []
    with Vault.open(filled, PASSPHRASE) as vault:
        for when in jumps:
            for minute in range(8):
                set_clock(monkeypatch, when + dt.timedelta(minutes=minute))
                made.append(make_backup(vault, Kind.SESSION))
                assert made[-1].exists()
                assert list_backups(filled)[0].path == made[-1]
    assert [b.path for b in list_backups(filled)] == made[::-1][:KEEP]
    assert [b.sequence for b in list_backups(filled)][:2] == [len(made), len(made) - 1]
    # The time shown is the clock's at the time, wrong or not: for display only.
    assert list_backups(filled)[0].made_at == jumps[-1] + dt.timedelta(minutes=7)


def test_before_restore_and_before_migration_copies_are_never_rotated(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_clock(monkeypatch, BEHIND)
    with Vault.open(filled, PASSPHRASE) as vault:
        migration = make_backup(vault, Kind.BEFORE_MIGRATION)
        source = make_backup(vault, Kind.MANUAL)
    kept = restore(filled, source, PASSPHRASE).kept_as
    set_clock(monkeypatch, AHEAD)
    with Vault.open(filled, PASSPHRASE) as vault:
        for _ in range(KEEP + 3):
            make_backup(vault, Kind.SESSION)
    assert kept is not None and kept.exists() and migration.exists()
    kinds = [b.kind for b in list_backups(filled)]
    assert kinds.count(Kind.SESSION) + kinds.count(Kind.MANUAL) == KEEP
    assert Kind.BEFORE_RESTORE in kinds and Kind.BEFORE_MIGRATION in kinds


def test_rotation_never_deletes_the_backup_just_made(filled: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        made = make_backup(vault, Kind.SESSION, keep=0)
    assert made.exists()
    assert backups_module.rotate(filled, 0, made=made) == []


def test_restore_keeps_the_vault_as_it_was_whatever_the_clock(filled: Path) -> None:
    """Fails on today's main: the before-restore copy was deleted by rotation, and
    restore said the old vault was kept as a file that no longer existed."""
    set_notes(filled, "from the backup")
    with Vault.open(filled, PASSPHRASE) as vault:
        source = make_backup(vault, Kind.MANUAL)
    future_stamped(filled)
    set_notes(filled, "the vault as it was")
    result = restore(filled, source, PASSPHRASE)
    assert result.kept_as is not None and result.kept_as.exists()
    assert notes(result.kept_as) == "the vault as it was"
    assert notes(filled) == "from the backup"


def test_restore_proves_its_copy_before_replacing_anything(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_notes(filled, "from the backup")
    with Vault.open(filled, PASSPHRASE) as vault:
        source = make_backup(vault, Kind.MANUAL)
    set_notes(filled, "the vault as it was")
    before = digest(filled)
    real = backups_module._keep_current

    def kept_then_lost(*args: object) -> Path | None:
        kept = real(*args)  # type: ignore[arg-type]
        assert kept is not None
        kept.unlink()  # the copy vanished (a rotation, a cleaner, a full disk…)
        return kept

    monkeypatch.setattr(backups_module, "_keep_current", kept_then_lost)
    with pytest.raises(BackupFailed, match="could not be checked"):
        restore(filled, source, PASSPHRASE)
    assert digest(filled) == before

    def kept_damaged(*args: object) -> Path | None:
        kept = real(*args)  # type: ignore[arg-type]
        assert kept is not None
        kept.write_bytes(kept.read_bytes()[:4096] + b"\0" * (kept.stat().st_size - 4096))
        return kept

    monkeypatch.setattr(backups_module, "_keep_current", kept_damaged)
    with pytest.raises(BackupFailed, match="could not be checked"):
        restore(filled, source, PASSPHRASE)
    assert digest(filled) == before
    assert notes(filled) == "the vault as it was"


# --- the command line under faketime -------------------------------------------------------


def cli_at(when: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("faketime") is None:
        pytest.skip("faketime is not installed")
    return subprocess.run(
        ["faketime", when, sys.executable, "-m", "crisisplan", *args, "--passphrase-stdin"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "FAKETIME_DONT_FAKE_MONOTONIC": "1", "LANG": "C.UTF-8"},
    )  # fmt: skip


def test_backup_and_restore_from_the_cli_with_the_clock_behind(filled: Path) -> None:
    """Fails on today's main: `backup` crashed with FileNotFoundError; `restore` named a
    before-restore copy that was already deleted."""
    future_stamped(filled)
    result = cli_at("2019-01-01 08:00:00", "backup", "--vault", str(filled))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    made = list_backups(filled)[0]
    assert made.path.exists() and made.kind is Kind.MANUAL
    assert made.made_at.year == 2019
    set_notes(filled, "the vault as it was")
    result = cli_at("2019-01-01 08:05:00", "restore", str(made.path), "--vault", str(filled))
    assert result.returncode == 0, result.stderr
    kept = [b for b in list_backups(filled) if b.kind is Kind.BEFORE_RESTORE]
    assert len(kept) == 1 and kept[0].path.name in result.stderr
    assert notes(kept[0].path) == "the vault as it was"
