"""Hidden leftovers of a killed command are removed by its next run (issue 11, item 7).

A killed export left `.OUT.json.<hex>.tmp` (a whole plaintext copy of the plan) and a
killed restore `.v.vault.<hex>.restoring`, for ever. Now the next export to the same
file, and the next restore of the same vault, remove what an earlier run left — never a
file a live process is still writing — and `crisisplan backups` lists a restore's leftover.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from crisisplan.storage.atomic import write_atomically
from crisisplan.storage.backups import Kind, make_backup, restore, restoring_leftovers
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crisisplan", *args],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip


@pytest.fixture
def vault(vault_path: Path) -> Path:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    return vault_path


def test_the_next_export_removes_a_killed_exports_plaintext_copy(
    vault: Path, tmp_path: Path
) -> None:
    """Fails on today's main: the plaintext copy stays."""
    out = tmp_path / "out" / "plan.json"
    out.parent.mkdir()
    left = out.parent / ".plan.json.0123456789ab.tmp"  # what a SIGKILL mid-export leaves
    left.write_text('{"plan": "a whole plaintext copy"}')
    other = out.parent / ".other.json.0123456789ab.tmp"  # another file's: not ours to touch
    other.write_text("{}")
    result = cli("export", str(out), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == [other.name, "plan.json"]


def test_a_temporary_file_being_written_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.json"
    busy = folder / ".plan.json.ba9876543210.tmp"
    with busy.open("wb") as file:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX)  # a live export, mid-write
        write_atomically(target, b"{}")
        assert busy.exists()
    write_atomically(target, b"{}")  # now nobody holds it: removed
    assert sorted(p.name for p in folder.iterdir()) == ["plan.json"]


def test_a_killed_export_leaves_a_copy_that_the_next_export_removes(
    vault: Path, tmp_path: Path
) -> None:
    """A real kill, while the temporary file is held open (stopped just before the
    rename), then a second export."""
    out = tmp_path / "plan.json"
    code = (
        "import os, sys, signal\n"
        "real = os.replace\n"
        "def stop(a, b):\n"
        "    print('writing', flush=True); signal.pause()\n"
        "os.replace = stop\n"
        "from crisisplan import cli\n"
        f"sys.exit(cli.main(['export', {str(out)!r}, '--vault', {str(vault)!r},"
        " '--passphrase-stdin']))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(PASSPHRASE + "\n")
    process.stdin.flush()
    assert process.stdout.readline() == "writing\n", process.communicate()
    (left,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in tmp_path.iterdir() if p.name == "plan.json"]
    busy = cli("export", str(tmp_path / "plan.json"), "--vault", str(vault), "--passphrase-stdin")
    assert busy.returncode == 0 and left.exists()  # still being written: not touched
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)
    (tmp_path / "plan.json").unlink()
    result = cli("export", str(out), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert not left.exists()


def test_a_stopped_restore_is_listed_and_removed_by_the_next_restore(vault: Path) -> None:
    """Fails on today's main: never listed, never removed."""
    with Vault.open(vault, PASSPHRASE) as opened:
        backup = make_backup(opened, Kind.MANUAL)
    left = vault.with_name(f".{vault.name}.0123456789ab.restoring")
    left.write_bytes(backup.read_bytes())
    os.utime(left, (time.time() - 5, time.time() - 5))
    assert restoring_leftovers(vault) == [left]
    listing = cli("backups", "--vault", str(vault))
    assert listing.returncode == 0 and f"stopped: {left}" in listing.stderr, listing.stderr
    restore(vault, backup, PASSPHRASE)
    assert not left.exists()
    assert sorted(p.name for p in vault.parent.iterdir()) == ["backups", vault.name]
