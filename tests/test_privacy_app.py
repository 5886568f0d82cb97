"""Privacy of the desktop app as a whole: the full flow with internet sockets refused;
nothing personal in stderr or logs; no plaintext in temp or cache folders; core dumps off;
vault and backups readable only by their owner. (The command-line flow: test_privacy.py.)"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from crisisplan.storage.backups import Kind, list_backups
from crisisplan.ui.main_window import MainWindow
from tests.helpers.app_flow import PERSON, PERSONAL, run_flow
from tests.helpers.vaults import MARKER, plaintext_hits, private

ROOT = Path(__file__).resolve().parents[1]
INTERNET = (socket.AF_INET, socket.AF_INET6)


class NoInternet(AssertionError):
    pass


@pytest.fixture
def no_internet(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Refuse internet sockets (local AF_UNIX sockets, as the single-instance server uses,
    stay allowed); every attempt is recorded as well as refused."""
    attempts: list[tuple[Any, ...]] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc,valid-type]
        def __init__(self, family: Any = -1, *args: Any, **kwargs: Any) -> None:
            if family in INTERNET or family == -1:
                attempts.append((family, *args))
                raise NoInternet(f"crisisplan tried to open an internet socket ({family})")
            super().__init__(family, *args, **kwargs)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise NoInternet("crisisplan tried to reach the network")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def test_the_guard_refuses_internet_but_allows_local_sockets(
    no_internet: list[tuple[Any, ...]],
) -> None:
    with pytest.raises(NoInternet):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NoInternet):
        socket.create_connection(("192.0.2.1", 443))
    socket.socket(socket.AF_UNIX, socket.SOCK_STREAM).close()
    assert len(no_internet) == 2


def test_the_whole_app_flow_runs_without_internet(
    qtbot: QtBot, tmp_path: Path, no_internet: list[tuple[Any, ...]]
) -> None:
    vault = tmp_path / "data" / "crisisplan.vault"
    out = tmp_path / "pdfs"
    out.mkdir()
    window = MainWindow(vault, opener=lambda url: True)
    qtbot.addWidget(window)
    window.show()
    run_flow(window, lambda condition: qtbot.waitUntil(condition, timeout=10_000), out)
    assert no_internet == []
    assert sorted(p.name for p in out.iterdir()) == ["card.pdf", "plan.pdf"]
    # Vault and backups: readable by their owner only; no plaintext beside them.
    assert private(vault) == 0o600 and private(vault.parent) == 0o700
    (backup,) = list_backups(vault)  # the session that added a person was backed up
    assert backup.kind is Kind.SESSION
    assert private(backup.path) == 0o600 and private(backup.path.parent) == 0o700
    assert plaintext_hits(vault.parent) == []
    assert plaintext_hits(vault.parent, PERSON) == []


def test_a_separate_app_process_leaks_nothing(tmp_path: Path) -> None:
    """Stderr and every log record (DEBUG, Qt's debug output too) hold nothing personal;
    the temp, cache, config and state folders hold no plaintext; no internet socket."""
    home = tmp_path / "person"
    temp = tmp_path / "tmp"
    out = tmp_path / "pdfs"
    for folder in (home, temp, out):
        folder.mkdir()
    vault = home / ".local" / "share" / "crisisplan" / "crisisplan.vault"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TMP", "TEMP"))},
        "HOME": str(home),
        "TMPDIR": str(temp),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(temp / "runtime"),
        "QT_QPA_PLATFORM": "offscreen",
        "QT_LOGGING_RULES": "*.debug=true",
    }
    (temp / "runtime").mkdir(mode=0o700)
    result = subprocess.run(
        [sys.executable, "-m", "tests.helpers.app_flow", str(vault), str(out)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "done; internet sockets open: 0" in result.stdout
    said = result.stdout + result.stderr
    for personal in PERSONAL:
        assert personal not in said, personal
    # The PDFs hold the plan (asked for, and said to be unencrypted); nothing else does.
    assert PERSON in "".join(page.extract_text() for page in PdfReader(out / "plan.pdf").pages)
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == [
        "pdfs/card.pdf",
        "pdfs/plan.pdf",
        "person/.config/crisisplan/settings.json",
        "person/.config/crisisplan/window.json",  # size and place only (ui/window_memory.py)
        f"person/.local/share/crisisplan/backups/{list_backups(vault)[0].path.name}",
        "person/.local/share/crisisplan/crisisplan.vault",
    ]
    assert plaintext_hits(home) == [] and plaintext_hits(temp) == []
    assert plaintext_hits(home, PERSON) == [] and plaintext_hits(temp, PERSON) == []
    assert private(vault) == 0o600 and private(vault.parent) == 0o700
    assert list_backups(vault) and all(private(b.path) == 0o600 for b in list_backups(vault))


def test_the_gui_process_turns_core_dumps_off(tmp_path: Path) -> None:
    """A core dump of the GUI would hold the plan in plaintext: `run_gui` sets RLIMIT_CORE
    to 0 before anything is unlocked (the child starts with dumps allowed)."""
    code = (
        "import resource, sys\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_CORE)\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))\n"
        "print('before', resource.getrlimit(resource.RLIMIT_CORE))\n"
        "from crisisplan import cli\n"
        "code = cli.main(['--crisis', '--exit-when-shown', '--vault', sys.argv[1]])\n"
        "print('after', resource.getrlimit(resource.RLIMIT_CORE), code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "none.vault")],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.splitlines()
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    assert before == f"before ({hard}, {hard})" and hard != 0
    assert after == "after (0, 0) 0"


def test_markers_are_really_searched_for(tmp_path: Path) -> None:
    """The searches above can fail: a file holding the marker in UTF-16 is found."""
    (tmp_path / "x.bin").write_bytes(b"\x00" + MARKER.encode("utf-16-le") + b"\x00")
    assert plaintext_hits(tmp_path) == [tmp_path / "x.bin"]
