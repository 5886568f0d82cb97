"""The encrypted vault: one SQLCipher 4 file holding the plan and the support system.

Only this package runs SQL. Callers see `Vault` and the `VaultError` family.
"""

from crisisplan.storage.errors import (
    DiskFull,
    NewerVault,
    NotAVault,
    VaultBusy,
    VaultDamaged,
    VaultEmpty,
    VaultError,
    VaultExists,
    VaultMissing,
    VaultReadOnly,
    VaultRefused,
    VaultRekeyed,
    WrongPassphrase,
)
from crisisplan.storage.locations import default_vault_path
from crisisplan.storage.vault import Vault

__all__ = [
    "DiskFull",
    "NewerVault",
    "VaultRefused",
    "VaultRekeyed",
    "NotAVault",
    "Vault",
    "VaultBusy",
    "VaultDamaged",
    "VaultEmpty",
    "VaultError",
    "VaultExists",
    "VaultMissing",
    "VaultReadOnly",
    "WrongPassphrase",
    "default_vault_path",
]
