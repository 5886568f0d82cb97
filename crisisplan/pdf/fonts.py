"""The fonts crisisplan prints with, and which one draws each character.

ReportLab has no font fallback: a character its font lacks prints as an empty box. So
every character is given a font here, by script first (Arabic, Hebrew, Devanagari, Thai,
Chinese/Japanese/Korean each have their own face) and then by coverage (Noto Sans for
Latin, Greek and Cyrillic; Symbola for symbols and emoji; WenQuanYi Micro Hei for
Chinese, Japanese and Korean). Fonts load the first time a character needs them, and
then only the characters used are read from them (`lazy_font.LazyFace`): loading the
3.8 MB CJK face costs about 1 ms instead of the 58 ms of ReportLab's whole-font parse.

Only Noto Sans has a real bold. Bold text in another face is drawn filled *and* stroked
("synthetic bold"), which keeps the shipped fonts small.

The files, their sources and their licences are listed in `FONT_FILES`, in
resources/fonts/ and in docs/printing.md.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from crisisplan.pdf.lazy_font import LazyFace, LazyTTFont, Unsupported, glyph_chars
from crisisplan.resources import resource_path

LATIN = "CrisisplanSans"
LATIN_BOLD = "CrisisplanSans-Bold"
ARABIC = "CrisisplanArabic"
HEBREW = "CrisisplanHebrew"
DEVANAGARI = "CrisisplanDevanagari"
THAI = "CrisisplanThai"
CJK = "CrisisplanCJK"
SYMBOLS = "CrisisplanSymbols"

# Shown in place of a character no shipped font has (it is in Noto Sans).
REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class FontFile:
    """One shipped font file: what it is for, where it came from, under which licence."""

    key: str
    filename: str
    covers: str
    source: str
    licence: str
    licence_file: str


FONT_FILES: tuple[FontFile, ...] = (
    FontFile(
        LATIN,
        "NotoSans-Regular.ttf",
        "Latin, Greek, Cyrillic, punctuation, digits",
        "Debian fonts-noto-core 20201225-1",
        "SIL Open Font License 1.1",
        "OFL-Noto.txt",
    ),
    FontFile(
        LATIN_BOLD,
        "NotoSans-Bold.ttf",
        "bold Latin, Greek, Cyrillic",
        "Debian fonts-noto-core 20201225-1",
        "SIL Open Font License 1.1",
        "OFL-Noto.txt",
    ),
    FontFile(
        ARABIC,
        "NotoSansArabic-Regular.ttf",
        "Arabic, Persian, Urdu (joined with HarfBuzz)",
        "Debian fonts-noto-core 20201225-1",
        "SIL Open Font License 1.1",
        "OFL-Noto.txt",
    ),
    FontFile(
        HEBREW,
        "NotoSansHebrew-Regular.ttf",
        "Hebrew",
        "Debian fonts-noto-core 20201225-1",
        "SIL Open Font License 1.1",
        "OFL-Noto.txt",
    ),
    FontFile(
        DEVANAGARI,
        "NotoSansDevanagari-Regular.ttf",
        "Devanagari (Hindi, Marathi, Nepali)",
        "Debian fonts-noto-core 20201225-1",
        "SIL Open Font License 1.1",
        "OFL-Noto.txt",
    ),
    FontFile(
        THAI,
        "NotoSansThai-Regular.ttf",
        "Thai",
        "Debian fonts-noto-core 20201225-1",
        "SIL Open Font License 1.1",
        "OFL-Noto.txt",
    ),
    FontFile(
        CJK,
        "WenQuanYiMicroHeiCJK.ttf",
        "Chinese, Japanese kana, Korean Hangul, fullwidth forms",
        "Debian fonts-wqy-microhei 0.2.0-beta-3.1, subset by make_subsets.py",
        "Apache License 2.0",
        "LICENSE-Apache-2.0-WenQuanYi.txt",
    ),
    FontFile(
        SYMBOLS,
        "SymbolaSymbols.ttf",
        "symbols, dingbats and emoji to Unicode 9 (monochrome)",
        "Debian fonts-symbola 2.60-1.1, subset by make_subsets.py",
        "free for any use (George Douros)",
        "LICENSE-Symbola.txt",
    ),
)

_FILES = {font.key: font for font in FONT_FILES}

# Scripts that always go to their own face, whether or not Noto Sans has the character.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, HEBREW),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0x0900, 0x097F, DEVANAGARI),
    (0x0E00, 0x0E7F, THAI),
    (0x1100, 0x11FF, CJK),
    (0x2E80, 0x2FDF, CJK),
    (0x3000, 0x303F, CJK),
    (0x3040, 0x30FF, CJK),
    (0x3100, 0x31FF, CJK),
    (0x3200, 0x4DBF, CJK),
    (0x4E00, 0x9FFF, CJK),
    (0xA8E0, 0xA8FF, DEVANAGARI),
    (0xA960, 0xA97F, CJK),
    (0xAC00, 0xD7FF, CJK),
    (0xF900, 0xFAFF, CJK),
    (0xFB1D, 0xFB4F, HEBREW),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE30, 0xFE4F, CJK),
    (0xFE70, 0xFEFF, ARABIC),
    (0xFF00, 0xFFEF, CJK),
    (0x1F000, 0x1FAFF, SYMBOLS),
    (0x20000, 0x2FFFF, CJK),
)

# After the script's own face, in this order, the first face that has the character.
_FALLBACK_ORDER = (LATIN, SYMBOLS, CJK, ARABIC, DEVANAGARI, HEBREW, THAI)

# Faces whose text goes through HarfBuzz (joining, reordering, mark positioning).
COMPLEX_SCRIPT_FONTS = frozenset({ARABIC, HEBREW, DEVANAGARI, THAI})


def font_path(key: str) -> Path:
    return resource_path("fonts") / _FILES[key].filename


def script_font(code: int) -> str | None:
    """The face a character's script always uses, or None for "whichever has it"."""
    for low, high, key in _SCRIPT_RANGES:
        if code < low:
            return None
        if code <= high:
            return key
    return None


def _follows_neighbour(char: str) -> bool:
    """Marks, spaces, punctuation and digits stay in the face of the text around them,
    so that "محمد، 12" or "李雷。" do not flip between faces mid-word."""
    category = unicodedata.category(char)
    return category[0] in "MPZN" or category in ("Cf", "Sk")


def is_default_ignorable(char: str) -> bool:
    """Joiners and variation selectors: invisible, dropped when a face lacks them."""
    code = ord(char)
    return (
        code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x034F)
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x200E <= code <= 0x200F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
    )


class FontBook:
    """Registers the shipped fonts with ReportLab on first use and picks a face per character.

    One process-wide instance (`font_book()`); ReportLab's font registry is global too.
    """

    def __init__(self) -> None:
        self._fonts: dict[str, TTFont] = {}
        self._lock = threading.Lock()

    def font(self, key: str) -> TTFont:
        """The registered ReportLab font for `key`, loading it the first time."""
        font = self._fonts.get(key)
        if font is None:
            with self._lock:
                font = self._fonts.get(key)
                if font is None:
                    try:  # reads only the characters used (lazy_font.py)
                        font = LazyTTFont(key, str(font_path(key)))
                    except Unsupported:
                        font = TTFont(key, str(font_path(key)))
                    pdfmetrics.registerFont(font)
                    self._fonts[key] = font
        return font

    def loaded(self) -> set[str]:
        return set(self._fonts)

    def has(self, key: str, code: int) -> bool:
        face = self.font(key).face
        if isinstance(face, LazyFace):
            return face.ensure(code)  # every character goes through here before it is drawn
        return code in face.charToGlyph

    def face_for(self, char: str, previous: str | None) -> str | None:
        """The face to draw `char` in, given the face of the character before it; None
        when no shipped face has it (the caller shows `REPLACEMENT` and reports it)."""
        code = ord(char)
        own = script_font(code)
        if own is not None and self.has(own, code):
            return own
        if previous is not None and _follows_neighbour(char) and self.has(previous, code):
            return previous
        if code < 0x0530:  # Latin, Greek, Cyrillic, Armenian: Noto Sans has all it needs
            return LATIN if self.has(LATIN, code) else self._search(code, exclude=LATIN)
        return self._search(code, exclude=None)

    def _search(self, code: int, exclude: str | None) -> str | None:
        for key in _FALLBACK_ORDER:
            if key != exclude and self.has(key, code):
                return key
        return None

    def printable(self, char: str) -> bool:
        """True when some shipped face draws `char` (or it is invisible anyway)."""
        if is_default_ignorable(char) or char in "\n\t":
            return True
        return self.face_for(unicodedata.normalize("NFC", char)[0], None) is not None


# Text for the private code points that stand for shaped glyphs (Arabic joining forms,
# Devanagari conjuncts), so that the ToUnicode map gives back the person's letters.
_ALIAS_TEXT: dict[int, str] = {}
_ALIAS_LOCK = threading.Lock()
_next_alias = 0xE000


def alias_glyph(face: Any, gid: int, advance_1000: float, text: str) -> int:
    """A private-use code point ReportLab can encode for glyph `gid` of `face` (a
    ReportLab TTFontFace), recorded to extract as `text`."""
    global _next_alias
    with _ALIAS_LOCK:
        known = glyph_chars(face, gid)
        if known:
            return int(known[0])
        code = _next_alias
        while code in face.charToGlyph:
            code += 1
        if code > 0xF8FF:
            raise RuntimeError("out of private-use code points for shaped glyphs")
        _next_alias = code + 1
        face.charToGlyph[code] = gid
        face.glyphToChar[gid] = [code]
        face.charWidths[code] = advance_1000
        if text:
            _ALIAS_TEXT[code] = text
        return code


def alias_text(code: int) -> str:
    """What a private-use code point made by `alias_glyph` extracts as ("" if unknown)."""
    return _ALIAS_TEXT.get(code, "")


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, corrected: characters beyond U+FFFF (emoji, rare CJK)
    are written as UTF-16 surrogate pairs instead of an odd number of hex digits, and
    shaped glyphs map back to the letters they were made from."""

    def target(code: int) -> str:
        text = _ALIAS_TEXT.get(code, chr(code))
        return text.encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{target(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_BOOK: FontBook | None = None


def font_book() -> FontBook:
    """The process-wide font book (Noto Sans regular and bold are loaded on first call)."""
    global _BOOK
    if _BOOK is None:
        book = FontBook()
        book.font(LATIN)
        book.font(LATIN_BOLD)
        _BOOK = book
    return _BOOK
