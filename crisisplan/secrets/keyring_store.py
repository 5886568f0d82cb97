"""The OS keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager)
as a `KeyStore`, refusing every backend that would not keep the key safe.

Refused, each with a sentence: `fail` (no keyring at all), `null` (switched off),
anything from `keyrings.alt` or with a priority below 1 (plaintext or "not recommended"
files), and a `ChainerBackend` with no acceptable backend in it. A chainer that has one
is bypassed: we talk to its best acceptable backend directly, because the chainer itself
would fall through to the next backend — perhaps a plaintext one — when the first fails.

Every call here may block (a locked keyring waits behind an unlock prompt): callers run
them through `crisisplan.secrets.background` with a timeout. `keyring` itself (~70 ms to
import, ~60 ms to pick a backend) is loaded on first use, inside those calls. A key stored
in the Secret Service is read with `secrets.secret_service` instead (no keyring import,
one D-Bus connection): the launch straight into the crisis view waits for that read.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from crisisplan.secrets.errors import KeyStoreError, StaleKey
from crisisplan.storage.settings import load_settings, update_settings

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "crisisplan"
FORMAT = "v1:"  # what follows is the raw key + salt in hex
MIN_PRIORITY = 1


def backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _priority(backend: KeyringBackend) -> float | str:
    """The backend's priority, or why it cannot say (Secret Service probes D-Bus here)."""
    try:
        return float(backend.priority)
    except Exception as error:  # keyring backends raise what they like (RuntimeError, …)
        return str(error) or type(error).__name__


def refusal(backend: KeyringBackend) -> str:
    """Why a key must not be stored in `backend`, or "" if it may."""
    from keyring.backends import chainer, fail, null

    name = backend_name(backend)
    if isinstance(backend, fail.Keyring):
        return (
            "There is no keyring on this computer that crisisplan can use (such as GNOME "
            "Keyring, KWallet, the macOS Keychain or Windows Credential Manager), so your key "
            "cannot be remembered here."
        )
    if isinstance(backend, null.Keyring):
        return (
            "The keyring is switched off on this computer (the 'null' keyring is chosen), so "
            "your key cannot be remembered here."
        )
    if isinstance(backend, chainer.ChainerBackend):
        if _chosen_from_chain(backend) is None:
            names = ", ".join(backend_name(b) for b in backend.backends) or "none"
            return (
                "None of the keyrings found on this computer keeps secrets safely "
                f"(found: {names}), so your key cannot be remembered here."
            )
        return ""
    if name.startswith("keyrings.alt") or "plaintext" in name.lower():
        return (
            f"The keyring in use ({name}) keeps secrets in a file that is not safely "
            "encrypted, so crisisplan will not store your key there."
        )
    priority = _priority(backend)
    if isinstance(priority, str):
        return (
            f"The keyring ({name}) cannot be reached right now ({priority}), so your key "
            "cannot be remembered here."
        )
    if priority < MIN_PRIORITY:
        return (
            f"The keyring in use ({name}) is not one that is recommended for secrets, so "
            "crisisplan will not store your key there."
        )
    return ""


def _chosen_from_chain(chain: KeyringBackend) -> KeyringBackend | None:
    """The best backend in a chain that we accept (chains are sorted best first)."""
    for candidate in getattr(chain, "backends", ()):
        if not refusal(candidate):
            return candidate  # type: ignore[no-any-return]
    return None


class KeyringStore:
    """Vault keys in the OS keyring, under service "crisisplan" and the vault's id.

    Stored: "v1:" and the hex of the 48-byte raw key (key + salt), never the passphrase.
    `backend` is for tests; by default the one `keyring` picks (PYTHON_KEYRING_BACKEND and
    keyringrc.cfg are honoured, then refused if unsafe). With `read_in_child`, a key stored
    in the Secret Service is read by a helper process (`secret_service.get_password_in_child`)
    so that the app's window is built meanwhile without waiting for the GIL.
    """

    def __init__(self, backend: KeyringBackend | None = None, *, read_in_child: bool = False):
        self._given = backend
        self._in_child = read_in_child

    def _keyring(self) -> KeyringBackend:
        if self._given is not None:
            return self._given
        import keyring.core

        # Read keys from the backend they were stored in (`Settings.keyring_backend`),
        # loaded by name: that skips keyring's discovery of every installed backend, ~50 ms
        # of a launch straight into the crisis view. PYTHON_KEYRING_BACKEND still wins.
        stored_in = load_settings().keyring_backend
        if stored_in and not os.environ.get("PYTHON_KEYRING_BACKEND"):
            try:
                return keyring.core.load_keyring(stored_in)
            except Exception:  # uninstalled, or not viable now: let keyring choose
                pass
        return keyring.get_keyring()

    def record_backend(self) -> None:
        """Note which backend holds the keys, for `_keyring` (after a key was stored)."""
        if self._given is None:
            update_settings(keyring_backend=backend_name(self._usable()))

    def _usable(self) -> KeyringBackend:
        """The backend to talk to, or KeyStoreError saying why there is none."""
        backend = self._keyring()
        reason = refusal(backend)
        if reason:
            raise KeyStoreError(reason)
        from keyring.backends import chainer

        if isinstance(backend, chainer.ChainerBackend):
            chosen = _chosen_from_chain(backend)
            assert chosen is not None  # refusal() said so
            return chosen
        return backend

    def is_available(self) -> bool:
        return not self.unavailable_reason()

    def unavailable_reason(self) -> str:
        return refusal(self._keyring())

    def describe(self) -> str:
        """Which keyring is used, for messages ("GNOME Keyring" is clearer, but keyring
        only tells us the backend's class)."""
        return backend_name(self._usable())

    def _stored_in_secret_service(self) -> bool:
        """Whether the keys were stored in the Secret Service backend (so they can be read
        with `secret_service`, without importing keyring), and nothing overrides it."""
        from crisisplan.secrets import secret_service

        return (
            self._given is None
            and not os.environ.get("PYTHON_KEYRING_BACKEND")
            and load_settings().keyring_backend == secret_service.BACKEND
        )

    def _read(self, vault_id: str) -> str | None:
        if self._stored_in_secret_service():
            from crisisplan.secrets import secret_service

            try:
                if self._in_child:
                    from crisisplan.secrets.background import TIMEOUT_S

                    return secret_service.get_password_in_child(SERVICE, vault_id, TIMEOUT_S + 1)
                return secret_service.get_password(SERVICE, vault_id)
            except secret_service.Unreachable:
                pass  # keyring tries too, and refuses it in the sentence it always used
            except Exception as error:
                raise _failed("read", error) from None
        backend = self._usable()
        try:
            return backend.get_password(SERVICE, vault_id)
        except Exception as error:
            raise _failed("read", error) from None

    def get(self, vault_id: str) -> bytes | None:
        stored = self._read(vault_id)
        if stored is None:
            return None
        if not stored.startswith(FORMAT):
            raise StaleKey(
                "The key remembered on this computer is not in a form this crisisplan knows."
            )
        try:
            key = bytes.fromhex(stored.removeprefix(FORMAT))
        except ValueError:
            raise StaleKey("The key remembered on this computer is damaged.") from None
        if len(key) != 48:
            raise StaleKey("The key remembered on this computer is damaged.")
        return key

    def set(self, vault_id: str, key: bytes) -> None:
        if len(key) != 48:
            raise ValueError("a remembered key is 48 bytes: the raw key and its salt")
        backend = self._usable()
        try:
            backend.set_password(SERVICE, vault_id, FORMAT + key.hex())
        except Exception as error:
            raise _failed("store", error) from None

    def delete(self, vault_id: str) -> None:
        from keyring.errors import PasswordDeleteError

        backend = self._usable()
        try:
            if backend.get_password(SERVICE, vault_id) is None:
                return
            backend.delete_password(SERVICE, vault_id)
        except PasswordDeleteError:
            return  # gone meanwhile: forgetting what is not there is not an error
        except Exception as error:
            raise _failed("remove", error) from None


def _failed(doing: str, error: Exception) -> KeyStoreError:
    detail = str(error).strip().rstrip(".!") or type(error).__name__  # "collection!." read badly
    return KeyStoreError(
        f"The keyring could not {doing} the key (it may be locked, or the request was "
        f"dismissed): {detail}."
    )
