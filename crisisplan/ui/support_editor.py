"""The support system: the people and services the person can turn to, in priority order.

The list order *is* the priority the crisis view uses, so reordering is first-class:
drag and drop, Alt+Up / Alt+Down, and Move up / Move down buttons. A group filter shows
one kind of contact; reordering while filtered moves a person past their visible
neighbours and leaves everyone else where they were. Every change is one undoable step
through `Session.edit_contacts` (Ctrl+Z in the main window); a delete also offers an
inline Undo. The view is rebuilt from `session.document` on every `documentChanged`, so
after a lock it is empty and holds no copy of the data.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.model import (
    GROUP_LABELS,
    PROFESSION_LABELS,
    Contact,
    Group,
    Weekday,
    Window,
)
from crisisplan.core.regions import region_info
from crisisplan.core.validation import CONTACTS_MAX
from crisisplan.core.wording import (
    beyond_the_week_text,
    days_text,
    describe_method,
    rota_text,
    window_text,
    window_times,
)
from crisisplan.ui.accessibility import announce
from crisisplan.ui.contact_dialog import ContactDialog
from crisisplan.ui.session import Session
from crisisplan.ui.theme import enable_or_say_why, move_buttons_why_not
from crisisplan.ui.vcard_import_dialog import VCardImportDialog

_MIME_TYPE = "application/x-crisisplan-contact-position"
_ROOT = QModelIndex()
MOVE_UP_KEYS = "Alt+Up"
MOVE_DOWN_KEYS = "Alt+Down"


# --- pure helpers (no widgets) ------------------------------------------------------------


def moved(
    contacts: tuple[Contact, ...], source: int, anchor: int, *, after: bool
) -> tuple[Contact, ...]:
    """`contacts` with the one at `source` placed just before (or after) the one at `anchor`.

    Both are positions in the whole list, so moving among the visible people of a filtered
    list leaves everyone else in place and never loses or duplicates anyone.
    """
    if source == anchor:
        return contacts
    people = list(contacts)
    person = people.pop(source)
    target = anchor - 1 if anchor > source else anchor
    people.insert(target + 1 if after else target, person)
    return tuple(people)


def describe_days(days: tuple[Weekday, ...]) -> str:
    """Mon–Fri, Sat, Sun, Sat–Mon, or every day: runs of three or more get a dash."""
    return days_text(days, every_day="every day")


def describe_window(window: Window) -> str:
    """ "Mon–Fri 18:00–22:30"; an overnight window reads "Fri, Sat 22:00–02:00 (overnight)";
    a rota adds its weeks: "Sun 22:00–06:00 (overnight), every other week from …"."""
    if window.week_of_month is not None:
        return window_text(window, every_day="every day", short=True)
    times = window_times(window)
    overnight = " (overnight)" if window.overnight else ""
    text = f"{describe_days(window.days)} {times}{overnight}"
    rota = rota_text(window, short=True)
    return f"{text}, {rota}" if rota else text


def availability_summary(
    contact: Contact, today: dt.date | None = None, home_zone: str | None = None
) -> str:
    """A short line for the list: "Mon–Fri 18:00–22:30", "any time", "hours not set",
    then time off and extra times still to come: "Mon–Fri 09:00–17:00; off 21–28 Dec".

    Windows of someone in another zone than `home_zone` say whose clock they are on:
    "every day 07:00–23:00 (Toronto time)".
    """
    if contact.always_available:
        hours = "any time"
    elif contact.windows:
        hours = "; ".join(describe_window(window) for window in contact.windows)
        if home_zone is not None and contact.time_zone != home_zone:
            city = contact.time_zone.rsplit("/", 1)[-1].replace("_", " ")
            hours += f" ({city} time)"
    elif contact.extra_times:
        hours = "only at extra times"
    else:
        hours = "hours not set"
    beyond = beyond_the_week_text(contact, today or dt.date.today())
    return f"{hours}; {beyond}" if beyond else hours


def agreement_summary(contact: Contact) -> str:
    return "agreed ✓" if contact.agreed else "not yet agreed"


def contact_details(contact: Contact) -> str:
    """Everything about a contact in a few lines, for the row's tooltip."""
    group = GROUP_LABELS[contact.group]
    if contact.profession is not None:
        group = f"{group}: {PROFESSION_LABELS[contact.profession]}"
    lines = [contact.name, f"{contact.role} · {group}" if contact.role else group]
    lines += [describe_method(method) for method in contact.methods]
    lines.append(f"When: {availability_summary(contact)} ({contact.time_zone})")
    agreed = agreement_summary(contact)
    if contact.checked_on is not None:
        checked = contact.checked_on
        agreed += f" · details checked {checked.day} {checked:%b %Y}"
    lines.append(agreed)
    if contact.on_card:
        lines.append("On the wallet card")
    return "\n".join(lines)


# --- model --------------------------------------------------------------------------------


class ContactListModel(QAbstractTableModel):
    """The visible contacts (all, or one group's) as table rows, in priority order.

    `positions[row]` is the contact's place in the whole list: the one number every
    move, edit and delete is expressed in.
    """

    COLUMNS = ("#", "Name", "Role", "Group", "When they can be reached", "Agreed", "On card")
    NAME_COLUMN = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts: tuple[Contact, ...] = ()
        self.positions: list[int] = []
        self._rows: list[tuple[str, ...]] = []
        self._tooltips: list[str] = []

    def set_contacts(
        self, contacts: tuple[Contact, ...], group: Group | None, home_zone: str | None = None
    ) -> None:
        self.beginResetModel()
        self.contacts = contacts
        self.positions = [
            position
            for position, contact in enumerate(contacts)
            if group is None or contact.group is group
        ]
        today = dt.date.today()
        self._rows = []
        self._tooltips = []
        for position in self.positions:
            contact = contacts[position]
            self._rows.append(
                (
                    str(position + 1),
                    contact.name,
                    contact.role,
                    GROUP_LABELS[contact.group],
                    availability_summary(contact, today, home_zone),
                    agreement_summary(contact),
                    "on card" if contact.on_card else "",
                )
            )
            self._tooltips.append(contact_details(contact))
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def removeRows(
        self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = _ROOT
    ) -> bool:
        # After a drop, QAbstractItemView asks the model to remove the dragged row; the
        # editor has already saved the new order through the session, so nothing to do.
        return False

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltips[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return self.positions[index.row()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return "Priority: 1 is asked first" if section == 0 else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows (on the root), never on a person.
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_MIME_TYPE]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(_MIME_TYPE, QByteArray(str(self.positions[rows[0]]).encode("ascii")))
        return data


class ContactListView(QTreeView):
    """The list itself, with the keys and the drop handling that reorder it.

    Signals:
        moveRequested(int): move the current person by -1 (up) or +1 (down).
        dropRequested(int, int, bool): drop the person at whole-list position `source`
            before (False) or after (True) the visible row `row`.
        editRequested(): Enter or double-click on a person.
        deleteRequested(): the Delete key.
    """

    moveRequested = Signal(int)
    dropRequested = Signal(int, int, bool)
    editRequested = Signal()
    deleteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moveRequested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif modifiers == Qt.KeyboardModifier.NoModifier and key in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.editRequested.emit()
        elif modifiers == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_Delete:
            self.deleteRequested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.setCurrentIndex(index)
            self.editRequested.emit()
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(_MIME_TYPE):
            super().dragMoveEvent(event)
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Work out the new place ourselves and let the editor save it; Qt moves nothing."""
        data = event.mimeData()
        model = self.model()
        if not data.hasFormat(_MIME_TYPE) or model is None:
            event.ignore()
            return
        rows = model.rowCount()
        try:
            source = int(bytes(data.data(_MIME_TYPE).data()).decode("ascii"))
        except ValueError:
            event.ignore()
            return
        if rows == 0:
            event.ignore()
            return
        point = event.position().toPoint()
        index = self.indexAt(point)
        if index.isValid():
            rect = self.visualRect(index)
            row, after = index.row(), point.y() > rect.center().y()
        else:
            row, after = rows - 1, True
        event.acceptProposedAction()
        self.dropRequested.emit(source, row, after)


# --- the editor ---------------------------------------------------------------------------


class SupportSystemEditor(QWidget):
    """Add, edit, delete, reorder, filter and import the people in the support system."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._open_dialogs: list[QDialog] = []
        self._select_after_change: Contact | None = None
        self._deleted_at: int | None = None
        self._build()
        self._connect()
        self._refresh()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The people and services I can turn to. The higher someone is, the sooner "
            "the \u201cI'm struggling\u201d view suggests them."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        top = QHBoxLayout()
        filter_label = QLabel("&Show:")
        self.group_filter = QComboBox()
        self.group_filter.addItem("All groups", None)
        for group, label in GROUP_LABELS.items():
            self.group_filter.addItem(label, group.value)
        self.group_filter.setAccessibleName("Show which group")
        filter_label.setBuddy(self.group_filter)
        self.import_button = QPushButton("&Import from vCard…")
        self.import_button.setAccessibleName("Import people from a vCard file")
        self.import_button.setToolTip("Add people from a .vcf file exported from your phone")
        top.addWidget(filter_label)
        top.addWidget(self.group_filter)
        top.addStretch(1)
        top.addWidget(self.import_button)
        layout.addLayout(top)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.model = ContactListModel(self)
        self.view = ContactListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Support system, in priority order")
        self.view.setAccessibleDescription(
            f"Enter to edit, Delete to remove, {MOVE_UP_KEYS} and {MOVE_DOWN_KEYS} to move."
        )
        self.view.setToolTip(
            f"Drag to reorder, or {MOVE_UP_KEYS} / {MOVE_DOWN_KEYS}. "
            "Enter or double-click to edit; Delete to remove."
        )
        header = self.view.header()
        header.setStretchLastSection(False)
        metrics = self.view.fontMetrics()
        padding = 3 * metrics.averageCharWidth()
        widths = {
            0: metrics.horizontalAdvance("999") + padding,
            1: metrics.averageCharWidth() * 22,
            2: metrics.averageCharWidth() * 26,
            3: metrics.horizontalAdvance(GROUP_LABELS[Group.CRISIS_LINE]) + padding,
            5: metrics.horizontalAdvance("not yet agreed") + padding,
            6: metrics.horizontalAdvance("On card") + padding,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(6, 2, 6, 2)
        self.undo_label = QLabel()
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo the delete")
        self.undo_button.setToolTip("Undo (Ctrl+Z)")
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add…")
        self.add_button.setAccessibleName("Add a person")
        # Mnemonics chosen not to clash with the main window's menus (File, Edit, View, Help).
        self.edit_button = QPushButton("Edi&t…")
        self.edit_button.setAccessibleName("Edit the selected person")
        self.edit_button.setToolTip("Edit (Enter or double-click)")
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setAccessibleName("Delete the selected person")
        self.delete_button.setToolTip("Delete (Delete key); you can undo it")
        self.up_button = QPushButton("Move &up")
        self.up_button.setAccessibleName("Move the selected person up")
        self.up_button.setToolTip(f"Move up: asked sooner ({MOVE_UP_KEYS})")
        self.down_button = QPushButton("Move do&wn")
        self.down_button.setAccessibleName("Move the selected person down")
        self.down_button.setToolTip(f"Move down: asked later ({MOVE_DOWN_KEYS})")
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        layout.addLayout(buttons)

        self.hint_label = QLabel(
            f"Drag people to reorder them, or select someone and press {MOVE_UP_KEYS} or "
            f"{MOVE_DOWN_KEYS}."
        )
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)

    def _connect(self) -> None:
        self._session.documentChanged.connect(self._refresh)
        self._session.lockedChanged.connect(self._on_locked)
        # The inline Undo offers only the delete it describes: any other step hides it.
        self._session.undo_stack.indexChanged.connect(self._on_undo_index_changed)
        self.group_filter.currentIndexChanged.connect(self._refresh)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.view.moveRequested.connect(self.move_selected)
        self.view.dropRequested.connect(self._drop)
        self.view.editRequested.connect(self.edit_selected)
        self.view.deleteRequested.connect(self.delete_selected)
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.undo_button.clicked.connect(self._undo_delete)
        self.import_button.clicked.connect(self.import_vcard)

    # --- reading the list ---------------------------------------------------------------

    @property
    def filter_group(self) -> Group | None:
        value = self.group_filter.currentData()
        return Group(value) if value else None

    def set_filter(self, group: Group | None) -> None:
        self.group_filter.setCurrentIndex(
            self.group_filter.findData(group.value if group else None)
        )

    def visible_names(self) -> list[str]:
        """The names shown, top to bottom (for tests and for the accessible summary)."""
        return [self.model.contacts[position].name for position in self.model.positions]

    def selected_position(self) -> int | None:
        """The selected person's place in the whole list, or None."""
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.positions[index.row()]

    def select_position(self, position: int) -> None:
        """Select the person at whole-list `position` if they are shown."""
        if position in self.model.positions:
            self._select_row(self.model.positions.index(position))

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, ContactListModel.NAME_COLUMN)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def _refresh(self) -> None:
        """Rebuild from the session, keeping the same person selected where possible."""
        old_position = self.selected_position()
        old_row = self.view.currentIndex().row()
        old_contact = self.model.contacts[old_position] if old_position is not None else None
        wanted = self._select_after_change or old_contact
        self._select_after_change = None
        contacts = self._session.document.contacts
        region = self._session.document.region
        home_zone = region_info(region).time_zone if region else None
        self.model.set_contacts(contacts, self.filter_group, home_zone)
        if wanted is not None:
            matches = [
                row
                for row, position in enumerate(self.model.positions)
                if contacts[position] == wanted
            ]
            if matches:
                near = old_position if old_position is not None else 0
                self._select_row(
                    min(matches, key=lambda row: abs(self.model.positions[row] - near))
                )
                return
        if old_row >= 0 and self.model.rowCount() > 0:
            # The selected person went away (deleted, undone): select their neighbour.
            self._select_row(min(old_row, self.model.rowCount() - 1))
        self._update_buttons()

    def _update_buttons(self) -> None:
        locked = self._session.is_locked
        rows = self.model.rowCount()
        position = self.selected_position()
        row = self.model.positions.index(position) if position is not None else -1
        for button in (self.add_button, self.import_button, self.group_filter):
            button.setEnabled(not locked)
        chosen, top, bottom = move_buttons_why_not(row, rows, "someone")
        enable_or_say_why(self.edit_button, chosen)
        enable_or_say_why(self.delete_button, chosen)
        enable_or_say_why(self.up_button, top)
        enable_or_say_why(self.down_button, bottom)
        if locked:
            self.empty_label.setText("The plan is locked.")
        elif not self.model.contacts:
            self.empty_label.setText(
                "No one here yet. Add someone you trust, a professional or a crisis line, "
                "or import people from your phone's contacts (a vCard file)."
            )
        elif rows == 0:
            self.empty_label.setText(
                "No one in this group. Choose \u201cAll groups\u201d to see everyone."
            )
        else:
            self.empty_label.clear()
        self.empty_label.setVisible(bool(self.empty_label.text()))

    # --- changing the list --------------------------------------------------------------

    def move_selected(self, step: int) -> None:
        """Move the selected person one place up (-1) or down (+1) among those shown."""
        position = self.selected_position()
        if position is None:
            return
        row = self.model.positions.index(position)
        neighbour = row + step
        if not 0 <= neighbour < len(self.model.positions):
            return
        anchor = self.model.positions[neighbour]
        contacts = moved(self.model.contacts, position, anchor, after=step > 0)
        person = self.model.contacts[position]
        self._select_after_change = person
        self._session.edit_contacts(contacts, f"Move {person.name} {'up' if step < 0 else 'down'}")

    def _drop(self, source: int, row: int, after: bool) -> None:
        contacts = self.model.contacts
        if not 0 <= source < len(contacts) or not 0 <= row < len(self.model.positions):
            return
        result = moved(contacts, source, self.model.positions[row], after=after)
        if result == contacts:
            return
        self._select_after_change = contacts[source]
        self._session.edit_contacts(result, f"Move {contacts[source].name}")

    def delete_selected(self) -> None:
        position = self.selected_position()
        if position is None:
            return
        contacts = self.model.contacts
        person = contacts[position]
        remaining = contacts[:position] + contacts[position + 1 :]
        self._session.edit_contacts(remaining, f"Delete {person.name}")
        self._deleted_at = self._session.undo_stack.index()
        self.undo_label.setText(f"Deleted {person.name}.")
        self.undo_bar.show()

    def _undo_delete(self) -> None:
        stack = self._session.undo_stack
        if self._deleted_at is not None and stack.index() == self._deleted_at:
            stack.undo()
        self._hide_undo_bar()
        self.view.setFocus()

    def _on_undo_index_changed(self, index: int) -> None:
        if self._deleted_at is not None and index != self._deleted_at:
            self._hide_undo_bar()

    def _hide_undo_bar(self) -> None:
        self._deleted_at = None
        self.undo_label.clear()
        self.undo_bar.hide()

    def add_contact(self) -> ContactDialog | None:
        """Open the dialog for a new person (shown non-blocking); returns it."""
        if self._session.is_locked:
            return None
        if len(self._session.document.contacts) >= CONTACTS_MAX:
            self.empty_label.setText(f"The list is full ({CONTACTS_MAX:,} people).")
            self.empty_label.show()
            return None
        dialog = ContactDialog(
            self._session.document.region,
            None,
            self,
            default_group=self.filter_group or Group.FRIEND,
        )
        dialog.accepted.connect(lambda: self._add_finished(dialog))
        self._show_dialog(dialog)
        return dialog

    def _add_finished(self, dialog: ContactDialog) -> None:
        contact = dialog.contact()
        if self._session.is_locked:
            return
        if self.filter_group is not None and contact.group is not self.filter_group:
            # Show the new person rather than hiding them behind the filter.
            self.group_filter.blockSignals(True)
            self.set_filter(None)
            self.group_filter.blockSignals(False)
        self._select_after_change = contact
        if self._session.edit_contacts(
            self._session.document.contacts + (contact,), f"Add {contact.name}"
        ):
            announce(self, f"Saved. {contact.name} is on your list.")

    def edit_selected(self) -> ContactDialog | None:
        """Open the dialog for the selected person (non-blocking); returns it."""
        position = self.selected_position()
        if position is None:
            return None
        original = self.model.contacts[position]
        dialog = ContactDialog(self._session.document.region, original, self)
        dialog.accepted.connect(lambda: self._edit_finished(dialog, original, position))
        self._show_dialog(dialog)
        return dialog

    def _edit_finished(self, dialog: ContactDialog, original: Contact, position: int) -> None:
        if self._session.is_locked:
            return
        changed = dialog.contact()
        contacts = list(self._session.document.contacts)
        if position < len(contacts) and contacts[position] == original:
            contacts[position] = changed
        elif original in contacts:
            contacts[contacts.index(original)] = changed
        else:
            # They were removed (an undo) while the dialog was open: keep the edit anyway.
            contacts.append(changed)
        if tuple(contacts) == self._session.document.contacts:
            return
        if self.filter_group is not None and changed.group is not self.filter_group:
            self.set_filter(None)
        self._select_after_change = changed
        if self._session.edit_contacts(tuple(contacts), f"Edit {changed.name}"):
            announce(self, f"Saved the changes to {changed.name}.")

    def import_vcard(self) -> VCardImportDialog | None:
        """Open the vCard import dialog (non-blocking); returns it."""
        if self._session.is_locked:
            return None
        dialog = VCardImportDialog(self._session, self)
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: QDialog) -> None:
        self._open_dialogs.append(dialog)

        def forget() -> None:
            if dialog in self._open_dialogs:
                self._open_dialogs.remove(dialog)
            dialog.deleteLater()

        dialog.finished.connect(forget)
        dialog.open()

    def _on_locked(self, locked: bool) -> None:
        if locked:
            # Locking drops the data: close every dialog that shows some of it.
            for dialog in list(self._open_dialogs):
                dialog.reject()
            self._hide_undo_bar()
