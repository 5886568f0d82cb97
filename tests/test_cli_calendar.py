"""`crisisplan calendar` and the reasons `crisisplan now` gives, as a person runs them."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

from crisisplan.core.model import TimeOff
from crisisplan.resources import resource_path
from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE
from tests.test_cli import assert_one_sentence, run

DATA = Path(__file__).parent / "data"
ROTA = DATA / "rota.ics"


def imported_vault(tmp_path: Path, plan: Path) -> Path:
    path = tmp_path / "my.vault"
    assert run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin").returncode == 0
    result = run("import", str(plan), "--vault", str(path), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    return path


def calendar(vault: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("calendar", str(ROTA), *args, "--from", "2026-11-30", "--vault", str(vault),
               "--passphrase-stdin")  # fmt: skip


def test_calendar_dry_run_previews_and_changes_nothing(tmp_path: Path) -> None:
    vault = imported_vault(tmp_path, resource_path("example_plan.json"))
    with Vault.open(vault, PASSPHRASE) as opened:
        before = opened.load()
    result = calendar(vault, "--contact", "sam okafor", "--as", "time-off", "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "rota.ics for Sam Okafor, as time off, 2026-11-30 to 2027-02-21: 12 entries" in out
    assert "  Night shift 1 Dec 19:30–2 Dec 08:00" in out
    assert "  Holiday 21–28 Dec" in out
    assert "2 cancelled or free events left out" in out
    assert "Nothing was changed" in result.stderr
    with Vault.open(vault, PASSPHRASE) as opened:
        assert opened.load() == before


def test_calendar_import_and_reimport_replace_only_their_own(tmp_path: Path) -> None:
    vault = imported_vault(tmp_path, resource_path("example_plan.json"))
    result = calendar(vault, "--contact", "Sam Okafor", "--as", "time-off")
    assert result.returncode == 0, result.stderr
    with Vault.open(vault, PASSPHRASE) as opened:
        sam = opened.load_contacts()[0]
        by_hand = TimeOff(to_day=sam.time_off[0].to_day, reason="by hand")
        with_hand = dataclasses.replace(sam, time_off=(*sam.time_off, by_hand))
        opened.save_contacts((with_hand, *opened.load_contacts()[1:]))
    assert len(sam.time_off) == 12
    again = calendar(vault, "--contact", "Sam Okafor", "--as", "time-off")
    assert "replaces the 12 added from rota.ics before" in again.stdout
    with Vault.open(vault, PASSPHRASE) as opened:
        sam_again = opened.load_contacts()[0]
    assert len(sam_again.time_off) == 13
    assert by_hand in sam_again.time_off

    # `now` on the holiday says why Sam cannot be reached, and until when.
    now = run("now", "--at", "2026-12-23T12:00:00+00:00", "--vault", str(vault),
              "--passphrase-stdin")  # fmt: skip
    assert now.returncode == 0, now.stderr
    assert "Sam Okafor (Sister, family): Holiday until Tue 29 Dec; available again" in now.stdout
    now_json = run("now", "--at", "2026-12-23T12:00:00+00:00", "--json", "--vault", str(vault),
                   "--passphrase-stdin")  # fmt: skip
    (sam_later,) = [p for p in json.loads(now_json.stdout)["later"] if p["name"] == "Sam Okafor"]
    assert sam_later["reason"].startswith("Holiday until Tue 29 Dec")


def test_calendar_refuses_unknown_people_and_bad_files(tmp_path: Path) -> None:
    vault = imported_vault(tmp_path, resource_path("example_plan.json"))
    result = calendar(vault, "--contact", "Nobody Here", "--as", "time-off")
    assert_one_sentence(result, 2, "Nobody on your list is called 'Nobody Here'")
    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"this is not a calendar")
    result = run("calendar", str(bad), "--contact", "Sam Okafor", "--as", "extra-times",
                 "--vault", str(vault), "--passphrase-stdin")  # fmt: skip
    assert_one_sentence(result, 4, "not a calendar")


def test_calendar_refuses_devices_pipes_and_binaries_with_one_sentence(tmp_path: Path) -> None:
    # /dev/zero used to be read until memory ran out and a FIFO waited forever.
    import os

    vault = imported_vault(tmp_path, resource_path("example_plan.json"))
    fifo = tmp_path / "shifts.ics"
    os.mkfifo(fifo)
    binary = tmp_path / "photo.ics"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    cases = [
        ("/dev/zero", "it is not an ordinary file"),
        (str(fifo), "it is not an ordinary file"),
        (str(binary), "does not begin with BEGIN:VCALENDAR"),
    ]
    for path, text in cases:
        result = run("calendar", path, "--contact", "Sam Okafor", "--as", "time-off",
                     "--vault", str(vault), "--passphrase-stdin")  # fmt: skip
        assert_one_sentence(result, 4, text)
        assert result.stderr.count("\n") == 1 and "PNG" not in result.stderr


def test_a_calendar_with_nothing_in_the_weeks_says_so_and_removes_its_old_entries(
    tmp_path: Path,
) -> None:
    vault = imported_vault(tmp_path, resource_path("example_plan.json"))
    quiet = tmp_path / "later" / "rota.ics"  # the same file, later: only June 2027 left
    quiet.parent.mkdir()
    text = ROTA.read_text()
    head, _, _ = text.partition("BEGIN:VEVENT")
    late = text[text.index("BEGIN:VEVENT\nUID:late@") :]
    quiet.write_text(head + late)

    def with_quiet(*args: str) -> subprocess.CompletedProcess[str]:
        return run("calendar", str(quiet), "--contact", "Sam Okafor", "--as", "time-off",
                   *args, "--from", "2026-11-30", "--vault", str(vault),
                   "--passphrase-stdin")  # fmt: skip

    # Nothing added before: it says so and changes nothing.
    first = with_quiet()
    assert first.returncode == 0, first.stderr
    assert "rota.ics for Sam Okafor has no events from 2026-11-30 to 2027-02-21." in first.stdout
    assert "Nothing to import; nothing was changed." in first.stderr
    # After the full rota, the empty one replaces it: it says what it removes, first.
    assert calendar(vault, "--contact", "Sam Okafor", "--as", "time-off").returncode == 0
    preview = with_quiet("--dry-run")
    assert "Importing it removes the 12 entries added from rota.ics before." in preview.stdout
    assert "Nothing was changed (--dry-run)." in preview.stderr
    with Vault.open(vault, PASSPHRASE) as opened:
        assert len(opened.load_contacts()[0].time_off) == 12
    done = with_quiet()
    assert done.returncode == 0, done.stderr
    assert "Removed the 12 entries added from rota.ics before for Sam Okafor." in done.stderr
    with Vault.open(vault, PASSPHRASE) as opened:
        assert opened.load_contacts()[0].time_off == ()
