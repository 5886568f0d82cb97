"""`remember`, `forget`, `passwd` and the remembered key in every command and the app, as
real processes with a file-backed test keyring (tests/helpers/keyrings.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import load_settings
from tests.helpers import PASSPHRASE
from tests.helpers.keyrings import reads_log

ROOT = Path(__file__).resolve().parent.parent
NEW = "a new and longer passphrase"


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    return tmp_path / "test-keyring.json"


def run(
    *args: str,
    stdin: str = "",
    keyring_file: Path | None = None,
    backend: str = "tests.helpers.keyrings.FileKeyring",
    delay: float = 0.0,
    app: bool = False,
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(
        LANG="C.UTF-8",
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND=backend,
        CRISISPLAN_TEST_KEYRING=str(keyring_file or "/nonexistent/keyring.json"),
        CRISISPLAN_TEST_KEYRING_DELAY=str(delay),
    )
    if app:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "crisisplan", *args],
        input=stdin, capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    return path


def remembered(vault: Path, keyring_file: Path) -> None:
    result = run("remember", "--vault", str(vault), "--passphrase-stdin",
                 stdin=PASSPHRASE + "\n", keyring_file=keyring_file)  # fmt: skip
    assert result.returncode == 0, result.stderr


def entries(keyring_file: Path) -> dict[str, str]:
    if not keyring_file.exists():
        return {}
    data: dict[str, str] = json.loads(keyring_file.read_text("utf-8"))
    return data


def test_help_lists_the_keyring_commands() -> None:
    result = run("--help")
    for word in ("remember", "forget", "passwd", "6 keyring problem"):
        assert word in result.stdout
    for command in ("remember", "forget", "passwd"):
        sub = run(command, "--help")
        assert (
            sub.returncode == 0 and "--vault" in sub.stdout and "--passphrase-stdin" in sub.stdout
        )


def test_remember_now_forget(vault: Path, keyring_file: Path) -> None:
    result = run("remember", "--vault", str(vault), "--passphrase-stdin",
                 stdin=PASSPHRASE + "\n", keyring_file=keyring_file)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Anyone who can use your account" in result.stderr
    key = derive_raw_key(vault, PASSPHRASE)
    assert entries(keyring_file) == {f"crisisplan/{vault_id(vault)}": "v1:" + key.hex()}
    assert PASSPHRASE not in keyring_file.read_text("utf-8")
    assert load_settings().remembered_vaults == (vault_id(vault),)

    # No passphrase, no terminal: the remembered key opens it, for every command.
    now = run("now", "--vault", str(vault), keyring_file=keyring_file)
    assert now.returncode == 0, now.stderr
    assert "Emergency number (GB): 999" in now.stdout and now.stderr == ""
    out = vault.parent / "out.json"
    export = run("export", str(out), "--vault", str(vault), keyring_file=keyring_file)
    assert export.returncode == 0, export.stderr
    assert json.loads(out.read_text("utf-8"))["region"] == "GB"

    forgot = run("forget", "--vault", str(vault), keyring_file=keyring_file)
    assert forgot.returncode == 0, forgot.stderr
    assert entries(keyring_file) == {} and load_settings().remembered_vaults == ()
    asks = run("now", "--vault", str(vault), keyring_file=keyring_file)
    assert asks.returncode == 2 and "no terminal" in asks.stderr
    assert run("forget", "--vault", str(vault), keyring_file=keyring_file).returncode == 0


def test_remember_with_a_wrong_passphrase_stores_nothing(vault: Path, keyring_file: Path) -> None:
    result = run("remember", "--vault", str(vault), "--passphrase-stdin",
                 stdin="wrong passphrase\n", keyring_file=keyring_file)  # fmt: skip
    assert result.returncode == 3, result.stderr
    assert entries(keyring_file) == {} and load_settings().remembered_vaults == ()


@pytest.mark.parametrize(
    ("backend", "words"),
    [
        ("keyring.backends.null.Keyring", "switched off"),
        ("keyring.backends.fail.Keyring", "no keyring on this computer"),
    ],
)
def test_remember_refuses_unsafe_keyrings_before_asking(
    vault: Path, backend: str, words: str
) -> None:
    result = run("remember", "--vault", str(vault), backend=backend)  # no passphrase given
    assert result.returncode == 6, result.stderr
    assert result.stderr.startswith("crisisplan: ") and words in result.stderr
    assert "Traceback" not in result.stderr
    assert load_settings().remembered_vaults == ()


def test_a_hanging_keyring_falls_back_to_the_prompt_in_time(
    vault: Path, keyring_file: Path
) -> None:
    remembered(vault, keyring_file)
    started = time.monotonic()
    result = run("now", "--vault", str(vault), keyring_file=keyring_file, delay=20)
    elapsed = time.monotonic() - started
    assert result.returncode == 2  # then asked for the passphrase: no terminal here
    assert "did not answer within 3 seconds" in result.stderr
    assert "no terminal" in result.stderr
    assert elapsed < 10, elapsed


def test_passphrase_stdin_never_consults_the_keyring(vault: Path, keyring_file: Path) -> None:
    remembered(vault, keyring_file)
    reads_log(keyring_file).unlink()
    result = run("now", "--vault", str(vault), "--passphrase-stdin", stdin=PASSPHRASE + "\n",
                 keyring_file=keyring_file)  # fmt: skip
    assert result.returncode == 0, result.stderr
    app = run("--crisis", "--exit-when-shown", "--vault", str(vault), "--passphrase-stdin",
              stdin=PASSPHRASE + "\n", keyring_file=keyring_file, app=True)  # fmt: skip
    assert app.returncode == 0, app.stderr
    assert not reads_log(keyring_file).exists()
    # Without it, the keyring is asked.
    assert run("now", "--vault", str(vault), keyring_file=keyring_file).returncode == 0
    assert reads_log(keyring_file).read_text("utf-8") == f"crisisplan/{vault_id(vault)}\n"


def test_a_stale_key_says_so_and_asks(vault: Path, keyring_file: Path) -> None:
    remembered(vault, keyring_file)
    name = f"crisisplan/{vault_id(vault)}"
    stale = "v1:" + derive_raw_key(vault, "an old passphrase").hex()
    keyring_file.write_text(json.dumps({name: stale}), "utf-8")
    result = run("now", "--vault", str(vault), keyring_file=keyring_file)
    assert result.returncode == 2
    assert "no longer opens your plan" in result.stderr
    assert entries(keyring_file) == {name: stale}  # left for the person to decide


def test_passwd_changes_the_passphrase_and_the_remembered_key(
    vault: Path, keyring_file: Path
) -> None:
    remembered(vault, keyring_file)
    result = run("passwd", "--vault", str(vault), "--passphrase-stdin",
                 stdin=f"{PASSPHRASE}\n{NEW}\n", keyring_file=keyring_file)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Changed the passphrase" in result.stderr and "Backups made before" in result.stderr
    old = run("now", "--vault", str(vault), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert old.returncode == 3
    new = run("now", "--vault", str(vault), "--passphrase-stdin", stdin=NEW + "\n")
    assert new.returncode == 0, new.stderr
    key = derive_raw_key(vault, NEW)
    assert entries(keyring_file) == {f"crisisplan/{vault_id(vault)}": "v1:" + key.hex()}
    without = run("now", "--vault", str(vault), keyring_file=keyring_file)
    assert without.returncode == 0, without.stderr


@pytest.mark.parametrize(
    ("stdin", "code", "words"),
    [
        (f"wrong passphrase\n{NEW}\n", 3, "does not open"),
        (f"{PASSPHRASE}\n", 2, "line 2 of standard input"),
        (f"{PASSPHRASE}\nshort\n", 2, "too weak"),
        (f"{PASSPHRASE}\n{PASSPHRASE}\n", 2, "same as the current"),
    ],
    ids=["wrong-current", "no-new", "weak-new", "same"],
)
def test_passwd_refusals_change_nothing(vault: Path, stdin: str, code: int, words: str) -> None:
    before = vault.read_bytes()
    result = run("passwd", "--vault", str(vault), "--passphrase-stdin", stdin=stdin)
    assert result.returncode == code, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert vault.read_bytes() == before


def test_passwd_needs_a_terminal_or_stdin(vault: Path) -> None:
    result = run("passwd", "--vault", str(vault))
    assert result.returncode == 2 and "no terminal" in result.stderr


def test_the_app_opens_the_crisis_view_with_the_remembered_key(
    vault: Path, keyring_file: Path
) -> None:
    remembered(vault, keyring_file)
    result = run("--crisis", "--exit-when-shown", "--vault", str(vault),
                 keyring_file=keyring_file, app=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    # No fallback sentence (only Qt's offscreen-plugin notes): the person's own plan was shown.
    assert "crisisplan:" not in result.stderr and "Traceback" not in result.stderr


def test_the_app_falls_back_when_the_keyring_hangs(vault: Path, keyring_file: Path) -> None:
    remembered(vault, keyring_file)
    started = time.monotonic()
    result = run("--crisis", "--exit-when-shown", "--vault", str(vault),
                 keyring_file=keyring_file, delay=30, app=True)  # fmt: skip
    assert result.returncode == 0, result.stderr  # the crisis lines were shown all the same
    assert "did not answer within 3 seconds" in result.stderr
    assert time.monotonic() - started < 15


def test_forget_with_a_hanging_keyring_stops_using_the_key(vault: Path, keyring_file: Path) -> None:
    remembered(vault, keyring_file)
    result = run("forget", "--vault", str(vault), keyring_file=keyring_file, delay=20)
    assert result.returncode == 6, result.stderr
    assert "did not answer" in result.stderr and "may still be in the keyring" in result.stderr
    assert load_settings().remembered_vaults == ()
    asks = run("now", "--vault", str(vault), keyring_file=keyring_file)
    assert asks.returncode == 2 and "no terminal" in asks.stderr  # the key is not used
