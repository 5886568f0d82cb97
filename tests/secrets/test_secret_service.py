"""Reading a remembered key straight from the Secret Service (secrets/secret_service.py):
only for keys stored there, the same answers and errors as keyring's backend, keyring
itself not imported — against a stand-in, then against a real GNOME Keyring."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from crisisplan.secrets import secret_service
from crisisplan.secrets.errors import KeyringTimeout, KeyStoreError
from crisisplan.secrets.keyring_store import FORMAT, SERVICE, KeyringStore
from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import update_settings
from tests.helpers import PASSPHRASE, gnome_keyring
from tests.helpers.keyrings import MemoryKeyring

KEY = bytes(range(48))
VAULT_ID = "vault-id"


class FakeItem:
    def __init__(self, secret: str, locked: bool = False) -> None:
        self.secret = secret
        self.locked = locked

    def is_locked(self) -> bool:
        return self.locked

    def unlock(self) -> bool:
        return True  # dismissed: stays locked

    def get_secret(self) -> bytes:
        return self.secret.encode()


class FakeCollection:
    def __init__(self, service: FakeSecretService) -> None:
        self.service = service

    def is_locked(self) -> bool:
        return self.service.locked

    def unlock(self) -> bool:
        self.service.unlock_prompts += 1
        return True

    def search_items(self, attributes: dict[str, str]) -> list[FakeItem]:
        self.service.searches.append(attributes)
        return [item for key, item in self.service.items.items() if dict(key) == attributes]


class FakeSecretService:
    """What `secret_service` uses of the `secretstorage` API."""

    def __init__(self) -> None:
        self.available = True
        self.locked = False
        self.unlock_prompts = 0
        self.closed = 0
        self.searches: list[dict[str, str]] = []
        self.items: dict[frozenset[tuple[str, str]], FakeItem] = {}

    def put(self, service: str, username: str, item: FakeItem) -> None:
        self.items[frozenset({"service": service, "username": username}.items())] = item

    def module(self) -> types.ModuleType:
        fake = types.ModuleType("secretstorage")
        exceptions = types.ModuleType("secretstorage.exceptions")

        class SecretStorageException(Exception):
            pass

        exceptions.SecretStorageException = SecretStorageException  # type: ignore[attr-defined]
        service = self

        class Connection:
            def close(self) -> None:
                service.closed += 1

        fake.dbus_init = Connection  # type: ignore[attr-defined]
        fake.check_service_availability = lambda _c: self.available  # type: ignore[attr-defined]
        fake.get_default_collection = lambda _c: FakeCollection(self)  # type: ignore[attr-defined]
        fake.exceptions = exceptions  # type: ignore[attr-defined]
        return fake


@pytest.fixture
def service(monkeypatch: pytest.MonkeyPatch) -> FakeSecretService:
    fake = FakeSecretService()
    module = fake.module()
    monkeypatch.setitem(sys.modules, "secretstorage", module)
    monkeypatch.setitem(sys.modules, "secretstorage.exceptions", module.exceptions)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    update_settings(keyring_backend=secret_service.BACKEND)
    return fake


def keyring_must_not_be_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_self: KeyringStore) -> Any:
        raise AssertionError("keyring was asked")

    monkeypatch.setattr(KeyringStore, "_usable", refuse)


def test_reads_the_key_without_keyring(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring_must_not_be_asked(monkeypatch)
    service.put(SERVICE, VAULT_ID, FakeItem(FORMAT + KEY.hex()))
    assert KeyringStore().get(VAULT_ID) == KEY
    assert service.searches == [{"username": VAULT_ID, "service": SERVICE}]
    assert service.closed == 1  # one connection, closed
    assert KeyringStore().get("another vault") is None


def test_a_locked_keyring_is_unlocked_or_refused_as_keyring_did(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring_must_not_be_asked(monkeypatch)
    service.put(SERVICE, VAULT_ID, FakeItem(FORMAT + KEY.hex()))
    service.locked = True  # the prompt is dismissed: it stays locked
    with pytest.raises(
        KeyStoreError, match="could not read the key.*Failed to unlock the coll"
    ) as e:
        KeyringStore().get(VAULT_ID)
    assert str(e.value).endswith("Failed to unlock the collection.")  # not "collection!."
    assert service.unlock_prompts == 1
    service.locked = False
    service.put(SERVICE, VAULT_ID, FakeItem(FORMAT + KEY.hex(), locked=True))
    with pytest.raises(KeyStoreError, match="Failed to unlock the item"):
        KeyringStore().get(VAULT_ID)


def test_no_secret_service_running_goes_to_keyring(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """keyring then refuses (or reads) as it always did, in its own words."""
    service.available = False
    backend = MemoryKeyring()
    backend.set_password(SERVICE, VAULT_ID, FORMAT + KEY.hex())
    monkeypatch.setattr(KeyringStore, "_usable", lambda _self: backend)
    assert KeyringStore().get(VAULT_ID) == KEY
    assert backend.calls == ["set", "get"]
    monkeypatch.setitem(sys.modules, "secretstorage", None)  # not installed at all
    assert KeyringStore().get(VAULT_ID) == KEY


def test_only_for_keys_stored_there(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.put(SERVICE, VAULT_ID, FakeItem(FORMAT + bytes(48).hex()))
    backend = MemoryKeyring()
    backend.set_password(SERVICE, VAULT_ID, FORMAT + KEY.hex())
    monkeypatch.setattr(KeyringStore, "_usable", lambda _self: backend)
    update_settings(keyring_backend="keyring.backends.kwallet.DBusKeyring")
    assert KeyringStore().get(VAULT_ID) == KEY
    update_settings(keyring_backend=secret_service.BACKEND)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    assert KeyringStore().get(VAULT_ID) == KEY  # the environment still decides
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    assert KeyringStore(backend).get(VAULT_ID) == KEY  # a given backend too
    assert service.searches == []


SCRIPT = r"""
import json, os, subprocess, sys
from tests.helpers.gnome_keyring import start_daemon

vault = sys.argv[1]
daemon = start_daemon()
report = {}
try:
    remember = subprocess.run(
        [sys.executable, "-m", "crisisplan", "remember", "--vault", vault, "--passphrase-stdin"],
        input=sys.argv[2] + "\n", capture_output=True, text=True, timeout=60)
    report["remember"] = remember.returncode
    for name, store in (("read", "KeyringStore()"),
                        ("read_in_child", "KeyringStore(read_in_child=True)")):
        read = subprocess.run([sys.executable, "-c", (
            "import sys, json\n"
            "from crisisplan.secrets.keyring_store import KeyringStore\n"
            f"key = {store}.get({sys.argv[3]!r})\n"
            "print(json.dumps({'key': key.hex(), 'keyring': 'keyring' in sys.modules,"
            " 'secretstorage': 'secretstorage' in sys.modules}))\n")],
            capture_output=True, text=True, timeout=60)
        report[name] = json.loads(read.stdout) if read.returncode == 0 else read.stderr
    launch = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crisisplan", "--crisis",
         "--exit-when-shown", "--vault", vault],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    report["launch"] = launch.returncode
    report["launch_messages"] = [
        line for line in launch.stderr.splitlines() if line.startswith("crisisplan:")]
    report["launch_imports"] = [
        line.rsplit("|", 1)[1].strip() for line in launch.stderr.splitlines()
        if line.startswith("import time:")]
finally:
    daemon.terminate()
    daemon.wait(10)
print(json.dumps(report))
"""


def test_real_gnome_keyring_is_read_without_keyring(tmp_path: Path) -> None:
    gnome_keyring.require()
    vault = tmp_path / "real.vault"
    Vault.create(vault, PASSPHRASE, "GB").close()
    report = gnome_keyring.run_in_session(tmp_path, SCRIPT, str(vault), PASSPHRASE, vault_id(vault))
    assert report["remember"] == 0
    key = derive_raw_key(vault, PASSPHRASE)
    assert report["read"] == {"key": key.hex(), "keyring": False, "secretstorage": True}
    # The same key through the helper process; this one imports neither.
    assert report["read_in_child"] == {"key": key.hex(), "keyring": False, "secretstorage": False}
    # The launch into the crisis view opened with the remembered key (no fallback message),
    # read by the helper: the app itself imported neither keyring nor secretstorage.
    assert report["launch"] == 0
    assert report["launch_messages"] == []
    imported = set(report["launch_imports"])
    assert not imported & {"keyring", "keyring.core", "jaraco.context", "urllib.request"}
    assert not imported & {"secretstorage", "jeepney", "cryptography"}


# --- read by a helper process (get_password_in_child), as the app's launch does ---------

NO_BUS = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/crisisplan-test-bus"}


def ask_child(tmp_path: Path, request: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        secret_service._child_command(), input=request, capture_output=True, text=True,
        timeout=60, cwd=tmp_path, env={**os.environ, **NO_BUS, **(env or {})},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_helper_answers_one_json_line_and_takes_nothing_on_its_command_line(
    tmp_path: Path,
) -> None:
    command = secret_service._child_command()
    assert VAULT_ID not in " ".join(command) and "-I" in command  # isolated: no cwd, no env
    said = json.loads(ask_child(tmp_path, json.dumps({"service": SERVICE, "username": VAULT_ID})))
    assert said["kind"] == "unreachable", said  # no session bus here
    assert "No module named" not in said["message"]  # secretstorage was there to try


def test_the_helper_ignores_modules_planted_where_it_starts(tmp_path: Path) -> None:
    """Started in isolated mode: a secretstorage.py in the working folder is not run."""
    marker = tmp_path / "planted-ran"
    (tmp_path / "secretstorage.py").write_text(
        f"open({str(marker)!r}, 'w').close()\nraise SystemExit(9)\n", "utf-8"
    )
    said = json.loads(ask_child(tmp_path, json.dumps({"service": SERVICE, "username": "x"}),
                                {"PYTHONPATH": str(tmp_path)}))  # fmt: skip
    assert said["kind"] == "unreachable"
    assert not marker.exists()


def test_the_helper_refuses_a_request_it_cannot_read(tmp_path: Path) -> None:
    done = subprocess.run(secret_service._child_command(), input="not json\n",
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""


def test_in_a_helper_no_secret_service_goes_to_keyring_as_before(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No bus for the helper: keyring is asked, in its own words, as on a thread."""
    for name, value in NO_BUS.items():
        monkeypatch.setenv(name, value)
    backend = MemoryKeyring()
    backend.set_password(SERVICE, VAULT_ID, FORMAT + KEY.hex())
    monkeypatch.setattr(KeyringStore, "_usable", lambda _self: backend)
    assert KeyringStore(read_in_child=True).get(VAULT_ID) == KEY
    assert service.searches == []  # the in-process reader was not used


@pytest.mark.parametrize(
    "command",
    [["/nonexistent/python"], [sys.executable, "-c", "print('nonsense')"],
     [sys.executable, "-c", "import os; os.abort()"]],
    ids=["cannot start", "nonsense", "crashes"],
)  # fmt: skip
def test_a_helper_that_fails_means_reading_here_as_before(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    keyring_must_not_be_asked(monkeypatch)
    monkeypatch.setattr(secret_service, "_child_command", lambda: command)
    service.put(SERVICE, VAULT_ID, FakeItem(FORMAT + KEY.hex()))
    assert KeyringStore(read_in_child=True).get(VAULT_ID) == KEY
    assert service.searches == [{"username": VAULT_ID, "service": SERVICE}]


@pytest.mark.parametrize(
    ("answer", "error"),
    [({"kind": "locked", "message": "Failed to unlock the collection!"}, "Failed to unlock the"),
     ({"kind": "failed", "message": "bad reply"}, "could not read the key.*bad reply")],
)  # fmt: skip
def test_the_helpers_errors_are_the_same_sentences(
    service: FakeSecretService, monkeypatch: pytest.MonkeyPatch, answer: dict[str, str],
    error: str,
) -> None:  # fmt: skip
    keyring_must_not_be_asked(monkeypatch)
    line = json.dumps(answer)
    monkeypatch.setattr(
        secret_service, "_child_command", lambda: [sys.executable, "-c", f"print({line!r})"]
    )
    with pytest.raises(KeyStoreError, match=error):
        KeyringStore(read_in_child=True).get(VAULT_ID)


def test_a_helper_that_hangs_is_killed_when_the_time_is_up(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pid_file = tmp_path / "pid"
    code = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    monkeypatch.setattr(secret_service, "_child_command", lambda: [sys.executable, "-c", code])
    with pytest.raises(KeyringTimeout):
        secret_service.get_password_in_child(SERVICE, VAULT_ID, timeout=1.0)
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped: no helper left behind


def test_a_bus_address_left_behind_is_no_secret_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """DBUS_SESSION_BUS_ADDRESS naming a socket that is gone (an old session): keyring is
    asked, which says the Secret Service cannot be reached — not "could not read"."""
    for name, value in NO_BUS.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(secret_service.Unreachable):
        secret_service.get_password(SERVICE, VAULT_ID)


def test_the_frozen_app_uses_its_helper_program(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = tmp_path / "crisisplan"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app))
    assert secret_service._child_command() == [str(app), secret_service.CHILD_FLAG]
    helper = tmp_path / secret_service.HELPER_PROGRAM
    helper.write_bytes(b"")
    assert secret_service._child_command() == [str(helper)]
