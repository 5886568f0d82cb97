"""Faults, each ending in one clear sentence with the last good state kept: a process
killed mid-write, a full disk, read-only files and folders, and two writers at once.

Children run `tests/helpers/fault_child.py`: the operation under a file-size limit
(RLIMIT_FSIZE, SIGXFSZ ignored), or in a loop until killed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisplan.core.model import Plan, PlanDocument, Section
from crisisplan.resources import resource_path
from crisisplan.storage import Vault, WrongPassphrase
from crisisplan.storage.backups import (
    KEEP,
    Kind,
    backup_to,
    backups_folder,
    list_backups,
    make_backup,
    restore,
)
from crisisplan.storage.errors import VaultReplaced
from crisisplan.storage.keys import derive_raw_key
from tests.helpers import PASSPHRASE
from tests.helpers.fault_child import CLOCK, KEYS, OTHER, document_for, plan_for
from tests.helpers.vaults import assert_whole, digest, read_only

ROOT = Path(__file__).resolve().parents[2]


def child(
    *args: str,
    fsize: int | None = None,
    stdin: str = PASSPHRASE + "\n",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the fault child (or, with "cli", crisisplan's command line) to completion."""
    limit = ["--fsize", str(fsize)] if fsize is not None else []
    return subprocess.run(
        [sys.executable, "-m", "tests.helpers.fault_child", *limit, *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "LANG": "C.UTF-8", **(env or {})},
    )  # fmt: skip


def assert_sentence(result: subprocess.CompletedProcess[str], code: int, text: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("crisisplan: ") and text in result.stderr, result.stderr


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.fixture
def filled(vault_path: Path, example_document: PlanDocument) -> Path:
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return vault_path


# --- SIGKILL at random moments ------------------------------------------------------------


def kill_at_random(operation: str, path: Path, first: int, keys: list[bytes]) -> list[str]:
    """Start a writing loop, kill it after a random delay; the lines it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.fault_child", operation, str(path), "--loop",
         str(first)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, KEYS: " ".join(k.hex() for k in keys)},
    )  # fmt: skip
    assert process.stdout is not None
    ready = process.stdout.readline()
    assert ready == "ready\n", process.stderr.read() if process.stderr else ready
    time.sleep(random.uniform(0.005, 0.12))
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL, err
    return out.splitlines()


def last_done(lines: list[str], before: int) -> int:
    """The last step the child said it finished, or `before`."""
    done = [int(line.split()[1]) for line in lines if line.startswith("done ")]
    return done[-1] if done else before


def open_with_either(path: Path, keys: list[bytes]) -> Vault:
    for key in keys:
        try:
            return Vault.open(path, raw_key=key)
        except WrongPassphrase:
            continue
    raise AssertionError("neither key opens the vault after a kill during re-keying")


@pytest.mark.slow
@pytest.mark.parametrize("operation", ["save", "import", "rekey", "backup"])
def test_sigkill_at_random_moments_leaves_whole_transactions(
    operation: str, vault_path: Path, example_document: PlanDocument
) -> None:
    """15 kills per operation (60 in all): every time, the vault opens, passes quick_check
    and cipher_integrity_check, and holds one whole step — the last one the child saw
    finish, or the one in flight. Backups in the folder are whole or absent."""
    random.seed(f"kill-{operation}")  # reproducible moments
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document if operation in ("rekey", "backup") else document_for(0))
        if operation == "save":
            vault.save_plan(plan_for(0))
    keys = [derive_raw_key(vault_path, p) for p in (PASSPHRASE, OTHER)]
    step = finished = found = 0
    for _ in range(15):
        done = last_done(kill_at_random(operation, vault_path, step + 1, keys), step)
        finished += done - step
        vault = open_with_either(vault_path, keys)  # re-keying: the old key or the new one
        with vault:
            assert vault.integrity_problems() == []
            if operation == "save":
                plan = vault.load_plan()
                found = int(plan.medical_notes.removeprefix("step "))
                assert found in (done, done + 1)  # the last step it finished, or the next
                assert {item.split()[0] for s in Section for item in plan.items(s)} == {str(found)}
            elif operation == "import":
                document = vault.load()
                found = int(document.plan.medical_notes.removeprefix("step "))
                assert found in (done, done + 1)
                assert len(document.contacts) == 1 + found % 5
                assert {c.notes for c in document.contacts} == {str(found) * 50}
            else:
                assert vault.load() == example_document
                for backup in list_backups(vault_path):
                    assert_whole(backup.path, raw_key=keys[0])
        # Go on from what the vault holds: a step in flight at the kill may or may not
        # have committed, and the next child must start just after the one that did.
        step = found if operation in ("save", "import") else done
    assert finished > 0, "the child never finished a step: the kills came too early"
    if operation == "backup":
        kept = list_backups(vault_path)
        # One more than kept when a kill came between linking a backup and rotating.
        assert 0 < len(kept) <= KEEP + 1 and all(b.kind is Kind.SESSION for b in kept)


# --- a full disk ---------------------------------------------------------------------------


def test_disk_full_during_a_save_keeps_the_last_save(filled: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        before = vault.load()
    result = child("save", str(filled), fsize=filled.stat().st_size)
    assert_sentence(result, 5, "is full, so the change was not saved")
    assert leftovers(filled.parent, {filled.name}) == []  # the journal was rolled back
    assert_whole(filled, PASSPHRASE)
    with Vault.open(filled, PASSPHRASE) as vault:
        assert vault.load() == before


def test_disk_full_during_an_import_keeps_the_vault(
    filled: Path, tmp_path: Path, example_document: PlanDocument
) -> None:
    big = tmp_path / "big.json"  # the vault has to grow to take this plan
    big.write_bytes(resource_path("example_plan.json").read_bytes().replace(
        b'"medical_notes": "', b'"medical_notes": "' + b"x" * 9000, 1))  # fmt: skip
    result = child("cli", "import", str(big), "--vault", str(filled), "--passphrase-stdin",
                   fsize=filled.stat().st_size)  # fmt: skip
    assert_sentence(result, 5, "is full, so the change was not saved")
    # The journal was played back; the backup the import took first is whole.
    assert leftovers(filled.parent, {filled.name, "backups"}) == []
    (backup,) = list_backups(filled)
    assert_whole(backup.path, PASSPHRASE)
    assert_whole(filled, PASSPHRASE)
    with Vault.open(filled, PASSPHRASE) as vault:  # rolled back: same plan (new IVs)
        assert vault.load() == example_document


def test_disk_full_during_a_backup_leaves_no_partial_backup(filled: Path, tmp_path: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        earlier = make_backup(vault)
    before = digest(filled)
    size = filled.stat().st_size
    result = child("cli", "backup", "--vault", str(filled), "--passphrase-stdin",
                   fsize=size - 4096)  # fmt: skip
    assert_sentence(result, 5, "is full, so no backup was made")
    assert "Nothing was left behind" in result.stderr
    assert os.listdir(backups_folder(filled)) == [earlier.name]
    target = tmp_path / "elsewhere.vault"
    result = child("cli", "backup", "--to", str(target), "--vault", str(filled),
                   "--passphrase-stdin", fsize=size - 4096)  # fmt: skip
    assert_sentence(result, 5, "is full")
    assert leftovers(tmp_path, {"vaults", "home"}) == []
    assert digest(filled) == before
    assert_whole(earlier, PASSPHRASE)


@pytest.mark.parametrize("kind", ["card", "plan"])
def test_disk_full_while_writing_a_pdf_leaves_no_partial_pdf(
    filled: Path, tmp_path: Path, kind: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = digest(filled)
    result = child("cli", "pdf", kind, str(out / f"{kind}.pdf"), "--vault", str(filled),
                   "--passphrase-stdin", fsize=8192)  # fmt: skip
    assert_sentence(result, 5, "the disk is full. Nothing was written")
    assert os.listdir(out) == []
    assert digest(filled) == before


# --- read-only files and folders -------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return child("cli", *args)


def test_read_only_vault_can_be_read_but_not_written(filled: Path) -> None:
    before = digest(filled)
    source = str(resource_path("example_plan.json"))
    with read_only(filled):
        result = cli("import", source, "--vault", str(filled), "--passphrase-stdin")
        assert_sentence(result, 5, "cannot be written (the file or its folder is read-only)")
        now = cli("now", "--vault", str(filled), "--passphrase-stdin")
        assert now.returncode == 0 and "Sam Okafor" in now.stdout, now.stderr
    assert digest(filled) == before


def test_read_only_folder_refuses_writes_and_backups_with_a_sentence(filled: Path) -> None:
    before = digest(filled)
    source = str(resource_path("example_plan.json"))
    with read_only(filled.parent):
        # The import backs up the plan it would replace first, and that is refused.
        result = cli("import", source, "--vault", str(filled), "--passphrase-stdin")
        assert_sentence(result, 5, "No backup was made")
        assert "cannot be written (the folder is read-only or not yours)" in result.stderr
        result = cli("backup", "--vault", str(filled), "--passphrase-stdin")
        assert_sentence(result, 5, "No backup was made")
        now = cli("now", "--vault", str(filled), "--passphrase-stdin")
        assert now.returncode == 0, now.stderr
    assert digest(filled) == before
    assert leftovers(filled.parent, {filled.name}) == []


def test_read_only_backups_folder(filled: Path) -> None:
    with Vault.open(filled, PASSPHRASE) as vault:
        make_backup(vault)
    folder = backups_folder(filled)
    names = sorted(os.listdir(folder))
    with read_only(folder):
        result = cli("backup", "--vault", str(filled), "--passphrase-stdin")
        assert_sentence(result, 5, "No backup was made")
    assert sorted(os.listdir(folder)) == names


# --- two processes on one vault --------------------------------------------------------------


def test_second_writer_waits_then_says_the_vault_is_busy(filled: Path) -> None:
    """The app (here, this process) is mid-save; the CLI waits ~3 s, then gives up."""
    source = str(resource_path("example_plan.json"))
    with Vault.open(filled, PASSPHRASE) as app_vault:
        before = app_vault.load()
        with pytest.raises(Cancelled), app_vault.transaction() as cursor:
            cursor.execute("DELETE FROM plan_items")
            start = time.monotonic()
            result = cli("import", source, "--vault", str(filled), "--passphrase-stdin")
            waited = time.monotonic() - start
            assert_sentence(result, 5, "is busy: another crisisplan is saving to it")
            assert waited >= 2.5  # it waited for the other save to finish first
            reader = cli("now", "--vault", str(filled), "--passphrase-stdin")
            assert reader.returncode == 0, reader.stderr  # a save never blocks reading
            raise Cancelled  # the app's save is rolled back
        assert app_vault.load() == before
    assert_whole(filled, PASSPHRASE)


class Cancelled(Exception):
    pass


def test_a_restore_from_the_cli_while_the_app_is_open(
    filled: Path, example_document: PlanDocument
) -> None:
    """The app's connection still points at the old file: its next save is refused with
    a sentence saying why, and the restored vault is not touched."""
    with Vault.open(filled, PASSPHRASE) as app_vault:
        backup = make_backup(app_vault)
        app_vault.save_plan(Plan(medical_notes="after the backup"))
        result = cli("restore", str(backup), "--vault", str(filled), "--passphrase-stdin")
        assert result.returncode == 0, result.stderr
        with pytest.raises(VaultReplaced, match="was replaced while it was open here"):
            app_vault.save_plan(Plan(medical_notes="lost in the old file"))
    with Vault.open(filled, PASSPHRASE) as reopened:  # "lock and unlock"
        assert reopened.load() == example_document
    assert_whole(filled, PASSPHRASE)


def test_the_cli_writes_while_the_app_holds_the_vault_open(filled: Path) -> None:
    source = str(resource_path("example_plan.json"))
    with Vault.open(filled, PASSPHRASE) as app_vault:
        app_vault.save_plan(app_vault.load_plan())
        result = cli("import", source, "--vault", str(filled), "--passphrase-stdin")
        assert result.returncode == 0, result.stderr
        app_vault.save_plan(app_vault.load_plan())  # the app saves again afterwards
    assert_whole(filled, PASSPHRASE)


# --- SIGKILL during rotation and restore, with the clock wrong ------------------------------

AHEAD_DAYS, BEHIND_DAYS = 1800, -2500  # ~5 years ahead, ~7 years behind
KILLS_PER_CLOCK = 6


def kill_with_clock(operation: str, path: Path, first: int, key: bytes, days: int) -> list[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.fault_child", operation, str(path), "--loop",
         str(first)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, KEYS: key.hex(), CLOCK: str(days)},
    )  # fmt: skip
    assert process.stdout is not None
    ready = process.stdout.readline()
    assert ready == "ready\n", process.stderr.read() if process.stderr else ready
    time.sleep(random.uniform(0.005, 0.25))
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=10)
    assert process.returncode == -signal.SIGKILL, err
    return out.splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("days", [AHEAD_DAYS, BEHIND_DAYS], ids=["clock ahead", "clock behind"])
def test_sigkill_during_rotation_with_a_wrong_clock(
    days: int, vault_path: Path, example_document: PlanDocument
) -> None:
    """6 kills per clock (12 in all) of a loop of backups and rotations, the clock moving
    between the real time and years ahead or behind. Every time: the vault is whole, every
    listed backup is whole, the newest is the last one taken, before-restore and
    before-migration copies are never deleted, and rotation keeps 10 (11 when the kill
    fell between linking and rotating)."""
    random.seed(f"rotate-{days}")
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
        spared = [make_backup(vault, Kind.BEFORE_MIGRATION)]
    key = derive_raw_key(vault_path, PASSPHRASE)
    source = make_source(vault_path, "source-a", example_document)
    spared.append(restore(vault_path, source, PASSPHRASE).kept_as)  # type: ignore[arg-type]
    source.unlink()
    step = 0
    for kill in range(KILLS_PER_CLOCK):
        # Alternate: the wrong clock, then the real one (a clock put right).
        lines = kill_with_clock("rotate", vault_path, step + 1, key, days if kill % 2 == 0 else 0)
        step = last_done(lines, step)
        assert_whole(vault_path, raw_key=key)
        listed = list_backups(vault_path)
        for backup in listed:
            assert_whole(backup.path, raw_key=key)
        sequences = [b.sequence for b in listed]
        assert sequences == sorted(sequences, reverse=True) and len(set(sequences)) == len(listed)
        rotating = [b for b in listed if b.kind is Kind.SESSION]
        assert len(rotating) <= KEEP + 1
        assert all(path.exists() for path in spared)
    assert step > 0, "the child never finished a backup: the kills came too early"
    assert len([b for b in list_backups(vault_path) if b.kind is Kind.SESSION]) >= KEEP - 1


def make_source(vault_path: Path, name: str, document: PlanDocument) -> Path:
    """A backup beside the vault (same key) holding `document` with notes `name`."""
    source = vault_path.with_name(f"{name}.vault")
    with Vault.open(vault_path, PASSPHRASE) as vault:
        before = vault.load()
        vault.replace(PlanDocument(region=document.region, plan=Plan(medical_notes=name),
                                   contacts=document.contacts))  # fmt: skip
        backup_to(vault, source)
        vault.replace(before)
    return source


@pytest.mark.slow
@pytest.mark.parametrize("days", [AHEAD_DAYS, BEHIND_DAYS], ids=["clock ahead", "clock behind"])
def test_sigkill_during_restore_with_a_wrong_clock(
    days: int, vault_path: Path, example_document: PlanDocument
) -> None:
    """6 kills per clock (12 in all) of a loop restoring two backups in turn over the
    vault. Every time: the vault opens, is whole and holds one of the two backups or the
    vault as it was; no journal is left beside it; every before-restore copy is whole."""
    random.seed(f"restore-{days}")
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    key = derive_raw_key(vault_path, PASSPHRASE)
    sources = [make_source(vault_path, name, example_document) for name in ("source-a", "source-b")]
    allowed = {"source-a", "source-b", example_document.plan.medical_notes}
    step = 0
    for _ in range(KILLS_PER_CLOCK):
        step = last_done(kill_with_clock("restore", vault_path, step + 1, key, days), step)
        assert_whole(vault_path, raw_key=key)
        with Vault.open(vault_path, raw_key=key) as vault:
            assert vault.load_plan().medical_notes in allowed
        assert not vault_path.with_name(vault_path.name + "-journal").exists()
        kept = [b for b in list_backups(vault_path) if b.kind is Kind.BEFORE_RESTORE]
        for backup in kept:
            assert_whole(backup.path, raw_key=key)
        assert all(source.exists() for source in sources)
    assert step > 0, "the child never finished a restore: the kills came too early"
    assert len([b for b in list_backups(vault_path) if b.kind is Kind.BEFORE_RESTORE]) >= step
