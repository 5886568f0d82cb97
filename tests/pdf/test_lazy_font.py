"""Fonts read per character (pdf/lazy_font.py): the same tables and the same PDFs as
ReportLab's whole-font parse, without parsing the whole CJK face for a few glyphs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontFace  # type: ignore[import-untyped]

from crisisplan.pdf.fonts import CJK, FONT_FILES, font_path
from crisisplan.pdf.lazy_font import LazyFace

ROOT = Path(__file__).resolve().parent.parent.parent

HEADER = (
    "name", "familyName", "styleName", "fullName", "uniqueFontID", "subfontNameX",
    "fontRevision", "unitsPerEm", "bbox", "ascent", "descent", "capHeight", "stemV",
    "italicAngle", "underlinePosition", "underlineThickness", "flags", "numGlyphs",
    "_full_font", "defaultWidth",
)  # fmt: skip


@pytest.mark.parametrize("font", FONT_FILES, ids=lambda font: font.filename)
def test_every_table_is_what_reportlab_parses(font: object) -> None:
    path = str(font_path(font.key))  # type: ignore[attr-defined]
    full = TTFontFace(path)
    lazy = LazyFace(path)
    assert len(lazy.charToGlyph) < len(full.charToGlyph)  # only ASCII and spaces so far
    for code in full.charToGlyph:
        assert lazy.ensure(code)
    assert not lazy.ensure(0x10FFFF) and 0x10FFFF not in full.charToGlyph
    assert lazy.charToGlyph == full.charToGlyph
    assert lazy.charWidths == full.charWidths
    assert lazy.glyphToChar == full.glyphToChar
    assert [lazy.hmetrics[g] for g in range(full.numGlyphs)] == [
        tuple(pair) for pair in full.hmetrics
    ]
    assert [lazy.glyphPos[g] for g in range(len(full.glyphPos))] == full.glyphPos
    for attribute in HEADER:
        assert getattr(lazy, attribute) == getattr(full, attribute), attribute


def test_a_glyph_known_only_by_shaping_finds_its_characters() -> None:
    """HarfBuzz names glyphs, not characters: the first unknown one reads the whole cmap."""
    path = str(font_path(CJK))
    full = TTFontFace(path)
    lazy = LazyFace(path)
    glyph = full.charToGlyph[ord("李")]
    assert lazy.chars_for_glyph(glyph) == full.glyphToChar[glyph]
    assert lazy.charToGlyph == full.charToGlyph


SCRIPT = r"""
import hashlib, json, sys
from reportlab.pdfbase.ttfonts import TTFont
from crisisplan.core import interchange
from crisisplan.core.model import (Contact, ContactMethod, Group, MethodKind, Plan,
    PlanDocument, Section)
from crisisplan.pdf import fonts, render_card, render_plan
from crisisplan.resources import resource_path

if sys.argv[1] == "full":  # what crisisplan did before: ReportLab parses every font whole
    class Whole(TTFont):
        pass
    fonts.LazyTTFont = Whole
    fonts.LazyFace = type("NeverLazy", (), {})

names = "Zoë Łukasz Ελένη Дмитрий محمد שרה राम 李雷 김민준 ไทย"
people = tuple(
    Contact(name=name, role=role, group=Group.FRIEND, on_card=True,
            methods=(ContactMethod(MethodKind.PHONE, f"+44 7700 90000{i}"),))
    for i, (name, role) in enumerate(zip(names.split(), [
        "Friend", "Αδελφή", "Друг", "أخي", "חברה", "मित्र", "朋友", "친구", "เพื่อน", "x"]))
)
sections = {
    Section.WARNING_SIGNS: (names, "Feeling low 😔 and tired ☕", "e\u0301te\u0301 ❤️"),
    Section.COPING_STRATEGIES: ("कुछ देर टहलना", "ฟังเพลงเบาๆ", "散步十分钟", "산책하기"),
    Section.REASONS_FOR_LIVING: ("عائلتي (my family) ❤", "ספר «李雷» 123"),
}
world = PlanDocument(region="GB", plan=Plan(sections=sections), contacts=people)
example = interchange.loads(resource_path("example_plan.json").read_bytes())
digests = []
for document in (example, world):
    digests.append(hashlib.sha256(render_plan(document, name=names)).hexdigest())
    for layout in ("fold", "duplex"):
        digests.append(hashlib.sha256(render_card(document, layout=layout).pdf).hexdigest())
book = fonts.font_book()
cjk = book.font(fonts.CJK).face
print(json.dumps({"digests": digests, "cjk_chars": len(cjk.charToGlyph),
                  "cjk_type": type(cjk).__name__}))
"""


def _render(mode: str, tmp_path: Path) -> dict[str, object]:
    script = tmp_path / "render.py"
    script.write_text(SCRIPT, "utf-8")
    done = subprocess.run(
        [sys.executable, str(script), mode], capture_output=True, text=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_pdfs_are_byte_identical_to_whole_font_parsing(tmp_path: Path) -> None:
    """Each in a fresh process (ReportLab's font registry and the shaped-glyph aliases
    are process-wide): the example plan and a plan in ten scripts with emoji, combining
    accents and bidirectional text, as a full plan and as both card layouts."""
    lazy = _render("lazy", tmp_path)
    full = _render("full", tmp_path)
    assert lazy["digests"] == full["digests"]
    assert full["cjk_type"] == "TTFontFace"
    assert lazy["cjk_type"] == "LazyFace"
    # The CJK face has 33,886 characters; a few names need a few dozen of them.
    assert isinstance(lazy["cjk_chars"], int) and lazy["cjk_chars"] < 300
