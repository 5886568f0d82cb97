"""Read people from a vCard (.vcf) file, as candidate contacts for the support system.

A person's phone exports their address book as vCards (versions 2.1, 3.0 and 4.0). We
read the few properties a safety plan needs and say, card by card, in plain sentences,
what we left out or changed, so the person can check before anything is added:

- name from FN, else from N, else from ORG, else (flagged for checking) the email address;
  role from TITLE and ORG;
- TEL → a phone number to call (and to text, when typed CELL / TEXT); fax-only numbers
  are left out; a number that does not look like one is kept as "other" text to check;
- EMAIL → email; URL → web link, only http and https (javascript:, file:, data: … are
  left out, with a note; `http\\://` as iPhone, macOS and Gmail escape it is read as
  `http://`, and a bare `www.` link becomes https); NOTE → notes; TZ → time zone, when it
  is an IANA name.

The file is untrusted, and exporters disagree. The reader works on bytes, in one linear
pass, without a vCard library:

- Lines are split, folds joined **as bytes** (so a fold inside a UTF-8 character is
  harmless), and each property is decoded on its own: quoted-printable, then its declared
  CHARSET (SHIFT_JIS, windows-1251 … on 2.1 cards), else UTF-8, else Windows-1252 with a
  note naming the card. A value that cannot be decoded costs only that property, with a
  note; so does an unknown character set. Empty parameters (`TEL;TYPE=CELL;:…`) are
  ignored.
- A quoted-printable value ending in "=" continues on the next line only if that line is
  not the start of a property (Android writes a lone "=" before the next property).
- A BEGIN:VCARD inside an open card closes it: a missing END:VCARD costs no other card.
- Photos, logos, sounds and keys are skipped while scanning, unread, and do not count
  toward the 5 MB cap on the rest (a single iPhone card with a photo is 46 KB); the file
  itself may be up to 64 MB. At most 2,000 cards are read; over-long properties and more
  than 100 numbers a card are left out, with a note.

Control characters (and, in one-line fields, bidirectional controls) are removed and every
candidate passes `validate_contact`, the check the editor uses.
"""

from __future__ import annotations

import base64
import codecs
import dataclasses
import quopri
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crisisplan.core.files import read_regular_file
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
MAX_BYTES = 5 * 1024 * 1024  # what is read, photos not counted
MAX_FILE_BYTES = 64 * 1024 * 1024  # the file, photos and all
MAX_CARDS = 2_000
# Per card: a property longer than this (a 10,000-character note is ~90 KB encoded) is
# left out, and so is every number, address and link past the first hundred.
MAX_PROPERTY_CHARS = 128 * 1024
MAX_METHOD_PROPERTIES = 100
PROGRESS_EVERY = 64  # cards between progress reports and checks for Cancel

_BEGIN = re.compile(rb"^\s*BEGIN\s*:\s*VCARD\s*$", re.IGNORECASE)
_END = re.compile(rb"^\s*END\s*:\s*VCARD\s*$", re.IGNORECASE)
_SMS_TYPES = {"CELL", "TEXT", "MSG", "IPHONE"}
# The properties we read; everything else (ADR, BDAY, X-…) is dropped undecoded.
_WANTED_PROPERTIES = {"FN", "N", "ORG", "TITLE", "TEL", "EMAIL", "URL", "NOTE", "TZ"}
_WANTED_BYTES = {name.encode("ascii") for name in _WANTED_PROPERTIES}
# Binary properties: skipped while scanning, their bytes never counted or joined.
_BINARY_PROPERTIES = {b"PHOTO", b"LOGO", b"SOUND", b"KEY"}
# A line that starts a property: [group.]NAME followed by ; or :. Used to end a skipped
# binary value (vCard 2.1 BASE64 lines are not indented) and a quoted-printable value
# whose last line ends in a stray "=".
_PROPERTY_START = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?([A-Za-z][A-Za-z0-9-]*)[;:]")
_KNOWN_NAMES = {
    b"BEGIN", b"END", b"VERSION", b"FN", b"N", b"ORG", b"TITLE", b"TEL", b"EMAIL", b"URL",
    b"NOTE", b"TZ", b"PHOTO", b"LOGO", b"SOUND", b"KEY", b"ADR", b"LABEL", b"BDAY",
    b"ANNIVERSARY", b"GENDER", b"NICKNAME", b"ROLE", b"CATEGORIES", b"REV", b"UID",
    b"PRODID", b"SOURCE", b"KIND", b"GEO", b"IMPP", b"LANG", b"MEMBER", b"RELATED",
    b"CLIENTPIDMAP", b"FBURL", b"CALURI", b"CALADRURI", b"XML", b"MAILER", b"AGENT",
    b"SORT-STRING", b"CLASS", b"NAME", b"PROFILE", b"X-ABLABEL", b"X-ABUID",
}  # fmt: skip
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
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"  # Cc and Cs, less tab and newline
_UNWANTED_ANYWHERE = re.compile(f"[{_CONTROLS}]")
_UNWANTED_ONE_LINE = re.compile(f"[{_CONTROLS}{''.join(sorted(BIDI_CONTROLS))}]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_STRUCTURE = re.compile(r"\\.|;", re.DOTALL)
_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


class VCardCancelled(Exception):
    """The person pressed Cancel while the file was being read."""


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
    """A person read from card number `card` (1-based, in file order).

    `flagged` marks a candidate to check before adding (no name: the email address was
    used as one).
    """

    card: int
    contact: Contact
    flagged: bool = False


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


def read_vcard_file(path: Path) -> bytes:
    """The bytes of a .vcf file the person chose: an ordinary file of at most 64 MB.

    Raises:
        UnreadableFile: a device, a named pipe, a folder, or too big (one sentence).
        OSError: it could not be opened or read.
    """
    return read_regular_file(path, MAX_FILE_BYTES, "a vCard file")


def parse_vcards(
    data: bytes,
    region: str,
    *,
    time_zone: str | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VCardResult:
    """Read every card in `data` as a candidate contact.

    Args:
        data: the file's bytes.
        region: how national phone numbers are read (the vault's region).
        time_zone: the zone for people whose card has none; the region's zone if None.
        progress: called now and then, on the caller's thread, with the percentage read.
        cancelled: checked as often; when it returns True, `VCardCancelled` is raised.

    Returns:
        The candidates (group friend, not agreed, not on the card) and every problem.
    """
    default_zone = time_zone or region_info(region).time_zone
    if default_zone not in known_time_zones():
        default_zone = "UTC"
    if len(data) > MAX_FILE_BYTES:
        return _refused(too_big(len(data), MAX_FILE_BYTES))
    if not data.strip():
        return _refused("This file is empty.")
    data = _as_utf8_bytes(data)
    if b"BEGIN:VCARD" not in data.upper().replace(b" ", b""):
        return _refused("This is not a vCard (.vcf) file: it holds no BEGIN:VCARD line.")
    lines = data.splitlines()
    scan = _scan(lines, progress, cancelled)
    if scan.content_bytes > MAX_BYTES:
        return _refused(too_big(scan.content_bytes, MAX_BYTES, photos=scan.skipped_bytes > 0))
    problems: list[CardProblem] = []
    if scan.total > MAX_CARDS:
        problems.append(
            CardProblem(
                0,
                f"This file holds {scan.total:,} cards; only the first {MAX_CARDS:,} were read. "
                "Export fewer people to add the rest.",
            )
        )
    candidates: list[VCardCandidate] = []
    for number, card in enumerate(scan.cards, start=1):
        if number % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise VCardCancelled
            if progress is not None:
                progress(50 + 50 * number // max(1, len(scan.cards)))
        candidate, card_problems = _read_card(number, card, region, default_zone)
        problems += card_problems
        if candidate is not None:
            candidates.append(candidate)
    if progress is not None:
        progress(100)
    return VCardResult(tuple(candidates), tuple(problems), min(scan.total, MAX_CARDS))


def too_big(size: int, limit: int = MAX_BYTES, *, photos: bool = False) -> str:
    """Why a file of `size` bytes is refused (also said before reading such a file)."""
    besides = " besides photos" if photos else ""
    counted = " (photos not counted)" if limit == MAX_BYTES else ""
    return (
        f"This file is {size / (1024 * 1024):.1f} MB{besides}; crisisplan reads vCard files "
        f"of up to {limit // (1024 * 1024)} MB{counted}. Export only the people you want to add."
    )


def _refused(message: str) -> VCardResult:
    return VCardResult(problems=(CardProblem(0, message),))


def _as_utf8_bytes(data: bytes) -> bytes:
    """UTF-16 files (with a byte-order mark) as UTF-8 bytes; others as they are, since
    each property is decoded on its own."""
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(bom):
            return data.decode("utf-16", errors="replace").encode("utf-8")
    return data.removeprefix(codecs.BOM_UTF8)


# --- scanning: cards and properties, as bytes --------------------------------------------


@dataclass(slots=True)
class _RawProperty:
    """One property as read: its name, parameters and value bytes (folds joined)."""

    name: str
    params: dict[str, list[str]]
    bare: list[str]
    value: bytes
    line: int  # its first line in the file, 1-based


@dataclass(slots=True)
class _RawCard:
    line: int
    properties: list[tuple[str, bytes, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    methods: int = 0


@dataclass(slots=True)
class _Scan:
    cards: list[_RawCard] = field(default_factory=list)
    total: int = 0
    content_bytes: int = 0
    skipped_bytes: int = 0


def _scan(
    lines: list[bytes],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> _Scan:
    """Cards and their wanted properties, in one pass over the lines."""
    scan = _Scan()
    card: _RawCard | None = None
    current: list[bytes] | None = None  # the wanted property being joined
    current_line = 0
    current_name = ""
    quoted_printable = False
    skipping = False  # inside a binary property (a photo)
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        index += 1
        if index % 4096 == 0:
            if cancelled is not None and cancelled():
                raise VCardCancelled
            if progress is not None:
                progress(50 * index // count)
        first = line[:1]
        # Continuation of the property before: a fold, or a quoted-printable soft break.
        if card is not None and first in (b" ", b"\t") and (current is not None or skipping):
            if skipping:
                scan.skipped_bytes += len(line)
            else:
                assert current is not None
                scan.content_bytes += len(line)
                if quoted_printable and current[-1].endswith(b"="):
                    current[-1] = current[-1][:-1]  # a soft line break: the line goes on
                    current.append(line)
                else:
                    current.append(line[1:])  # a fold: one space or tab is not content
            continue
        if current is not None and quoted_printable and current[-1].endswith(b"=") and line:
            starts = _PROPERTY_START.match(line)
            if not (starts and starts.group(1).upper() in _KNOWN_NAMES) and not _END.match(line):
                scan.content_bytes += len(line)
                current[-1] = current[-1][:-1]
                current.append(line)
                continue
        # Anything else ends the property being joined.
        if current is not None and card is not None:
            _add_property(card, current_name, current, current_line)
            current = None
        if skipping:
            starts = _PROPERTY_START.match(line)
            if not starts and not _END.match(line) and not _BEGIN.match(line):
                scan.skipped_bytes += len(line)  # unindented 2.1 BASE64 lines
                continue
            skipping = False
        if first in (b"B", b"b", b" ", b"\t") and _BEGIN.match(line):
            if card is not None:
                card.notes.append(
                    "has no END:VCARD line; it was read up to the start of the next card."
                )
                _close(scan, card)
            scan.total += 0  # counted when closed
            card = _RawCard(index)
            continue
        if card is None:
            continue
        if first in (b"E", b"e", b" ", b"\t") and _END.match(line):
            _close(scan, card)
            card = None
            continue
        if not line.strip():
            continue
        starts = _PROPERTY_START.match(line)
        name = starts.group(1).upper() if starts else b""
        if name in _BINARY_PROPERTIES:
            skipping = True
            scan.skipped_bytes += len(line)
            continue
        scan.content_bytes += len(line)
        if scan.total >= MAX_CARDS:
            continue  # cards past the cap are only counted
        if name not in _WANTED_BYTES:
            current = None
            continue
        current = [line]
        current_name = name.decode("ascii")
        current_line = index
        head = line.split(b":", 1)[0].upper()
        quoted_printable = b"QUOTED-PRINTABLE" in head
    if current is not None and card is not None:
        _add_property(card, current_name, current, current_line)
    if card is not None:
        card.notes.append("has no END:VCARD line (the file may be cut short).")
        _close(scan, card)
    return scan


def _close(scan: _Scan, card: _RawCard) -> None:
    scan.total += 1
    if scan.total <= MAX_CARDS:
        scan.cards.append(card)


def _add_property(card: _RawCard, name: str, pieces: list[bytes], line: int) -> None:
    """Keep one wanted property's bytes (folds joined) for reading, within the caps."""
    raw = b"".join(pieces)
    if len(raw) > MAX_PROPERTY_CHARS:
        what = _PROPERTY_NAMES.get(name, name.lower())
        card.notes.append(f"a {what} was too long to read, so it was left out.")
        return
    if name in _METHOD_PROPERTIES:
        card.methods += 1
        if card.methods == MAX_METHOD_PROPERTIES + 1:
            card.notes.append(
                f"has more than {MAX_METHOD_PROPERTIES} numbers, addresses and links; "
                "the rest were left out."
            )
        if card.methods > MAX_METHOD_PROPERTIES:
            return
    card.properties.append((name, raw, line))


def _parse_property(name: str, raw: bytes, line: int) -> _RawProperty:
    """Split a property's bytes into its parameters and value."""
    _, params, value = _split_property(raw)
    named: dict[str, list[str]] = {}
    bare: list[str] = []
    for param in params:
        if not param.strip():
            continue  # an empty parameter ("TEL;TYPE=CELL;:…"): nothing to read in it
        key, equals, values = param.partition("=")
        if equals:
            named.setdefault(key.strip().upper(), []).extend(
                part.strip().strip('"') for part in _split_quoted(values, ",")
            )
        else:
            bare.append(key.strip().strip('"').upper())
    return _RawProperty(name, named, bare, value, line)


def _split_property(raw: bytes) -> tuple[str, list[str], bytes]:
    """`item1.TEL;TYPE="a:b";X=1:value` → ("item1.TEL", ['TYPE="a:b"', "X=1"], b"value").

    The colon that ends the parameters is the first one outside double quotes.
    """
    if b'"' not in raw:
        before, _, after = raw.partition(b":")
        name, *params = before.decode("utf-8", "replace").split(";")
        return name.strip(), params, after
    in_quotes = False
    for position, byte in enumerate(raw):
        if byte == 0x22:  # "
            in_quotes = not in_quotes
        elif byte == 0x3A and not in_quotes:  # :
            head = raw[:position].decode("utf-8", "replace")
            value = raw[position + 1 :]
            name, *params = _split_quoted(head, ";")
            return name.strip(), params, value
    head = raw.decode("utf-8", "replace")
    name, *params = _split_quoted(head, ";")
    return name.strip(), params, b""


def _split_quoted(text: str, separator: str) -> list[str]:
    """Split on `separator` outside double quotes."""
    if '"' not in text:
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    in_quotes = False
    for char in text:
        if char == '"':
            in_quotes = not in_quotes
            current.append(char)
        elif char == separator and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


# --- decoding one property ------------------------------------------------------------


class _Undecodable(Exception):
    """A property whose value cannot be decoded: the reason, for the note."""


def _decode(prop: _RawProperty) -> tuple[str, bool]:
    """The property's text, and whether it was read as Windows-1252 (not UTF-8)."""
    raw = prop.value
    encodings = {value.upper() for value in prop.params.get("ENCODING", ())} | set(prop.bare)
    if "QUOTED-PRINTABLE" in encodings:
        # A last "=" is a soft break with nothing after it (the next line was a property).
        raw = quopri.decodestring(raw[:-1] if raw.endswith(b"=") else raw)
    elif encodings & {"B", "BASE64"}:
        try:
            raw = base64.b64decode(raw, validate=False)
        except ValueError:
            raise _Undecodable("it is not valid base64") from None
    declared = prop.params.get("CHARSET", [""])[0]
    if declared:
        try:
            codec = codecs.lookup(declared).name
        except LookupError:
            raise _Undecodable(
                f"its character set {quoted(declared)} is not one crisisplan knows"
            ) from None
        try:
            return raw.decode(codec), False
        except UnicodeDecodeError:
            raise _Undecodable(f"its letters are not valid {declared}") from None
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def _unescape(text: str) -> str:
    r"""Undo vCard text escapes: \n, \, \; \\ and the \: iPhone writes in links."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda match: _ESCAPES.get(match[1], match[0]), text)


def _split_structured(text: str) -> list[str]:
    """A structured value (N, ORG) split on unescaped semicolons, each part unescaped."""
    parts: list[str] = []
    start = 0
    for match in _STRUCTURE.finditer(text):
        if match[0] == ";":
            parts.append(_unescape(text[start : match.start()]))
            start = match.end()
    parts.append(_unescape(text[start:]))
    return parts


@dataclass(slots=True)
class _Line:
    """A decoded property, as the card reader uses it."""

    name: str
    value: str | list[str]
    types: set[str]


def _read_card(
    number: int, card: _RawCard, region: str, default_zone: str
) -> tuple[VCardCandidate | None, list[CardProblem]]:
    reader = _CardReader(number, region)
    lines: dict[str, list[_Line]] = {}
    undecodable: list[str] = []
    fallback: list[str] = []
    methods_read = 0
    beyond: set[bytes] = set()  # ways to reach them past those read: counted, not read
    for name, raw, line in card.properties:
        if name in _METHOD_PROPERTIES:
            methods_read += 1
            if methods_read > 2 * METHODS_MAX:
                beyond.add(raw.rpartition(b":")[2].strip())
                continue
        prop = _parse_property(name, raw, line)
        what = _PROPERTY_NAMES.get(prop.name, prop.name.lower())
        try:
            text, guessed = _decode(prop)
        except _Undecodable as why:
            undecodable.append(f"the {what} could not be read ({why}), so it was left out.")
            continue
        if guessed:
            fallback.append(what)
        value: str | list[str] = (
            _split_structured(text) if prop.name in ("N", "ORG") else _unescape(text)
        )
        types = (
            {
                part.strip().upper()
                for written in (*prop.params.get("TYPE", ()), *prop.bare)
                for part in written.split(",")
            }
            if prop.name == "TEL"
            else set()
        )
        lines.setdefault(prop.name, []).append(_Line(prop.name, value, types))
    reader.beyond = len(beyond)
    candidate = reader.contact(lines, default_zone)
    for note in undecodable:
        reader.note(note)
    if fallback:
        reader.note(
            f"the {_join_words(sorted(set(fallback)))} "
            f"{'was' if len(set(fallback)) == 1 else 'were'} not in UTF-8, so letters may be "
            "wrong: check them."
        )
    for note in card.notes:
        reader.note(note)
    if candidate is None:
        return None, reader.problems
    contact, flagged = candidate
    # Methods were checked one by one as they were read; check the rest of the contact.
    remaining = validate_contact(dataclasses.replace(contact, methods=()), region)
    if remaining:
        # Should not happen (we clean every field), but never offer an invalid contact.
        reader.note("could not be used: " + "; ".join(str(p) for p in remaining) + ".")
        return None, reader.problems
    return VCardCandidate(number, contact, flagged), reader.problems


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass
class _CardReader:
    """Builds one contact from one card, noting what it changed or left out."""

    card: int
    region: str
    name: str = ""
    problems: list[CardProblem] = field(default_factory=list)
    beyond: int = 0  # ways to reach them past those read (counted only)
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
        if not multiline:
            text = text.replace("\n", " ").replace("\t", " ")
        # Control characters (category Cc) and lone surrogates (Cs); in one-line fields also
        # the direction controls that could disguise a name.
        unwanted = _UNWANTED_ANYWHERE if multiline else _UNWANTED_ONE_LINE
        result, removed = unwanted.subn("", text)
        if removed:
            self._cleaned = True
        return result.strip() if not multiline else result.strip("\n ")

    def limited(self, text: str, limit: int, what: str) -> str:
        if len(text) <= limit:
            return text
        self.note(f"the {what} was {len(text):,} characters long; only the first {limit:,} kept.")
        return text[: limit - 1] + "…"

    def contact(
        self, lines: dict[str, list[_Line]], default_zone: str
    ) -> tuple[Contact, bool] | None:
        title = self.first_text(lines, "TITLE")
        organisation = self.organisation(lines)
        name = self.first_text(lines, "FN") or self.structured_name(lines)
        if not name and organisation:
            name, organisation = organisation, ""
        flagged = False
        if not name:
            email = self.first_text(lines, "EMAIL").removeprefix("mailto:").strip()
            if not email:
                self.note("has no name, so it was left out.")
                return None
            name, flagged = email, True
            self.name = email
            self.note("has no name, so its email address is used as the name: check it.")
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
        contact = Contact(
            name=name,
            role=role,
            group=Group.FRIEND,
            methods=methods,
            time_zone=zone,
            notes=notes,
        )
        return contact, flagged

    def first_text(self, lines: dict[str, list[_Line]], key: str) -> str:
        for line in lines.get(key, ()):
            text = self.clean(line.value)
            if text:
                return text
        return ""

    def structured_name(self, lines: dict[str, list[_Line]]) -> str:
        for line in lines.get("N", ()):
            value = line.value if isinstance(line.value, list) else [line.value]
            family, given, additional, prefix, suffix = (value + [""] * 5)[:5]
            parts = [prefix, given, additional, family, suffix]
            text = " ".join(p for p in (self.clean(part) for part in parts) if p)
            if text:
                return text
        return ""

    def organisation(self, lines: dict[str, list[_Line]]) -> str:
        for line in lines.get("ORG", ()):
            value = line.value
            parts = value if isinstance(value, list | tuple) else [value]
            text = ", ".join(p for p in (self.clean(part) for part in parts) if p)
            if text:
                return text
        return ""

    def time_zone(self, lines: dict[str, list[_Line]]) -> str:
        for line in lines.get("TZ", ()):
            text = self.clean(line.value)
            if text in known_time_zones():
                return text
        return ""

    def value(self, line: _Line) -> str:
        what = _PROPERTY_NAMES.get(line.name, "value")
        return self.limited(self.clean(line.value), METHOD_VALUE_MAX, what)

    def methods(self, lines: dict[str, list[_Line]]) -> tuple[ContactMethod, ...]:
        found: list[ContactMethod] = []
        # Past the most a contact keeps, values are only counted, not checked: checking
        # 100 numbers on each of 2,000 cards took 19 s.
        beyond: set[str] = set()

        def full(value: str) -> bool:
            if len(found) < METHODS_MAX:
                return False
            if all(method.value != value for method in found):
                beyond.add(value)
            return True

        def add(kind: MethodKind, value: str) -> None:
            method = ContactMethod(kind, value)
            if method not in found:
                found.append(method)

        for line in lines.get("TEL", ()):
            value = self.value(line)
            if value.lower().startswith("tel:"):
                value = value[4:].strip()
            if not value or full(value):
                continue
            types = line.types
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
            if not value or full(value):
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
            if value.lower().startswith("www."):
                value = "https://" + value  # a bare link, as people write them
            if full(value):
                continue
            problem = web_problem(value)
            if problem:
                self.note(f"a link was left out: {problem.split(';')[0]}.")
            else:
                add(MethodKind.WEB, value)
        if len(found) + len(beyond) + self.beyond > METHODS_MAX:
            total = len(found) + len(beyond) + self.beyond
            self.note(f"has {total} ways to reach them; the first {METHODS_MAX} were kept.")
            found = found[:METHODS_MAX]
        return tuple(found)
