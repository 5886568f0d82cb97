"""Symlinks at the backups folder and at the vault (issue 11, item 11).

A `backups` symlink was followed: its target was chmod'ed 0700 and filled with backups.
`restore` through a symlinked vault path replaced the link with a file and left the real
vault with the old data. Now a symlinked backups folder is refused with a sentence, and a
restore goes into the file the link points to, keeping the link.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.core.model import Plan
from crisisplan.storage import Vault
from crisisplan.storage.backups import (
    BackupFailed,
    Kind,
    backups_folder,
    list_backups,
    make_backup,
    restore,
)
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def notes(path: Path) -> str:
    with Vault.open(path, PASSPHRASE) as vault:
        return vault.load_plan().medical_notes


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crisisplan", *args],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


def test_a_symlinked_backups_folder_is_refused_and_left_alone(
    vault_path: Path, tmp_path: Path
) -> None:
    """Fails on today's main: the target is chmod'ed and filled."""
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    backups_folder(vault_path).symlink_to(elsewhere)
    with (
        Vault.open(vault_path, PASSPHRASE) as vault,
        pytest.raises(BackupFailed, match="is a symbolic link"),
    ):
        make_backup(vault, Kind.MANUAL)
    assert list(elsewhere.iterdir()) == []
    assert elsewhere.stat().st_mode & 0o777 == 0o755
    result = cli("backup", "--vault", str(vault_path), "--passphrase-stdin")
    assert result.returncode == 5 and "is a symbolic link" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    result = cli("backups", "--vault", str(vault_path))
    assert result.returncode == 5 and "is a symbolic link" in result.stderr, result.stderr
    assert list(elsewhere.iterdir()) == [] and list_backups(vault_path) == []


def test_restore_through_a_symlinked_vault_goes_into_its_target(
    tmp_path: Path, vault_path: Path
) -> None:
    """Fails on today's main: the link is replaced, the real vault keeps the old data."""
    real = tmp_path / "real" / "plan.vault"
    real.parent.mkdir()
    with Vault.create(real, PASSPHRASE, "GB") as vault:
        vault.save_plan(Plan(medical_notes="from the backup"))
        backup = make_backup(vault, Kind.MANUAL)
        vault.save_plan(Plan(medical_notes="the vault as it was"))
    vault_path.parent.mkdir()
    vault_path.symlink_to(real)
    result = restore(vault_path, backup, PASSPHRASE)
    assert vault_path.is_symlink() and os.readlink(vault_path) == str(real)
    assert notes(real) == "from the backup"
    assert result.kept_as is not None and result.kept_as.parent == backups_folder(real)
    assert notes(result.kept_as) == "the vault as it was"
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]
