"""The vault's raw key: what "remember on this computer" keeps instead of the passphrase.

SQLCipher 4 turns the passphrase into a 32-byte key with PBKDF2-HMAC-SHA512 (256,000
iterations) and the 16-byte salt that begins the file. We do the same derivation here, so
the keyring can hold `key + salt` and `Vault.open(path, raw_key=...)` can skip the KDF.
The result is only ever trusted after it has opened the vault (see `secrets.remembered`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from crisisplan.storage import errors

KDF_HASH = "sha512"
KDF_ITERATIONS = 256_000  # SQLCipher 4's default, which every vault uses
KEY_BYTES = 32
SALT_BYTES = 16
RAW_KEY_BYTES = KEY_BYTES + SALT_BYTES


_ID_LABEL = b"crisisplan vault id\x00"


def vault_id(path: Path) -> str:
    """The vault's own identity, its name in the keyring: SHA-256 of a label and the
    random salt that begins the file. It stays the same when the vault is moved or
    renamed, and across passphrase changes (the salt survives `PRAGMA rekey`); a copy or
    a backup made by crisisplan has it too (same salt, same key). No path, nothing
    personal, in it. Raises `VaultMissing` / `NotAVault` when the salt cannot be read."""
    return hashlib.sha256(_ID_LABEL + vault_salt(path)).hexdigest()


def path_id(path: Path) -> str:
    """The keyring name earlier versions used: SHA-256 of the resolved path (lost when
    the vault moves; still looked for, and replaced by `vault_id` on use)."""
    return hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()


def vault_ids(path: Path) -> list[str]:
    """Every keyring name this vault may have, its own identity first."""
    try:
        own = [vault_id(path)]
    except errors.VaultError:
        own = []  # no file (or too short) at the path: only the path's name is known
    return [*own, path_id(path)]


def vault_salt(path: Path) -> bytes:
    """The KDF salt SQLCipher keeps in the first 16 bytes of the file (it survives rekey)."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            salt = file.read(SALT_BYTES)
    except FileNotFoundError:
        raise errors.VaultMissing(path) from None
    if len(salt) < SALT_BYTES:
        raise errors.NotAVault(path, f"it is only {len(salt)} bytes long, too short to be a vault")
    return salt


def derive_raw_key(path: Path, passphrase: str) -> bytes:
    """The 48-byte raw key (key + salt) that opens the vault at `path` for `passphrase`.

    Costs the same ~0.1 s as opening with the passphrase (the GIL is released meanwhile).
    """
    if not passphrase:
        raise ValueError("the passphrase is empty")
    return derive_with_salt(passphrase, vault_salt(path))


def derive_with_salt(passphrase: str, salt: bytes) -> bytes:
    """`derive_raw_key` for a given salt (a new vault's, before the file exists)."""
    if not passphrase:
        raise ValueError("the passphrase is empty")
    key = hashlib.pbkdf2_hmac(KDF_HASH, passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return key + salt
