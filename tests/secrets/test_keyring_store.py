"""KeyringStore: what it stores, which keyrings it refuses (and says why), how it fails."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from crisisplan.secrets import KeyStore
from crisisplan.secrets.background import call_with_timeout
from crisisplan.secrets.errors import KeyringTimeout, KeyStoreError, StaleKey
from crisisplan.secrets.keyring_store import SERVICE, KeyringStore, refusal
from crisisplan.storage.settings import load_settings, update_settings
from tests.helpers.keyrings import (
    BlockingKeyring,
    ExplodingKeyring,
    LockedKeyring,
    MemoryKeyring,
)

KEY = bytes(range(48))


class PlaintextKeyring(MemoryKeyring):
    """Looks like keyrings.alt's PlaintextKeyring (base64 in a file) to the refusal rules."""

    priority = 0.5


PlaintextKeyring.__module__ = "keyrings.alt.file"


class AltWithHighPriority(MemoryKeyring):
    """Anything from keyrings.alt is refused, whatever priority it claims."""

    priority = 9.0


AltWithHighPriority.__module__ = "keyrings.alt.Gnome"


class LowPriority(MemoryKeyring):
    priority = 0.2


class Unreachable(MemoryKeyring):
    """Like SecretService when D-Bus has no daemon: asking its priority raises."""

    @property
    def priority(self) -> float:  # type: ignore[override]
        raise RuntimeError("The Secret Service daemon is neither running nor activatable")


# Keep keyring from offering these to code that lets it choose (see tests/helpers/keyrings.py).
KeyringBackend._classes.difference_update(
    {PlaintextKeyring, AltWithHighPriority, LowPriority, Unreachable}
)


def chain_of(*backends: KeyringBackend) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):
        pass

    Chain.backends = list(backends)  # type: ignore[assignment]
    KeyringBackend._classes.discard(Chain)
    return Chain()


def test_is_a_keystore() -> None:
    store: KeyStore = KeyringStore(MemoryKeyring())
    assert store.is_available() and store.unavailable_reason() == ""


def test_stores_key_material_not_the_passphrase() -> None:
    backend = MemoryKeyring()
    store = KeyringStore(backend)
    store.set("vault-id", KEY)
    assert backend.items == {(SERVICE, "vault-id"): "v1:" + KEY.hex()}
    assert store.get("vault-id") == KEY
    assert store.get("other") is None
    store.delete("vault-id")
    assert store.get("vault-id") is None
    store.delete("vault-id")  # forgetting what is not there is not an error
    with pytest.raises(ValueError):
        store.set("vault-id", b"short")


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        (fail.Keyring(), "no keyring on this computer"),
        (null.Keyring(), "switched off"),
        (PlaintextKeyring(), "not safely encrypted"),
        (AltWithHighPriority(), "not safely encrypted"),
        (LowPriority(), "not one that is recommended"),
        (Unreachable(), "cannot be reached"),
        (chain_of(), "None of the keyrings"),
        (chain_of(fail.Keyring(), PlaintextKeyring()), "None of the keyrings"),
    ],
    ids=["fail", "null", "plaintext", "keyrings.alt", "low-priority", "unreachable",
         "empty-chain", "chain-without-a-real-one"],
)  # fmt: skip
def test_refuses_unsafe_keyrings_with_a_sentence(backend: KeyringBackend, words: str) -> None:
    store = KeyringStore(backend)
    assert not store.is_available()
    reason = store.unavailable_reason()
    assert words in reason and reason.endswith(".")
    for call in (lambda: store.get("v"), lambda: store.set("v", KEY), lambda: store.delete("v")):
        with pytest.raises(KeyStoreError, match=words):
            call()
    assert refusal(backend) == reason


def test_a_chain_uses_its_real_keyring_never_the_plaintext_one() -> None:
    """ChainerBackend.set_password would fall through to the next backend on failure."""
    real, plaintext = MemoryKeyring(), PlaintextKeyring()
    store = KeyringStore(chain_of(real, plaintext))
    assert store.is_available()
    store.set("v", KEY)
    assert (SERVICE, "v") in real.items and plaintext.items == {}
    assert store.describe().endswith("MemoryKeyring")


def test_a_locked_keyring_is_a_sentence_not_a_traceback() -> None:
    store = KeyringStore(LockedKeyring())
    with pytest.raises(KeyStoreError, match="could not read the key .*locked"):
        store.get("v")
    with pytest.raises(KeyStoreError, match="could not store"):
        store.set("v", KEY)


@pytest.mark.parametrize("stored", ["plain text", "v1:zz", "v1:" + bytes(16).hex()])
def test_a_damaged_entry_is_stale(stored: str) -> None:
    backend = MemoryKeyring()
    backend.items[(SERVICE, "v")] = stored
    with pytest.raises(StaleKey):
        KeyringStore(backend).get("v")


def test_a_hanging_keyring_times_out_and_is_abandoned() -> None:
    backend = BlockingKeyring()
    store = KeyringStore(backend)
    started = time.monotonic()
    with pytest.raises(KeyringTimeout, match=r"did not answer within 0\.3 seconds"):
        call_with_timeout(lambda: store.get("v"), 0.3)
    assert time.monotonic() - started < 1.0
    backend.release()  # the abandoned thread ends when the keyring answers


def test_call_with_timeout_hands_back_results_and_errors() -> None:
    assert call_with_timeout(lambda: 42, 1.0) == 42
    with pytest.raises(ZeroDivisionError):
        call_with_timeout(lambda: 1 / 0, 1.0)
    names: list[str] = []
    call_with_timeout(lambda: names.append(threading.current_thread().name), 1.0)
    assert names != [threading.current_thread().name]  # ran on a thread of its own


def test_keys_are_read_from_the_backend_that_stored_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Loaded by name, without keyring's discovery (which would pick `ExplodingKeyring`)."""
    import keyring.core

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("CRISISPLAN_TEST_KEYRING", str(tmp_path / "file-keyring.json"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", MemoryKeyring())
    KeyringStore().set("v", KEY)  # nothing recorded yet: keyring's own choice
    KeyringStore().record_backend()
    assert load_settings().keyring_backend == "tests.helpers.keyrings.MemoryKeyring"

    update_settings(keyring_backend="tests.helpers.keyrings.FileKeyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", ExplodingKeyring())
    KeyringStore().set("v", KEY)
    assert KeyringStore().get("v") == KEY
    assert "crisisplan/v" in (tmp_path / "file-keyring.json").read_text("utf-8")

    update_settings(keyring_backend="no.such.module.Keyring")  # gone: keyring chooses
    with pytest.raises(KeyStoreError, match="consulted"):
        KeyringStore().get("v")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    update_settings(keyring_backend="tests.helpers.keyrings.FileKeyring")
    with pytest.raises(KeyStoreError, match="consulted"):  # the variable still wins
        KeyringStore().get("v")
