"""`crisisplan backup | backups | restore`, and damaged vaults met from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from crisisplan.storage.backups import list_backups
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import assert_whole, damage_page, digest, make_newer, private
from tests.test_cli import assert_one_sentence, run

OLD = "an older passphrase for this"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "crisisplan.vault"
    result = run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    return path


def regions(path: Path) -> str:
    result = run("export", "-", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["region"])


def set_region(path: Path, region: str, passphrase: str = PASSPHRASE) -> None:
    with Vault.open(path, passphrase) as opened:
        opened.set_region(region)


def test_help_lists_backup_restore_and_backups() -> None:
    result = run("--help", stdin="")
    for word in ("backup", "restore", "backups"):
        assert word in result.stdout
    restore = run("restore", "--help", stdin="")
    assert "opens with the passphrase it was made under" in " ".join(restore.stdout.split())


def test_backup_then_restore_round_trip(vault: Path) -> None:
    result = run("backup", "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    (made,) = list_backups(vault)
    assert str(made.path) in result.stderr and "crisisplan restore" in result.stderr
    assert made.path.parent == vault.parent / "backups"
    assert private(made.path) == 0o600 and private(made.path.parent) == 0o700
    listing = run("backups", "--vault", str(vault), stdin="")
    assert listing.returncode == 0
    assert re.search(r"\d+ \w{3} \d{4} \d\d:\d\d · \d+ KB · made on request\t", listing.stdout)
    assert str(made.path) in listing.stdout

    set_region(vault, "IE")
    result = run("restore", str(made.path), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert "opens with the passphrase it was made under" in result.stderr
    assert regions(vault) == "GB"
    kept = [b for b in list_backups(vault) if b.kind.value == "before-restore"]
    assert len(kept) == 1 and str(kept[0].path) in result.stderr
    assert regions(kept[0].path) == "IE"


def test_backup_to_a_file(vault: Path, tmp_path: Path) -> None:
    target = tmp_path / "stick" / "plan.vault"
    target.parent.mkdir()
    result = run("backup", "--to", str(target), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert_whole(target, PASSPHRASE)
    again = run("backup", "--to", str(target), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(again, 5, "already exists")


def test_restore_needs_the_passphrase_the_backup_was_made_under(vault: Path) -> None:
    with Vault.open(vault, PASSPHRASE) as opened:
        opened.rekey(OLD)
    assert (
        run("backup", "--vault", str(vault), "--passphrase-stdin", stdin=OLD + "\n").returncode == 0
    )
    (made,) = list_backups(vault)
    with Vault.open(vault, OLD) as opened:
        opened.rekey(PASSPHRASE)  # the passphrase changed after the backup
    before = digest(vault)
    result = run("restore", str(made.path), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 3, "A backup opens with the passphrase it was made under")
    assert digest(vault) == before
    result = run("restore", str(made.path), "--vault", str(vault), "--passphrase-stdin",
                 stdin=OLD + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert_whole(vault, OLD)


def test_restore_of_a_missing_or_damaged_backup(vault: Path, tmp_path: Path) -> None:
    before = digest(vault)
    result = run("restore", str(tmp_path / "nope.vault"), "--vault", str(vault),
                 "--passphrase-stdin")  # fmt: skip
    assert_one_sentence(result, 5, "There is no backup at")
    assert run("backup", "--vault", str(vault), "--passphrase-stdin").returncode == 0
    (made,) = list_backups(vault)
    damage_page(made.path, 2)
    result = run("restore", str(made.path), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 5, "nothing was restored")
    assert digest(vault) == before


def test_backups_lists_nothing_yet(vault: Path) -> None:
    result = run("backups", "--vault", str(vault), stdin="")
    assert result.returncode == 0 and result.stdout == ""
    assert "no backups" in result.stderr


# --- damaged vaults, from the command line ---------------------------------------------------


def test_damaged_first_page_reads_as_wrong_passphrase_or_damage(vault: Path) -> None:
    damage_page(vault, 1)
    before = digest(vault)
    result = run("now", "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 3, "the file may be damaged: restore a backup")
    assert digest(vault) == before


def test_damage_in_a_later_page_is_reported_and_the_file_kept(vault: Path) -> None:
    damage_page(vault, 3)
    before = digest(vault)
    result = run("now", "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 5, "is damaged")
    assert "restore a backup" in result.stderr
    assert digest(vault) == before


def test_truncated_vault(vault: Path) -> None:
    vault.write_bytes(vault.read_bytes()[:-1000])
    result = run("now", "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 5, "cut short")


def test_vault_from_a_newer_version(vault: Path) -> None:
    make_newer(vault, PASSPHRASE)
    before = digest(vault)
    for command in ("now", "backup"):
        result = run(command, "--vault", str(vault), "--passphrase-stdin")
        assert_one_sentence(result, 5, "written by a newer crisisplan")
    assert digest(vault) == before and list_backups(vault) == []
