"""`crisisplan pdf plan|card`: real processes, a real vault, exit codes and atomic writes."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplan import cli
from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE
from tests.pdf.pdf_helpers import plumber, poppler_text

MM = 72 / 25.4


def run(*args: str, stdin: str = PASSPHRASE + "\n") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "crisisplan", *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=60,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("LC_")}, "LANG": "C.UTF-8"},
    )


def make_vault(folder: Path, region: str = "GB", plan: Path | None = None) -> Path:
    path = folder / "my.vault"
    assert (
        run("init", "--region", region, "--vault", str(path), "--passphrase-stdin").returncode == 0
    )
    source = plan or resource_path("example_plan.json")
    assert run("import", str(source), "--vault", str(path), "--passphrase-stdin").returncode == 0
    return path


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_vault(tmp_path_factory.mktemp("vault"))


def test_help_lists_both_documents() -> None:
    result = run("pdf", "--help", stdin="")
    assert result.returncode == 0
    assert b"plan" in result.stdout and b"card" in result.stdout
    for kind in ("plan", "card"):
        sub = run("pdf", kind, "--help", stdin="")
        assert sub.returncode == 0
        for option in (b"--paper", b"--vault", b"--passphrase-stdin"):
            assert option in sub.stdout
    assert b"--layout" in run("pdf", "card", "--help", stdin="").stdout


def test_plan_is_written_with_the_regions_paper(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = run("pdf", "plan", str(out), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "not encrypted" in stderr and str(out) in stderr
    with plumber(out.read_bytes()) as pdf:
        assert pdf.pages[0].width == pytest.approx(210 * MM, abs=0.01)
    assert "Sam Okafor" in poppler_text(out.read_bytes())
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)


def test_card_with_layout_and_paper(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    result = run("pdf", "card", str(out), "--layout", "duplex", "--paper", "letter",
                 "--vault", str(vault), "--passphrase-stdin")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert b"not encrypted" in result.stderr
    assert b"Not everything fit" not in result.stderr
    with plumber(out.read_bytes()) as pdf:
        assert len(pdf.pages) == 2
        assert pdf.pages[0].width == pytest.approx(612, abs=0.01)


def test_what_did_not_fit_is_said_on_stderr(tmp_path: Path) -> None:
    crowded = tmp_path / "crowded.json"
    text = resource_path("example_plan.json").read_text("utf-8")
    long = ", ".join(f'"Warning sign number {i} that goes on for quite a while"' for i in range(30))
    text = text.replace('"warning_signs": [', f'"warning_signs": [{long}, ', 1)
    crowded.write_text(text, "utf-8")
    vault = make_vault(tmp_path, plan=crowded)
    out = tmp_path / "card.pdf"
    result = run("pdf", "card", str(out), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0, result.stderr
    stderr = result.stderr.decode()
    assert "Not everything fit:" in stderr
    assert "Back of the card: \u201cWarning signs\u201d was shortened" in stderr


def test_standard_output(vault: Path) -> None:
    result = run("pdf", "card", "-", "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == 0
    assert result.stdout.startswith(b"%PDF-")
    assert b"not encrypted" in result.stderr


def test_wrong_passphrase_writes_nothing(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    result = run("pdf", "plan", str(out), "--vault", str(vault), "--passphrase-stdin",
                 stdin="not the passphrase\n")  # fmt: skip
    assert result.returncode == cli.EXIT_WRONG_PASSPHRASE
    assert b"Traceback" not in result.stderr
    assert not out.exists()


def test_missing_vault_and_bad_options(tmp_path: Path) -> None:
    result = run("pdf", "plan", str(tmp_path / "p.pdf"), "--vault", str(tmp_path / "none.vault"),
                 "--passphrase-stdin")  # fmt: skip
    assert result.returncode == cli.EXIT_VAULT
    assert result.stderr.startswith(b"crisisplan: There is no vault")
    assert run("pdf", "card", "x.pdf", "--layout", "trifold", stdin="").returncode == cli.EXIT_USAGE
    assert run("pdf", "plan", "x.pdf", "--paper", "a5", stdin="").returncode == cli.EXIT_USAGE
    assert run("pdf", stdin="").returncode == cli.EXIT_USAGE


def test_unwritable_folder_is_a_clear_error(vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "plan.pdf"
    result = run("pdf", "plan", str(out), "--vault", str(vault), "--passphrase-stdin")
    assert result.returncode == cli.EXIT_USAGE
    assert b"Nothing was written" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    vault: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "card.pdf"
    out.write_bytes(b"the previous card")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{PASSPHRASE}\n".encode())))
    code = cli.main(["pdf", "card", str(out), "--vault", str(vault), "--passphrase-stdin"])
    assert code == cli.EXIT_VAULT  # a full disk is exit 5, like a full disk under the vault
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == b"the previous card"
    assert sorted(p.name for p in folder.iterdir()) == ["card.pdf"]


def test_unprintable_characters_are_mentioned_for_the_plan(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    text = resource_path("example_plan.json").read_text("utf-8")
    odd.write_text(
        text.replace("Seeing my niece grow up", "Seeing my niece grow up \U0001f970"), "utf-8"
    )
    vault = make_vault(tmp_path, plan=odd)
    result = run(
        "pdf", "plan", str(tmp_path / "p.pdf"), "--vault", str(vault), "--passphrase-stdin"
    )
    assert result.returncode == 0
    assert "\U0001f970" in result.stderr.decode()
