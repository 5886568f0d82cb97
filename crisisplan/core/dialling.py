"""What a phone dials for a stored number: the one place a number becomes a link.

People write numbers the way they were given them: "+44 (0)20 7946 0018 ext. 123",
"+1 800 FLOWERS", "0800 123 4567,,123", a vCard's "tel:+1-418-656-9254;ext=102",
"116 123". Every Call and Text button, the command line's `now`, the printed plan and the
wallet card and the contact editor's "This dials: …" line go through `dial()`, so the
number dialled is exactly the number written, everywhere.

What `dial()` does, with `phonenumbers` (Google's libphonenumber data):
- letters are turned into digits (`convert_alpha_characters_in_number`);
- a national trunk "(0)" after a country code is dropped ("+44 (0)20 …" → +44 20 …);
- the number becomes E.164 ("+442079460018"), the global form RFC 3966 asks a `tel:`
  URI to use, and an extension is carried as RFC 3966's `;ext=`;
- short numbers (116 123, 999, 988, 85258), numbers that cannot be dialled from abroad
  (Australia's 13 11 14) and freephone or shared-cost numbers written without a country
  code (0800 …, 1800 …) stay as they are dialled inside the country: a `+` in front of
  them may not connect;
- pauses ("," ";" "p" "w") and extensions are what many handsets and softphones cannot
  take from a link, so they also come back as a separate sentence to show beside the
  button: "then extension 123".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

# Written markers for an extension: "ext. 123", "extension 123", "x45", ";ext=102".
_EXTENSION = re.compile(
    r"\s*(?:;\s*ext\s*=|(?<![a-z])ext(?:ension)?\.?:?|(?<![a-z])x\.?)\s*(?P<digits>\d+)\s*$",
    re.IGNORECASE,
)
# Where a pause starts: a comma or semicolon, or a "p"/"w" that sits after a digit or a
# space and is followed only by digits and more pauses ("…0018 p123", "…0018w123"), so
# that the W of "FLOWERS" stays a letter.
_PAUSE = re.compile(r"[,;]|(?<=[\d\s])[pw](?=[\d\s,;pw]*$)", re.IGNORECASE)
_URI_PARAMETER = re.compile(r";\s*[a-z][a-z0-9-]*\s*=", re.IGNORECASE)
_PAUSE_SPLIT = re.compile(r"[\s,;pw]+", re.IGNORECASE)
_READABLE_AS_WRITTEN = re.compile(r"[^\d*# ()\-.]")
_LETTERS = re.compile(r"[A-Za-z]")
MAX_DIGITS = 17  # E.164 allows 15; a little slack for local dialling prefixes


class NotDiallable(ValueError):
    """No number a phone can dial can be made from the value; `str()` is a sentence."""


@dataclass(frozen=True, slots=True)
class Dial:
    """A stored number as a phone dials it.

    Attributes:
        number: what is dialled: E.164 ("+442079460018") or, for short and national-only
            numbers, the digits as dialled in the country ("116123").
        display: how it reads ("+44 20 7946 0018", "116 123").
        extension: an extension the link carries as `;ext=` ("" if none).
        then: what a link cannot be trusted to carry, to show beside the button
            ("then extension 123"), or "".
        tel_uri: the `tel:` URI a Call button opens.
        sms_uri: the `sms:` URI a Text button opens, with the ready message as its body.
    """

    number: str
    display: str
    extension: str
    then: str
    tel_uri: str
    sms_uri: str

    @property
    def reads(self) -> str:
        """ "+44 20 7946 0018, then extension 123": the whole thing, to read or say."""
        return f"{self.display}, {self.then}" if self.then else self.display


@functools.lru_cache(maxsize=4096)  # the crisis view redials every number each minute
def dial(value: str, region: str = "", message: str = "") -> Dial:
    """Turn a stored number into what is dialled.

    Args:
        value: the number as the person wrote it (or as an address book exported it).
        region: the vault's two-letter region, for reading national numbers.
        message: the body of the text message the `sms:` URI carries ("SHOUT").

    Raises:
        NotDiallable: when no dialable number can be made (with a sentence saying why).
    """
    import phonenumbers  # ~30 ms: only when a number is dialled or checked

    # Any script's digits ("٠٧٧٠٠", fullwidth "０７７") are the digits a phone dials.
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value.strip())
    if not text:
        raise NotDiallable("is empty")
    if text.lower().startswith("tel:"):
        text = _from_tel_uri(text)
    elif _URI_PARAMETER.search(text):  # a vCard's tel: value with "tel:" already cut off
        text = _from_tel_uri("tel:" + text)

    extension = ""
    pause_groups: list[str] = []
    found = _EXTENSION.search(text)
    if found is not None:
        extension = found["digits"]
        text = text[: found.start()]
    pause = _PAUSE.search(text)
    if pause is not None:
        after = text[pause.start() :]
        text = text[: pause.start()]
        pause_groups = [g for g in _PAUSE_SPLIT.split(after) if g]
        if any(not g.isdigit() for g in pause_groups):
            raise NotDiallable(
                f'has "{after.strip()}" after a pause; only digits can be dialled after one'
            )
    text = text.strip()
    if not re.search(r"\d|[A-Za-z]", text):
        if pause_groups:
            raise NotDiallable("starts with a pause; write the number to call first")
        raise NotDiallable("is not a phone number")
    if extension and pause_groups:
        pause_groups.insert(0, extension)
        extension = ""
    if len(pause_groups) == 1:
        extension, pause_groups = pause_groups[0], []

    if not re.search(r"\d", text):
        raise NotDiallable("is not a phone number")
    if text.startswith("00"):
        text = "+" + text[2:]  # the international prefix most of the world uses
    converted = phonenumbers.convert_alpha_characters_in_number(text)
    if _LETTERS.search(converted):
        raise NotDiallable("has letters that a phone cannot dial")
    international = converted.startswith("+")
    known_region = region if region in phonenumbers.SUPPORTED_REGIONS else None
    if not international and known_region is None:
        # No country to read it in (a locked view on a computer whose locale names none):
        # dial it as written rather than not at all. Validation asks for a country code.
        number = re.sub(r"[^\d*#]", "", converted)
        if len(number) > MAX_DIGITS:
            raise NotDiallable("has too many digits for a phone number")
        display = " ".join(_READABLE_AS_WRITTEN.sub("", converted).split()) or number
        return _result(number, display, extension, pause_groups, message)
    try:
        parsed = phonenumbers.parse(converted, None if international else known_region)
    except phonenumbers.NumberParseException:
        raise NotDiallable("is not a phone number") from None
    digits = str(parsed.national_number)
    if parsed.italian_leading_zero:
        digits = "0" * (parsed.number_of_leading_zeros or 1) + digits
    if len(digits) > MAX_DIGITS:
        raise NotDiallable("has too many digits for a phone number")

    full = phonenumbers.is_possible_number(parsed) or phonenumbers.is_valid_number(parsed)
    short = not international and (
        (known_region is not None and _is_short(parsed, known_region))
        # A short code of a region sharing the country code (999 for a +1 region).
        or (not full and phonenumbers.is_valid_short_number(parsed))
    )
    if short or (not international and _national_only(parsed)):
        # Dialled as written in the country ("1-800-668-6868" keeps its 1).
        number = re.sub(r"[^\d*#]", "", converted)
        display = " ".join(_READABLE_AS_WRITTEN.sub("", converted).split()) or number
    else:
        if not (full or phonenumbers.is_valid_short_number(parsed)):
            raise NotDiallable("is not a phone number (check the digits and the country code)")
        number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        style = (
            phonenumbers.PhoneNumberFormat.INTERNATIONAL
            if international
            else phonenumbers.PhoneNumberFormat.NATIONAL
        )
        parsed.extension = None
        display = phonenumbers.format_number(parsed, style)

    return _result(number, display, extension, pause_groups, message)


def _result(
    number: str, display: str, extension: str, pause_groups: list[str], message: str
) -> Dial:
    then = ""
    if extension:
        then = f"then extension {extension}"
    elif pause_groups:
        then = "then press " + ", then ".join(pause_groups)
    tel_uri = f"tel:{number}" + (f";ext={extension}" if extension else "")
    sms_uri = f"sms:{number}" + (f"?body={quote(message, safe='')}" if message else "")
    return Dial(
        number=number,
        display=display,
        extension=extension,
        then=then,
        tel_uri=tel_uri,
        sms_uri=sms_uri,
    )


def dial_problem(value: str, region: str) -> str | None:
    """Why no dialable number can be made from `value`, as the end of a sentence, or None."""
    import phonenumbers

    try:
        dial(value, region)
    except NotDiallable as problem:
        return str(problem)
    written = value.strip()
    if (
        not written.startswith(("+", "00", "tel:+"))
        and region not in phonenumbers.SUPPORTED_REGIONS
    ):
        return "needs its country code (like +44)"
    return None


def text_keyword(message: str) -> str:
    """The keyword a text service asks for ("SHOUT"), when the ready message is one word."""
    words = message.split()
    return words[0] if len(words) == 1 and len(words[0]) <= 20 else ""


def describe_text(display: str, message: str) -> str:
    """ "text SHOUT to 85258" for a one-word message, otherwise "text 85258"."""
    keyword = text_keyword(message)
    return f"text {keyword} to {display}" if keyword else f"text {display}"


def _national_only(parsed: PhoneNumber) -> bool:
    """Numbers dialled as written in the country: those that cannot be dialled from abroad,
    and freephone and shared-cost numbers (as crisis lines publish them), which some
    networks do not connect in the +country form."""
    import phonenumbers

    if not phonenumbers.can_be_internationally_dialled(parsed):
        return True
    kind = phonenumbers.number_type(parsed)
    return kind in (
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    )


def _is_short(parsed: PhoneNumber, region: str) -> bool:
    """A short code such as 116 123 or 999, dialled as it is within the country.

    Only codes libphonenumber knows for the region: a merely short-looking "0770" is a
    typo of a full number, not a short code.
    """
    from phonenumbers import is_valid_number, shortnumberinfo

    if is_valid_number(parsed):
        return False
    return bool(shortnumberinfo.is_valid_short_number_for_region(parsed, region))


def _from_tel_uri(uri: str) -> str:
    """A `tel:` URI (as vCard 4.0 writes it) back to a written number with its extension."""
    body = uri[4:]
    number, *params = body.split(";")
    extension = ""
    context = ""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "ext":
            extension = value.strip()
        elif name.strip().lower() == "phone-context" and value.strip().startswith("+"):
            context = value.strip()
    if context and not number.startswith("+"):
        number = context + number  # RFC 3966: a local number within that country
    return f"{number} ext. {extension}" if extension else number
