"""Names in every script the PDFs print are drawn in the windows too: no empty boxes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QFont, QFontInfo, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument
from crisisplan.ui import scripts
from crisisplan.ui.crisis_view import CrisisView
from crisisplan.ui.session import Session
from crisisplan.ui.support_editor import SupportSystemEditor

NAMES = [
    "王小明",
    "🌻 Sunflower group",
    "Biscuit 🐶",
    "Zoë Łukasz Ελένη Дмитрий",
    "محمد الأحمد",
    "דנה כהן",
    "प्रिया शर्मा",
    "สมชาย ใจดี",
    "김민준",
    "さくら",
]


def missing_glyphs(text: str, font: QFont) -> int:
    """How many characters of `text` would be drawn as an empty box in `font` (glyph 0,
    ".notdef", after Qt's whole fallback chain has been tried)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return sum(1 for run in layout.glyphRuns() for glyph in run.glyphIndexes() if glyph == 0)


def test_the_windows_use_the_fonts_the_pdfs_print_with() -> None:
    from crisisplan.pdf.fonts import FONT_FILES

    assert set(scripts.SHIPPED_FONTS) | scripts.SYSTEM_COVERED == {f.filename for f in FONT_FILES}


@pytest.mark.parametrize("name", NAMES)
def test_a_label_draws_every_character(qtbot: QtBot, name: str) -> None:
    scripts.install_font_fallbacks()
    label = QLabel(name)
    qtbot.addWidget(label)
    assert missing_glyphs(name, label.font()) == 0
    bold = QFont(label.font())
    bold.setBold(True)
    assert missing_glyphs(name, bold) == 0


def test_the_system_font_stays_first(qapp: QApplication) -> None:
    families = scripts.install_font_fallbacks()
    assert families[0] not in {"Noto Sans", "Symbola"}  # the person's own font rules
    assert QFontInfo(QFont("Sans Serif")).family() != "Noto Sans"  # even by its alias
    assert {"WenQuanYi Micro Hei", "Symbola", "Noto Sans Arabic"} <= set(families)
    assert scripts.install_font_fallbacks() == families  # once only


def test_names_in_the_crisis_view_and_the_people_list(qtbot: QtBot, session: Session) -> None:
    phone = ContactMethod(MethodKind.PHONE, "+44 7700 900123")
    contacts = tuple(
        Contact(
            name=name,
            group=Group.FRIEND,
            methods=(phone,),
            time_zone="Europe/London",
            always_available=True,
        )
        for name in NAMES
    )
    session.replace(PlanDocument(region="GB", contacts=contacts))
    at = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))
    view = CrisisView(session, clock=lambda: at)
    qtbot.addWidget(view)
    if view.show_everyone_button is not None:  # more than five: all of them, as cards
        view.show_everyone_button.click()
    shown = {
        label.text(): label
        for label in view.findChildren(QLabel)
        if label.property("role") == "name"
    }
    for name in NAMES:
        label = shown[scripts.ltr_lines(name)]
        assert missing_glyphs(name, label.font()) == 0, name

    editor = SupportSystemEditor(session)
    qtbot.addWidget(editor)
    for name in NAMES:
        assert missing_glyphs(name, editor.font()) == 0, name
