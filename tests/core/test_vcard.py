"""Reading people from vCard files: versions 2.1, 3.0 and 4.0, and files that are wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplan.core.model import ContactMethod, Group, MethodKind
from crisisplan.core.validation import NAME_MAX, validate_contact
from crisisplan.core.vcard import MAX_BYTES, MAX_CARDS, VCardResult, parse_vcards

DATA = Path(__file__).resolve().parent.parent / "data"


def read(name: str, region: str = "GB") -> VCardResult:
    return parse_vcards((DATA / name).read_bytes(), region, time_zone="Europe/London")


def card(*lines: str) -> bytes:
    return ("\r\n".join(("BEGIN:VCARD", *lines, "END:VCARD")) + "\r\n").encode("utf-8")


def messages(result: VCardResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_version_2_1_quoted_printable_and_charsets() -> None:
    result = read("contacts-2.1.vcf")
    zoe, jurgen = result.contacts
    assert zoe.name == "Zoë Łukasz"
    # TEL;CELL gives a number to call and to text; TEL;HOME only to call.
    assert zoe.methods == (
        ContactMethod(MethodKind.PHONE, "07700 900111"),
        ContactMethod(MethodKind.SMS, "07700 900111"),
        ContactMethod(MethodKind.PHONE, "020 7946 0011"),
    )
    # A quoted-printable note with a soft line break and a UTF-8 dash.
    assert zoe.notes == "Met at the climbing wall.\nPrefers texts after 9pm — thank you."
    # No FN: the name comes from N, decoded from ISO-8859-1.
    assert jurgen.name == "Jürgen Müller"
    assert jurgen.role == "Support worker, Riverside Community Team"
    assert jurgen.methods == (ContactMethod(MethodKind.PHONE, "020 7946 0012"),)
    assert messages(result) == [
        'Card 2 (Jürgen Müller): the fax number "020 7946 0999" was left out.'
    ]


def test_version_3_0_links_and_problems() -> None:
    result = read("contacts-3.0.vcf")
    assert [c.card for c in result.candidates] == [1, 2, 4]
    aisha, night_line, marek = result.contacts
    assert aisha.methods == (
        ContactMethod(MethodKind.PHONE, "+44 7700 900222"),
        ContactMethod(MethodKind.SMS, "+44 7700 900222"),
        ContactMethod(MethodKind.EMAIL, "aisha@example.org"),
        ContactMethod(MethodKind.WEB, "https://example.org/aisha"),
    )
    assert aisha.notes == "Neighbour, lives at number 12.\nHas a spare key."
    # An organisation-only card is a service: ORG becomes the name.
    assert night_line.name == "Valley Night Line"
    assert night_line.role == ""
    assert ContactMethod(MethodKind.WEB, "http://example.com/night-line") in night_line.methods
    # What does not look like a number or address is kept, as text to check.
    assert marek.role == "Key worker, Hillside Housing, Support team"
    assert marek.methods == (
        ContactMethod(MethodKind.OTHER, "call the office"),
        ContactMethod(MethodKind.OTHER, "marek.example.org"),
    )
    assert messages(result) == [
        "Card 1 (Aisha Bello): a link was left out: javascript: links are not allowed.",
        "Card 3: has no name, so it was left out.",
        'Card 4 (Marek Nowak): "call the office" is not a phone number; it was kept as other '
        "contact details so you can check it.",
        'Card 4 (Marek Nowak): "marek.example.org" is not an email address; it was kept as '
        "other contact details so you can check it.",
        "Card 4 (Marek Nowak): a link was left out: file: links are not allowed.",
    ]
    assert [str(p) for p in result.file_problems] == ["Card 3: has no name, so it was left out."]


def test_version_4_0_uri_numbers_and_time_zones() -> None:
    result = read("contacts-4.0.vcf")
    daniela, li = result.contacts
    assert daniela.methods == (
        ContactMethod(MethodKind.PHONE, "+1-416-555-0142"),
        ContactMethod(MethodKind.SMS, "+1-416-555-0142"),
        ContactMethod(MethodKind.PHONE, "+1-416-555-0143"),
        ContactMethod(MethodKind.EMAIL, "daniela@example.com"),
    )
    # TZ with an IANA name is used; an offset is not a zone, so the default applies.
    assert daniela.time_zone == "America/Toronto"
    assert li.name == "李雷 😊"
    assert li.time_zone == "Europe/London"
    assert li.methods[1] == ContactMethod(MethodKind.SMS, "+44 7700 900444")
    assert messages(result) == [
        "Card 1 (Daniela Ruiz): a link was left out: data: links are not allowed."
    ]


@pytest.mark.parametrize("name", ["contacts-2.1.vcf", "contacts-3.0.vcf", "contacts-4.0.vcf"])
def test_candidates_are_valid_new_friends(name: str) -> None:
    for contact in read(name).contacts:
        assert validate_contact(contact, "GB") == []
        assert contact.group is Group.FRIEND
        assert not contact.agreed
        assert not contact.on_card
        assert not contact.hours_set


def test_default_time_zone_is_the_regions() -> None:
    result = parse_vcards(card("VERSION:3.0", "FN:Ana", "TEL:+1 555 555 0100"), "US")
    assert result.contacts[0].time_zone == "America/New_York"


def test_one_broken_property_costs_only_that_property() -> None:
    result = read("broken.vcf")
    # Card 2's empty parameter is ignored; card 3's unknown character set costs its name
    # (and so the card); card 4, never closed, is read as far as it goes.
    assert [c.name for c in result.contacts] == ["Good Person", "bad line", "Never closed"]
    assert messages(result) == [
        "Card 2 (bad line): has no phone number, email address or link.",
        "Card 3: has no name, so it was left out.",
        'Card 3: the name could not be read (its character set "NO-SUCH-CHARSET" is not one '
        "crisisplan knows), so it was left out.",
        "Card 4 (Never closed): has no phone number, email address or link.",
        "Card 4 (Never closed): has no END:VCARD line (the file may be cut short).",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "This file is empty."),
        (b"  \r\n\r\n", "This file is empty."),
        ((DATA / "not-a-vcard.vcf").read_bytes(), "This is not a vCard (.vcf) file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not a vCard (.vcf) file"),
        (
            card("VERSION:3.0", "FN:A", "NOTE:" + "x" * MAX_BYTES),
            "This file is 5.0 MB; crisisplan reads vCard files of up to 5 MB (photos not counted)",
        ),
    ],
)
def test_files_that_are_not_vcards(data: bytes, message: str) -> None:
    result = parse_vcards(data, "GB")
    assert result.contacts == ()
    assert len(result.problems) == 1
    assert str(result.problems[0]).startswith(message)


def test_too_many_cards_reads_the_first_ones() -> None:
    data = b"".join(
        card("VERSION:3.0", f"FN:Person {n}", "TEL:07700 900123") for n in range(MAX_CARDS + 5)
    )
    result = parse_vcards(data, "GB")
    assert len(result.contacts) == MAX_CARDS
    assert result.contacts[-1].name == f"Person {MAX_CARDS - 1}"
    assert messages(result) == [
        f"This file holds {MAX_CARDS + 5:,} cards; only the first {MAX_CARDS:,} were read. "
        "Export fewer people to add the rest."
    ]


def test_control_characters_are_removed() -> None:
    data = card(
        "VERSION:3.0",
        "FN:Sam\x07 \x1bOkafor",
        "TEL;TYPE=CELL:07700\x00 900123",
        "NOTE:line one\\nline\x0b two",
    )
    result = parse_vcards(data, "GB")
    (contact,) = result.contacts
    assert contact.name == "Sam Okafor"
    assert contact.methods[0] == ContactMethod(MethodKind.PHONE, "07700 900123")
    assert contact.notes == "line one\nline two"
    assert messages(result) == ["Card 1 (Sam Okafor): hidden control characters were removed."]
    assert validate_contact(contact, "GB") == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:void(0)",
        "file:///home/sam/.ssh/id_rsa",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "ftp://example.org/",
    ],
)
def test_only_web_links_are_kept(url: str) -> None:
    result = parse_vcards(card("VERSION:3.0", "FN:Sam", f"URL:{url}"), "GB")
    (contact,) = result.contacts
    assert contact.methods == ()
    assert any("a link was left out" in message for message in messages(result))


def test_long_fields_are_shortened_with_a_note() -> None:
    result = parse_vcards(card("VERSION:3.0", "FN:" + "A" * 500), "GB")
    (contact,) = result.contacts
    assert len(contact.name) == NAME_MAX
    assert contact.name.endswith("…")
    assert "only the first 200 kept" in messages(result)[0]


def test_utf16_and_windows_1252_files() -> None:
    utf16 = card("VERSION:3.0", "FN:Zoë Ελένη", "TEL:07700 900123").decode().encode("utf-16")
    assert parse_vcards(utf16, "GB").contacts[0].name == "Zoë Ελένη"
    cp1252 = card("VERSION:3.0", "FN:Renée", "TEL:07700 900123").decode().encode("cp1252")
    result = parse_vcards(cp1252, "GB")
    assert result.contacts[0].name == "Renée"
    assert "not in UTF-8" in messages(result)[0]


def test_duplicate_numbers_are_listed_once() -> None:
    data = card("VERSION:3.0", "FN:Sam", "TEL;TYPE=CELL:07700 900123", "TEL;TYPE=CELL:07700 900123")
    assert len(parse_vcards(data, "GB").contacts[0].methods) == 2


def test_unneeded_properties_are_skipped_unparsed() -> None:
    photo = ["PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * 74] + [" " + "A" * 74] * 2_000
    data = card(
        "VERSION:3.0",
        *photo,
        "item1.TEL;TYPE=CELL:07700 900123",
        "item1.X-ABLabel:mum",
        "ADR;TYPE=HOME:;;1 High Street;Town;;AB1 2CD;UK",
        "FN:Sam Okafor",
    )
    result = parse_vcards(data, "GB")
    (contact,) = result.contacts
    assert contact.name == "Sam Okafor"
    assert contact.methods[0] == ContactMethod(MethodKind.PHONE, "07700 900123")
    assert result.problems == ()


def test_huge_cards_are_cut_down_quickly() -> None:
    numbers = [f"TEL:07700 900{n % 1000:03d}" for n in range(150)]
    note = "NOTE:" + "x" * (200 * 1024)
    result = parse_vcards(card("VERSION:3.0", "FN:Many", note, *numbers), "GB")
    (contact,) = result.contacts
    assert len(contact.methods) == 20
    assert contact.notes == ""
    assert messages(result) == [
        "Card 1 (Many): has 100 ways to reach them; the first 20 were kept.",
        "Card 1 (Many): a note was too long to read, so it was left out.",
        "Card 1 (Many): has more than 100 numbers, addresses and links; the rest were left out.",
    ]
