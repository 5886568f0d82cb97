"""An ordered list of the person's own short texts: edit in place, reorder, delete.

The widget never saves. It tells its owner what the person did — `itemEdited` and
`itemMoved` on the model (the model already shows the change), `deleteRequested` on the
view — and the owner saves through the Session. The saved list comes back through
`ItemList.set_items`, which does nothing when the list already shows it, so the person's
selection, scroll position and any open editor survive the round trip.

Reordering is one code path: drag-and-drop in a `QListView` calls the model's `moveRows`
(Qt 6), and so do Alt+Up / Alt+Down and the owner's "Move" buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

# Why a text cannot be kept (one sentence), or None when it can.
ItemCheck = Callable[[str], str | None]

AnyIndex = QModelIndex | QPersistentModelIndex

MOVE_UP_KEYS = "Alt+Up"
MOVE_DOWN_KEYS = "Alt+Down"
EDIT_KEYS = "F2 or double-click"
DELETE_KEYS = "Delete"

# A QLineEdit cuts pasted text at 32,767 characters without a word; validation, not the
# widget, decides what is too long, and says so.
_NO_LENGTH_LIMIT = 2**31 - 1
_TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole.value
_TEXT_ROLES = frozenset(
    {Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.EditRole.value, _TOOLTIP_ROLE}
)
# The invisible root of a flat list (Qt's default `parent` argument).
_ROOT = QModelIndex()
# Items longer than this also show in full as a tooltip.
_TOOLTIP_FROM = 80


class ItemListModel(QAbstractListModel):
    """The texts a list shows, in order.

    Signals:
        itemEdited(int): the text at this row was changed in place (already shown).
        itemMoved(int, int): an item moved from the first row to the second (already shown).
        editRefused(int, str, str): an in-place edit of this row was refused: the text
            the person typed, and the sentence saying why.
    """

    itemEdited = Signal(int)
    itemMoved = Signal(int, int)
    editRefused = Signal(int, str, str)

    def __init__(self, check: ItemCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._items: list[str] = []

    def items(self) -> tuple[str, ...]:
        return tuple(self._items)

    def set_items(self, items: Sequence[str]) -> bool:
        """Show `items`; False (and nothing happens) when they are already shown."""
        if tuple(items) == tuple(self._items):
            return False
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()
        return True

    # --- QAbstractListModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every item on each layout (thousands of items with
        # word wrap): plain int checks first, so the other roles cost almost nothing.
        if role not in _TEXT_ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._items):
            return None
        text = self._items[row]
        if role == _TOOLTIP_ROLE and len(text) <= _TOOLTIP_FROM:
            return None
        return text

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between items, never on one (that would mean "replace").
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = index.row()
        typed = str(value)
        text = typed.strip()
        if text == self._items[row]:
            return False
        problem = self._check(text)
        if problem is not None:
            self.editRefused.emit(row, typed, problem)
            return False
        self._items[row] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.itemEdited.emit(row)
        return True

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def moveRows(
        self,
        sourceParent: AnyIndex,
        sourceRow: int,
        count: int,
        destinationParent: AnyIndex,
        destinationChild: int,
    ) -> bool:
        """Move one item so that it lands before `destinationChild` (Qt's convention)."""
        if sourceParent.isValid() or destinationParent.isValid() or count != 1:
            return False
        size = len(self._items)
        if not (0 <= sourceRow < size and 0 <= destinationChild <= size):
            return False
        if destinationChild in (sourceRow, sourceRow + 1):
            return False
        if not self.beginMoveRows(
            QModelIndex(), sourceRow, sourceRow, QModelIndex(), destinationChild
        ):
            return False
        item = self._items.pop(sourceRow)
        final = destinationChild - 1 if destinationChild > sourceRow else destinationChild
        self._items.insert(final, item)
        self.endMoveRows()
        self.itemMoved.emit(sourceRow, final)
        return True


class _ItemDelegate(QStyledItemDelegate):
    """Edits an item in a line edit; reopens with the person's text when it was refused."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.pending: dict[int, str] = {}

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(_NO_LENGTH_LIMIT)
        editor.setAccessibleName("Edit item")
        editor.setAccessibleDescription("Press Enter to keep the change, Escape to cancel.")
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        text = self.pending.pop(index.row(), None)
        if text is None:
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        else:  # pragma: no cover - createEditor always makes a QLineEdit
            super().setEditorData(editor, index)


class ItemList(QListView):
    """A reorderable, editable list of short texts (see the module docstring).

    Signals:
        deleteRequested(int): the person asked to delete the item at this row.
    """

    deleteRequested = Signal(int)

    def __init__(self, check: ItemCheck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_model = ItemListModel(check, self)
        self.setModel(self.list_model)
        self._delegate = _ItemDelegate(self)
        self.setItemDelegate(self._delegate)
        self.placeholder_text = ""

        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(2)

        self.list_model.editRefused.connect(self._keep_refused_text)

    # --- what the owner calls -------------------------------------------------------------

    def items(self) -> tuple[str, ...]:
        return self.list_model.items()

    def set_items(self, items: Sequence[str]) -> None:
        """Show `items`, keeping the current row (clamped) and the scroll position."""
        row = self.current_row()
        scroll = self.verticalScrollBar().value()
        if not self.list_model.set_items(items):
            return
        self._delegate.pending.clear()
        if items and row >= 0:
            # Keeping the current item in view is enough; each layout of a long
            # word-wrapped list costs, so no second pass to restore the exact offset.
            self.select_row(min(row, len(items) - 1))
        elif items:
            self.doItemsLayout()
            self.verticalScrollBar().setValue(scroll)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        index = self.list_model.index(row, 0)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def move_current(self, step: int) -> bool:
        """Move the current item one place up (-1) or down (+1); False if it cannot."""
        row = self.current_row()
        if row < 0:
            return False
        destination = row - 1 if step < 0 else row + 2
        moved = self.list_model.moveRow(QModelIndex(), row, QModelIndex(), destination)
        if moved:
            self.scrollTo(self.currentIndex())
        return moved

    def edit_current(self) -> bool:
        index = self.currentIndex()
        if index.isValid():
            self.edit(index)
        return self.state() == QAbstractItemView.State.EditingState

    def commit_open_edit(self) -> None:
        """Keep what is typed in an open in-place editor (before lock or close)."""
        editor = self.indexWidget(self.currentIndex()) if self.currentIndex().isValid() else None
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def forget(self) -> None:
        """Drop every copy of the person's text (locking): items, open editor, refused text."""
        editor = self.indexWidget(self.currentIndex()) if self.currentIndex().isValid() else None
        if editor is not None:
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self._delegate.pending.clear()
        self.list_model.set_items(())

    # --- behaviour ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        # Backspace too: it is the key labelled "delete" on Mac keyboards.
        delete_keys = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if key in delete_keys and modifiers == Qt.KeyboardModifier.NoModifier:
            if self.current_row() >= 0:
                self.deleteRequested.emit(self.current_row())
            event.accept()
            return
        if modifiers == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.list_model.rowCount() or not self.placeholder_text:
            return
        # An empty list says so in words, in the palette's hint colour.
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.fontMetrics().height() // 2
        area: QRect = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            area,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            self.placeholder_text,
        )
        painter.end()

    def _keep_refused_text(self, row: int, typed: str, problem: str) -> None:
        # An empty edit has nothing to lose: the item simply keeps its old text. Anything
        # else reopens the editor holding what the person typed, so no text is dropped.
        if not typed.strip():
            return
        self._delegate.pending[row] = typed
        QTimer.singleShot(0, self, self._reopen_refused_edit)

    def _reopen_refused_edit(self) -> None:
        for row in list(self._delegate.pending):
            index = self.list_model.index(row, 0)
            if not index.isValid():
                self._delegate.pending.pop(row, None)
                continue
            self.setCurrentIndex(index)
            self.edit(index)
            return
