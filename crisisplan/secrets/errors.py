"""Known keyring problems, each with one sentence a person can act on."""

from __future__ import annotations


class KeyStoreError(Exception):
    """The key store cannot be used now (none, unsafe, locked, dismissed, silent);
    `str()` is the sentence to show."""


class StaleKey(KeyStoreError):
    """An entry is there but cannot be a key for this vault (damaged, unknown format, or
    it no longer opens the vault). It is left in place: see `secrets.remembered`."""


class KeyringTimeout(KeyStoreError):
    """The keyring did not answer in time (typically: locked, waiting behind a prompt)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"The keyring did not answer within {seconds:g} seconds (it may be locked and "
            "waiting for you to unlock it)."
        )
        self.seconds = seconds
