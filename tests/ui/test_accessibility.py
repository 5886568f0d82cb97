"""Accessibility helpers: names for Qt's inner parts, possessives, spoken separators."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.ui import accessibility
from crisisplan.ui.accessibility import Announcer, TextBlock, possessive, spoken


def test_possessives_and_separators() -> None:
    assert possessive("Samaritans") == "Samaritans'"
    assert possessive("Sam") == "Sam's"
    assert spoken("Sister · family") == "Sister, family"


def test_inner_parts_get_names_and_roles(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    page = QWidget()
    qtbot.addWidget(page)
    edit = QLineEdit(page)
    edit.setAccessibleName("Name")
    edit.setClearButtonEnabled(True)
    edit.setText("Ada")
    combo = QComboBox(page)
    combo.setEditable(True)
    combo.setAccessibleName("Time zone")
    heading = TextBlock("People I can reach now", heading=True)
    heading.setParent(page)
    page.show()
    qtbot.waitExposed(page)
    clear = [b for b in edit.findChildren(QToolButton) if b.isVisible()]
    assert clear and all(b.accessibleName() == "Clear Name" for b in clear)
    inner = combo.lineEdit()
    assert inner is not None and inner.accessibleName() == "Time zone"
    face = QAccessible.queryAccessibleInterface(heading)
    assert face.role() == QAccessible.Role.Heading
    assert face.text(QAccessible.Text.Name) == "People I can reach now"  # the visible text
    announcer = Announcer(page)
    assert QAccessible.queryAccessibleInterface(announcer).role() == QAccessible.Role.Notification
