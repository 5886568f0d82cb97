"""Remember / open / forget / change passphrase against a real vault and an in-memory
keyring (the `memory_keyring` fixture; timeouts shortened to 0.5 s)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from keyring.backends import null

from crisisplan.secrets.errors import KeyStoreError
from crisisplan.secrets.keyring_store import SERVICE, KeyringStore
from crisisplan.secrets.remembered import (
    NotRemembered,
    change_passphrase,
    forget,
    is_remembered,
    open_remembered,
    remember,
)
from crisisplan.storage import Vault, WrongPassphrase
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import load_settings
from tests.helpers import PASSPHRASE
from tests.helpers.keyrings import (
    BlockingKeyring,
    ExplodingKeyring,
    ForgetfulKeyring,
    MemoryKeyring,
)

NEW = "another passphrase entirely"


@pytest.fixture
def vault(vault_path: Path) -> Path:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    return vault_path


def test_remember_then_open_without_the_passphrase(
    vault: Path, memory_keyring: MemoryKeyring
) -> None:
    store = KeyringStore()
    assert not is_remembered(vault)
    remember(vault, PASSPHRASE, store)
    assert is_remembered(vault)
    assert load_settings().remembered_vaults == (vault_id(vault),)
    stored = memory_keyring.items[(SERVICE, vault_id(vault))]
    assert PASSPHRASE not in stored and stored == "v1:" + derive_raw_key(vault, PASSPHRASE).hex()
    with open_remembered(vault, store) as opened:
        assert opened.region == "GB"


def test_remember_refuses_a_wrong_passphrase_and_stores_nothing(
    vault: Path, memory_keyring: MemoryKeyring
) -> None:
    with pytest.raises(WrongPassphrase):
        remember(vault, "not the passphrase", KeyringStore())
    assert memory_keyring.items == {} and not is_remembered(vault)


def test_remember_refuses_an_unsafe_keyring(vault: Path) -> None:
    with pytest.raises(KeyStoreError, match="switched off"):
        remember(vault, PASSPHRASE, KeyringStore(null.Keyring()))
    assert not is_remembered(vault)


def test_a_keyring_that_drops_what_it_is_given_is_caught(vault: Path) -> None:
    with pytest.raises(KeyStoreError, match="did not keep it"):
        remember(vault, PASSPHRASE, KeyringStore(ForgetfulKeyring()))
    assert not is_remembered(vault)


def test_not_opted_in_never_asks_the_keyring(vault: Path) -> None:
    with pytest.raises(NotRemembered) as raised:
        open_remembered(vault, KeyringStore(ExplodingKeyring()))
    assert str(raised.value) == ""  # nothing to tell the person


def test_forget_deletes_the_key_and_stops_using_it(
    vault: Path, memory_keyring: MemoryKeyring
) -> None:
    store = KeyringStore()
    remember(vault, PASSPHRASE, store)
    forget(vault, store)
    assert memory_keyring.items == {} and not is_remembered(vault)
    with pytest.raises(NotRemembered):
        open_remembered(vault, store)
    forget(vault, store)  # twice is fine


def test_forget_stops_using_the_key_even_when_the_keyring_hangs(
    vault: Path, memory_keyring: MemoryKeyring
) -> None:
    remember(vault, PASSPHRASE, KeyringStore())
    hanging = BlockingKeyring()
    started = time.monotonic()
    with pytest.raises(KeyStoreError, match="did not answer"):
        forget(vault, KeyringStore(hanging), timeout=0.3)
    assert time.monotonic() - started < 2
    assert not is_remembered(vault)
    hanging.release()


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        ("deleted", "no longer in the keyring"),
        ("wrong key", "no longer opens your plan"),
        ("garbled", "damaged"),
    ],
)
def test_a_stale_entry_falls_back_and_is_left_in_place(
    vault: Path, memory_keyring: MemoryKeyring, damage: str, words: str
) -> None:
    store = KeyringStore()
    remember(vault, PASSPHRASE, store)
    entry = (SERVICE, vault_id(vault))
    if damage == "deleted":
        del memory_keyring.items[entry]
    elif damage == "wrong key":
        memory_keyring.items[entry] = "v1:" + derive_raw_key(vault, "some other one").hex()
    else:
        memory_keyring.items[entry] = "v1:abc"
    before = dict(memory_keyring.items)
    with pytest.raises(NotRemembered, match=words) as raised:
        open_remembered(vault, store)
    assert "Type your passphrase" in str(raised.value)
    assert memory_keyring.items == before  # never deleted behind the person's back
    assert is_remembered(vault)


def test_a_hanging_keyring_falls_back_within_the_timeout(vault: Path) -> None:
    remember(vault, PASSPHRASE, KeyringStore(MemoryKeyring()))
    hanging = BlockingKeyring()
    started = time.monotonic()
    with pytest.raises(NotRemembered, match="did not answer within 0.3 seconds"):
        open_remembered(vault, KeyringStore(hanging), timeout=0.3)
    assert time.monotonic() - started < 1.0
    hanging.release()


def test_change_passphrase_updates_the_remembered_key(
    vault: Path, memory_keyring: MemoryKeyring
) -> None:
    store = KeyringStore()
    remember(vault, PASSPHRASE, store)
    with Vault.open(vault, PASSPHRASE) as opened:
        assert change_passphrase(opened, NEW, store) == ""
    with pytest.raises(WrongPassphrase):
        Vault.open(vault, PASSPHRASE)
    assert store.get(vault_id(vault)) == derive_raw_key(vault, NEW)
    with open_remembered(vault, store) as opened:
        assert opened.region == "GB"


def test_change_passphrase_says_when_the_key_could_not_be_updated(
    vault: Path, memory_keyring: MemoryKeyring
) -> None:
    remember(vault, PASSPHRASE, KeyringStore())
    hanging = BlockingKeyring()
    with Vault.open(vault, PASSPHRASE) as opened:
        note = change_passphrase(opened, NEW, KeyringStore(hanging), timeout=0.3)
    hanging.release()
    assert "could not be updated" in note and "remember it again" in note
    Vault.open(vault, NEW).close()  # the passphrase changed all the same
    with pytest.raises(NotRemembered, match="no longer opens"):
        open_remembered(vault, KeyringStore())


def test_change_passphrase_without_remembering_touches_no_keyring(vault: Path) -> None:
    with Vault.open(vault, PASSPHRASE) as opened:
        assert change_passphrase(opened, NEW, KeyringStore(ExplodingKeyring())) == ""
    Vault.open(vault, NEW).close()
