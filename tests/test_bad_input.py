"""Hostile text in every field, through JSON import, vCard import and the command line,
and on into the vault and back out (the dialogs and the plan editor:
tests/ui/test_bad_input_ui.py).

Text a person may really write — SQL metacharacters, right-to-left scripts with bidi
controls, emoji sequences — is kept exactly. Text nobody writes — control characters,
lone surrogates, 100,000 characters — is refused with a sentence naming the field (in a
vCard: removed or shortened, with a note). Unknown time zones and impossible times and
dates are refused the same way. Single cases covered in tests/core/test_interchange.py,
test_vcard.py and test_validation.py are extended here to every field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crisisplan.core import interchange
from crisisplan.core.interchange import InterchangeError
from crisisplan.core.model import Section
from crisisplan.core.validation import validate_contact, validate_document, without_bidi_controls
from crisisplan.core.vcard import parse_vcards
from crisisplan.resources import resource_path
from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE
from tests.helpers.hostile import KEPT, REFUSED, hostile_document
from tests.test_cli import assert_one_sentence, run

CONTACT_TEXT = ("name", "role", "helps_with", "message", "notes")


def example() -> dict[str, Any]:
    return dict(json.loads(resource_path("example_plan.json").read_text("utf-8")))


# --- text that is kept --------------------------------------------------------------------------


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_real_text_is_kept_in_every_field_through_vault_and_json(
    text: str, vault_path: Path
) -> None:
    document = hostile_document(text)
    assert validate_document(document) == []
    with Vault.create(vault_path, PASSPHRASE, "GB") as vault:
        vault.replace(document)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.load() == document  # every statement is parameterised
        assert vault.integrity_problems() == []
    assert interchange.loads(interchange.dumps(document)) == document


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_real_text_is_kept_in_every_vcard_property(text: str) -> None:
    escaped = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    data = "\r\n".join(
        ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escaped}", f"TITLE:{escaped}",
         f"NOTE:{escaped}", "TEL;TYPE=CELL:+44 7700 900123", "END:VCARD", ""]
    ).encode("utf-8")  # fmt: skip
    result = parse_vcards(data, "GB")
    (contact,) = result.contacts
    # Direction controls are taken out of one-line fields (they could disguise a name).
    assert contact.name == without_bidi_controls(text).strip()
    assert contact.notes == text.strip()
    assert without_bidi_controls(text).strip() in contact.role


# --- text that is refused ---------------------------------------------------------------------


def json_paths() -> Iterator[tuple[str, Callable[[dict[str, Any], str], None]]]:
    """Every free-text field of the plan file, with a way to put text in it."""

    def contact_field(field: str) -> Callable[[dict[str, Any], str], None]:
        return lambda raw, text: raw["contacts"][0].__setitem__(field, text)

    def plan_field(field: str) -> Callable[[dict[str, Any], str], None]:
        return lambda raw, text: raw["plan"].__setitem__(field, [text])

    for field in CONTACT_TEXT:
        yield f"contacts[0].{field}", contact_field(field)
    yield (
        "contacts[0].methods[0].value",
        lambda raw, text: raw["contacts"][0]["methods"].__setitem__(
            0, {"kind": "other", "value": text}
        ),
    )
    for section in Section:
        yield f"plan.{section.value}[0]", plan_field(section.value)
    yield "plan.medical_notes", lambda raw, text: raw["plan"].__setitem__("medical_notes", text)


@pytest.mark.parametrize(("text", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_bad_text_in_any_json_field_is_refused_naming_the_field(text: str, expected: str) -> None:
    base = example()
    for path, put in json_paths():
        raw = json.loads(json.dumps(base))
        put(raw, text)
        with pytest.raises(InterchangeError) as caught:
            interchange.loads(json.dumps(raw).encode("utf-8", "surrogatepass"))
        problems = str(caught.value)
        assert path in problems and expected in problems, (path, problems[:300])


UNKNOWN_ZONES = ["Mars/Olympus_Mons", "../../../etc/localtime", "UTC+25", "Europe/London\x00",
                 "", "europe/london"]  # fmt: skip


@pytest.mark.parametrize("zone", UNKNOWN_ZONES)
def test_unknown_time_zones_are_refused_by_import_and_ignored_in_vcards(zone: str) -> None:
    raw = example()
    raw["contacts"][0]["time_zone"] = zone
    with pytest.raises(InterchangeError, match=r"contacts\[0\]\.time_zone"):
        interchange.loads(json.dumps(raw).encode())
    vcard = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nTZ:{zone}\r\nEND:VCARD\r\n".encode()
    (contact,) = parse_vcards(vcard, "GB", time_zone="Europe/London").contacts
    assert contact.time_zone == "Europe/London"  # the default, never the unknown name


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("contacts", 0, "windows", 0, "start"), "24:00"),
        (("contacts", 0, "windows", 0, "end"), "23:60"),
        (("contacts", 0, "windows", 0, "start"), "-1:00"),
        (("contacts", 0, "windows", 0, "end"), "12:00:00"),
        (("contacts", 0, "away_until"), "2026-02-29"),
        (("contacts", 0, "away_until"), "2026-04-31"),
        (("contacts", 0, "checked_on"), "0000-00-00"),
        (("contacts", 0, "checked_on"), "2026-13-01"),
        (("plan", "reviewed_on"), "99999-01-01"),
        (("plan", "reviewed_on"), "2026-11-03T10:00"),
    ],
)
def test_impossible_times_and_dates_are_refused(where: tuple[Any, ...], value: str) -> None:
    raw = example()
    target: Any = raw
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    with pytest.raises(InterchangeError) as caught:
        interchange.loads(json.dumps(raw).encode())
    path = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in where).replace(".[", "[")
    assert f'{path}: "{value}" is not a' in str(caught.value)


@pytest.mark.parametrize(
    "when", ["2026-02-30T10:00:00+00:00", "2026-11-27T24:30:00+00:00", "2026-11-27T10:00+25:00"]
)
def test_impossible_instants_on_the_command_line(tmp_path: Path, when: str) -> None:
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    result = run("now", "--at", when, "--vault", str(path), "--passphrase-stdin")
    assert_one_sentence(result, 2, "--at:")


# --- the vCard reader -------------------------------------------------------------------------


def test_vcard_with_huge_and_control_filled_properties() -> None:
    lines = [
        "BEGIN:VCARD", "VERSION:3.0", "FN:" + "N" * 100_000, "TITLE:" + "T" * 100_000,
        "NOTE:" + "x\x07" * 50_000, "EMAIL:" + "a" * 100_000 + "@example.org",
        "TEL:07700 900123\x1b[31m", "URL:https://example.org/" + "p" * 100_000, "END:VCARD", "",
    ]  # fmt: skip
    result = parse_vcards("\r\n".join(lines).encode(), "GB")
    (contact,) = result.contacts
    assert validate_contact(contact, "GB") == []
    assert len(contact.name) <= 200 and "\x07" not in contact.notes
    notes = " ".join(str(p) for p in result.problems)
    assert "control characters were removed" in notes
    assert "kept" in notes or "left out" in notes
