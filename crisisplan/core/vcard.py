"""Read people from a vCard (.vcf) file, as candidate contacts for the support system.

A person's phone exports their address book as vCards (versions 2.1, 3.0 and 4.0). We
read the few properties a safety plan needs and say, card by card, in plain sentences,
what we left out or changed, so the person can check before anything is added:

- name from FN, else from N, else from ORG; role from TITLE and ORG;
- TEL → a phone number to call (and to text, when typed CELL / TEXT); fax-only numbers
  are left out; a number that does not look like one is kept as "other" text to check;
- EMAIL → email; URL → web link, only http and https (javascript:, file:, data: … are
  left out, with a note); NOTE → notes; TZ → time zone, when it is an IANA name.

The file is untrusted: it is size-capped (5 MB, 2,000 cards), decoded defensively
(UTF-8, UTF-16 with a byte-order mark, else Windows-1252), split into cards by us, cut
down to the properties above in one linear pass (photos and the like never reach the
parser; over-long properties and more than 100 numbers a card are left out, with a note),
and parsed one card at a time with `vobject`, so one broken card costs only that card.
Control characters are removed and every candidate passes `validate_contact`, the same
check the editor uses.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import vobject

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind
from crisisplan.core.regions import region_info
from crisisplan.core.validation import (
    BIDI_CONTROLS,
    METHOD_VALUE_MAX,
    METHODS_MAX,
    NAME_MAX,
    NOTES_MAX,
    known_time_zones,
    method_problem,
    quoted,
    validate_contact,
    web_problem,
)

# Far above any real address book a person would pick people from, small enough that
# parsing stays well under a second and the preview stays usable.
MAX_BYTES = 5 * 1024 * 1024
MAX_CARDS = 2_000
# Per card: a property longer than this (a 10,000-character note is ~90 KB encoded) is
# left out, and so is every number, address and link past the first hundred.
MAX_PROPERTY_CHARS = 128 * 1024
MAX_METHOD_PROPERTIES = 100

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BEGIN = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_SMS_TYPES = {"CELL", "TEXT", "MSG", "IPHONE"}
# The properties we read; everything else (PHOTO, ADR, BDAY, X-…) is dropped unparsed.
_WANTED_PROPERTIES = {
    "BEGIN",
    "END",
    "VERSION",
    "FN",
    "N",
    "ORG",
    "TITLE",
    "TEL",
    "EMAIL",
    "URL",
    "NOTE",
    "TZ",
}
# A property's name, after an optional group ("item1.TEL;TYPE=CELL:…" → TEL).
_PROPERTY_NAME = re.compile(r"^(?:[^.;:]*\.)?([^;:]*)")
_METHOD_PROPERTIES = {"TEL", "EMAIL", "URL"}
_PROPERTY_NAMES = {
    "TEL": "phone number",
    "EMAIL": "email address",
    "URL": "link",
    "FN": "name",
    "N": "name",
    "NOTE": "note",
    "ORG": "organisation",
    "TITLE": "job title",
    "TZ": "time zone",
}
# A number typed FAX is left out unless it is also typed as something a person answers.
_VOICE_TYPES = {"VOICE", "CELL", "TEXT", "MSG", "IPHONE", "TEXTPHONE"}


@dataclass(frozen=True, slots=True)
class CardProblem:
    """Something about one card (or, with card 0, the whole file) the person should know."""

    card: int
    message: str
    name: str = ""

    def __str__(self) -> str:
        if self.card == 0:
            return self.message
        who = f"Card {self.card} ({self.name})" if self.name else f"Card {self.card}"
        return f"{who}: {self.message}"


@dataclass(frozen=True, slots=True)
class VCardCandidate:
    """A person read from card number `card` (1-based, in file order)."""

    card: int
    contact: Contact


@dataclass(frozen=True, slots=True)
class VCardResult:
    """The people found in a file, and every problem, in file order."""

    candidates: tuple[VCardCandidate, ...] = ()
    problems: tuple[CardProblem, ...] = ()
    cards_found: int = 0

    @property
    def contacts(self) -> tuple[Contact, ...]:
        return tuple(candidate.contact for candidate in self.candidates)

    def problems_for(self, card: int) -> tuple[CardProblem, ...]:
        return tuple(problem for problem in self.problems if problem.card == card)

    @property
    def file_problems(self) -> tuple[CardProblem, ...]:
        """Problems about the file itself or about cards that gave nobody."""
        readable = {candidate.card for candidate in self.candidates}
        return tuple(p for p in self.problems if p.card not in readable)


def parse_vcards(data: bytes, region: str, *, time_zone: str | None = None) -> VCardResult:
    """Read every card in `data` as a candidate contact.

    Args:
        data: the file's bytes.
        region: how national phone numbers are read (the vault's region).
        time_zone: the zone for people whose card has none; the region's zone if None.

    Returns:
        The candidates (group friend, not agreed, not on the card) and every problem.
    """
    default_zone = time_zone or region_info(region).time_zone
    if default_zone not in known_time_zones():
        default_zone = "UTC"
    if len(data) > MAX_BYTES:
        return _refused(too_big(len(data)))
    if not data.strip():
        return _refused("This file is empty.")
    text, decoding_note = _decode(data)
    if "BEGIN:VCARD" not in text.upper().replace(" ", ""):
        return _refused("This is not a vCard (.vcf) file: it holds no BEGIN:VCARD line.")
    problems: list[CardProblem] = []
    if decoding_note:
        problems.append(CardProblem(0, decoding_note))
    cards, total, unclosed = _split_cards(text)
    if total > MAX_CARDS:
        problems.append(
            CardProblem(
                0,
                f"This file holds {total:,} cards; only the first {MAX_CARDS:,} were read. "
                "Export fewer people to add the rest.",
            )
        )
    candidates: list[VCardCandidate] = []
    for number, (first_line, lines) in enumerate(cards, start=1):
        contact, card_problems = _read_card(number, first_line, lines, region, default_zone)
        problems += card_problems
        if contact is not None:
            candidates.append(VCardCandidate(number, contact))
    if unclosed and total < MAX_CARDS:
        problems.append(
            CardProblem(
                total + 1, "has no END:VCARD line (the file may be cut short), so it was left out."
            )
        )
    return VCardResult(tuple(candidates), tuple(problems), min(total, MAX_CARDS))


def too_big(size: int) -> str:
    """Why a file of `size` bytes is refused (also said before reading such a file)."""
    return (
        f"This file is {size / (1024 * 1024):.1f} MB; crisisplan reads vCard files of up to "
        f"{MAX_BYTES // (1024 * 1024)} MB. Export only the people you want to add."
    )


def _refused(message: str) -> VCardResult:
    return VCardResult(problems=(CardProblem(0, message),))


def _decode(data: bytes) -> tuple[str, str]:
    """The file as text, and a note if letters may be wrong."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        # Old phones wrote vCard 2.1 in the system code page; Windows-1252 is the common one.
        return data.decode("cp1252", errors="replace"), (
            "This file is not in UTF-8, so accented letters in names may be wrong: "
            "check them before adding."
        )


def _split_cards(text: str) -> tuple[list[tuple[int, list[str]]], int, bool]:
    """Each top-level BEGIN:VCARD … END:VCARD block as (first line number, its lines), the
    number of cards in the file (blocks past MAX_CARDS are counted, not kept), and whether
    the last card is left open."""
    cards: list[tuple[int, list[str]]] = []
    total = 0
    depth = 0
    start = 0
    lines: list[str] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if _BEGIN.match(line):
            if depth == 0:
                start, lines = number, []
            depth += 1
        if depth > 0 and total < MAX_CARDS:
            lines.append(line)
        if depth > 0 and _END.match(line):
            depth -= 1
            if depth == 0:
                total += 1
                if total <= MAX_CARDS:
                    cards.append((start, lines))
    return cards, total, depth > 0


def _properties(lines: list[str]) -> list[list[int]]:
    """The card's lines grouped into properties: a line starting with a space or tab
    continues the one before (RFC 6350 folding), and so does any line after a vCard 2.1
    quoted-printable value ending in "=" (a soft line break)."""
    groups: list[list[int]] = []
    soft_break = False
    for index, line in enumerate(lines):
        if groups and (soft_break or line[:1] in (" ", "\t")):
            groups[-1].append(index)
        elif not line.strip():
            soft_break = False
            continue
        else:
            groups.append([index])
        head = lines[groups[-1][0]]
        soft_break = line.endswith("=") and "QUOTED-PRINTABLE" in head.upper()
    return groups


def _wanted(lines: list[str]) -> tuple[list[int], list[str]]:
    """The indexes of the lines worth giving to vobject, and notes on what was left out.

    Photos, addresses, birthdays and the like are dropped before parsing: they are not
    needed, and a linear pass here keeps a hostile or huge card from costing vobject
    (whose line joining is quadratic) minutes.
    """
    kept: list[int] = []
    notes: list[str] = []
    methods = 0
    for group in _properties(lines):
        match = _PROPERTY_NAME.match(lines[group[0]])
        name = match.group(1).strip().upper() if match else ""
        if name not in _WANTED_PROPERTIES:
            continue
        if sum(len(lines[index]) for index in group) > MAX_PROPERTY_CHARS:
            what = _PROPERTY_NAMES.get(name, name.lower())
            notes.append(f"a {what} was too long to read, so it was left out.")
            continue
        if name in _METHOD_PROPERTIES:
            methods += 1
            if methods == MAX_METHOD_PROPERTIES + 1:
                notes.append(
                    f"has more than {MAX_METHOD_PROPERTIES} numbers, addresses and links; "
                    "the rest were left out."
                )
            if methods > MAX_METHOD_PROPERTIES:
                continue
        kept += group
    return kept, notes


def _read_card(
    number: int, first_line: int, lines: list[str], region: str, default_zone: str
) -> tuple[Contact | None, list[CardProblem]]:
    kept, notes = _wanted(lines)
    text = "".join(lines[index] + "\r\n" for index in kept)
    try:
        card = vobject.readOne(text, allowQP=True)
        properties = _content_lines(card)
    # vobject raises ParseError, LookupError (an unknown CHARSET), UnicodeError, ValueError
    # and others on malformed input; one bad card must cost only that card.
    except Exception as error:
        line = getattr(error, "lineNumber", None)
        where = ""
        if isinstance(line, int) and kept:
            where = f" (line {first_line + kept[min(max(line, 1), len(kept)) - 1]} of the file)"
        return None, [CardProblem(number, f"could not be read{where}, so it was left out.")]
    reader = _CardReader(number, region)
    contact = reader.contact(properties, default_zone)
    for note in notes:
        reader.note(note)
    if contact is None:
        return None, reader.problems
    remaining = validate_contact(contact, region)
    if remaining:
        # Should not happen (we clean every field), but never offer an invalid contact.
        reader.note("could not be used: " + "; ".join(str(p) for p in remaining) + ".")
        return None, reader.problems
    return contact, reader.problems


def _content_lines(card: Any) -> dict[str, list[Any]]:
    """The card's properties by upper-case name, in order; nested cards are ignored."""
    result: dict[str, list[Any]] = {}
    for child in card.getChildren():
        if isinstance(child, vobject.base.ContentLine):
            result.setdefault(child.name.upper(), []).append(child)
    return result


@dataclass
class _CardReader:
    """Builds one contact from one card, noting what it changed or left out."""

    card: int
    region: str
    name: str = ""
    problems: list[CardProblem] = field(default_factory=list)
    _cleaned: bool = False

    def note(self, message: str) -> None:
        self.problems.append(CardProblem(self.card, message, self.name))

    def clean(self, value: object, *, multiline: bool = False) -> str:
        """Text without control characters (kept: newline and tab in multi-line fields)."""
        if isinstance(value, list | tuple):
            text = " ".join(str(part) for part in value if str(part).strip())
        elif isinstance(value, str):
            text = value
        else:
            return ""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        kept = []
        for char in text:
            if multiline and char in "\n\t":
                kept.append(char)
            elif char in "\n\t":
                kept.append(" ")
            elif unicodedata.category(char) in {"Cc", "Cs"} or (
                not multiline and char in BIDI_CONTROLS
            ):
                self._cleaned = True
            else:
                kept.append(char)
        result = "".join(kept)
        return result.strip() if not multiline else result.strip("\n ")

    def limited(self, text: str, limit: int, what: str) -> str:
        if len(text) <= limit:
            return text
        self.note(f"the {what} was {len(text):,} characters long; only the first {limit:,} kept.")
        return text[: limit - 1] + "…"

    def contact(self, lines: dict[str, list[Any]], default_zone: str) -> Contact | None:
        title = self.first_text(lines, "TITLE")
        organisation = self.organisation(lines)
        name = self.first_text(lines, "FN") or self.structured_name(lines)
        if not name and organisation:
            name, organisation = organisation, ""
        if not name:
            self.note("has no name, so it was left out.")
            return None
        self.name = name = self.limited(name, NAME_MAX, "name")
        role = self.limited(", ".join(p for p in (title, organisation) if p), NAME_MAX, "role")
        notes = "\n\n".join(
            text
            for line in lines.get("NOTE", ())
            if (text := self.clean(line.value, multiline=True))
        )
        notes = self.limited(notes, NOTES_MAX, "note")
        methods = self.methods(lines)
        zone = self.time_zone(lines) or default_zone
        if self._cleaned:
            self.note("hidden control characters were removed.")
        if not methods:
            self.note("has no phone number, email address or link.")
        return Contact(
            name=name,
            role=role,
            group=Group.FRIEND,
            methods=methods,
            time_zone=zone,
            notes=notes,
        )

    def first_text(self, lines: dict[str, list[Any]], key: str) -> str:
        for line in lines.get(key, ()):
            text = self.clean(line.value)
            if text:
                return text
        return ""

    def structured_name(self, lines: dict[str, list[Any]]) -> str:
        for line in lines.get("N", ()):
            value = line.value
            parts = [
                getattr(value, part, "")
                for part in ("prefix", "given", "additional", "family", "suffix")
            ]
            if not any(parts) and isinstance(value, str):
                parts = [value]
            text = " ".join(p for p in (self.clean(part) for part in parts) if p)
            if text:
                return text
        return ""

    def organisation(self, lines: dict[str, list[Any]]) -> str:
        for line in lines.get("ORG", ()):
            value = line.value
            parts = value if isinstance(value, list | tuple) else [value]
            text = ", ".join(p for p in (self.clean(part) for part in parts) if p)
            if text:
                return text
        return ""

    def time_zone(self, lines: dict[str, list[Any]]) -> str:
        for line in lines.get("TZ", ()):
            text = self.clean(line.value)
            if text in known_time_zones():
                return text
        return ""

    def value(self, line: Any) -> str:
        what = _PROPERTY_NAMES.get(line.name.upper(), "value")
        return self.limited(self.clean(line.value), METHOD_VALUE_MAX, what)

    def methods(self, lines: dict[str, list[Any]]) -> tuple[ContactMethod, ...]:
        found: list[ContactMethod] = []

        def add(kind: MethodKind, value: str) -> None:
            method = ContactMethod(kind, value)
            if method not in found:
                found.append(method)

        for line in lines.get("TEL", ()):
            value = self.value(line)
            if value.lower().startswith("tel:"):
                value = value[4:].strip()
            if not value:
                continue
            types = _types(line)
            if "FAX" in types and not types & _VOICE_TYPES:
                self.note(f"the fax number {quoted(value)} was left out.")
                continue
            problem = method_problem(MethodKind.PHONE, value, self.region)
            if problem:
                self.note(f"{problem}; it was kept as other contact details so you can check it.")
                add(MethodKind.OTHER, value)
                continue
            add(MethodKind.PHONE, value)
            if types & _SMS_TYPES:
                add(MethodKind.SMS, value)
        for line in lines.get("EMAIL", ()):
            value = self.value(line)
            if value.lower().startswith("mailto:"):
                value = value[7:].strip()
            if not value:
                continue
            problem = method_problem(MethodKind.EMAIL, value, self.region)
            if problem:
                self.note(f"{problem}; it was kept as other contact details so you can check it.")
                add(MethodKind.OTHER, value)
            else:
                add(MethodKind.EMAIL, value)
        for line in lines.get("URL", ()):
            value = self.value(line)
            if not value:
                continue
            problem = web_problem(value)
            if problem:
                self.note(f"a link was left out: {problem.split(';')[0]}.")
            else:
                add(MethodKind.WEB, value)
        if len(found) > METHODS_MAX:
            self.note(f"has {len(found)} ways to reach them; the first {METHODS_MAX} were kept.")
            found = found[:METHODS_MAX]
        return tuple(found)


def _types(line: Any) -> set[str]:
    """TYPE values, however the version writes them: `TEL;CELL` (2.1),
    `TEL;TYPE=CELL,VOICE` (3.0), `TEL;TYPE="voice,cell"` (4.0)."""
    raw = list(line.params.get("TYPE", [])) + list(getattr(line, "singletonparams", []))
    return {part.strip().strip('"').upper() for value in raw for part in str(value).split(",")}
