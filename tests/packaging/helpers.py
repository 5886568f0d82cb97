"""Helpers for the packaging tests: running a built crisisplan safely and checking it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
VERSION: str = PROJECT["version"]


def needs_tool(name: str) -> str:
    """The tool's path, or skip (make packaging-system installs every one of them)."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (make packaging-system installs it)")
    return path


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment for running a built crisisplan: a throwaway HOME and XDG folders, so
    that even a broken self-test could not reach a real vault."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "QT_", "PYTHON", "CRISISPLAN_")) and key != "DISPLAY"
    }
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local/share"), LC_ALL="C.UTF-8")  # fmt: skip
    env.update(extra)
    return env


def run_self_test(
    command: list[str], env: dict[str, str], *, under_xvfb: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `command --self-test`; offscreen, or on an Xvfb screen with the xcb platform."""
    if under_xvfb:
        xvfb_run = needs_tool("xvfb-run")
        command = [xvfb_run, "-a", "-s", "-screen 0 1366x768x24", *command]
        env = {**env, "QT_QPA_PLATFORM": "xcb"}
    else:
        env = {**env, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [*command, "--self-test"], capture_output=True, text=True, env=env, timeout=120
    )


def assert_passed(result: subprocess.CompletedProcess[str], platform: str) -> None:
    """Exit 0, one line on stdout naming the platform, and nothing at all on stderr."""
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == "", f"unexpected stderr:\n{result.stderr}"
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    assert f"crisisplan {VERSION} self-test passed" in lines[0]
    assert f"windows ({platform})" in lines[0]
