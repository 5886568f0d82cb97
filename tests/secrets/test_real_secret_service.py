"""The real thing: GNOME Keyring's Secret Service on a private D-Bus session.

`dbus-run-session` starts a session bus that ends with the script; the script starts
`gnome-keyring-daemon --unlock` (its login password on stdin), then runs
`crisisplan remember`, `crisisplan now` with no passphrase, and `crisisplan forget` with
keyring's own choice of backend — which must be SecretService. `secret-tool` (libsecret)
reads the item independently. Needs the Debian packages gnome-keyring, dbus,
dbus-x11 and libsecret-tools (the Makefile installs them); in CI a missing tool fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import load_settings
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent.parent
TOOLS = ("dbus-run-session", "gnome-keyring-daemon", "secret-tool", "dbus-send")

SCRIPT = r"""
import json, os, subprocess, sys, time

vault = sys.argv[1]
daemon = subprocess.Popen(
    ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
daemon.stdin.write(b"login keyring password for the test")
daemon.stdin.close()
report = {}
try:
    for _ in range(200):  # wait until it owns the name (no D-Bus activation of another)
        owner = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
             "string:org.freedesktop.secrets"], capture_output=True, text=True)
        if "boolean true" in owner.stdout:
            break
        time.sleep(0.05)

    def crisisplan(*args, stdin=""):
        done = subprocess.run([sys.executable, "-m", "crisisplan", *args, "--vault", vault],
                              input=stdin, capture_output=True, text=True, timeout=60)
        return {"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    report["backend"] = subprocess.run(
        [sys.executable, "-c", "import keyring; print(type(keyring.get_keyring()).__module__)"],
        capture_output=True, text=True).stdout.strip()
    report["remember"] = crisisplan("remember", "--passphrase-stdin", stdin=sys.argv[2] + "\n")
    report["lookup"] = subprocess.run(
        ["secret-tool", "lookup", "service", "crisisplan", "username", sys.argv[3]],
        capture_output=True, text=True).stdout
    report["now"] = crisisplan("now")
    report["forget"] = crisisplan("forget")
    report["lookup_after"] = subprocess.run(
        ["secret-tool", "lookup", "service", "crisisplan", "username", sys.argv[3]],
        capture_output=True, text=True).stdout
    report["now_after"] = crisisplan("now")
finally:
    daemon.terminate()
    daemon.wait(10)
print(json.dumps(report))
"""


def test_remember_now_forget_with_gnome_keyring(tmp_path: Path) -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test a real Secret Service; missing: {missing}")
        pytest.skip(f"no real Secret Service to test against (missing {missing}); "
                    "`make test` installs gnome-keyring dbus dbus-x11 libsecret-tools")  # fmt: skip
    vault = tmp_path / "real.vault"
    Vault.create(vault, PASSPHRASE, "GB").close()
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DBUS_", "PYTHON_KEYRING", "DISPLAY", "WAYLAND", "LC_"))
    }
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(ROOT),
        LANG="C.UTF-8",
    )  # the XDG_* data/config folders stay the test's own (see tests/conftest.py)
    script = tmp_path / "secret_service.py"
    script.write_text(SCRIPT, "utf-8")
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(script), str(vault), PASSPHRASE,
         vault_id(vault)],
        capture_output=True, text=True, timeout=180, env=env, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["backend"] == "keyring.backends.SecretService"
    assert report["remember"]["code"] == 0, report["remember"]["stderr"]
    assert "(Secret Service: GNOME Keyring" in report["remember"]["stderr"]
    assert report["lookup"] == "v1:" + derive_raw_key(vault, PASSPHRASE).hex()
    assert load_settings().keyring_backend == "keyring.backends.SecretService.Keyring"
    assert PASSPHRASE not in report["lookup"]
    assert report["now"]["code"] == 0, report["now"]["stderr"]
    assert "Emergency number (GB): 999" in report["now"]["stdout"]
    assert report["forget"]["code"] == 0, report["forget"]["stderr"]
    assert report["lookup_after"] == ""
    assert report["now_after"]["code"] == 2 and "no terminal" in report["now_after"]["stderr"]
