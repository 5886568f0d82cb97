"""`crisisplan now` reads times on the computer's own clock, named, across clock changes.

London 2026: clocks go forward at 01:00 GMT on Sunday 29 March (to 02:00 BST). Priya in
the example plan is free 08:00-23:00 London time, so at 00:30 GMT that Sunday she is next
free at 08:00 BST (07:00 UTC): a clock in London will read 08:00, not 07:00.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE


def run(*args: str, tz: str, faketime: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "FAKETIME"))}
    env.update({"LANG": "C.UTF-8", "TZ": tz})
    command = [sys.executable, "-m", "crisisplan", *args]
    if faketime is not None:
        env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        command = ["faketime", faketime, *command]
    return subprocess.run(
        command, input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, env=env
    )


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    common = ("--vault", str(path), "--passphrase-stdin")
    assert run("init", "--region", "GB", *common, tz="UTC").returncode == 0
    result = run("import", str(resource_path("example_plan.json")), *common, tz="UTC")
    assert result.returncode == 0, result.stderr
    return path


def priya(stdout: str) -> str:
    [line] = [line for line in stdout.splitlines() if line.startswith("  Priya Shah")]
    return line


def test_at_in_the_computers_offset_is_read_in_its_zone_across_the_change(vault: Path) -> None:
    common = ("--vault", str(vault), "--passphrase-stdin")
    result = run("now", "--at", "2026-03-29T00:30:00+00:00", *common, tz="Europe/London")
    assert result.returncode == 0, result.stderr
    assert priya(result.stdout).endswith("available again today 08:00")
    assert result.stdout.rstrip().endswith(
        "Times are in Europe/London, this computer's time zone (Sun 29 Mar 00:30 GMT at --at)."
    )
    data = json.loads(
        run(
            "now", "--at", "2026-03-29T00:30:00+00:00", "--json", *common, tz="Europe/London"
        ).stdout
    )
    assert data["at"] == "2026-03-29T00:30:00+00:00"
    later = {p["name"]: p["next_available"] for p in data["later"]}
    assert later["Priya Shah"] == "2026-03-29T08:00:00+01:00"


def test_at_in_another_offset_is_read_at_that_offset_and_said_so(vault: Path) -> None:
    common = ("--vault", str(vault), "--passphrase-stdin")
    result = run("now", "--at", "2026-03-29T06:00:00+05:30", *common, tz="Europe/London")
    assert result.returncode == 0, result.stderr
    assert priya(result.stdout).endswith("available again today 12:30")  # 07:00Z
    assert "Times are at UTC+05:30, the offset given with --at." in result.stdout


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime (Debian faketime)")
def test_now_without_at_uses_the_computers_iana_zone(vault: Path) -> None:
    common = ("--vault", str(vault), "--passphrase-stdin")
    result = run("now", *common, tz="Europe/London", faketime="2026-03-29 00:30:00")
    assert result.returncode == 0, result.stderr
    assert priya(result.stdout).endswith("available again today 08:00")
    assert "Times are in Europe/London, this computer's time zone (Sun 29 Mar 00:30 GMT now)." in (
        result.stdout
    )
    result = run("now", "--json", *common, tz="Europe/London", faketime="2026-03-29 00:30:00")
    data = json.loads(result.stdout)
    assert data["at"].startswith("2026-03-29T00:30:") and data["at"].endswith("+00:00")
    later = {p["name"]: p["next_available"] for p in data["later"]}
    assert later["Priya Shah"] == "2026-03-29T08:00:00+01:00"


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime (Debian faketime)")
def test_a_zone_without_a_name_is_used_as_an_offset_and_said_so(vault: Path) -> None:
    common = ("--vault", str(vault), "--passphrase-stdin")
    result = run("now", *common, tz="XYZ-3", faketime="2026-03-29 03:30:00")
    assert result.returncode == 0, result.stderr
    assert "Times are at UTC+03:00: this computer's time zone has no name" in result.stdout
