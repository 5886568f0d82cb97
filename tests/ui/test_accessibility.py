"""Accessibility helpers: names for Qt's inner parts, possessives, spoken separators."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
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
    # The tabs a screen reader met leave Qt's cache with the tab bar (not left pointing
    # at what Python frees).
    tab_ids = [QAccessible.uniqueId(bar.child(i)) for i in range(2)]
    tabs.setParent(None)
    tabs.deleteLater()
    qtbot.waitUntil(lambda: QAccessible.accessibleInterface(tab_ids[0]) is None)
    del bar
    gc.collect()
    assert QAccessible.accessibleInterface(tab_ids[1]) is None


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


def test_a_tree_cell_reports_focus_only_while_the_tree_has_it(qtbot: QtBot) -> None:
    """The "My people" tree: Qt's cells say "focused" whenever they are current, so with
    the keyboard on "Add" a screen reader found two focused objects. The same cells,
    headers, names, roles and Qt's own Table and Selection interfaces (Orca reads a
    whole row through the table), with focus only where the keyboard is."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    from crisisplan.core.model import Contact, Group
    from crisisplan.ui.support_editor import ContactListModel, ContactListView

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    people = ContactListView()
    model = ContactListModel(people)  # 7 columns: #, Name, Role, Group, When, Agreed, On card
    sam = Contact(name="Sam Okafor", role="Sister", group=Group.FAMILY, always_available=True)
    priya = Contact(name="Priya Shah", role="Friend", group=Group.FRIEND)
    model.set_contacts((sam, priya), None)
    people.setModel(model)
    people.setCurrentIndex(model.index(0, 0))
    add = QPushButton("Add a person")
    layout.addWidget(people)
    layout.addWidget(add)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    add.setFocus()
    qtbot.waitUntil(add.hasFocus)

    made = QAccessible.queryAccessibleInterface(people)
    assert isinstance(made, accessibility._ItemViewInterface)  # not Qt's own any more
    face: Any = made  # its children are ours too: table cells and plain interfaces
    # Qt's cache holds Qt's own interface too (made first); it answers with ours.
    assert QAccessible.queryAccessibleInterface(people) is made
    qt_own = face._qt_own  # the interface Qt made, whose cells say "focused" when current
    assert qt_own is not None and qt_own is not face
    assert face.role() == qt_own.role() == QAccessible.Role.Tree
    assert face.childCount() == qt_own.childCount() == 21  # 7 headers, 2 rows of 7 cells
    ours = [(face.child(i).role(), face.child(i).text(QAccessible.Text.Name)) for i in range(21)]
    qts = [(qt_own.child(i).role(), qt_own.child(i).text(QAccessible.Text.Name)) for i in range(21)]
    assert ours == qts
    assert ours[:2] + ours[7:9] == [
        (QAccessible.Role.ColumnHeader, "#"),
        (QAccessible.Role.ColumnHeader, "Name"),
        (QAccessible.Role.TreeItem, "1"),
        (QAccessible.Role.TreeItem, "Sam Okafor"),
    ]
    assert qt_own.child(7).state().focused  # Qt's own: the bug
    assert not any(face.child(i).state().focused for i in range(21))  # ours: nothing
    assert not face.state().focused
    selected = [face.child(i).state().selected for i in range(7, 21)]
    assert selected == [qt_own.child(i).state().selected for i in range(7, 21)]
    assert selected == [True] * 7 + [False] * 7
    # Qt's Table and Selection interfaces stay; each cell is a table cell
    assert int(face.interface_cast(QAccessible.InterfaceType.TableInterface))
    assert int(face.interface_cast(QAccessible.InterfaceType.SelectionInterface))
    cell = face.child(15).tableCellInterface()  # row 2, "Priya Shah"
    assert cell is face.child(15)  # one object, both interfaces
    assert (cell.rowIndex(), cell.columnIndex(), cell.isSelected()) == (1, 1, False)
    assert [h.text(QAccessible.Text.Name) for h in cell.columnHeaderCells()] == ["Name"]
    assert cell.table() is face and face.indexOfChild(face.child(15)) == 15
    assert face.child(1).tableCellInterface() is None  # a header, as Qt's

    people.setFocus()
    qtbot.waitUntil(people.hasFocus)
    assert [i for i in range(21) if face.child(i).state().focused] == [7]  # the current cell
    assert not face.state().focused  # the cell has it, not also the tree
    assert face.focusChild() is face.child(7)
    qtbot.keyClick(people, Qt.Key.Key_Down)
    assert [i for i in range(21) if face.child(i).state().focused] == [14]
    add.setFocus()
    qtbot.waitUntil(add.hasFocus)
    assert people.currentIndex() == model.index(1, 0)  # the current row is kept
    assert face.focusChild() is None
    assert not any(face.child(i).state().focused for i in range(21))
    centre = face.child(15).rect().center()
    assert face.childAt(centre.x(), centre.y()) is face.child(15)
    centre = face.child(1).rect().center()
    assert face.childAt(centre.x(), centre.y()) is face.child(1)

    # A screen reader registers every cell it meets; a reset (every change to the people
    # list) makes them stale. They leave Qt's cache, never left pointing at freed memory.
    old = QAccessible.uniqueId(face.child(8))
    model.set_contacts((priya,), None)
    assert face.childCount() == 14
    assert face.child(8).text(QAccessible.Text.Name) == "Priya Shah"
    assert QAccessible.accessibleInterface(old) is None

    # Both interfaces and the cells a screen reader met go with the view.
    cells = [QAccessible.uniqueId(face.child(i)) for i in range(face.childCount())]
    tree_ids = [QAccessible.uniqueId(face), QAccessible.uniqueId(qt_own)]
    people.setParent(None)
    people.deleteLater()
    qtbot.waitUntil(lambda: QAccessible.accessibleInterface(tree_ids[0]) is None)
    assert QAccessible.accessibleInterface(tree_ids[1]) is None
    del face, made, cell, qt_own  # all Python held of them
    gc.collect()
    # Python freed the cells; had they stayed in Qt's cache, this would crash.
    assert [QAccessible.accessibleInterface(i) for i in cells] == [None] * len(cells)


def test_a_tree_follows_rows_added_expanded_and_collapsed(qtbot: QtBot) -> None:
    """The visible rows are worked out once per change (a file dialog's tree can hold
    thousands): adding, expanding and collapsing are seen at once."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    tree = QTreeView()
    qtbot.addWidget(tree)
    model = QStandardItemModel(tree)
    folder = QStandardItem("Letters")
    folder.appendRow(QStandardItem("To Ada"))
    model.appendRow(folder)
    tree.setModel(model)
    tree.show()
    qtbot.waitExposed(tree)
    face: Any = QAccessible.queryAccessibleInterface(tree)

    def names() -> list[str]:
        return [face.child(i).text(QAccessible.Text.Name) for i in range(face.childCount())]

    assert names() == ["1", "Letters"]  # Qt's header for an unnamed column is "1"
    tree.expand(folder.index())
    assert names() == ["1", "Letters", "To Ada"]
    assert face.child(2).tableCellInterface().rowIndex() == 1
    model.appendRow(QStandardItem("Notes"))
    assert names() == ["1", "Letters", "To Ada", "Notes"]
    tree.collapse(folder.index())
    assert names() == ["1", "Letters", "Notes"]
    assert face.indexOfChild(face.child(2)) == 2


def test_fields_already_on_screen_get_their_inner_parts_named(qtbot: QtBot) -> None:
    """What `install_keyboard` names at once after the first frame: a clear button shown
    in a field, and an editable combo box's own line edit."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    field = QLineEdit()
    field.setAccessibleName("Their name")
    field.setClearButtonEnabled(True)
    field.setText("Sam")
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName("Kind of place")
    layout.addWidget(field)
    layout.addWidget(combo)
    window.show()
    qtbot.waitExposed(window)
    clear = [b for b in field.findChildren(QToolButton) if b.isVisible()]
    assert clear
    for button in clear:
        button.setAccessibleName("")
    own_edit = combo.lineEdit()
    assert own_edit is not None
    own_edit.setAccessibleName("")

    accessibility.name_shown_inner_parts(QApplication.instance())  # type: ignore[arg-type]

    assert {b.accessibleName() for b in clear} == {"Clear Their name"}
    assert own_edit.accessibleName() == "Kind of place"
