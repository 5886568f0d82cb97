"""Hostile plan files: devices, pipes, huge files, endless problems, numbers and nesting
that break saving, and messages that must read as sentences, not Python."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crisisplan.core import interchange
from crisisplan.core.files import UnreadableFile, read_regular_file
from crisisplan.core.interchange import InterchangeError
from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE
from tests.test_cli import assert_one_sentence, run


def example() -> dict[str, Any]:
    return dict(json.loads(resource_path("example_plan.json").read_text("utf-8")))


def problems_text(data: bytes) -> str:
    with pytest.raises(InterchangeError) as caught:
        interchange.loads(data)
    return str(caught.value)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    assert run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin").returncode == 0
    return path


# --- what the file is, looked at before reading -----------------------------------------


def test_dev_zero_is_refused_in_one_sentence(vault: Path) -> None:
    result = run("import", "/dev/zero", "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 4, "/dev/zero is a device, not a plan file")
    assert result.stderr.count("\n") == 1


def test_a_fifo_is_refused_without_waiting_for_a_writer(vault: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)
    result = run("import", str(fifo), "--vault", str(vault), "--passphrase-stdin")  # timeout 60
    assert_one_sentence(result, 4, "is a named pipe (FIFO), not a plan file")


def test_a_folder_and_an_over_cap_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="is a folder"):
        read_regular_file(tmp_path, 100)
    big = tmp_path / "big.json"
    with big.open("wb") as out:
        out.truncate(interchange.MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    with pytest.raises(InterchangeError, match=r"big.json is 21 MB; a plan file is at most 21 MB"):
        interchange.read_file(big)


def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "innocent.json"
    link.symlink_to("/dev/urandom")
    with pytest.raises(InterchangeError, match="is a device"):
        interchange.read_file(link)


# --- many problems: the first 50, then a count -------------------------------------------


def test_two_hundred_thousand_problems_are_cut_to_fifty_and_a_count(
    vault: Path, tmp_path: Path
) -> None:
    raw = example()
    raw["plan"]["warning_signs"] = [7] * 200_000
    bad = tmp_path / "many.json"
    bad.write_text(json.dumps(raw), "utf-8")
    result = run("import", str(bad), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 4, "This file cannot be imported (200,000 problems):")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 + 50 + 1
    assert lines[-1] == "  … and 199,950 more"


# --- numbers and nesting -----------------------------------------------------------------


@pytest.mark.parametrize("number", ["1e999999", "-1e400", "Infinity", "-Infinity", "NaN"])
def test_non_finite_numbers_are_refused_anywhere(number: str) -> None:
    raw = json.dumps(example()).replace('"format"', f'"x": {{"deep": [{number}]}}, "format"', 1)
    text = problems_text(raw.encode())
    assert "the file is not a valid plan file" in text
    assert "inf" not in text.replace("information", "")


def test_infinite_unknown_field_cannot_reach_the_vault_and_break_export(
    vault: Path, tmp_path: Path
) -> None:
    raw = json.dumps(example()).replace('"format"', '"x": 1e999999, "format"', 1)
    bad = tmp_path / "inf.json"
    bad.write_text(raw, "utf-8")
    result = run("import", str(bad), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 4, "the number 1e999999 is too large for a plan file")
    assert run("export", "-", "--vault", str(vault), "--passphrase-stdin").returncode == 0


def test_a_huge_integer_is_refused_in_words_not_python() -> None:
    raw = json.dumps(example()).replace('"format"', '"x": ' + "9" * 5000 + ', "format"', 1)
    text = problems_text(raw.encode())
    assert "a number is 5,000 digits long; the most is 100" in text
    assert "sys." not in text


@pytest.mark.parametrize("depth", [33, 990, 5000])
def test_deep_nesting_is_refused_with_a_clear_message(depth: int) -> None:
    raw = json.dumps(example()).replace(
        '"format"', '"x": ' + "[" * depth + "]" * depth + ', "format"', 1
    )
    text = problems_text(raw.encode())
    assert "nests lists and objects more than 32 deep" in text


def test_nesting_the_format_allows_in_unknown_fields_still_round_trips() -> None:
    raw = example()
    nested: Any = "leaf"
    for _ in range(15):  # 30 levels of lists and objects, under the 32 allowed
        nested = {"a": [nested]}
    raw["x"] = nested
    document = interchange.loads(json.dumps(raw).encode())
    assert interchange.loads(interchange.dumps(document)) == document


# --- messages for a person ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'\xef\xbb\xbf\xef\xbb\xbf{"format": "crisisplan-plan"}',
            "the file starts with a second byte order mark",
        ),
        (b'{"format": "crisisplan-plan", "name": "Sam', "has no closing double quote (line 1,"),
        (b'{"format" "x"}', "a colon is missing after a field name (line 1, column 11)"),
        (b"{} []", "there is more after the end of the plan"),
        (b'{"a": "\\q"}', "a backslash is followed by a letter that cannot follow it"),
    ],
)
def test_json_errors_read_as_sentences(data: bytes, expected: str) -> None:
    text = problems_text(data)
    assert expected in text
    for python in ("utf-8-sig", "at at", "Expecting", "sys.", "delimiter"):
        assert python not in text


def test_true_and_null_are_written_as_json_writes_them() -> None:
    raw = example()
    raw["version"] = True
    assert "true is not a format version" in problems_text(json.dumps(raw).encode())
    raw = example()
    raw["contacts"][0]["group"] = True
    raw["contacts"][1]["group"] = None
    text = problems_text(json.dumps(raw).encode())
    assert "contacts[0].group: true is not a group" in text
    assert "contacts[1].group: null is not a group" in text
    assert "True" not in text and "None" not in text


@pytest.mark.parametrize("control", ["\u202e", "\u202a", "\u202d", "\u2066", "\u2067", "\u2069"])
def test_direction_controls_in_names_are_refused(control: str) -> None:
    raw = example()
    raw["contacts"][0]["name"] = f"Sam {control}exe.evil"
    text = problems_text(json.dumps(raw).encode())
    assert f"contacts[0].name: contains an invisible direction control (U+{ord(control):04X})" in (
        text
    )
    raw["contacts"][0]["name"] = "Sam"
    raw["contacts"][0]["notes"] = f"notes may hold {control}mixed scripts"
    interchange.loads(json.dumps(raw).encode())


def test_the_cli_never_blocks_on_a_fifo_even_with_a_writer_absent(tmp_path: Path) -> None:
    """The FIFO check happens before the passphrase is read or the vault opened."""
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "import", str(fifo), "--vault",
         str(tmp_path / "none.vault"), "--passphrase-stdin"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert result.returncode == 4 and "named pipe" in result.stderr


def test_a_vault_holding_infinity_from_an_older_version_still_exports(tmp_path: Path) -> None:
    from crisisplan.core.model import Contact, PlanDocument
    from crisisplan.storage import Vault

    path = tmp_path / "old.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(
            PlanDocument(region="GB", contacts=(Contact(name="Sam", extra={"x": [float("inf")]}),))
        )
    result = run("export", "-", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["contacts"][0]["x"] == [None]
