"""Where the vault lives by default: the platform's per-user data folder."""

from __future__ import annotations

from pathlib import Path

VAULT_FILENAME = "crisisplan.vault"


def data_dir() -> Path:
    """The per-user data folder (e.g. ~/.local/share/crisisplan on Linux)."""
    import platformdirs  # ~7 ms: only when no --vault was given

    return Path(platformdirs.user_data_dir("crisisplan", appauthor=False, roaming=False))


def default_vault_path() -> Path:
    return data_dir() / VAULT_FILENAME
