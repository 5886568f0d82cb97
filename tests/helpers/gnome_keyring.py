"""A real Secret Service for tests: GNOME Keyring on a private D-Bus session.

`run_in_session` (in the test) runs a script under `dbus-run-session`, in a throwaway
HOME, and returns the JSON object the script prints last. `start_daemon` (in that
script) starts `gnome-keyring-daemon --unlock` and waits until it owns the Secret
Service's name, so that no other daemon is D-Bus-activated in its place. Needs the Debian
packages gnome-keyring, dbus and dbus-x11 (the Makefile installs them); in CI a missing
tool fails the test instead of skipping it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "dbus-send")


def require(*more_tools: str) -> None:
    """Skip (fail in CI) unless the tools for a real Secret Service are here."""
    missing = [tool for tool in (*TOOLS, *more_tools) if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test a real Secret Service; missing: {missing}")
        pytest.skip(f"no real Secret Service to test against (missing {missing}); "
                    "`make test` installs gnome-keyring dbus dbus-x11 libsecret-tools")  # fmt: skip


def start_daemon() -> subprocess.Popen[bytes]:
    """gnome-keyring-daemon, unlocked, owning org.freedesktop.secrets on this session."""
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert daemon.stdin is not None
    daemon.stdin.write(b"login keyring password for the test")
    daemon.stdin.close()
    for _ in range(200):
        owner = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
             "string:org.freedesktop.secrets"], capture_output=True, text=True, check=False,
        )  # fmt: skip
        if "boolean true" in owner.stdout:
            break
        time.sleep(0.05)
    return daemon


def run_in_session(tmp_path: Path, script: str, *args: str, **env: str) -> dict[str, Any]:
    """Run `script` (Python source) with `args` in a private session; its last line of
    output, as JSON. The XDG_* data/config folders stay the test's own (tests/conftest.py)."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DBUS_", "PYTHON_KEYRING", "DISPLAY", "WAYLAND", "LC_"))
    }
    environ.update(HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR=str(runtime),
                   PYTHONPATH=str(ROOT), **env)  # fmt: skip
    path = tmp_path / "in_session.py"
    path.write_text(script, "utf-8")
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(path), *args],
        capture_output=True, text=True, timeout=180, env=environ, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
