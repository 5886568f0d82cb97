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


def test_a_tab_reports_focus_only_while_the_tab_bar_has_it(qtbot: QtBot) -> None:
    """Qt's own tabs say "focused" whenever they are current: after unlocking, Orca said
    "My plan page tab" with the keyboard on "I'm struggling"."""
    from PySide6.QtWidgets import QPushButton, QTabWidget, QVBoxLayout

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    elsewhere = QPushButton("I'm struggling")
    tabs = QTabWidget()
    tabs.addTab(QWidget(), "My &plan")
    tabs.addTab(QWidget(), "My people")
    layout.addWidget(elsewhere)
    layout.addWidget(tabs)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    bar = QAccessible.queryAccessibleInterface(tabs.tabBar())
    assert bar.child(0).state().selected
    assert not any(bar.child(i).state().focused for i in range(2))
    names = [bar.child(i).text(QAccessible.Text.Name) for i in range(bar.childCount())]
    assert names == ["My plan", "My people"]
    assert [bar.child(i).role() for i in range(2)] == [QAccessible.Role.PageTab] * 2
    tabs.tabBar().setFocus()
    qtbot.waitUntil(tabs.tabBar().hasFocus)
    assert [bar.child(i).state().focused for i in range(2)] == [True, False]
    assert not bar.state().focused  # one focus: the tab, not also the bar and tab widget
    assert not QAccessible.queryAccessibleInterface(tabs).state().focused
    tabs.setCurrentIndex(1)
    assert [bar.child(i).state().focused for i in range(2)] == [False, True]
    assert bar.indexOfChild(bar.child(1)) == 1 and bar.child(1).parent().role() == bar.role()


def test_a_list_row_reports_focus_only_while_the_list_has_it(qtbot: QtBot) -> None:
    """Qt's own list rows say "focused" whenever they are current, with the keyboard
    anywhere: "Parts of the plan, 1. Warning signs" stayed focused beside the button."""
    from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    elsewhere = QPushButton("I'm struggling")
    parts = QListWidget()
    parts.addItems(["1. Warning signs", "2. Things I can do"])
    parts.setCurrentRow(0)
    layout.addWidget(elsewhere)
    layout.addWidget(parts)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    face = QAccessible.queryAccessibleInterface(parts)
    assert face.role() == QAccessible.Role.List and face.childCount() == 2
    assert face.child(0).state().selected
    assert not any(face.child(i).state().focused for i in range(2))
    rows = [face.child(i) for i in range(2)]
    assert [r.text(QAccessible.Text.Name) for r in rows] == [
        "1. Warning signs",
        "2. Things I can do",
    ]
    assert [r.role() for r in rows] == [QAccessible.Role.ListItem] * 2
    parts.setFocus()
    qtbot.waitUntil(parts.hasFocus)
    assert [r.state().focused for r in rows] == [True, False]
    assert not face.state().focused  # the row has it, not also the list
    centre = face.child(1).rect().center()
    assert face.childAt(centre.x(), centre.y()) is face.child(1)
    parts.setCurrentRow(1)
    assert [face.child(i).state().focused for i in range(2)] == [False, True]
    assert face.indexOfChild(face.child(1)) == 1 and face.focusChild() is face.child(1)


def test_a_text_block_met_before_it_joins_a_list_is_a_list_item(qtbot: QtBot) -> None:
    """With a screen reader on, Qt makes (and keeps) a label's interface as soon as the
    label is named, before the crisis view puts it into its list."""
    from crisisplan.ui.accessibility import TextList

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    block = TextBlock("•  My niece Ada")
    early = QAccessible.queryAccessibleInterface(block)
    assert early.role() == QAccessible.Role.Paragraph
    reasons = TextList("My reasons for living")
    qtbot.addWidget(reasons)
    reasons.add(block, "My niece Ada")
    face = QAccessible.queryAccessibleInterface(reasons)
    assert face.role() == QAccessible.Role.List
    assert face.child(0).role() == QAccessible.Role.ListItem
    assert face.child(0).text(QAccessible.Text.Name) == "My niece Ada"
