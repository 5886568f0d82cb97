"""Changing the passphrase (PRAGMA rekey) and deriving the raw key the keyring keeps."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument
from crisisplan.storage import Vault, VaultBusy, VaultMissing, WrongPassphrase
from crisisplan.storage.keys import (
    RAW_KEY_BYTES,
    derive_raw_key,
    path_id,
    vault_id,
    vault_ids,
    vault_salt,
)
from crisisplan.storage.settings import Settings, load_settings, save_settings, update_settings
from tests.helpers import PASSPHRASE

NEW = "a completely different passphrase"
MARKER = "MARKER-rekey-91c2-do-not-leak"


def make(path: Path, passphrase: str = PASSPHRASE) -> None:
    contact = Contact(
        name=MARKER, group=Group.FRIEND, methods=(ContactMethod(MethodKind.OTHER, MARKER),)
    )
    with Vault.create(path, passphrase, "GB") as vault:
        vault.replace(PlanDocument(region="GB", contacts=(contact,)))


def test_derived_key_opens_the_vault_like_the_passphrase(vault_path: Path) -> None:
    passphrase = "Zoë's pass phrase ü 李雷 'quoted'"
    make(vault_path, passphrase)
    key = derive_raw_key(vault_path, passphrase)
    assert len(key) == RAW_KEY_BYTES and key.endswith(vault_salt(vault_path))
    with Vault.open(vault_path, raw_key=key) as vault:
        assert vault.load().contacts[0].name == MARKER
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, raw_key=derive_raw_key(vault_path, passphrase + "x"))


def test_deriving_needs_a_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultMissing):
        derive_raw_key(tmp_path / "none", PASSPHRASE)
    with pytest.raises(ValueError, match="empty"):
        derive_raw_key(tmp_path / "none", "")


def test_vault_id_names_the_vault_wherever_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.vault"
    make(path)
    make(tmp_path / "b.vault")
    assert vault_id(path) == vault_id(tmp_path / "." / "a.vault")
    assert vault_id(path) != vault_id(tmp_path / "b.vault")  # another salt
    assert len(vault_id(path)) == 64 and str(tmp_path) not in vault_id(path)
    before = vault_id(path)
    path.rename(tmp_path / "moved.vault")
    assert vault_id(tmp_path / "moved.vault") == before
    # The name earlier versions used: the path's hash, found as a fallback.
    assert path_id(path) == path_id(tmp_path / "." / "a.vault") != before
    assert vault_ids(path) == [path_id(path)]  # no file there any more


def test_rekey_refuses_the_old_passphrase_and_takes_the_new(vault_path: Path) -> None:
    make(vault_path)
    salt = vault_salt(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        started = time.perf_counter()
        new_key = vault.rekey(NEW)
        elapsed = time.perf_counter() - started
        assert vault.load().contacts[0].name == MARKER  # the same connection goes on
        vault.set_region("IE")
    assert elapsed < 2.0, elapsed  # ~0.25 s: re-key, derive, check
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE)
    with Vault.open(vault_path, NEW) as vault:
        assert vault.region == "IE"
    # The salt is kept, so the key derived after the change is the one rekey returned.
    assert vault_salt(vault_path) == salt
    assert derive_raw_key(vault_path, NEW) == new_key
    with Vault.open(vault_path, raw_key=new_key) as vault:
        assert vault.region == "IE"


def test_rekeyed_file_holds_no_plaintext(vault_path: Path) -> None:
    make(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        vault.rekey(NEW)
    data = vault_path.read_bytes()
    assert MARKER.encode() not in data
    assert not data.startswith(b"SQLite format 3\x00")
    leftovers = [p.name for p in vault_path.parent.iterdir() if p.name != vault_path.name]
    assert leftovers == []  # no journal left beside it


def test_rekey_while_another_connection_reads_is_busy_not_silent(vault_path: Path) -> None:
    """Without BEGIN EXCLUSIVE, SQLCipher answers "ok" here and changes nothing."""
    make(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault, Vault.open(vault_path, PASSPHRASE) as reader:
        reader._db.execute("BEGIN")
        reader._db.execute("SELECT count(*) FROM contacts").fetchone()
        with pytest.raises(VaultBusy):
            vault.rekey(NEW)
        reader._db.execute("ROLLBACK")
    with Vault.open(vault_path, PASSPHRASE) as vault:  # unchanged
        assert vault.load().contacts[0].name == MARKER


def test_rekey_refuses_an_empty_passphrase(vault_path: Path) -> None:
    make(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault, pytest.raises(ValueError, match="empty"):
        vault.rekey("")
    Vault.open(vault_path, PASSPHRASE).close()


# --- settings kept outside the vault -------------------------------------------------------


def test_new_settings_round_trip_and_keep_each_other(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    saved = Settings(
        region="GB",
        remembered_vaults=("abc",),
        keyring_backend="keyring.backends.SecretService.Keyring",
        auto_lock_minutes=5,
        lock_on_sleep=False,
    )
    save_settings(saved, path)
    assert load_settings(path) == saved
    assert update_settings(path, region="IE") == replace(saved, region="IE")
    assert load_settings(path).region == "IE"


def test_settings_of_the_wrong_type_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"region": 3, "remembered_vaults": ["ok", 4], "auto_lock_minutes": true,'
        ' "lock_on_sleep": 1, "unknown": "x"}',
        "utf-8",
    )
    assert load_settings(path) == Settings(remembered_vaults=("ok",))
    path.write_text('{"auto_lock_minutes": -5}', "utf-8")
    assert load_settings(path).auto_lock_minutes == 10
    path.write_text('{"auto_lock_minutes": 0}', "utf-8")
    assert load_settings(path).auto_lock_minutes == 0
