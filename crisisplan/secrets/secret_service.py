"""Reading a remembered key straight from the Secret Service (GNOME Keyring, KeePassXC,
KWallet's Secret Service) with `secretstorage`, for the launch into the crisis view.

`keyring` takes ~65 ms to import (it pulls in jaraco.context, urllib.request, http.client,
ssl and importlib_metadata) and its Secret Service backend opens three D-Bus connections
for one read (two availability probes, then the read). `secretstorage` — which that
backend uses underneath, and which is installed with it — takes ~15 ms and needs one
connection. That is the whole difference: the same calls in the same order as
`keyring.backends.SecretService.Keyring.get_password` (default collection, unlock it if
locked, search by service and username, unlock the item, read it over an encrypted
session), the same item, the same errors.

Used only for *reading*, and only when the key was stored in that backend
(`Settings.keyring_backend`, recorded by `KeyringStore.record_backend` after a backend
passed `keyring_store.refusal`). Storing, forgetting and every other backend go through
`keyring`. When the Secret Service cannot be reached at all, `Unreachable` is raised and
the caller asks `keyring`, which says why in the words it always used.

**In a process of its own** (`get_password_in_child`, used when the app opens with a
remembered key): importing secretstorage, jeepney and cryptography and one encrypted
read is ~45 ms of Python. On a thread it holds the GIL against Qt loading and the window
being built, and the launch waited for the sum of both (docs/benchmarks.md). A helper
process (`child_main`, started in isolated mode `-I`; in the frozen app the bundle's
`HELPER_PROGRAM`, or the app itself with `CHILD_FLAG`) does the same read on another
core and answers through a pipe: the request (service and vault id) on its stdin, one
JSON line on its stdout, nothing on its command line, its core dumps off like ours. It
never outlives the launch: it is killed when the caller's time is up, and ends by itself
after `CHILD_DEADLINE_S`.
If it cannot be started or answers nonsense, the read happens here as before.
"""

from __future__ import annotations

import json
import sys
from contextlib import closing
from pathlib import Path

BACKEND = "keyring.backends.SecretService.Keyring"
CHILD_FLAG = "--read-secret-service"  # the frozen app's launcher runs `child_main` on it
HELPER_PROGRAM = "crisisplan-keyring-helper"  # the frozen app's own helper (Linux)
CHILD_DEADLINE_S = 30  # the helper's own end, should its parent be gone


class Unreachable(Exception):
    """No Secret Service to ask (not installed, no session bus, no daemon)."""


class Locked(Exception):
    """The keyring stayed locked: its unlock prompt was dismissed."""


def get_password(service: str, username: str) -> str | None:
    """The secret stored under `service` and `username` (keyring's default attribute
    scheme), or None. May block behind an unlock prompt: call with a timeout."""
    try:
        import secretstorage
        from secretstorage.exceptions import SecretStorageException
    except ImportError as error:  # keyring would refuse the backend the same way
        raise Unreachable(str(error)) from None
    try:
        connection = secretstorage.dbus_init()
    except (SecretStorageException, OSError) as error:  # OSError: a bus address left behind
        raise Unreachable(str(error)) from None
    with closing(connection):
        try:
            available = secretstorage.check_service_availability(connection)
        except Exception as error:  # the bus itself misbehaves: let keyring say it
            raise Unreachable(str(error)) from None
        if not available:
            raise Unreachable("no Secret Service daemon is running or activatable")
        collection = secretstorage.get_default_collection(connection)
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():
                raise Locked("Failed to unlock the collection!")
        for item in collection.search_items({"username": username, "service": service}):
            if item.is_locked():
                item.unlock()
                if item.is_locked():
                    raise Locked("Failed to unlock the item!")
            secret: bytes = item.get_secret()
            return secret.decode("utf-8")
    return None


class ChildFailed(Exception):
    """The helper process read nothing useful (it crashed, or answered nonsense)."""


def _child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # PyInstaller: the bundle's helper program, or the
        helper = Path(sys.executable).with_name(HELPER_PROGRAM)  # app itself (launcher.py)
        return [str(helper)] if helper.is_file() else [sys.executable, CHILD_FLAG]
    root = str(Path(__file__).resolve().parents[2])  # where this crisisplan package is
    code = (
        f"import sys; sys.path.insert(0, {root!r}); "
        "from crisisplan.secrets.secret_service import child_main; "
        "raise SystemExit(child_main())"
    )
    return [sys.executable, "-I", "-c", code]


def get_password_in_child(service: str, username: str, timeout: float) -> str | None:
    """`get_password`, read by a helper process (see the module's docstring); the same
    answers and errors. After `timeout` seconds the helper is killed and `KeyringTimeout`
    raised (the caller's own, shorter timeout has then long given up)."""
    import subprocess

    from crisisplan.secrets.errors import KeyringTimeout

    request = json.dumps({"service": service, "username": username}) + "\n"
    try:
        done = subprocess.run(
            _child_command(),
            input=request.encode(),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed it
        raise KeyringTimeout(timeout) from None
    except OSError:  # no helper here (no interpreter to start): read it ourselves
        return get_password(service, username)
    try:
        return _answer(done.stdout)
    except ChildFailed:
        return get_password(service, username)


def _answer(output: bytes) -> str | None:
    try:
        answer = json.loads(output.decode("utf-8").strip().splitlines()[-1])
        kind, message = answer["kind"], str(answer.get("message", ""))
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        raise ChildFailed from None
    if kind == "found":
        return str(answer["secret"])
    if kind == "none":
        return None
    if kind == "unreachable":
        raise Unreachable(message)
    if kind == "locked":
        raise Locked(message)
    if kind == "failed":
        raise RuntimeError(message)  # KeyringStore says "could not read the key: …"
    raise ChildFailed


def child_main() -> int:
    """The helper's side: one request on stdin, one JSON answer on stdout."""
    from crisisplan.secrets.coredumps import disable_core_dumps

    disable_core_dumps()  # the key passes through this process too
    if sys.platform != "win32":
        import signal

        signal.alarm(CHILD_DEADLINE_S)  # SIGALRM ends it, prompt or not
    try:
        request = json.loads(sys.stdin.readline())
        service, username = str(request["service"]), str(request["username"])
    except (ValueError, KeyError, TypeError):
        return 2
    answer: dict[str, str]
    try:
        secret = get_password(service, username)
        answer = {"kind": "none"} if secret is None else {"kind": "found", "secret": secret}
    except Unreachable as error:
        answer = {"kind": "unreachable", "message": str(error)}
    except Locked as error:
        answer = {"kind": "locked", "message": str(error)}
    except Exception as error:  # the D-Bus reply itself went wrong: say what
        answer = {"kind": "failed", "message": str(error) or type(error).__name__}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
    return 0
