"""The command line's rough edges, each as a person meets it: a closed pipe, Ctrl+D at the
prompt, a missing folder, a plan file given as the vault, help that says what is true."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisplan import cli
from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE
from tests.test_cli import assert_one_sentence, run


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    assert run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin").returncode == 0
    return path


def in_a_terminal(*args: str, typed: bytes = b"", timeout: float = 30) -> tuple[int, str]:
    """Run crisisplan with a real terminal as stdin, stdout and stderr; type `typed`."""
    pid, master = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
        env["LANG"] = "C.UTF-8"
        os.execve(sys.executable, [sys.executable, "-m", "crisisplan", *args], env)
    output = b""
    deadline = time.monotonic() + timeout
    sent = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            if not sent and b"Passphrase" in output and typed:
                os.write(master, typed)
                sent = True
        else:  # still waiting (for a passphrase nobody types): stop it, and fail
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(master)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def test_a_reader_that_goes_away_ends_quietly(vault: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "crisisplan", "now", "--vault", str(vault), "--passphrase-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()  # like `| head -3` having read its lines and gone
    _, stderr = process.communicate((PASSPHRASE + "\n").encode(), timeout=60)
    assert process.returncode == cli.EXIT_OUTPUT_CLOSED
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


def test_ctrl_d_at_the_passphrase_prompt_is_a_sentence(vault: Path) -> None:
    code, output = in_a_terminal("now", "--vault", str(vault), typed=b"\x04")
    assert code == cli.EXIT_USAGE, output
    assert "No passphrase was typed; nothing was changed." in output
    assert "Traceback" not in output and "EOFError" not in output


def test_pdf_to_a_terminal_is_refused(vault: Path) -> None:
    code, output = in_a_terminal("pdf", "plan", "-", "--vault", str(vault))
    assert code == cli.EXIT_USAGE, output
    assert "A PDF is not for reading in a terminal" in output
    assert "%PDF" not in output
    assert "Passphrase" not in output  # refused before asking


def test_backups_takes_passphrase_stdin_like_every_command(vault: Path) -> None:
    result = run("backups", "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert "There are no backups" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("pdf", "plan", "{out}"),
        ("pdf", "card", "{out}"),
        ("export", "{out}"),
        ("backup", "--to", "{out}"),
    ],
    ids=" ".join,
)
def test_a_missing_output_folder_is_one_sentence_and_exit_2(
    vault: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "no such folder" / "file"
    args = [part.format(out=out) for part in command]
    result = run(*args, "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 2, f"There is no folder {out.parent} to write file into.")


def test_a_plan_file_given_as_the_vault_is_named_as_such(tmp_path: Path) -> None:
    plan = resource_path("example_plan.json")
    result = run("now", "--vault", str(plan), "--passphrase-stdin")
    assert_one_sentence(result, 5, f"{plan} is a plan file (JSON), not a vault.")
    assert f"crisisplan import {plan}" in result.stderr
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', "utf-8")
    result = run("now", "--vault", str(other), "--passphrase-stdin")
    assert_one_sentence(result, 5, "is a JSON text file, not a crisisplan vault")


def test_a_real_vault_starting_with_a_brace_byte_is_still_opened(vault: Path) -> None:
    """Only text is taken for JSON: an encrypted vault is never valid UTF-8 for long."""
    data = bytearray(vault.read_bytes())
    assert not cli._is_utf8(bytes(data[:4096]))


def test_help_says_what_is_true() -> None:
    card = run("pdf", "card", "--help", stdin="").stdout
    assert "100 %" in card and "%%" not in card
    backup = run("backup", "--help", stdin="").stdout
    assert "even after you change it" not in backup
    assert "still needs the old one" in " ".join(backup.split())
    main = run("--help", stdin="").stdout
    assert "1 unexpected error" in main and "141 output closed early" in " ".join(main.split())


def test_remember_names_the_keyring_in_words() -> None:
    words = cli._keyring_words("keyring.backends.SecretService.Keyring")
    assert "keyring.backends" not in words and "GNOME Keyring" in words
    assert cli._keyring_words("keyring.backends.Windows.WinVaultKeyring") == (
        "Windows Credential Manager"
    )
    assert cli._keyring_words("some.other.Backend") == "this computer's keyring"


def test_one_person_and_one_plan_item(vault: Path, tmp_path: Path) -> None:
    raw = json.loads(resource_path("example_plan.json").read_text("utf-8"))
    raw["contacts"] = raw["contacts"][:1]
    raw["plan"] = {"warning_signs": ["Not sleeping"]}
    small = tmp_path / "small.json"
    small.write_text(json.dumps(raw), "utf-8")
    result = run("import", str(small), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert "1 person and 1 plan item." in result.stderr
