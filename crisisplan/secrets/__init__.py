"""Key material for "remember on this computer" (the keyring issue fills this in).

The seam: a `KeyStore` keeps the vault's *derived* key (never the passphrase) under an
identifier for the vault file, so `Vault.open(path, raw_key=...)` can skip the prompt.
Implementations never show UI and never fall back to a plaintext file; when a store cannot
be used it says why in a sentence the app can show (`unavailable_reason`, or a
`KeyStoreError` from get / set / delete). Calls may block: run them through
`secrets.background` with a timeout.

- `keyring_store.KeyringStore`: the OS keyring, refusing unsafe backends.
- `remembered`: open / remember / forget / change passphrase, for the CLI and the app.
"""

from __future__ import annotations

from typing import Protocol


class KeyStore(Protocol):
    """Where remembered vault keys live (the OS keyring, or memory in tests)."""

    def is_available(self) -> bool:
        """True if keys can be stored safely here right now."""
        ...

    def unavailable_reason(self) -> str:
        """Why keys cannot be remembered here (empty when `is_available()`)."""
        ...

    def get(self, vault_id: str) -> bytes | None:
        """The remembered key for a vault, or None."""
        ...

    def set(self, vault_id: str, key: bytes) -> None: ...

    def delete(self, vault_id: str) -> None:
        """Forget a vault's key; forgetting a key that is not there is not an error."""
        ...
