"""The command line, run as a person runs it: a real process, a real vault, real exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE

DATA = Path(__file__).parent / "data"


def run(*args: str, stdin: str = PASSPHRASE + "\n") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crisisplan", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("LC_")}, "LANG": "C.UTF-8"},
    )


def assert_one_sentence(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert text in result.stderr
    assert result.stderr.startswith("crisisplan: ")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    result = run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    return path


def test_help_documents_every_command() -> None:
    result = run("--help", stdin="")
    assert result.returncode == 0
    for word in ("init", "import", "export", "now", "--passphrase-stdin", "exit codes"):
        assert word in result.stdout
    for command in ("init", "import", "export", "now"):
        sub = run(command, "--help", stdin="")
        assert (
            sub.returncode == 0 and "--vault" in sub.stdout and "--passphrase-stdin" in sub.stdout
        )


def test_init_starts_with_the_regions_crisis_lines(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("export", str(out), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert "not encrypted" in result.stderr
    exported = json.loads(out.read_text("utf-8"))
    assert exported["region"] == "GB"
    names = [c["name"] for c in exported["contacts"]]
    assert "Samaritans" in names
    assert all(c["group"] == "crisis_line" for c in exported["contacts"])


def test_init_refuses_to_overwrite_anything(tmp_path: Path) -> None:
    path = tmp_path / "existing"
    path.write_bytes(b"")
    result = run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin")
    assert_one_sentence(result, 5, "already exists")
    assert path.read_bytes() == b""


def test_init_needs_a_region_it_can_tell(tmp_path: Path) -> None:
    result = run("init", "--vault", str(tmp_path / "v"), "--passphrase-stdin")
    assert_one_sentence(result, 2, "--region")
    result = run("init", "--region", "QQ", "--vault", str(tmp_path / "v"), "--passphrase-stdin")
    assert_one_sentence(result, 2, "not a known two-letter region")
    assert not (tmp_path / "v").exists()


def test_init_refuses_a_short_passphrase(tmp_path: Path) -> None:
    result = run("init", "--region", "GB", "--vault", str(tmp_path / "v"), "--passphrase-stdin",
                 stdin="short\n")  # fmt: skip
    assert_one_sentence(result, 2, "at least 8 characters")
    assert not (tmp_path / "v").exists()


def test_import_export_round_trip_is_byte_identical(vault: Path, tmp_path: Path) -> None:
    source = resource_path("example_plan.json")
    result = run("import", str(source), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "again.json"
    assert run("export", str(out), "--vault", str(vault), "--passphrase-stdin").returncode == 0
    assert out.read_bytes() == source.read_bytes()
    assert run("export", "-", "--vault", str(vault), "--passphrase-stdin").stdout.encode() == (
        source.read_bytes()
    )


def test_invalid_import_changes_nothing_and_lists_every_problem(
    vault: Path, tmp_path: Path
) -> None:
    raw = json.loads((DATA / "issue_example.json").read_text("utf-8"))
    raw["contacts"][0]["windows"][0]["start"] = "25:00"
    raw["contacts"][0]["methods"][0]["value"] = "javascript:alert(1)"
    raw["contacts"][0]["methods"][0]["kind"] = "web"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), "utf-8")
    before = run("export", "-", "--vault", str(vault), "--passphrase-stdin").stdout
    result = run("import", str(bad), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 4, 'contacts[0].windows[0].start: "25:00" is not a time of day')
    assert "contacts[0].methods[0].value: javascript: links are not allowed" in result.stderr
    after = run("export", "-", "--vault", str(vault), "--passphrase-stdin").stdout
    assert before == after


def test_import_of_a_missing_or_non_json_file(vault: Path, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.json"), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 4, "Cannot read")
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\x00\x01 not json")
    result = run("import", str(junk), "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 4, "not valid JSON")


def test_wrong_passphrase_exit_code(vault: Path) -> None:
    result = run("now", "--vault", str(vault), "--passphrase-stdin", stdin="wrong wrong\n")
    assert_one_sentence(result, 3, "passphrase does not open")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"SQLite format 3\x00" + bytes(5000), "unencrypted"), (b"hi", "too short")],
)
def test_vault_problems_exit_5(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.vault"
    path.write_bytes(content)
    result = run("now", "--vault", str(path), "--passphrase-stdin")
    assert_one_sentence(result, 5, message)
    assert path.read_bytes() == content


def test_missing_vault_exit_5(tmp_path: Path) -> None:
    result = run("now", "--vault", str(tmp_path / "none.vault"), "--passphrase-stdin")
    assert_one_sentence(result, 5, "There is no vault")


def test_usage_errors_exit_2(vault: Path) -> None:
    assert run("frobnicate").returncode == 2
    result = run("now", "--at", "tomorrow", "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 2, "is not a date and time")
    result = run("now", "--at", "2026-11-27T23:30", "--vault", str(vault), "--passphrase-stdin")
    assert_one_sentence(result, 2, "needs its UTC offset")
    result = run("now", "--vault", str(vault), "--passphrase-stdin", stdin="\n")
    assert_one_sentence(result, 2, "empty")
    result = run("now", "--vault", str(vault), stdin="")
    assert_one_sentence(result, 2, "no terminal")


def test_now_json_at_a_fixed_instant(vault: Path) -> None:
    assert run("import", str(resource_path("example_plan.json")), "--vault", str(vault),
               "--passphrase-stdin").returncode == 0  # fmt: skip
    # Friday 27 Nov 2026, 23:30 in London (GMT): Sam's Fri 22:00–02:00 window is open;
    # Priya's 08:00–23:00 has just closed; Daniel in Toronto (18:30 there) is free.
    result = run("now", "--at", "2026-11-27T23:30:00+00:00", "--json", "--vault", str(vault),
                 "--passphrase-stdin")  # fmt: skip
    assert result.returncode == 0, result.stderr
    now = json.loads(result.stdout)
    assert now["at"] == "2026-11-27T23:30:00+00:00"
    assert now["emergency"] == {"region": "GB", "number": "999", "uri": "tel:999"}
    assert [p["name"] for p in now["reachable"]] == [
        "Sam Okafor",
        "Daniel Reyes",
        "Samaritans",
        "Shout",
    ]
    assert now["reachable"][0]["methods"][0] == {
        "kind": "phone",
        "value": "+44 7700 900123",
        "uri": "tel:+447700900123",
        "display": "+44 7700 900123",
        "then": "",
    }
    assert all(p["hours_set"] for p in now["reachable"])
    later = {p["name"]: p["next_available"] for p in now["later"]}
    assert later == {
        "Priya Shah": "2026-11-28T08:00:00+00:00",
        "Dr Helen Marsh": "2026-11-30T08:00:00+00:00",
        "Tom Bradley": "2026-11-30T09:00:00+00:00",
        "Thursday peer group": "2026-12-03T19:00:00+00:00",
    }
    assert [p["name"] for p in now["later"]] == list(later)


def test_now_text_is_readable(vault: Path) -> None:
    result = run("now", "--at", "2026-11-27T23:30:00+00:00", "--vault", str(vault),
                 "--passphrase-stdin")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Emergency number (GB): 999")
    assert "1. Samaritans" in result.stdout
    assert "call 116 123" in result.stdout


def test_export_is_atomic_and_private(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    out.write_text("old contents", "utf-8")
    result = run("export", str(out), "--force", "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text("utf-8"))["format"] == "crisisplan-plan"
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "my.vault", "plan.json"]
    result = run("export", str(tmp_path / "no-such-dir" / "x.json"), "--vault", str(vault),
                 "--passphrase-stdin")  # fmt: skip
    assert_one_sentence(result, 2, "There is no folder")


def test_default_vault_location_is_the_user_data_folder(isolated_dirs: Path) -> None:
    result = run("init", "--region", "US", "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    expected = Path(os.environ["XDG_DATA_HOME"]) / "crisisplan" / "crisisplan.vault"
    assert expected.exists()
    result = run("now", "--json", "--passphrase-stdin")
    assert json.loads(result.stdout)["emergency"]["number"] == "911"
