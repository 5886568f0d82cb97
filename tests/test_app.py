"""The desktop app as a process: `--crisis --exit-when-shown` with and without a vault."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE


def launch(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "crisisplan", *args],
        input=stdin, capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


def test_crisis_view_painted_after_unlock(tmp_path: Path, example_document: PlanDocument) -> None:
    path = tmp_path / "v.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    result = launch("--crisis", "--exit-when-shown", "--vault", str(path), "--passphrase-stdin",
                    stdin=PASSPHRASE + "\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_passphrase_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    result = launch("--crisis", "--exit-when-shown", "--vault", str(path), "--passphrase-stdin",
                    stdin="wrong passphrase\n")  # fmt: skip
    assert result.returncode == 3
    assert "passphrase does not open" in result.stderr


def test_crisis_view_without_any_vault(tmp_path: Path) -> None:
    result = launch("--crisis", "--exit-when-shown", "--vault", str(tmp_path / "none.vault"))
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "none.vault").exists()


def test_desktop_file_is_valid_and_has_the_crisis_action() -> None:
    desktop = Path(__file__).resolve().parent.parent / "resources" / "crisisplan.desktop"
    text = desktop.read_text("utf-8")
    assert "[Desktop Action crisis]" in text and "Exec=crisisplan --crisis" in text
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_screen_says_so_in_one_sentence_and_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "--crisis", "--vault", str(tmp_path / "v.vault")],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "no screen here" in result.stderr
    assert "crisisplan now" in result.stderr and "qt." not in result.stderr.lower()
    now = subprocess.run(
        [sys.executable, "-m", "crisisplan", "now", "--vault", str(tmp_path / "v.vault")],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert now.returncode != 134 and "no screen" not in now.stderr
