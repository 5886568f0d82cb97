"""`crisisplan vcard`: preview an address book without changing anything, add chosen people
after a backup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE
from tests.test_cli import assert_one_sentence, run

DATA = Path(__file__).parent / "data"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "my.vault"
    assert run("init", "--region", "GB", "--vault", str(path), "--passphrase-stdin").returncode == 0
    return path


def common(vault: Path) -> tuple[str, ...]:
    return ("--vault", str(vault), "--passphrase-stdin")


def contacts(vault: Path) -> list[str]:
    with Vault.open(vault, PASSPHRASE) as opened:
        return [contact.name for contact in opened.load_contacts()]


def test_preview_lists_people_and_notes_and_changes_nothing(vault: Path) -> None:
    before = vault.read_bytes()
    result = run("vcard", str(DATA / "contacts-3.0.vcf"), *common(vault))
    assert result.returncode == 0, result.stderr
    assert "4 cards, 3 people found." in result.stdout
    assert "  1. Aisha Bello" in result.stdout
    assert "call +44 7700 900222" in result.stdout
    assert "! a link was left out: javascript: links are not allowed." in result.stdout
    assert "Card 3: has no name, so it was left out." in result.stdout
    assert "Nothing was changed." in result.stderr and "--add --pick 1,2,3" in result.stderr
    assert vault.read_bytes() == before


def test_preview_with_a_region_needs_no_vault() -> None:
    result = run("vcard", str(DATA / "contacts-2.1.vcf"), "--region", "GB", "--json", stdin="")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["cards"] == 2
    zoe, jurgen = data["candidates"]
    assert (zoe["number"], zoe["name"], zoe["flagged"]) == (1, "Zoë Łukasz", False)
    assert {"kind": "sms", "value": "07700 900111"} in zoe["methods"]
    assert jurgen["problems"] == ['the fax number "020 7946 0999" was left out.']
    assert data["problems"] == []


def test_add_picks_people_to_the_end_after_a_backup(vault: Path) -> None:
    before = contacts(vault)
    result = run("vcard", str(DATA / "contacts-3.0.vcf"), "--add", "--pick", "3,1", *common(vault))
    assert result.returncode == 0, result.stderr
    assert "Added 2 people to the end of your support system: Marek Nowak, Aisha Bello." in (
        result.stderr
    )
    assert "kept in an encrypted backup" in result.stderr
    assert contacts(vault) == [*before, "Marek Nowak", "Aisha Bello"]
    listed = run("backups", "--vault", str(vault), stdin="")
    assert listed.stdout.count("\n") == 1


@pytest.mark.parametrize("pick", ["0", "4", "1,x", ""])
def test_a_wrong_pick_changes_nothing(vault: Path, pick: str) -> None:
    before = vault.read_bytes()
    result = run("vcard", str(DATA / "contacts-3.0.vcf"), "--add", "--pick", pick, *common(vault))
    assert_one_sentence(result, 2, "is not one of the people found (1–3)")
    assert vault.read_bytes() == before


def test_a_file_with_nobody_and_a_device_are_refused(vault: Path) -> None:
    result = run("vcard", str(DATA / "not-a-vcard.vcf"), "--add", *common(vault))
    assert result.returncode == 4
    assert "This is not a vCard (.vcf) file" in result.stdout
    result = run("vcard", "/dev/zero", "--region", "GB", stdin="")
    assert_one_sentence(result, 4, "/dev/zero is a device, not a vCard file")
