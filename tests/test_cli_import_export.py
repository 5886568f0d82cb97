"""Importing over a plan keeps the old one in a backup; exporting never overwrites silently."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from crisisplan.resources import resource_path
from tests.test_cli import assert_one_sentence, run


def common(vault: Path) -> tuple[str, ...]:
    return ("--vault", str(vault), "--passphrase-stdin")


def init(folder: Path) -> Path:
    vault = folder / "my vault.vault"  # a space, so the hint must be quoted
    assert run("init", "--region", "GB", *common(vault)).returncode == 0
    return vault


def test_import_over_a_plan_takes_a_backup_first_and_says_where(tmp_path: Path) -> None:
    vault = init(tmp_path)
    example = str(resource_path("example_plan.json"))
    result = run("import", example, *common(vault))
    assert result.returncode == 0, result.stderr
    listed = run("backups", "--vault", str(vault), stdin="")
    assert listed.stdout.count("\n") == 1, "the vault with its crisis lines was backed up"
    backup = Path(listed.stdout.split("\t")[1].strip())
    assert f"kept in an encrypted backup: {backup}" in result.stderr
    hint = result.stderr.split("To put it back: ")[1].strip()
    assert shlex.split(hint) == ["crisisplan", "restore", str(backup), "--vault", str(vault)]
    # Putting it back with that very command gives the old plan again.
    restored = run(*shlex.split(hint)[1:], "--passphrase-stdin")
    assert restored.returncode == 0, restored.stderr
    out = tmp_path / "after.json"
    assert run("export", str(out), *common(vault)).returncode == 0
    names = [c["name"] for c in json.loads(out.read_text("utf-8"))["contacts"]]
    assert "Sam Okafor" not in names and "Samaritans" in names


def test_export_refuses_an_existing_file_unless_forced(tmp_path: Path) -> None:
    vault = init(tmp_path)
    out = tmp_path / "notes.txt"
    out.write_text("my own notes", "utf-8")
    result = run("export", str(out), *common(vault))
    assert_one_sentence(result, 5, "A file already exists at")
    assert "--force" in result.stderr
    assert out.read_text("utf-8") == "my own notes"
    result = run("export", str(out), "--force", *common(vault))
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["format"] == "crisisplan-plan"


def test_backup_hint_is_quoted_and_names_the_vault(tmp_path: Path) -> None:
    vault = init(tmp_path)
    result = run("backup", *common(vault))
    assert result.returncode == 0, result.stderr
    hint = result.stderr.split("To put it back: ")[1].strip()
    words = shlex.split(hint)
    assert words[:2] == ["crisisplan", "restore"] and words[-2:] == ["--vault", str(vault)]
    assert Path(words[2]).exists()
