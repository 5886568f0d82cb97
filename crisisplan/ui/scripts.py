"""Every script the person writes, drawn right in the windows: fonts and text direction.

Fonts. The PDFs print "王小明", Arabic, Devanagari, Thai and 🌻 from the fonts shipped in
resources/fonts/ (pdf/fonts.py), but Qt draws a character as an empty box when the
system has no font for it, and many systems have no CJK or emoji font. The windows use
the same files: `install_font_fallbacks` registers them and puts them after the system's
own font in the application font's family list, which Qt consults character by character
before the system's fallbacks. It runs once, when a plan is first opened (the locked
crisis view shows only the region's lines and never pays for it); registering
costs about 7 ms, and a face is read from disk only when a character first needs it.

Direction. The interface is English, laid out left to right. A name or item in Arabic or Hebrew
starts with a right-to-left letter, and Qt then makes its whole paragraph right-to-left:
the line jumps to the right edge, away from its role text, and a list flips alignment
line by line. A left-to-right mark at the start of each line keeps the paragraph's
direction that of the interface; inside it, the person's words still read right to left.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication

from crisisplan.resources import resource_path

LRM = "\u200e"  # LEFT-TO-RIGHT MARK: a strong left-to-right character of zero width
_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text)


def ltr_lines(text: str) -> str:
    """`text` with each line held in the interface's left-to-right direction.

    Text with no right-to-left letter is returned unchanged (nothing invisible is added
    to what most people see, copy or test).
    """
    if not has_right_to_left(text):
        return text
    return "\n".join(line if line.startswith(LRM) else LRM + line for line in text.split("\n"))


# The faces pdf/fonts.py prints with, in the order Qt should try them after the system
# font: by script, symbols and emoji last. Not Noto Sans (Latin, Greek, Cyrillic): every
# system font covers those, and registering it makes fontconfig answer "Sans Serif" with
# it, which would change the person's own font in every window.
# tests/ui/test_scripts.py keeps this list in step with pdf/fonts.py.
SHIPPED_FONTS = (
    "NotoSansArabic-Regular.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansThai-Regular.ttf",
    "WenQuanYiMicroHeiCJK.ttf",
    "SymbolaSymbols.ttf",
)
SYSTEM_COVERED = frozenset({"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"})
_fallback_families: list[str] = []


def install_font_fallbacks() -> list[str]:
    """Register the shipped fonts and make them the application font's fallbacks.

    Idempotent; returns the application font's family list. The system font stays first,
    so the person's choice of font (and size) still rules wherever it has the character.
    """
    if not _fallback_families:
        # The real face behind an alias such as "Sans Serif", asked before our fonts are
        # there to answer it.
        system = QFontInfo(QGuiApplication.font()).family()
        for filename in SHIPPED_FONTS:
            font_id = QFontDatabase.addApplicationFont(str(resource_path(f"fonts/{filename}")))
            for family in QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []:
                if family not in _fallback_families:
                    _fallback_families.append(family)
        font = QGuiApplication.font()
        families = [system, *(f for f in _fallback_families if f != system)]
        if font.families() != families:
            font.setFamilies(families)
            QGuiApplication.setFont(font)
    return QGuiApplication.font().families()
