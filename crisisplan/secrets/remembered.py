""" "Remember on this computer": open, remember, forget and re-key with the OS keyring.

Shared by the command line and the app (which runs these on a worker thread). Every
keyring call is bounded by a timeout; whenever the remembered key cannot be used, the
caller gets `NotRemembered` with the sentence to show, and asks for the passphrase.

Which vaults are remembered is also listed in the settings file (as vault ids). The
keyring is asked only about those, so a person who never opted in never meets a keyring
prompt or its delay.

A vault is known by its own identity (`storage.keys.vault_id`, from the salt that begins
the file), so moving or renaming it keeps "remember" working. Entries made by earlier
versions under the path's hash are still found, and moved to the vault's identity the
first time they open it; `forget` also removes every listed entry whose key carries this
vault's salt, wherever the vault was when it was remembered.

A remembered key that no longer opens the vault (the passphrase was changed elsewhere, a
backup made under another passphrase was restored, page 1 was damaged) is **not deleted**:
a wrong key and a damaged first page look the same to SQLCipher, and after a restore the
entry may be right again. The person is told, types the passphrase, and can remember the
key again (which overwrites the entry) or forget it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from crisisplan.secrets import KeyStore
from crisisplan.secrets.background import call_with_timeout
from crisisplan.secrets.errors import KeyStoreError, StaleKey
from crisisplan.secrets.keyring_store import KeyringStore
from crisisplan.storage import Vault, VaultError, WrongPassphrase
from crisisplan.storage.keys import SALT_BYTES, derive_raw_key, vault_id, vault_ids, vault_salt
from crisisplan.storage.settings import load_settings, update_settings

AGAIN = "you can remember it again in Settings (or with: crisisplan remember)"


class NotRemembered(Exception):
    """The vault cannot be opened without the passphrase; `str()` says why ("" when the
    person simply has not asked us to remember it, which needs no message)."""


def _listed_id(path: Path) -> str | None:
    """The name under which this vault's key is listed as remembered, if it is."""
    listed = load_settings().remembered_vaults
    return next((i for i in vault_ids(path) if i in listed), None)


def is_remembered(path: Path) -> bool:
    """Whether the person asked to remember this vault's key (no keyring call)."""
    return _listed_id(path) is not None


def _relist(add: str | None = None, remove: tuple[str, ...] = ()) -> None:
    current = load_settings().remembered_vaults
    wanted = tuple(v for v in current if v not in remove and v != add)
    if add is not None:
        wanted = (*wanted, add)
    if wanted != current:
        update_settings(remembered_vaults=wanted)


def _list(path: Path, remembered: bool) -> None:
    ids = vault_ids(path)
    if remembered:
        _relist(add=ids[0], remove=tuple(ids[1:]))
    else:
        _relist(remove=tuple(ids))


def open_remembered(path: Path, store: KeyStore, timeout: float | None = None) -> Vault:
    """Open the vault with its remembered key, or raise `NotRemembered` saying why not.

    Problems with the file itself (missing, damaged, newer, busy) raise their
    `VaultError` as they would with a passphrase.
    """
    path = Path(path)
    identifier = _listed_id(path)
    if identifier is None:
        raise NotRemembered("")
    try:
        key = call_with_timeout(lambda: store.get(identifier), timeout)
    except KeyStoreError as error:
        raise NotRemembered(f"{error} Type your passphrase instead.") from None
    if key is None:
        raise NotRemembered(
            f"The key remembered on this computer is no longer in the keyring. Type your "
            f"passphrase; {AGAIN}."
        )
    try:
        vault = Vault.open(path, raw_key=key)
    except WrongPassphrase:
        raise NotRemembered(
            "The key remembered on this computer no longer opens your plan (was the "
            f"passphrase changed, or a backup restored?). Type your passphrase; {AGAIN}."
        ) from None
    own = vault_id(path)
    if identifier != own:  # an entry of an earlier version, under the path: move it
        _move_entry(store, identifier, own, key, timeout)
    return vault


def _move_entry(store: KeyStore, old: str, new: str, key: bytes, timeout: float | None) -> None:
    """Keep the key under the vault's own identity instead of the path's (best effort:
    if the keyring refuses, the old entry keeps working at this path)."""
    try:
        call_with_timeout(lambda: store.set(new, key), timeout)
        if call_with_timeout(lambda: store.get(new), timeout) != key:
            return
        _relist(add=new, remove=(old,))
        call_with_timeout(lambda: store.delete(old), timeout)
    except KeyStoreError:
        return


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
    legacy = [i for i in vault_ids(path)[1:] if i in load_settings().remembered_vaults]
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
    for old in legacy:  # the entry an earlier version made under the path
        with contextlib.suppress(KeyStoreError):
            call_with_timeout(lambda old=old: store.delete(old), timeout)  # type: ignore[misc]


def forget(path: Path, store: KeyStore, timeout: float | None = None) -> int:
    """Remove every keyring entry for this vault and stop using them; returns how many
    entries were removed.

    Found by the vault's identity and the path's (earlier versions), and by looking at
    every remembered entry for a key that carries this vault's salt — so an entry made
    where the vault was before it moved is removed too. The settings stop listing them
    first, so even when the keyring cannot be reached (`KeyStoreError` then says so)
    crisisplan no longer opens the vault without the passphrase. A keyring we refuse
    cannot hold our key: nothing to delete there.
    """
    path = Path(path)
    ids = vault_ids(path)
    listed = load_settings().remembered_vaults
    _relist(remove=tuple(ids))
    reason = call_with_timeout(store.unavailable_reason, timeout)
    if reason:
        return 0
    try:
        salt: bytes | None = vault_salt(path)
    except VaultError:
        salt = None  # the vault is not there: only its names can be looked for
    found = list(ids)
    for other in listed:
        if other in found or salt is None:
            continue
        try:
            key = call_with_timeout(lambda other=other: store.get(other), timeout)  # type: ignore[misc]
        except StaleKey:
            continue
        if key is not None and key[-SALT_BYTES:] == salt:
            found.append(other)
    _relist(remove=tuple(found))
    removed = 0
    for identifier in found:
        try:
            present = call_with_timeout(lambda i=identifier: store.get(i), timeout) is not None  # type: ignore[misc]
        except StaleKey:
            present = True  # not readable as a key, but there: removed all the same
        if present:
            call_with_timeout(lambda i=identifier: store.delete(i), timeout)  # type: ignore[misc]
            removed += 1
    return removed


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
    own, stale = vault_id(vault.path), _listed_id(vault.path)
    try:
        call_with_timeout(lambda: store.set(own, new_key), timeout)
        if stale is not None and stale != own:  # an entry under the path: now stale
            _relist(add=own, remove=(stale,))
            with contextlib.suppress(KeyStoreError):
                call_with_timeout(lambda: store.delete(stale), timeout)
    except KeyStoreError as error:
        return (
            f"The key remembered on this computer could not be updated: {error} You will be "
            f"asked for the passphrase; {AGAIN}."
        )
    return ""
