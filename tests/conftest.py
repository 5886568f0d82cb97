"""Fixtures shared by every test: each test gets its own folders, never the real ones."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisisplan.core import interchange
from crisisplan.core.model import PlanDocument
from crisisplan.resources import resource_path
from tests.helpers.keyrings import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def core_dumps_left_to_child_processes() -> None:
    """Keep in-process calls of `cli.main` from turning core dumps off in pytest itself.

    `disable_core_dumps()` lowers the *hard* RLIMIT_CORE to 0, which a process without
    CAP_SYS_RESOURCE (this sandbox's root, many CI runners) can never raise again; every
    later child would inherit it, and the tests that start a child with core files allowed
    (tests/secrets/test_core_dumps.py, tests/test_privacy_app.py) could no longer prove
    anything. The behaviour itself is tested in those child processes.
    """
    from crisisplan.secrets import coredumps

    coredumps._done = True


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every per-user folder (data, config, cache, state) into tmp_path."""
    home = tmp_path / "home"
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(folder))
    # $XDG_RUNTIME_DIR: private (0700), as in a real session, and short enough for a
    # Unix socket path (tmp_path is not).
    runtime = tempfile.mkdtemp(prefix="cp-run-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", runtime)
    yield home
    shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture
def example_document() -> PlanDocument:
    """The fictional example plan shipped in resources/."""
    return interchange.loads(resource_path("example_plan.json").read_bytes())


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vaults" / "test.vault"


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """An in-memory keyring in place of the OS one (restored afterwards), and keyring
    timeouts short enough for tests."""
    import keyring.core

    from crisisplan.secrets import background

    backend = MemoryKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    # Set, so that crisisplan asks keyring (which answers with `backend`) rather than load
    # the backend it recorded when remembering (secrets/keyring_store.py).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.helpers.keyrings.MemoryKeyring")
    monkeypatch.setattr(background, "TIMEOUT_S", 0.5)
    yield backend


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run with a reason (exit 1), where it would pass and then die of SIGSEGV.

    A QMimeData made in Python and left on the clipboard is destroyed by Qt's C++ statics
    (offscreen platform) after the interpreter is gone: the process exits 139 after "all
    passed" (tests/ui/test_clipboard.py). crisisplan.ui.clipboard hands its copies back
    at exit; anything else that set one must clear it before the test ends.
    """
    if "PySide6.QtWidgets" not in sys.modules:
        return  # no Qt in this run
    from PySide6.QtGui import QGuiApplication
    from shiboken6 import createdByPython

    from crisisplan.ui import clipboard

    if QGuiApplication.instance() is None:
        return
    mime = QGuiApplication.clipboard().mimeData()
    if mime is not None and createdByPython(mime) and mime is not clipboard._handed:
        sys.stderr.write(
            "\ncrisisplan tests: a QMimeData made in Python was left on the clipboard; "
            "Qt would delete it after Python exits and the run would end in SIGSEGV. "
            "Clear the clipboard at the end of the test that set it.\n"
        )
        QGuiApplication.clipboard().clear()  # so the run ends with this sentence, not 139
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
