"""A sentence and exit 5, never a traceback (issue 11, item 8): `passwd` on a full disk,
under a file-size limit, in a read-only folder, file or file system (SQLCipher says only
"An error occurred with PRAGMA key or rekey"); `restore` on a read-only file system; a
vault with mode 000; a journal path that cannot be opened.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from crisisplan.storage.backups import backup_to
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import assert_whole, digest, read_only

ROOT = Path(__file__).resolve().parents[2]
NEW = "a new and longer passphrase"


def child(
    *args: str, fsize: int | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    limit = ["--fsize", str(fsize)] if fsize is not None else []
    return subprocess.run(
        [sys.executable, "-m", "tests.helpers.fault_child", *limit, "cli", *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "LANG": "C.UTF-8"},
    )  # fmt: skip


def passwd(vault: Path, fsize: int | None = None) -> subprocess.CompletedProcess[str]:
    return child("passwd", "--vault", str(vault), "--passphrase-stdin", fsize=fsize,
                 stdin=f"{PASSPHRASE}\n{NEW}\n")  # fmt: skip


def assert_sentence(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 5, result.stderr
    assert result.stderr.startswith("crisisplan: ") and text in result.stderr, result.stderr


@pytest.fixture
def vault(vault_path: Path) -> Path:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    return vault_path


def still_opens_with_the_old_passphrase(vault: Path, before: str) -> None:
    assert digest(vault) == before
    assert_whole(vault, PASSPHRASE)


def test_passwd_under_a_file_size_limit(vault: Path) -> None:
    """Fails on today's main: OperationalError traceback, exit 1."""
    before = digest(vault)
    result = passwd(vault, fsize=8192)
    assert_sentence(result, "is full")
    still_opens_with_the_old_passphrase(vault, before)
    assert sorted(p.name for p in vault.parent.iterdir()) == [vault.name]


@pytest.mark.parametrize("what", ["file", "folder"])
def test_passwd_on_a_read_only_file_or_folder(vault: Path, what: str) -> None:
    before = digest(vault)
    with read_only(vault if what == "file" else vault.parent):
        result = passwd(vault)
    assert_sentence(result, "cannot be written")
    still_opens_with_the_old_passphrase(vault, before)


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A small tmpfs of our own (root only); skipped where mounting is not permitted."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    folder = Path(tempfile.mkdtemp(prefix="cp-fs-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                              str(folder)], capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def remount(folder: Path, option: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{option}", str(folder)], check=True)


def test_passwd_on_a_full_disk(tmp_path: Path) -> None:
    with tmpfs("256k") as disk:
        vault = disk / "v.vault"
        Vault.create(vault, PASSPHRASE, "GB").close()
        filler = disk / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as file:
            while True:
                file.write(b"\0" * 4096)
                file.flush()
        before = digest(vault)
        result = passwd(vault)
        assert_sentence(result, "is full")
        filler.unlink()
        still_opens_with_the_old_passphrase(vault, before)


def test_passwd_and_restore_on_a_read_only_file_system(tmp_path: Path) -> None:
    with tmpfs("2m") as disk:
        vault = disk / "v.vault"
        Vault.create(vault, PASSPHRASE, "GB").close()
        with Vault.open(vault, PASSPHRASE) as opened:
            backup = backup_to(opened, tmp_path / "elsewhere.vault")
        before = digest(vault)
        remount(disk, "ro")
        try:
            assert_sentence(passwd(vault), "cannot be written")
            result = child("restore", str(backup), "--vault", str(vault), "--passphrase-stdin",
                           stdin=PASSPHRASE + "\n")  # fmt: skip
            assert_sentence(result, "cannot be written")
            assert "Nothing was restored" in result.stderr
        finally:
            remount(disk, "rw")
        still_opens_with_the_old_passphrase(vault, before)
        assert sorted(p.name for p in disk.iterdir()) == ["v.vault"]


def test_a_journal_path_that_cannot_be_opened(vault: Path) -> None:
    journal = vault.with_name(vault.name + "-journal")
    journal.mkdir()
    before = digest(vault)
    for args, stdin in (
        (("now",), PASSPHRASE + "\n"),
        (("passwd",), f"{PASSPHRASE}\n{NEW}\n"),
    ):
        result = child(*args, "--vault", str(vault), "--passphrase-stdin", stdin=stdin)
        assert_sentence(result, "where SQLite keeps the vault's rollback journal")
    journal.rmdir()
    still_opens_with_the_old_passphrase(vault, before)


def test_a_vault_with_mode_000(tmp_path: Path) -> None:
    """As root (who reads anything) the check runs in a child that has become nobody."""
    folder = Path(tempfile.mkdtemp(prefix="cp-000-"))
    try:
        folder.chmod(0o755)
        vault = folder / "v.vault"
        Vault.create(vault, PASSPHRASE, "GB").close()
        vault.chmod(0o000)
        code = (  # what opening needs is imported before becoming nobody
            "import os, sys\n"
            "from crisisplan.storage import Vault, VaultError\n"
            "if os.geteuid() == 0:\n"
            "    os.setgid(65534); os.setuid(65534)\n"
            "try:\n"
            f"    Vault.open({str(vault)!r}, 'x' * 12)\n"
            "except VaultError as error:\n"  # what cli.main prints, with exit 5
            "    print(f'crisisplan: {error}', file=sys.stderr); sys.exit(5)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], input=PASSPHRASE + "\n", capture_output=True,
            text=True, timeout=60, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        assert_sentence(result, "cannot be read (Permission denied)")
        assert "chmod 600" in result.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)
