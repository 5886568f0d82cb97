"""No secret in a core file (issue 11, item 6).

The command line set neither RLIMIT_CORE nor PR_SET_DUMPABLE: under `ulimit -c
unlimited`, an abort during `export -` left a core file holding the passphrase. Now every
command (and the app) turns both off before any passphrase or key is read. Each test
starts a command with core files allowed, waits until it is blocked reading its
passphrase, reads its limits from /proc, asks it for PR_GET_DUMPABLE, and aborts it.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and prctl")


def allow_core_files() -> None:
    """`ulimit -c unlimited` in the child, as the person's shell might have it."""
    resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def waiting_for_passphrase(pid: int) -> bool:
    try:
        return "pipe_read" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


def core_limits(pid: int) -> str:
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith("Max core file size"):
            return " ".join(line.split()[4:6])
    raise AssertionError("no core limit in /proc/<pid>/limits")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    return path


COMMANDS = {
    "export -": ["export", "-"],
    "now": ["now"],
    "passwd": ["passwd"],
    "backup": ["backup"],
    "restore": ["restore", "BACKUP"],
    "init": ["init", "--region", "GB", "--vault", "NEW"],
    "app": ["--crisis"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_core_dump_while_waiting_for_the_passphrase(
    command: str, vault: Path, tmp_path: Path
) -> None:
    """Fails on today's main: the limit stays "unlimited", the process stays dumpable,
    and the abort leaves a core file."""
    args = [a.replace("BACKUP", str(vault)).replace("NEW", str(tmp_path / "new.vault"))
            for a in COMMANDS[command]]  # fmt: skip
    args += (
        ["--passphrase-stdin"]
        if command == "init"
        else ["--vault", str(vault), "--passphrase-stdin"]
    )
    cwd = tmp_path / "cwd"  # core_pattern "core" writes here
    cwd.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.fault_child", "--report-dumpable", "cli", *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        preexec_fn=allow_core_files, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdin is not None
    try:
        deadline = time.monotonic() + 30
        while not waiting_for_passphrase(process.pid):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "never came to read the passphrase"
            time.sleep(0.02)
        assert core_limits(process.pid) == "0 0"
        process.send_signal(signal.SIGUSR1)
        assert process.stdout.readline() == "dumpable 0\n"
        process.send_signal(signal.SIGABRT)  # an abort while it holds what it has read
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGABRT
    assert list(cwd.iterdir()) == []
