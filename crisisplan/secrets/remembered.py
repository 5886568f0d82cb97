""" "Remember on this computer": open, remember, forget and re-key with the OS keyring.

Shared by the command line and the app (which runs these on a worker thread). Every
keyring call is bounded by a timeout; whenever the remembered key cannot be used, the
caller gets `NotRemembered` with the sentence to show, and asks for the passphrase.

Which vaults are remembered is also listed in the settings file (as vault ids). The
keyring is asked only about those, so a person who never opted in never meets a keyring
prompt or its delay.

A remembered key that no longer opens the vault (the passphrase was changed elsewhere, a
backup made under another passphrase was restored, page 1 was damaged) is **not deleted**:
a wrong key and a damaged first page look the same to SQLCipher, and after a restore the
entry may be right again. The person is told, types the passphrase, and can remember the
key again (which overwrites the entry) or forget it.
"""

from __future__ import annotations

from pathlib import Path

from crisisplan.secrets import KeyStore
from crisisplan.secrets.background import call_with_timeout
from crisisplan.secrets.errors import KeyStoreError, StaleKey
from crisisplan.secrets.keyring_store import KeyringStore
from crisisplan.storage import Vault, WrongPassphrase
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import load_settings, update_settings

AGAIN = "you can remember it again in Settings (or with: crisisplan remember)"


class NotRemembered(Exception):
    """The vault cannot be opened without the passphrase; `str()` says why ("" when the
    person simply has not asked us to remember it, which needs no message)."""


def is_remembered(path: Path) -> bool:
    """Whether the person asked to remember this vault's key (no keyring call)."""
    return vault_id(path) in load_settings().remembered_vaults


def _list(path: Path, remembered: bool) -> None:
    identifier = vault_id(path)
    current = load_settings().remembered_vaults
    others = tuple(v for v in current if v != identifier)
    wanted = (*others, identifier) if remembered else others
    if wanted != current:
        update_settings(remembered_vaults=wanted)


def open_remembered(path: Path, store: KeyStore, timeout: float | None = None) -> Vault:
    """Open the vault with its remembered key, or raise `NotRemembered` saying why not.

    Problems with the file itself (missing, damaged, newer, busy) raise their
    `VaultError` as they would with a passphrase.
    """
    path = Path(path)
    if not is_remembered(path):
        raise NotRemembered("")
    try:
        key = call_with_timeout(lambda: store.get(vault_id(path)), timeout)
    except KeyStoreError as error:
        raise NotRemembered(f"{error} Type your passphrase instead.") from None
    if key is None:
        raise NotRemembered(
            f"The key remembered on this computer is no longer in the keyring. Type your "
            f"passphrase; {AGAIN}."
        )
    try:
        return Vault.open(path, raw_key=key)
    except WrongPassphrase:
        raise NotRemembered(
            "The key remembered on this computer no longer opens your plan (was the "
            f"passphrase changed, or a backup restored?). Type your passphrase; {AGAIN}."
        ) from None


def remember(path: Path, passphrase: str, store: KeyStore, timeout: float | None = None) -> None:
    """Store the vault's key, once it is proven to open the vault and to read back.

    Raises `WrongPassphrase` if `passphrase` does not open it, `KeyStoreError` (with the
    sentence) if the keyring cannot be used or does not keep the key.
    """
    path = Path(path)
    reason = call_with_timeout(store.unavailable_reason, timeout)
    if reason:
        raise KeyStoreError(reason)
    key = derive_raw_key(path, passphrase)
    Vault.open(path, raw_key=key).close()  # WrongPassphrase if it does not open
    identifier = vault_id(path)
    call_with_timeout(lambda: store.set(identifier, key), timeout)
    try:
        kept = call_with_timeout(lambda: store.get(identifier), timeout)
    except StaleKey:
        kept = None
    if kept != key:
        raise KeyStoreError("The keyring accepted the key but did not keep it.")
    if isinstance(store, KeyringStore):
        call_with_timeout(store.record_backend, timeout)
    _list(path, remembered=True)


def forget(path: Path, store: KeyStore, timeout: float | None = None) -> None:
    """Remove the vault's key from the keyring and stop using it.

    The settings stop listing the vault first, so even when the keyring cannot be reached
    (`KeyStoreError` then says so) crisisplan no longer opens the vault without the
    passphrase. A keyring we refuse cannot hold our key: nothing to delete there.
    """
    path = Path(path)
    _list(path, remembered=False)
    reason = call_with_timeout(store.unavailable_reason, timeout)
    if reason:
        return
    call_with_timeout(lambda: store.delete(vault_id(path)), timeout)


def change_passphrase(
    vault: Vault, new_passphrase: str, store: KeyStore | None, timeout: float | None = None
) -> str:
    """Re-key an open vault; update the remembered key if there is one.

    Returns "" or a sentence about the remembered key that could not be updated (the
    passphrase has changed all the same).
    """
    new_key = vault.rekey(new_passphrase)
    if store is None or not is_remembered(vault.path):
        return ""
    try:
        call_with_timeout(lambda: store.set(vault_id(vault.path), new_key), timeout)
    except KeyStoreError as error:
        return (
            f"The key remembered on this computer could not be updated: {error} You will be "
            f"asked for the passphrase; {AGAIN}."
        )
    return ""
