"""What a screen reader needs that Qt does not give by itself (docs/desktop-app.md,
"Using crisisplan with a screen reader").

- `install(app)`: once per application. Enter and Space press the focused button in
  every window (Qt's main windows ignore Enter on a focused QPushButton); `Announcer`s
  report the Notification role, `TextBlock`s the Paragraph or Heading role (ListItem in
  a `TextList`, which reports the List role).
- `announce(widget, text)`: say `text` without moving focus. On Linux, Orca 43 speaks a
  Notification object when it is shown (Orca ≥ 46 also hears Qt's announcement event,
  but Orca 43 ignores it); on Windows and macOS Qt's `QAccessibleAnnouncementEvent`
  reaches Narrator, NVDA and VoiceOver. Nothing is said for an empty text, and the same
  text is said again only when asked again (a changed thing, never a timer tick).
- `possessive(name)`: "Samaritans'", "Sam's".
- `spoken(text)`: a visible text with separators such as "·" turned into pauses, for an
  accessible name that must not read "middle dot".
- `name_from_buddy(label)`: the label's text (without "&" or ":") as the accessible name
  of its buddy; `hidden_label(field, text)` a buddy label for a field that has no visible
  one: Qt on Linux exposes a combo box's current value instead of its name.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QAccessibleTableCellInterface,
    QFocusEvent,
    QKeyEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAccessibleWidget,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QRadioButton,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import VoidPtr, getCppPointer

SEPARATORS = (" · ", " • ", " — ", " – ")
_installed = False
_keyboard: _KeyboardActivation | None = None  # its application-wide filter, once installed


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def spoken(text: str) -> str:
    for separator in SEPARATORS:
        text = text.replace(separator, ", ")
    return text


def name_from_buddy(label: QLabel) -> None:
    buddy = label.buddy()
    if buddy is not None and not buddy.accessibleName():
        text = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        buddy.setAccessibleName(text.strip().rstrip(":").strip())


def hidden_label(field: QWidget, text: str = "") -> QLabel:
    """A label no one sees, as `field`'s buddy: Qt on Linux names a combo box after its
    current value and ignores its accessibleName, but screen readers say the label that
    a buddy relation points to ("Kind, way to reach them 1 combo box, Phone call").
    `field` must already have its parent."""
    label = QLabel(text, field.parentWidget())
    label.setBuddy(field)
    label.hide()
    return label


class Announcer(QWidget):
    """A tiny Notification object in a window; `say()` shows it with the text as name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Announcer")
        self.setFixedSize(1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.last = ""
        self.hide()

    def say(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        self.last = text
        self.setAccessibleName(text)
        if sys.platform.startswith("linux"):
            self.hide()
            self.show()  # ObjectShow: Orca speaks "notification" and the name
            self.raise_()
        else:
            event = QAccessibleAnnouncementEvent(self, text)
            QAccessible.updateAccessibility(event)


def announcer(widget: QWidget) -> Announcer:
    """The Announcer of `widget`'s outermost window (made on first use). A dialog's
    words go through its main window: Orca would read a dialog ancestor again in full
    before the words themselves."""
    window = widget.window()
    owner = window.parentWidget()
    while owner is not None:
        window = owner.window()
        owner = window.parentWidget()
    found = window.findChild(Announcer, "Announcer", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else Announcer(window)


def announce(widget: QWidget, text: str) -> None:
    announcer(widget).say(text)


class TextBlock(QLabel):
    """A text of the page (a paragraph, or a heading with `heading=True`), not a label of
    something: screen readers read it in place, and Orca does not read it again as one of
    a panel's "unrelated labels" each time focus enters the panel. The accessible name is
    the visible text unless `setAccessibleName` gives a spoken form of it."""

    def __init__(self, text: str = "", *, heading: bool = False) -> None:
        super().__init__(text)
        self.heading = heading
        self.list_item = False


class TextList(QWidget):
    """A list of the person's words, exposed as a list: a container with the List role,
    named `name` (its heading's words), holding one TextBlock per item with the ListItem
    role. Orca says "My reasons for living list with 2 items", then each item, instead
    of one paragraph of all of them. Looks like lines of one paragraph (no spacing)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

    def add(self, item: TextBlock, spoken_name: str = "") -> None:
        """`item` shows the item (a bullet, break points…); `spoken_name` is what a
        screen reader says when it differs from the visible text."""
        item.list_item = True
        if spoken_name:
            item.setAccessibleName(spoken_name)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(item)


class _TextBlockInterface(QAccessibleWidget):
    def __init__(self, block: TextBlock) -> None:
        super().__init__(block, QAccessible.Role.Paragraph, "")
        self._block = block

    def role(self) -> QAccessible.Role:
        # Asked each time: a screen reader may meet the block (and Qt cache this
        # interface) before it is put into a TextList.
        if self._block.list_item:
            return QAccessible.Role.ListItem
        return QAccessible.Role.Heading if self._block.heading else QAccessible.Role.Paragraph

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._block.accessibleName() or self._block.text()
        return str(super().text(kind))


def _cast(pointer: Any) -> Any:
    """What `interface_cast` answers: a pointer (a `VoidPtr`, though PySide's stubs say
    int), a null one rather than None (PySide crashes on None)."""
    return pointer if pointer is not None else VoidPtr(0)


def _retire(interface: QAccessibleInterface) -> None:
    """Take a child interface that went stale out of Qt's cache before Python drops it:
    the AT-SPI bridge registers every child it hands out, and a registered interface
    freed by Python leaves the cache pointing at freed memory (a crash on the next
    question a screen reader asks about the old object)."""
    QAccessible.deleteAccessibleInterface(QAccessible.uniqueId(interface))


def _retire_children_with(widget: QWidget, *children: dict[Any, Any]) -> None:
    """When `widget` goes, the child interfaces Python made for it leave Qt's cache too
    (Qt deletes the widget's own interfaces, not these; once Python frees them, the
    next question about them, or Qt's cache at exit, would touch freed memory)."""

    def forget(*_args: object) -> None:
        for found in children:
            for child in list(found.values()):
                _retire(child)
            found.clear()

    widget.destroyed.connect(forget)


class _LeafInterface(QAccessibleInterface):
    """An accessible part of a widget that is not a widget itself (a tab, a row or cell, a
    column header): no object, children or relations of its own, read-only text, and the
    widget it belongs to as its parent."""

    def __init__(self, owner: QWidget) -> None:
        QAccessibleInterface.__init__(self)
        self._owner = owner

    def object(self) -> None:  # type: ignore[override]
        return None

    def relations(self, _match: Any = None) -> list[Any]:
        return []

    def focusChild(self) -> None:  # type: ignore[override]
        return None

    def childAt(self, _x: int, _y: int) -> None:  # type: ignore[override]
        return None

    def parent(self) -> QAccessibleInterface:
        return QAccessible.queryAccessibleInterface(self._owner)

    def child(self, _index: int) -> None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, _child: QAccessibleInterface) -> int:
        return -1

    def setText(self, _kind: QAccessible.Text, _text: str) -> None:
        pass


class _TabInterface(_LeafInterface):
    """One tab of a `_TabBarInterface`: focused only while the tab bar has the keyboard
    (Qt's own tab reports "focused" whenever it is the current tab, so after unlocking
    Orca said "My plan page tab" with the keyboard on "I'm struggling")."""

    def __init__(self, bar: QTabBar, index: int) -> None:
        super().__init__(bar)
        self._bar = bar
        self._index = index

    def isValid(self) -> bool:
        return 0 <= self._index < self._bar.count()

    def text(self, kind: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        if kind == QAccessible.Text.Name:
            return (
                self._bar.tabText(self._index)
                .replace("&&", "\0")
                .replace("&", "")
                .replace("\0", "&")
            )
        if kind == QAccessible.Text.Description:
            return self._bar.tabToolTip(self._index)
        return ""

    def rect(self) -> QRect:
        if not self.isValid():
            return QRect()
        local = self._bar.tabRect(self._index)
        return local.translated(self._bar.mapToGlobal(local.topLeft()) - local.topLeft())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.PageTab

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if not self.isValid():
            state.invalid = True
            return state
        current = self._index == self._bar.currentIndex()
        state.focusable = True
        state.selectable = True
        state.selected = current
        state.focused = current and self._bar.hasFocus()
        state.disabled = not self._bar.isTabEnabled(self._index)
        state.invisible = not self._bar.isVisible() or not self._bar.isTabVisible(self._index)
        return state


class _TabBarInterface(QAccessibleWidget):
    """A tab bar whose tabs report focus only when the keyboard is on them."""

    def __init__(self, bar: QTabBar) -> None:
        super().__init__(bar, QAccessible.Role.PageTabList, "")
        self._bar = bar
        self._tabs: dict[int, _TabInterface] = {}
        _retire_children_with(bar, self._tabs)

    def childCount(self) -> int:
        return self._bar.count()

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        if not 0 <= index < self._bar.count():
            return None
        if index not in self._tabs:
            self._tabs[index] = _TabInterface(self._bar, index)
        return self._tabs[index]

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        for index, tab in self._tabs.items():
            if tab is child:
                return index
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return self.child(self._bar.currentIndex()) if self._bar.hasFocus() else None

    def state(self) -> QAccessible.State:
        state = super().state()
        state.focused = state.focused and self._bar.currentIndex() < 0  # the tab has it
        return state

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        index = self._bar.tabAt(self._bar.mapFromGlobal(QPoint(x, y)))
        return self.child(index) if index >= 0 else None


class _ItemInterface(_LeafInterface, QAccessibleTableCellInterface):
    """One item of an `_ItemViewInterface`: a list row, or one cell of a tree's row.
    Focused only while the view has the keyboard (Qt's own rows and cells report
    "focused" whenever they are current, even with the keyboard elsewhere). A tree's
    cell is also a table cell (row, column, its column header, its table), as Qt's is."""

    def __init__(self, face: _ItemViewInterface, index: QModelIndex) -> None:
        _LeafInterface.__init__(self, face.view)
        QAccessibleTableCellInterface.__init__(self)
        self._face = face
        self._view = face.view
        self._index = QPersistentModelIndex(index)

    def plain(self) -> QModelIndex:
        model = self._index.model()
        if model is None or not self._index.isValid():
            return QModelIndex()
        return model.index(self._index.row(), self._index.column(), self._index.parent())

    def interface_cast(self, kind: QAccessible.InterfaceType) -> Any:
        if kind == QAccessible.InterfaceType.TableCellInterface and self._face.tree:
            return VoidPtr(getCppPointer(self)[1])  # the QAccessibleTableCellInterface part
        return VoidPtr(0)

    # QAccessibleTableCellInterface
    def rowIndex(self) -> int:
        return self._face.position(self.plain())

    def columnIndex(self) -> int:
        return self._index.column() if self._index.isValid() else -1

    def rowExtent(self) -> int:
        return 1

    def columnExtent(self) -> int:
        return 1

    def rowHeaderCells(self) -> list[QAccessibleInterface]:
        return []

    def columnHeaderCells(self) -> list[QAccessibleInterface]:
        header = self._face.child(self.columnIndex()) if self._face.tree else None
        return [header] if isinstance(header, _HeaderInterface) else []

    def isSelected(self) -> bool:
        selection = self._view.selectionModel()
        return selection is not None and selection.isSelected(self.plain())

    def table(self) -> QAccessibleInterface:
        return self._face

    # QAccessibleInterface
    def isValid(self) -> bool:
        return self._index.isValid()

    def text(self, kind: QAccessible.Text) -> str:
        if not self._index.isValid():
            return ""
        roles = {
            QAccessible.Text.Name: (
                Qt.ItemDataRole.AccessibleTextRole,
                Qt.ItemDataRole.DisplayRole,
            ),
            # A list row's tooltip is its description; a tree cell keeps Qt's (none
            # unless the model gives one: the people list's tooltip is the whole card).
            QAccessible.Text.Description: (Qt.ItemDataRole.AccessibleDescriptionRole,)
            + (() if self._face.tree else (Qt.ItemDataRole.ToolTipRole,)),
        }
        for role in roles.get(kind, ()):
            value = self._index.data(role)
            if value:
                return str(value)
        return ""

    def rect(self) -> QRect:
        if not self._index.isValid():
            return QRect()
        viewport = self._view.viewport()
        local = self._view.visualRect(self.plain())
        return local.translated(viewport.mapToGlobal(QPoint(0, 0)))

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.TreeItem if self._face.tree else QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if not self._index.isValid():
            state.invalid = True
            return state
        index = self.plain()
        selection = self._view.selectionModel()
        current = selection is not None and selection.currentIndex() == index
        state.focusable = True
        state.selectable = True
        state.selected = selection is not None and selection.isSelected(index)
        state.focused = current and self._view.hasFocus()
        viewport = self._view.viewport()
        shown = self._view.visualRect(index).intersects(viewport.rect())
        state.invisible = not self._view.isVisible() or self._face.hidden(index)
        state.offscreen = not shown
        flags = index.flags()
        state.disabled = not flags & Qt.ItemFlag.ItemIsEnabled
        if flags & Qt.ItemFlag.ItemIsUserCheckable:
            state.checkable = True
            state.checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        if isinstance(self._view, QTreeView) and not flags & Qt.ItemFlag.ItemNeverHasChildren:
            # rowCount, not hasChildren: PySide makes a table model's hasChildren private
            state.expandable = index.model().rowCount(index) > 0
            state.expanded = self._view.isExpanded(index)
        return state


class _HeaderInterface(_LeafInterface):
    """A column header of a tree (`_ItemViewInterface`), as Qt's own: the column's
    name, where its section is on screen."""

    def __init__(self, face: _ItemViewInterface, section: int) -> None:
        super().__init__(face.view)
        self._face = face
        self._view = face.view
        self.section = section

    def _header(self) -> QHeaderView | None:
        return self._view.header() if isinstance(self._view, QTreeView) else None

    def isValid(self) -> bool:
        model = self._view.model()
        return model is not None and 0 <= self.section < model.columnCount(self._view.rootIndex())

    def text(self, kind: QAccessible.Text) -> str:
        model = self._view.model()
        if model is None or not self.isValid():
            return ""
        horizontal = Qt.Orientation.Horizontal
        roles = {
            QAccessible.Text.Name: (
                Qt.ItemDataRole.AccessibleTextRole,
                Qt.ItemDataRole.DisplayRole,
            ),
            QAccessible.Text.Description: (Qt.ItemDataRole.AccessibleDescriptionRole,),
        }
        for role in roles.get(kind, ()):
            value = model.headerData(self.section, horizontal, role)
            if value:
                return str(value)
        return ""

    def rect(self) -> QRect:
        header = self._header()
        if header is None or not self.isValid():
            return QRect()
        local = QRect(
            header.sectionViewportPosition(self.section),
            0,
            header.sectionSize(self.section),
            header.height(),
        )
        return local.translated(header.viewport().mapToGlobal(QPoint(0, 0)))

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ColumnHeader

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        header = self._header()
        if header is not None:
            state.invisible = not header.isVisible() or header.isSectionHidden(self.section)
            state.disabled = not header.isEnabled()
        return state


class _ItemViewInterface(QAccessibleWidget):
    """A list view or a tree view whose rows (a tree's cells) report focus only when the
    keyboard is on them, and the view itself only when it has no current row.

    A list is one column of rows (List role, ListItem rows). A tree keeps Qt's layout
    and roles (Tree role; a row of column headers, then one TreeItem cell per column of
    each visible row) and Qt's own Table and Selection interfaces, which PySide cannot
    write: `qt_own` is Qt's interface for the same view, made first (see `_factory`).
    Orca reads a whole row through the Table interface."""

    def __init__(self, view: QAbstractItemView, qt_own: QAccessibleInterface | None = None) -> None:
        self.tree = isinstance(view, QTreeView)
        super().__init__(view, QAccessible.Role.Tree if self.tree else QAccessible.Role.List, "")
        self.view = view
        self._qt_own = qt_own  # kept with the view; Qt deletes both when the view goes
        self._table = VoidPtr(0)
        self._selection = VoidPtr(0)
        if qt_own is not None:
            self._table = _cast(qt_own.interface_cast(QAccessible.InterfaceType.TableInterface))
            self._selection = _cast(
                qt_own.interface_cast(QAccessible.InterfaceType.SelectionInterface)
            )
        self._items: dict[tuple[int, int], _ItemInterface] = {}
        self._headers: dict[int, _HeaderInterface] = {}
        _retire_children_with(view, self._items, self._headers)
        # The visible rows, worked out once per change (a file dialog's tree may hold
        # thousands, and a screen reader asks for every cell): forgotten when the model
        # or what is expanded changes. (Hiding a row emits nothing; no view here does.)
        self._rows_seen: tuple[QPersistentModelIndex, int, list[QModelIndex]] | None = None
        self._watched: QAbstractItemModel | None = None
        if isinstance(view, QTreeView):
            view.expanded.connect(self._forget_rows)
            view.collapsed.connect(self._forget_rows)

    def _forget_rows(self, *_args: object) -> None:
        self._rows_seen = None

    def _watch(self, model: QAbstractItemModel) -> None:
        if model is self._watched:
            return
        self._watched = model
        self._rows_seen = None
        for signal in (
            model.modelReset,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.rowsMoved,
        ):
            signal.connect(self._forget_rows)

    def interface_cast(self, kind: QAccessible.InterfaceType) -> Any:
        if kind == QAccessible.InterfaceType.TableInterface:
            return self._table
        if kind == QAccessible.InterfaceType.SelectionInterface:
            return self._selection
        return _cast(super().interface_cast(kind))

    # the layout: a tree has a row of headers, then `columns` cells per visible row
    def _columns(self) -> int:
        model = self.view.model()
        if model is None:
            return 0
        return model.columnCount(self.view.rootIndex()) if self.tree else 1

    def _rows(self) -> list[QModelIndex]:
        """The visible rows, top to bottom, in the first column (a list: its column)."""
        model = self.view.model()
        if model is None:
            return []
        self._watch(model)
        root = self.view.rootIndex()
        count = model.rowCount(root)
        seen = self._rows_seen
        if seen is not None and seen[0] == root and seen[1] == count:
            return seen[2]
        if not isinstance(self.view, QTreeView):
            column = self.view.modelColumn() if isinstance(self.view, QListView) else 0
            rows = [model.index(row, column, root) for row in range(count)]
        else:
            rows = []
            index = next(
                (
                    model.index(row, 0, root)
                    for row in range(count)
                    if not self.view.isRowHidden(row, root)
                ),
                QModelIndex(),
            )
            while index.isValid():
                rows.append(index)
                index = self.view.indexBelow(index)
        self._rows_seen = (QPersistentModelIndex(root), count, rows)
        return rows

    def position(self, index: QModelIndex) -> int:
        """The visible row of `index` (-1 if it has none)."""
        if not index.isValid():
            return -1
        first = index.siblingAtColumn(0) if self.tree else index
        rows = self._rows()
        if 0 <= first.row() < len(rows) and rows[first.row()] == first:
            return first.row()  # a flat list: its row
        return next((row for row, found in enumerate(rows) if found == first), -1)

    def hidden(self, index: QModelIndex) -> bool:
        if isinstance(self.view, QTreeView):
            return self.view.isRowHidden(index.row(), index.parent())
        if isinstance(self.view, QListView):
            return self.view.isRowHidden(index.row())
        return False

    def _headers_count(self) -> int:
        return self._columns() if self.tree else 0

    def childCount(self) -> int:
        return self._headers_count() + len(self._rows()) * self._columns()

    def child(self, number: int) -> QAccessibleInterface | None:  # type: ignore[override]
        columns = self._columns()
        if number < 0 or columns == 0:
            return None
        if number < self._headers_count():
            if number not in self._headers:
                self._headers[number] = _HeaderInterface(self, number)
            return self._headers[number]
        row, column = divmod(number - self._headers_count(), columns)
        rows = self._rows()
        if row >= len(rows):
            return None
        index = rows[row].siblingAtColumn(column) if self.tree else rows[row]
        known = self._items.get((row, column))
        if known is None or known.plain() != index:
            if known is not None:
                _retire(known)
            known = _ItemInterface(self, index)
            self._items[(row, column)] = known
        return known

    def _number(self, index: QModelIndex) -> int:
        row = self.position(index)
        if row < 0:
            return -1
        if not self.tree:
            return row
        return self._headers_count() + row * self._columns() + index.column()

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, _HeaderInterface):
            return child.section if self.tree else -1
        if isinstance(child, _ItemInterface):
            return self._number(child.plain())
        return -1

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        if not self.view.hasFocus():
            return None
        return self.child(self._number(self.view.currentIndex()))

    def state(self) -> QAccessible.State:
        state = super().state()
        state.focused = state.focused and not self.view.currentIndex().isValid()  # the row
        return state

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        point = QPoint(x, y)
        if isinstance(self.view, QTreeView) and self.view.header().isVisible():
            header = self.view.header()
            local = header.viewport().mapFromGlobal(point)
            if header.viewport().rect().contains(local):
                section = header.logicalIndexAt(local.x())
                return self.child(section) if section >= 0 else None
        viewport = self.view.viewport()
        index = self.view.indexAt(viewport.mapFromGlobal(point))
        return self.child(self._number(index)) if index.isValid() else None


class _ProxyFocusInterface(QAccessibleWidget):
    """A widget whose focus proxy has the keyboard (a QTabWidget and its tab bar): Qt
    says the widget itself is focused too; only the proxy's part is."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Client, "")
        self._widget = widget

    def state(self) -> QAccessible.State:
        state = super().state()
        state.focused = state.focused and QApplication.focusWidget() is self._widget
        return state


_making_qt_own = False


def _qt_own_interface(view: QTreeView) -> QAccessibleInterface | None:
    """Qt's own interface for `view` (with the Table and Selection interfaces that
    PySide cannot write), made by asking for it while `_factory` steps aside. Qt's cache
    keeps it for the view; the interface `_factory` returns is added after it, and Qt's
    cache answers the last one added for an object (qaccessiblecache.cpp, a QMultiHash),
    so screen readers meet `_ItemViewInterface`. Both are deleted with the view."""
    global _making_qt_own
    _making_qt_own = True
    try:
        return QAccessible.queryAccessibleInterface(view)
    finally:
        _making_qt_own = False


def _factory(key: str, obj: QObject) -> QAccessibleWidget | None:
    if _making_qt_own:
        return None
    if isinstance(obj, Announcer):
        return QAccessibleWidget(obj, QAccessible.Role.Notification, "")
    if isinstance(obj, TextBlock):
        return _TextBlockInterface(obj)
    if isinstance(obj, TextList):
        return QAccessibleWidget(obj, QAccessible.Role.List, "")
    if isinstance(obj, QTabBar):
        return _TabBarInterface(obj)
    if isinstance(obj, QTabWidget):
        return _ProxyFocusInterface(obj)
    if isinstance(obj, QListView):  # every list of the app is one column of rows
        return _ItemViewInterface(obj)
    if isinstance(obj, QTreeView):
        return _ItemViewInterface(obj, _qt_own_interface(obj))
    if isinstance(obj, QStackedWidget) and obj.objectName() == "Pages":
        # The main window's pages: a plain container, not a "layered pane" said aloud.
        return QAccessibleWidget(obj, QAccessible.Role.Client, "")
    return None


def _name_inner_parts(widget: QObject) -> None:
    """Names for the parts Qt builds inside other controls: a line edit's clear button
    ("Clear <field>") and an editable combo box's own line edit (the combo's name)."""
    parent = widget.parent()
    if isinstance(widget, QToolButton) and isinstance(parent, QLineEdit):
        if not widget.accessibleName():
            field = parent.accessibleName() or parent.placeholderText() or "the text"
            widget.setAccessibleName(f"Clear {field}")
    elif (
        isinstance(widget, QLineEdit)
        and isinstance(parent, QComboBox)
        and not widget.accessibleName()
    ):
        widget.setAccessibleName(parent.accessibleName() or "Type or choose")


class _KeyboardActivation(QObject):
    """Enter presses the focused button everywhere (dialogs already do it themselves);
    names the inner parts of line edits and combo boxes as they are shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, (QToolButton, QLineEdit)):
            _name_inner_parts(watched)
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QLineEdit)
            and not watched.text()
        ):
            assert isinstance(event, QFocusEvent)
            if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
                # Tab into an empty line edit: Qt "selects all" of nothing and reports that
                # caret move before the focus, and Orca 43 takes the caret event as the
                # focus change and says nothing. The same focus without the select-all.
                QApplication.sendEvent(
                    watched, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason)
                )
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QAbstractButton):
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            toggles = isinstance(watched, (QCheckBox, QRadioButton))
            in_dialog = isinstance(watched.window(), QDialog)
            if enter and plain and not toggles and not in_dialog and watched.hasFocus():
                if watched.isEnabled():
                    watched.animateClick()
                return True
        return False


def install(app: QApplication, *, keyboard: bool = True) -> None:
    """Once per process; safe to call again. `keyboard=False` leaves the application-wide
    event filter of Enter on buttons (a Python call for every event, tens of ms of CPU at
    launch) to `install_keyboard`, which app.run_gui calls after the first frame."""
    global _installed
    if _installed:
        return
    _installed = True
    QAccessible.installFactory(_factory)
    if keyboard:
        install_keyboard(app)


def install_keyboard(app: QApplication) -> None:
    """Enter on buttons and the names of inner parts, from now on; the inner parts of the
    fields already on screen are named at once. Once per process; safe to call again."""
    global _keyboard
    if _keyboard is not None:
        return
    _keyboard = _KeyboardActivation(app)
    app.installEventFilter(_keyboard)
    name_shown_inner_parts(app)


def name_shown_inner_parts(app: QApplication) -> None:
    """Name the inner parts of the fields on screen now (later ones as they are shown)."""
    # The line edits of each window, asked for by type: `app.allWidgets()` hands Python
    # every widget, and PySide then sets up every Qt widget class it walks through to
    # type each one (~14 ms right after the first frame).
    for window in app.topLevelWidgets():
        for field in window.findChildren(QLineEdit):
            if field.isVisible():
                _name_inner_parts(field)
                for part in field.findChildren(QToolButton):
                    if part.isVisible():
                        _name_inner_parts(part)
