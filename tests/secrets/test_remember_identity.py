"""`forget` finds the key by the vault's own identity (issue 11, item 5).

The keyring entry was named by the hash of the vault's path: after a move or a rename,
`forget` said it no longer remembered the key and exited 0, while the old entry still
opened the vault. Entries are now named by the vault's identity (from the salt that
begins the file), a moved vault stays remembered, and `forget` removes every entry for the
vault — also one an earlier version made under the old path.
"""

from __future__ import annotations

import json
from pathlib import Path

from crisisplan.secrets.keyring_store import SERVICE, KeyringStore
from crisisplan.secrets.remembered import (
    change_passphrase,
    forget,
    is_remembered,
    open_remembered,
    remember,
)
from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, path_id, vault_id
from crisisplan.storage.settings import load_settings, update_settings
from tests.helpers import PASSPHRASE
from tests.helpers.keyrings import MemoryKeyring
from tests.test_cli_keyring import entries, run

NEW = "another passphrase entirely"


def make_vault(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Vault.create(path, PASSPHRASE, "GB").close()
    return path


def remembered_as_before(path: Path, keyring: MemoryKeyring) -> str:
    """An entry as today's main made it: named by the hash of the vault's path."""
    legacy = path_id(path)
    keyring.items[(SERVICE, legacy)] = "v1:" + derive_raw_key(path, PASSPHRASE).hex()
    update_settings(remembered_vaults=(legacy,))
    return legacy


def test_a_moved_vault_stays_remembered_and_forget_finds_it(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    first = make_vault(tmp_path / "a" / "plan.vault")
    remember(first, PASSPHRASE, KeyringStore())
    moved = tmp_path / "b" / "renamed.vault"
    moved.parent.mkdir()
    first.rename(moved)
    assert is_remembered(moved)
    with open_remembered(moved, KeyringStore()) as vault:
        assert vault.path == moved
    assert forget(moved, KeyringStore()) == 1
    assert memory_keyring.items == {}
    assert not is_remembered(moved) and load_settings().remembered_vaults == ()


def test_forget_removes_an_entry_made_under_the_old_path(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Fails on today's main: the entry under the old path's hash is left, and opens."""
    first = make_vault(tmp_path / "a" / "plan.vault")
    remembered_as_before(first, memory_keyring)
    other = make_vault(tmp_path / "other.vault")  # another remembered vault stays
    remember(other, PASSPHRASE, KeyringStore())
    moved = tmp_path / "b.vault"
    first.rename(moved)
    assert forget(moved, KeyringStore()) == 1
    assert list(memory_keyring.items) == [(SERVICE, vault_id(other))]
    assert load_settings().remembered_vaults == (vault_id(other),)


def test_an_entry_of_an_earlier_version_moves_to_the_vault_identity_on_use(
    vault_path: Path, memory_keyring: MemoryKeyring
) -> None:
    make_vault(vault_path)
    legacy = remembered_as_before(vault_path, memory_keyring)
    assert is_remembered(vault_path)
    open_remembered(vault_path, KeyringStore()).close()
    assert list(memory_keyring.items) == [(SERVICE, vault_id(vault_path))]
    assert load_settings().remembered_vaults == (vault_id(vault_path),)
    assert legacy != vault_id(vault_path)
    moved = vault_path.with_name("moved.vault")
    vault_path.rename(moved)
    open_remembered(moved, KeyringStore()).close()  # and now survives a move


def test_the_identity_survives_a_passphrase_change_and_remembering_again(
    vault_path: Path, memory_keyring: MemoryKeyring
) -> None:
    make_vault(vault_path)
    before = vault_id(vault_path)
    remember(vault_path, PASSPHRASE, KeyringStore())
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert change_passphrase(vault, NEW, KeyringStore()) == ""
    assert vault_id(vault_path) == before
    open_remembered(vault_path, KeyringStore()).close()
    remember(vault_path, NEW, KeyringStore())
    assert list(memory_keyring.items) == [(SERVICE, before)]


def test_forget_where_there_is_no_vault(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    gone = make_vault(tmp_path / "gone.vault")
    remembered_as_before(gone, memory_keyring)
    gone.unlink()
    assert forget(gone, KeyringStore()) == 1  # the entry for that place
    assert memory_keyring.items == {}


def test_the_cli_after_a_move(tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    first = make_vault(tmp_path / "plan.vault")
    result = run("remember", "--vault", str(first), "--passphrase-stdin",
                 stdin=PASSPHRASE + "\n", keyring_file=keyring_file)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "also after you move or rename it" in result.stderr
    moved = tmp_path / "moved.vault"
    first.rename(moved)
    now = run("now", "--vault", str(moved), keyring_file=keyring_file)
    assert now.returncode == 0, now.stderr  # no passphrase asked: the key was found
    result = run("forget", "--vault", str(moved), keyring_file=keyring_file)
    assert result.returncode == 0, result.stderr
    assert entries(keyring_file) == {}
    result = run("forget", "--vault", str(first), keyring_file=keyring_file)
    assert result.returncode == 0 and "There is no vault there" in result.stderr
    assert json.loads((tmp_path / "home" / ".config" / "crisisplan" / "settings.json")
                      .read_text("utf-8"))["remembered_vaults"] == []  # fmt: skip
