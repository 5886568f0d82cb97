"""Keyring backends for tests: in memory, in a file (for subprocesses), and ones that
misbehave as real keyrings do (hang, stay locked).

In a subprocess: `PYTHON_KEYRING_BACKEND=tests.helpers.keyrings.FileKeyring` with
`CRISISPLAN_TEST_KEYRING` naming the JSON file (and `CRISISPLAN_TEST_KEYRING_DELAY`
seconds of delay before each read, to imitate a keyring waiting behind an unlock prompt).
The file is a test fixture, never a way to store real keys: crisisplan itself refuses
anything but a real keyring.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything with the process."""

    priority = 1.0

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError("No such password!")


class BlockingKeyring(MemoryKeyring):
    """Every call waits until `release()` — a keyring stuck behind an unlock prompt."""

    def __init__(self) -> None:
        super().__init__()
        self.released = threading.Event()

    def release(self) -> None:
        self.released.set()

    def get_password(self, service: str, username: str) -> str | None:
        self.released.wait(30)
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self.released.wait(30)
        super().set_password(service, username, password)


class LockedKeyring(MemoryKeyring):
    """A keyring whose unlock prompt was dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("Failed to unlock the collection!")

    set_password = delete_password = get_password  # type: ignore[assignment]


class ExplodingKeyring(MemoryKeyring):
    """Fails the test if anything asks it: proves the keyring was not consulted."""

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("the keyring was consulted")

    set_password = delete_password = get_password  # type: ignore[assignment]


class ForgetfulKeyring(MemoryKeyring):
    """Says it stored the key, and did not."""

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")


def reads_log(keyring_file: Path) -> Path:
    """Where FileKeyring notes each read."""
    return keyring_file.with_name(keyring_file.name + ".reads")


class FileKeyring(KeyringBackend):
    """A keyring shared by processes through a JSON file (tests only)."""

    priority = 1.0

    @staticmethod
    def _path() -> Path:
        return Path(os.environ["CRISISPLAN_TEST_KEYRING"])

    def _load(self) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self._path().read_text("utf-8"))
        except FileNotFoundError:
            data = {}
        return data

    def get_password(self, service: str, username: str) -> str | None:
        with reads_log(self._path()).open("a", encoding="utf-8") as log:
            log.write(f"{service}/{username}\n")  # so that tests can tell it was asked
        time.sleep(float(os.environ.get("CRISISPLAN_TEST_KEYRING_DELAY", "0")))
        value = self._load().get(f"{service}/{username}")
        return str(value) if value is not None else None

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}/{username}"] = password
        self._path().write_text(json.dumps(data), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError("No such password!")
        self._path().write_text(json.dumps(data), "utf-8")


# Defining a backend registers it with keyring, which would then offer it (priority 1, above
# `fail`) to any code in this process that lets keyring choose. Tests choose explicitly.
KeyringBackend._classes.difference_update(
    {MemoryKeyring, BlockingKeyring, LockedKeyring, ExplodingKeyring, ForgetfulKeyring, FileKeyring}
)
