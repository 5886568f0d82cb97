"""Looking at vault files from the outside: checksums, integrity, damage, read-only files."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlite

from crisisplan.storage import Vault, schema
from crisisplan.storage.vault import PAGE_SIZE

MARKER = "MARKER-5be1-do-not-leak"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_whole(path: Path, passphrase: str | None = None, raw_key: bytes | None = None) -> None:
    """The vault opens and passes `quick_check` and `cipher_integrity_check`."""
    with Vault.open(path, passphrase, raw_key=raw_key) as vault:
        assert vault.integrity_problems() == []


def damage_page(path: Path, page: int) -> None:
    """Flip bytes in the middle of one page (page 1 holds the salt and the schema)."""
    data = bytearray(path.read_bytes())
    start = (page - 1) * PAGE_SIZE
    assert len(data) >= start + PAGE_SIZE, "the file has no such page"
    for offset in range(start + 100, start + PAGE_SIZE - 100, 53):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def make_newer(path: Path, passphrase: str) -> None:
    """Mark the vault as written by a newer crisisplan (a schema this one does not know)."""
    connection = sqlite.connect(path)
    connection.execute("PRAGMA key = '" + passphrase.replace("'", "''") + "'")
    connection.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    connection.commit()
    connection.close()


def private(path: Path) -> int:
    return path.stat().st_mode & 0o777


def plaintext_hits(folder: Path, marker: str = MARKER) -> list[Path]:
    """Every file below `folder` that holds `marker` in UTF-8 or UTF-16."""
    needles = [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    hits = []
    for file in folder.rglob("*"):
        if file.is_file() and not file.is_symlink():
            data = file.read_bytes()
            if any(needle in data for needle in needles):
                hits.append(file)
    return hits


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder really unwritable, also for root, and undo it afterwards.

    Root ignores permission bits, so as root the file is made immutable (`chattr +i`,
    which stops every write, rename and unlink); otherwise `chmod` is enough.
    """
    if os.geteuid() != 0:
        mode = path.stat().st_mode & 0o777
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    result = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this filesystem cannot make files immutable: {result.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)
