"""Address books as real exporters write them (fixtures written here, modelled on the quirks
of Android, iPhone/macOS, Gmail, Outlook and old 2.1 phones; no copied files)."""

from __future__ import annotations

import base64

import pytest

from crisisplan.core.model import ContactMethod, MethodKind
from crisisplan.core.validation import validate_contact
from crisisplan.core.vcard import (
    MAX_BYTES,
    VCardCancelled,
    VCardResult,
    parse_vcards,
)


def card(*lines: bytes | str) -> bytes:
    parts = [line if isinstance(line, bytes) else line.encode("utf-8") for line in lines]
    return b"\r\n".join([b"BEGIN:VCARD", *parts, b"END:VCARD"]) + b"\r\n"


def messages(result: VCardResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_one_windows_1252_byte_does_not_garble_the_other_cards() -> None:
    data = card("VERSION:3.0", "FN:Анна Каренина", "TEL:+7 912 345 67 89") + card(
        "VERSION:3.0", b"FN:Ren" + b"\xe9e", "TEL:07700 900123"
    )
    result = parse_vcards(data, "GB")
    anna, renee = result.contacts
    assert anna.name == "Анна Каренина"
    assert renee.name == "Renée"
    assert messages(result) == [
        "Card 2 (Renée): the name was not in UTF-8, so letters may be wrong: check them."
    ]


def test_a_fold_inside_a_utf8_character_is_joined_as_bytes() -> None:
    name = "Анна Каренина".encode()
    cut = name.index("К".encode()) + 1  # between the two bytes of К
    data = card(b"VERSION:3.0", b"FN:" + name[:cut], b" " + name[cut:], b"TEL:07700 900123")
    result = parse_vcards(data, "GB")
    assert result.contacts[0].name == "Анна Каренина"
    assert result.problems == ()


def test_declared_charsets_on_2_1_properties_are_honoured() -> None:
    data = card(
        b"VERSION:2.1",
        b"N;CHARSET=SHIFT_JIS:" + "山田;太郎".encode("shift_jis"),
        b"TEL;CELL:090-1234-5678",
    ) + card(
        b"VERSION:2.1",
        b"FN;CHARSET=windows-1251:" + "Анна Каренина".encode("cp1251"),
        b"TEL;CELL:+7 912 345 67 89",
    )
    yamada, anna = parse_vcards(data, "JP").contacts
    assert yamada.name == "太郎 山田"
    assert anna.name == "Анна Каренина"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("http\\://www.example.com", "http://www.example.com"),  # iPhone, macOS, Gmail
        ("https\\://example.org/a\\,b", "https://example.org/a,b"),
        ("www.example.com", "https://www.example.com"),
        ("WWW.example.com/help", "https://WWW.example.com/help"),
    ],
)
def test_escaped_and_bare_links_are_kept(written: str, kept: str) -> None:
    result = parse_vcards(card("VERSION:3.0", "FN:Sam", f"URL:{written}"), "GB")
    assert result.contacts[0].methods == (ContactMethod(MethodKind.WEB, kept),)
    assert not any("link" in m for m in messages(result))


def test_a_bad_property_costs_only_itself() -> None:
    data = card(
        "VERSION:2.1",
        "FN:Sam Okafor",
        "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=28 Nero",  # invalid UTF-8
        "TEL;TYPE=CELL;:07700 900123",  # an empty parameter
        "EMAIL;INTERNET:sam@example.org",
    )
    result = parse_vcards(data, "GB")
    (sam,) = result.contacts
    assert sam.name == "Sam Okafor" and sam.role == ""
    assert ContactMethod(MethodKind.PHONE, "07700 900123") in sam.methods
    assert ContactMethod(MethodKind.EMAIL, "sam@example.org") in sam.methods
    assert messages(result) == [
        "Card 1 (Sam Okafor): the organisation could not be read (its letters are not valid "
        "UTF-8), so it was left out."
    ]


def test_a_quoted_printable_value_ending_in_equals_does_not_swallow_the_next_line() -> None:
    data = card(
        "VERSION:2.1",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB=",
        "TEL;CELL:07700900144",
    )
    result = parse_vcards(data, "GB")
    (zoe,) = result.contacts
    assert zoe.name == "Zoë"
    assert zoe.methods[0] == ContactMethod(MethodKind.PHONE, "07700900144")
    # A real soft line break still joins.
    data = card(
        "VERSION:2.1",
        "NOTE;ENCODING=QUOTED-PRINTABLE:one=",
        "two",
        "FN:Sam",
    )
    assert parse_vcards(data, "GB").contacts[0].notes == "onetwo"


def test_a_missing_end_costs_no_other_card() -> None:
    first = card("VERSION:3.0", "FN:Sam", "TEL:07700 900123").replace(b"END:VCARD\r\n", b"")
    data = first + card("VERSION:3.0", "FN:Priya", "TEL:07700 900456")
    result = parse_vcards(data, "GB")
    assert [c.name for c in result.contacts] == ["Sam", "Priya"]
    assert messages(result) == [
        "Card 1 (Sam): has no END:VCARD line; it was read up to the start of the next card."
    ]


def test_email_only_cards_are_kept_flagged_with_the_address_as_name() -> None:
    result = parse_vcards(card("VERSION:3.0", "EMAIL;TYPE=INTERNET:jo@example.org"), "GB")
    (candidate,) = result.candidates
    assert candidate.flagged
    assert candidate.contact.name == "jo@example.org"
    assert candidate.contact.methods == (ContactMethod(MethodKind.EMAIL, "jo@example.org"),)
    assert messages(result) == [
        "Card 1 (jo@example.org): has no name, so its email address is used as the name: check it."
    ]
    assert validate_contact(candidate.contact, "GB") == []


def photo_lines(size: int, *, folded: bool) -> list[str]:
    encoded = base64.b64encode(bytes(range(256)) * (size // 256)).decode()
    chunks = [encoded[i : i + 74] for i in range(0, len(encoded), 74)]
    if folded:  # 3.0 / 4.0: folded continuation lines
        return ["PHOTO;ENCODING=b;TYPE=JPEG:" + chunks[0], *(" " + c for c in chunks[1:])]
    # 2.1: unindented BASE64 lines, ended by a blank line
    return ["PHOTO;ENCODING=BASE64;TYPE=JPEG:", *chunks, ""]


def test_photos_are_skipped_and_not_counted_toward_the_cap() -> None:
    folded = card("VERSION:3.0", "FN:Sam", *photo_lines(46_000, folded=True), "TEL:07700 900123")
    unfolded = card(
        "VERSION:2.1", "FN:Priya", *photo_lines(46_000, folded=False), "TEL;CELL:07700 900456"
    )
    data = (folded + unfolded) * 70  # 140 cards with 46 KB photos: ~8.6 MB
    assert len(data) > MAX_BYTES
    result = parse_vcards(data, "GB")
    assert len(result.contacts) == 140
    assert result.contacts[1].name == "Priya"
    assert result.contacts[1].methods[0] == ContactMethod(MethodKind.PHONE, "07700 900456")
    assert result.problems == ()


def test_progress_is_reported_and_cancel_stops_the_reading() -> None:
    data = b"".join(card("VERSION:3.0", f"FN:P {n}", "TEL:07700 900123") for n in range(500))
    seen: list[int] = []
    result = parse_vcards(data, "GB", progress=seen.append)
    assert len(result.contacts) == 500
    assert seen == sorted(seen) and seen[-1] == 100 and len(seen) > 3
    with pytest.raises(VCardCancelled):
        parse_vcards(data, "GB", cancelled=lambda: True)


def test_bidi_controls_are_taken_out_of_names() -> None:
    result = parse_vcards(card("VERSION:3.0", "FN:Sam \u202eexe.evil", "TEL:07700 900123"), "GB")
    assert result.contacts[0].name == "Sam exe.evil"
    assert "hidden control characters were removed" in messages(result)[0]
