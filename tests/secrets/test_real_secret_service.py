"""The real thing: GNOME Keyring's Secret Service on a private D-Bus session.

`dbus-run-session` starts a session bus that ends with the script; the script starts
`gnome-keyring-daemon --unlock` (its login password on stdin), then runs
`crisisplan remember`, `crisisplan now` with no passphrase, and `crisisplan forget` with
keyring's own choice of backend — which must be SecretService. `secret-tool` (libsecret)
reads the item independently. Needs the Debian packages gnome-keyring, dbus,
dbus-x11 and libsecret-tools (the Makefile installs them); in CI a missing tool fails.
"""

from __future__ import annotations

from pathlib import Path

from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import load_settings
from tests.helpers import PASSPHRASE, gnome_keyring

SCRIPT = r"""
import json, subprocess, sys
from tests.helpers.gnome_keyring import start_daemon

vault = sys.argv[1]
daemon = start_daemon()
report = {}
try:
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
    gnome_keyring.require("secret-tool")
    vault = tmp_path / "real.vault"
    Vault.create(vault, PASSPHRASE, "GB").close()
    report = gnome_keyring.run_in_session(
        tmp_path, SCRIPT, str(vault), PASSPHRASE, vault_id(vault), LANG="C.UTF-8"
    )

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
