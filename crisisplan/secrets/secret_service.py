"""Reading a remembered key straight from the Secret Service (GNOME Keyring, KeePassXC,
KWallet's Secret Service) with `secretstorage`, for the launch into the crisis view.

`keyring` takes ~65 ms to import (it pulls in jaraco.context, urllib.request, http.client,
ssl and importlib_metadata) and its Secret Service backend opens three D-Bus connections
for one read (two availability probes, then the read). `secretstorage` — which that
backend uses underneath, and which is installed with it — takes ~15 ms and needs one
connection. That is the whole difference: the same calls in the same order as
`keyring.backends.SecretService.Keyring.get_password` (default collection, unlock it if
locked, search by service and username, unlock the item, read it over an encrypted
session), the same item, the same errors.

Used only for *reading*, and only when the key was stored in that backend
(`Settings.keyring_backend`, recorded by `KeyringStore.record_backend` after a backend
passed `keyring_store.refusal`). Storing, forgetting and every other backend go through
`keyring`. When the Secret Service cannot be reached at all, `Unreachable` is raised and
the caller asks `keyring`, which says why in the words it always used.
"""

from __future__ import annotations

from contextlib import closing

BACKEND = "keyring.backends.SecretService.Keyring"


class Unreachable(Exception):
    """No Secret Service to ask (not installed, no session bus, no daemon)."""


class Locked(Exception):
    """The keyring stayed locked: its unlock prompt was dismissed."""


def get_password(service: str, username: str) -> str | None:
    """The secret stored under `service` and `username` (keyring's default attribute
    scheme), or None. May block behind an unlock prompt: call with a timeout."""
    try:
        import secretstorage
        from secretstorage.exceptions import SecretStorageException
    except ImportError as error:  # keyring would refuse the backend the same way
        raise Unreachable(str(error)) from None
    try:
        connection = secretstorage.dbus_init()
    except SecretStorageException as error:
        raise Unreachable(str(error)) from None
    with closing(connection):
        try:
            available = secretstorage.check_service_availability(connection)
        except Exception as error:  # the bus itself misbehaves: let keyring say it
            raise Unreachable(str(error)) from None
        if not available:
            raise Unreachable("no Secret Service daemon is running or activatable")
        collection = secretstorage.get_default_collection(connection)
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():
                raise Locked("Failed to unlock the collection!")
        for item in collection.search_items({"username": username, "service": service}):
            if item.is_locked():
                item.unlock()
                if item.is_locked():
                    raise Locked("Failed to unlock the item!")
            secret: bytes = item.get_secret()
            return secret.decode("utf-8")
    return None
