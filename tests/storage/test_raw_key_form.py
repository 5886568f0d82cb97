"""A passphrase that looks like a raw key still goes through the key derivation
(issue 11, item 10).

SQLCipher takes a key of the form `x'<64 hex>'` as a raw key and skips PBKDF2. `passwd` to
such a passphrase then "changed" the key to those 32 bytes and said the old passphrase
still opened the vault, which was false. crisisplan now derives every passphrase itself
when SQLCipher would not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.storage import Vault, WrongPassphrase
from crisisplan.storage.keys import derive_raw_key
from crisisplan.storage.vault import looks_like_raw_key
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
HEX = "0123456789abcdef" * 4
RAW_LOOKING = [f"x'{HEX}'", f"x'{HEX}{HEX[:32]}'", f"X'{HEX.upper()}'"]


@pytest.mark.parametrize("passphrase", RAW_LOOKING)
def test_changing_to_a_raw_looking_passphrase_derives_it(vault_path: Path, passphrase: str) -> None:
    """Fails on today's main: "the old one still opens it", and the hex opens it raw."""
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        new_key = vault.rekey(passphrase)
    assert new_key == derive_raw_key(vault_path, passphrase)
    Vault.open(vault_path, passphrase).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE)
    with pytest.raises(WrongPassphrase):  # the hex itself is not the key
        Vault.open(vault_path, raw_key=bytes.fromhex(passphrase[2:-1])[:32])


def test_a_vault_created_with_a_raw_looking_passphrase(vault_path: Path) -> None:
    passphrase = RAW_LOOKING[0]
    Vault.create(vault_path, passphrase, "GB").close()
    Vault.open(vault_path, raw_key=derive_raw_key(vault_path, passphrase)).close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, raw_key=bytes.fromhex(HEX))
    with Vault.open(vault_path, passphrase) as vault:
        assert vault.rekey(PASSPHRASE) == derive_raw_key(vault_path, PASSPHRASE)
    Vault.open(vault_path, PASSPHRASE).close()


def test_only_that_form_is_treated_so() -> None:
    assert all(looks_like_raw_key(p) for p in RAW_LOOKING)
    assert not looks_like_raw_key("correct horse battery staple")
    assert not looks_like_raw_key(f"my key is x'{HEX}'")


def test_passwd_from_the_cli(vault_path: Path) -> None:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    new = RAW_LOOKING[0]
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "passwd", "--vault", str(vault_path),
         "--passphrase-stdin"],
        input=f"{PASSPHRASE}\n{new}\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "the old one no longer opens it" in result.stderr
    Vault.open(vault_path, new).close()
