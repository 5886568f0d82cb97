"""The plan editor: every part of the safety plan, with guidance, in the person's own words.

A view over `Session.document.plan` that writes through `Session.edit_plan`, so every
change is one undoable step and one vault transaction and there is no Save button to
forget. The editor keeps no copy of the plan beyond what its widgets show: it re-reads the
document on `documentChanged` (its own saves, undo and redo, an import, the support
editor's saves, lock and unlock) and shows what is there.

Layout: the plan's parts listed on the left, one part at a time on the right. A page per
part stays short enough to read calmly at 1366×768, and each list can grow to thousands
of items in its own scrolling view instead of inside one long scrolling page.

Keyboard: Up/Down in the list of parts; on a page, F2 (or double-click) edits an item,
Delete deletes it, Alt+Up / Alt+Down move it, Enter in the "add" field adds one. Undo and
redo are the main window's (Ctrl+Z / Ctrl+Shift+Z on `session.undo_stack`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMetaMethod, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.model import Group, Plan, PlanDocument, Section, completeness
from crisisplan.core.validation import ITEM_MAX, ITEMS_MAX, NOTES_MAX, text_problem
from crisisplan.core.wording import date_text
from crisisplan.ui import plan_guidance as words
from crisisplan.ui.accessibility import TextBlock, announce
from crisisplan.ui.item_list import (
    DELETE_KEYS,
    EDIT_KEYS,
    MOVE_DOWN_KEYS,
    MOVE_UP_KEYS,
    ItemList,
)
from crisisplan.ui.session import Session
from crisisplan.ui.theme import enable_or_say_why, move_buttons_why_not

# Medical notes are saved after this pause in typing (and when focus leaves the box).
NOTES_IDLE_MS = 800

# The steps of the method, numbered in the list of parts so that "5 of 6 sections
# filled" can be matched to what is missing.
_STEP_NUMBERS: dict[Section, str] = {
    Section.WARNING_SIGNS: "1",
    Section.COPING_STRATEGIES: "2",
    Section.DISTRACTIONS: "3",
    Section.MAKING_SAFE: "6",
}
_PROFESSIONAL_GROUPS = frozenset({Group.PROFESSIONAL, Group.CRISIS_LINE})

# English month names, not the C library's: Qt sets the process locale, and the rest of
# the interface is English.


def display_date(day: dt.date) -> str:
    """ "3 Nov 2026": unambiguous in every English-speaking region."""
    return date_text(day)


def completeness_text(document: PlanDocument) -> str:
    """ "5 of 6 sections filled · reviewed 3 Nov 2026"."""
    filled, total = completeness(document)
    reviewed_on = document.plan.reviewed_on
    reviewed = f"reviewed {display_date(reviewed_on)}" if reviewed_on else "not yet reviewed"
    return f"{filled} of {total} sections filled · {reviewed}"


def with_items(plan: Plan, section: Section, items: Sequence[str]) -> Plan:
    """The plan with one section's items replaced (empty sections left out, as loaded)."""
    sections = {**plan.sections, section: tuple(items)}
    return dataclasses.replace(plan, sections={s: sections[s] for s in Section if sections.get(s)})


def _shortened(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _scaled(font: QFont, factor: float, *, bold: bool) -> QFont:
    """The system font, larger: never a fixed size, so the person's setting still rules."""
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    elif result.pixelSize() > 0:
        result.setPixelSize(round(result.pixelSize() * factor))
    result.setBold(bold)
    return result


def _label(text: str = "", *, name: str = "", heading: bool = False) -> QLabel:
    """A label whose accessible name stays its visible text; `name` says what it is (the
    description), and `heading` makes it a heading for screen readers."""
    label = TextBlock(text, heading=True) if heading else QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        label.setAccessibleDescription(name)
    return label


def _button(text: str, *, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button


def _examples(examples: Sequence[str]) -> QLabel:
    lines = "\n".join(f"•  {example}" for example in examples)
    return _label(f"For example:\n{lines}", name="Examples")


class _Page(QWidget):
    """Common parts of a page: a heading, a sentence or two about it, a message line."""

    def __init__(self, title: str, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label(title, heading=True)
        self.about = _label(about)
        self.message = _label(name="Message")
        self.message.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.about)

    def say(self, sentence: str) -> None:
        """Show (or, with "", clear) a message under the controls. Words, not colour."""
        self.message.setText(sentence)
        self.message.setVisible(bool(sentence))
        if sentence:
            announce(self, sentence)  # a screen reader would not notice a label appearing

    def apply_fonts(self, base: QFont) -> None:
        self.title.setFont(_scaled(base, 1.4, bold=True))
        self.message.setFont(_scaled(base, 1.0, bold=True))


class ListSectionPage(_Page):
    """One list section: its guidance, the person's items and the controls to change them.

    Reads from and writes to the session; holds no copy of the items beyond the list
    widget, the "add" field the person is typing in, and the "Deleted …" line.
    """

    def __init__(self, session: Session, section: Section, parent: QWidget | None = None) -> None:
        guidance = words.LIST_GUIDANCE[section]
        super().__init__(guidance.title, guidance.about, parent)
        self.section = section
        self._session = session
        self._noun = guidance.noun
        self._undo_index = -1

        self.examples = _examples(guidance.examples)
        self.items = ItemList(self._check_item)
        self.items.setAccessibleName(guidance.title)
        self.items.setAccessibleDescription(
            f"Your items, in order. {EDIT_KEYS} edits, {DELETE_KEYS} deletes, "
            f"{MOVE_UP_KEYS} and {MOVE_DOWN_KEYS} move."
        )
        self.items.placeholder_text = "Nothing here yet. Add your first item below."
        self.items.setMinimumHeight(self.fontMetrics().height() * 6)

        self.undo_label = _label(name="Deleted item")
        self.undo_button = _button(
            "Undo", name="Undo delete", tip="Put the deleted item back (Ctrl+Z)"
        )
        self.undo_bar = QWidget()
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(0, 0, 0, 0)
        undo_row.addWidget(self.undo_label)
        undo_row.addWidget(self.undo_button)
        undo_row.addStretch(1)
        self.undo_bar.hide()

        self.edit_button = _button(
            "Edit", name="Edit selected item", tip=f"Change the selected item ({EDIT_KEYS})"
        )
        self.up_button = _button(
            "Move up",
            name="Move selected item up",
            tip=f"Move the selected item up ({MOVE_UP_KEYS})",
        )
        self.down_button = _button(
            "Move down",
            name="Move selected item down",
            tip=f"Move the selected item down ({MOVE_DOWN_KEYS})",
        )
        self.delete_button = _button(
            "Delete",
            name="Delete selected item",
            tip=f"Delete the selected item ({DELETE_KEYS}); you can undo it",
        )
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.add_field = QLineEdit()
        self.add_field.setMaxLength(2**31 - 1)  # validation says what is too long
        self.add_field.setPlaceholderText(guidance.placeholder)
        self.add_field.setAccessibleName(f"New item for {guidance.title}")
        self.add_field.setAccessibleDescription("Type, then press Enter to add it to the list.")
        self.add_button = _button(
            "Add", name=f"Add to {guidance.title}", tip="Add this item to the end (Enter)"
        )
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_field, 1)
        add_row.addWidget(self.add_button)

        self.yours = _label("In your own words:")
        self.yours.setBuddy(self.items)
        self.layout_.addWidget(self.examples)
        self.layout_.addSpacing(self.fontMetrics().height() // 2)
        self.layout_.addWidget(self.yours)
        self.layout_.addWidget(self.items, 1)
        self.layout_.addWidget(self.undo_bar)
        self.layout_.addLayout(buttons)
        self.layout_.addLayout(add_row)
        self.layout_.addWidget(self.message)

        chain: list[QWidget] = [
            self.items,
            self.undo_button,
            self.edit_button,
            self.up_button,
            self.down_button,
            self.delete_button,
            self.add_field,
            self.add_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.add_field.returnPressed.connect(self.add_typed_item)
        self.add_button.clicked.connect(self.add_typed_item)
        self.edit_button.clicked.connect(self._edit_clicked)
        self.up_button.clicked.connect(lambda: self.items.move_current(-1))
        self.down_button.clicked.connect(lambda: self.items.move_current(1))
        self.delete_button.clicked.connect(lambda: self.delete_item(self.items.current_row()))
        self.undo_button.clicked.connect(self._undo_delete)
        self.items.deleteRequested.connect(self.delete_item)
        model = self.items.list_model
        model.itemEdited.connect(self._item_edited)
        model.itemMoved.connect(self._item_moved)
        model.editRefused.connect(self._edit_refused)
        model.modelReset.connect(self._update_buttons)
        model.rowsMoved.connect(self._update_buttons)
        selection = self.items.selectionModel()
        selection.currentChanged.connect(self._update_buttons)
        session.undo_stack.indexChanged.connect(self._undo_stack_moved)
        self._update_buttons()

    # --- what the editor calls -----------------------------------------------------------

    def show_items(self, items: Sequence[str]) -> None:
        self.items.set_items(items)

    def forget(self) -> None:
        """Drop everything the person's text is in (locking)."""
        self.items.forget()
        self.add_field.clear()
        self.undo_label.clear()
        self.undo_bar.hide()
        self.say("")

    def add_typed_item(self) -> None:
        text = self.add_field.text().strip()
        if not text:
            self.say("Type something first, then press Enter or choose Add.")
            return
        problem = self._check_item(text)
        if problem:
            self.say(f"Not added: {problem} Your text is still in the box.")
            return
        current = self.items.items()
        if len(current) >= ITEMS_MAX:
            self.say(f"Not added: this list already holds {ITEMS_MAX:,} items, the most it can.")
            return
        if self._save((*current, text), f"Add {self._noun}"):
            self.add_field.clear()
            self.say("")
            self.items.select_row(len(current))

    def delete_item(self, row: int) -> None:
        current = self.items.items()
        if not 0 <= row < len(current):
            return
        remaining = current[:row] + current[row + 1 :]
        if not self._save(remaining, f"Delete {self._noun}"):
            return
        self.say("")
        if remaining:
            self.items.select_row(min(row, len(remaining) - 1))
        self._undo_index = self._session.undo_stack.index()
        self.undo_label.setText(f"Deleted “{_shortened(current[row])}”.")
        self.undo_bar.show()

    # --- behaviour ------------------------------------------------------------------------

    @staticmethod
    def _check_item(text: str) -> str | None:
        problem = text_problem(text, limit=ITEM_MAX, multiline=True, required=True)
        return f"this item {problem}." if problem else None

    def _save(self, items: Sequence[str], description: str) -> bool:
        plan = self._session.document.plan
        changed = with_items(plan, self.section, items)
        if changed != plan:
            self._session.edit_plan(changed, description)
        saved = self._session.document.plan.items(self.section)
        # After a failed save (reported by the session) show what is really kept.
        self.show_items(saved)
        return saved == tuple(items)

    def _item_edited(self, row: int) -> None:
        self.say("")
        self._save(self.items.items(), f"Edit {self._noun}")

    def _item_moved(self, source: int, destination: int) -> None:
        direction = "up" if destination < source else "down"
        self._save(self.items.items(), f"Move {self._noun} {direction}")

    def _edit_refused(self, row: int, typed: str, problem: str) -> None:
        if not typed.strip():
            self.say(
                "An item cannot be left empty, so it was not changed. "
                "To remove it, select it and press Delete."
            )
        else:
            self.say(f"Not changed: {problem} Your text is still open for editing.")

    def _edit_clicked(self) -> None:
        self.items.setFocus()
        self.items.edit_current()

    def _undo_delete(self) -> None:
        stack = self._session.undo_stack
        if stack.index() == self._undo_index:
            stack.undo()
            self.items.setFocus()

    def _undo_stack_moved(self, index: int) -> None:
        # The "Undo" next to a deletion only ever undoes that deletion.
        if index != self._undo_index:
            self.undo_bar.hide()
            self._undo_index = -1

    def _update_buttons(self) -> None:
        row = self.items.current_row()
        count = self.items.list_model.rowCount()
        chosen, top, bottom = move_buttons_why_not(row, count, "an item")
        enable_or_say_why(self.edit_button, chosen)
        enable_or_say_why(self.delete_button, chosen)
        enable_or_say_why(self.up_button, top)
        enable_or_say_why(self.down_button, bottom)


class SupportStepsPage(_Page):
    """Steps 4 and 5, which live in the support system: says where, and how many."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(words.SUPPORT_STEPS_TITLE, words.SUPPORT_STEPS_ABOUT, parent)
        self.counts = _label(name="People on your plan")
        self.open_people = _button(
            "Open “My people”", name="Open My people", tip="Go to the My people tab"
        )
        self.open_people.hide()
        row = QHBoxLayout()
        row.addWidget(self.open_people)
        row.addStretch(1)
        self.layout_.addWidget(self.counts)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)

    def show_document(self, document: PlanDocument, locked: bool) -> None:
        if locked:
            self.counts.clear()
            return
        helpers = sum(c.group not in _PROFESSIONAL_GROUPS for c in document.contacts)
        services = len(document.contacts) - helpers
        if not document.contacts:
            self.counts.setText(
                "No one is on your plan yet. Even one person you trust, or a crisis line, "
                "makes a difference."
            )
            return
        people = f"{helpers} {'person' if helpers == 1 else 'people'} you can ask for help"
        pros = f"{services} " + (
            "professional or service" if services == 1 else "professionals or services"
        )
        self.counts.setText(f"On your plan now: {people}, and {pros}.")


class NotesPage(_Page):
    """Medical notes: saved after a pause in typing, when focus leaves, and on `flush`."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(words.MEDICAL_NOTES_TITLE, words.MEDICAL_NOTES_ABOUT, parent)
        self._session = session
        self._dirty = False
        self._loading = False
        self.examples = _examples(words.MEDICAL_NOTES_EXAMPLES)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Medical notes")
        self.notes.setAccessibleDescription(
            "Medication, allergies and anything a doctor should know. Saved as you type."
        )
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.fontMetrics().height() * 6)
        self.yours = _label("Your notes:")
        self.yours.setBuddy(self.notes)
        self.layout_.addWidget(self.examples)
        self.layout_.addSpacing(self.fontMetrics().height() // 2)
        self.layout_.addWidget(self.yours)
        self.layout_.addWidget(self.notes, 1)
        self.layout_.addWidget(self.message)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(NOTES_IDLE_MS)
        self._idle.timeout.connect(self.flush)
        self.notes.textChanged.connect(self._typed)
        self.notes.installEventFilter(self)

    @property
    def has_unsaved_text(self) -> bool:
        return self._dirty

    def show_notes(self, text: str) -> None:
        """Show the saved notes, unless the person has typed something newer."""
        if self._dirty or self.notes.toPlainText() == text:
            return
        position = self.notes.textCursor().position()
        self._loading = True
        try:
            self.notes.setPlainText(text)
        finally:
            self._loading = False
        cursor = self.notes.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.notes.setTextCursor(cursor)

    def forget(self) -> None:
        self._idle.stop()
        self._dirty = False
        self._loading = True
        try:
            self.notes.clear()
        finally:
            self._loading = False
        self.say("")

    def flush(self) -> bool:
        """Save what is typed now; False if it could not be kept (and say why)."""
        self._idle.stop()
        if not self._dirty:
            return True
        if self._session.is_locked:
            return False
        text = self.notes.toPlainText()
        problem = text_problem(text, limit=NOTES_MAX, multiline=True, required=False)
        if problem:
            self.say(f"Not saved yet: these notes {problem}. Your text is still here.")
            return False
        plan = self._session.document.plan
        if text != plan.medical_notes:
            self._session.edit_plan(
                dataclasses.replace(plan, medical_notes=text), "Edit medical notes"
            )
            if self._session.document.plan.medical_notes != text:
                return False  # the session said why (saveFailed); keep the text, stay dirty
        self._dirty = False
        self.say("")
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._idle.start()


class ReviewPage(_Page):
    """When the plan was last looked over, and a button to say "today"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(words.REVIEW_TITLE, words.REVIEW_ABOUT, parent)
        self.reviewed = _label(name="Reviewed on")
        self.mark_button = _button(
            "Mark reviewed today",
            name="Mark reviewed today",
            tip="Record that you looked over your plan today",
        )
        row = QHBoxLayout()
        row.addWidget(self.mark_button)
        row.addStretch(1)
        self.layout_.addWidget(self.reviewed)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.message)
        self.layout_.addStretch(1)

    def show_review(self, reviewed_on: dt.date | None, locked: bool) -> None:
        if locked:
            self.reviewed.clear()
        elif reviewed_on is None:
            self.reviewed.setText("Reviewed on: not yet reviewed")
        else:
            self.reviewed.setText(f"Reviewed on: {display_date(reviewed_on)}")

    def apply_fonts(self, base: QFont) -> None:
        super().apply_fonts(base)
        self.reviewed.setFont(_scaled(base, 1.15, bold=False))


class PlanEditor(QWidget):
    """Shows the safety plan and edits it through the session (see the module docstring).

    Signals:
        peopleTabRequested(): the person asked to go to the "My people" tab. The button
            for it only shows when something is connected to this signal.
    """

    peopleTabRequested = Signal()

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today
        self._was_locked = True

        self.completeness = _label(name="Plan completeness")
        self.sections_nav = QListWidget()
        self.sections_nav.setAccessibleName("Parts of the plan")
        self.sections_nav.setAccessibleDescription(
            "Choose a part of your plan with the arrow keys; press Tab to go to it."
        )
        self.sections_nav.setWordWrap(True)
        self.sections_nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.sections_nav.setSpacing(2)
        self.sections_nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pages = QStackedWidget()

        self.list_pages: dict[Section, ListSectionPage] = {}
        self.support_page = SupportStepsPage()
        self.notes_page = NotesPage(session)
        self.review_page = ReviewPage()
        for page in self._build_pages():
            scroll = QScrollArea()
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            # Tabbing through a page scrolls it; the area itself is not a stop of its own.
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.pages.addWidget(scroll)
            self.sections_nav.addItem(QListWidgetItem())

        self._content = QWidget()
        body = QHBoxLayout(self._content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.sections_nav)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.completeness)
        layout.addWidget(self._content, 1)
        self._apply_fonts()

        self.sections_nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sections_nav.currentRowChanged.connect(self._offer_people_tab)
        self.support_page.open_people.clicked.connect(self.peopleTabRequested)
        self.review_page.mark_button.clicked.connect(self.mark_reviewed_today)
        session.documentChanged.connect(self._refresh)
        self.sections_nav.setCurrentRow(0)
        self._refresh()

    # --- what the main window calls ----------------------------------------------------

    def flush(self) -> bool:
        """Save anything typed but not yet saved (before lock or close); False if refused."""
        for page in self.list_pages.values():
            page.items.commit_open_edit()
        return self.notes_page.flush()

    def show_part(self, index: int) -> None:
        """Go to the index-th part of the plan, in the order of the list on the left."""
        self.sections_nav.setCurrentRow(index)

    def mark_reviewed_today(self) -> None:
        plan = self._session.document.plan
        today = self._today()
        if plan.reviewed_on != today:
            self._session.edit_plan(
                dataclasses.replace(plan, reviewed_on=today), "Mark plan reviewed"
            )

    # --- building -------------------------------------------------------------------------

    def _build_pages(self) -> list[QWidget]:
        def list_page(section: Section) -> ListSectionPage:
            page = ListSectionPage(self._session, section)
            self.list_pages[section] = page
            return page

        return [
            list_page(Section.WARNING_SIGNS),
            list_page(Section.COPING_STRATEGIES),
            list_page(Section.DISTRACTIONS),
            self.support_page,
            list_page(Section.MAKING_SAFE),
            list_page(Section.REASONS_FOR_LIVING),
            list_page(Section.HELPS),
            list_page(Section.DOES_NOT_HELP),
            list_page(Section.DO_NOT_CONTACT),
            self.notes_page,
            self.review_page,
        ]

    def _all_pages(self) -> list[_Page]:
        pages: list[_Page] = []
        for index in range(self.pages.count()):
            scroll = self.pages.widget(index)
            assert isinstance(scroll, QScrollArea)
            page = scroll.widget()
            assert isinstance(page, _Page)
            pages.append(page)
        return pages

    def _apply_fonts(self) -> None:
        base = QFont(self.font())
        self.completeness.setFont(_scaled(base, 1.1, bold=True))
        for page in self._all_pages():
            page.apply_fonts(base)
        metrics = self.sections_nav.fontMetrics()
        self.sections_nav.setFixedWidth(metrics.averageCharWidth() * 30 + metrics.height() * 2)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_fonts()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._offer_people_tab()

    def _offer_people_tab(self, _row: int = -1) -> None:
        """Offer "Open My people" when something can open it. Checked again when a part is
        chosen: the main window connects only after adding this editor to its tabs, which
        already shows it."""
        signal = QMetaMethod.fromSignal(self.peopleTabRequested)
        self.support_page.open_people.setVisible(self.isSignalConnected(signal))

    # --- showing the document ---------------------------------------------------------

    def _refresh(self) -> None:
        locked = self._session.is_locked
        document = self._session.document
        plan = document.plan
        changed_pages: list[int] = []
        pages = self._all_pages()

        for index, page in enumerate(pages):
            if isinstance(page, ListSectionPage):
                items = plan.items(page.section)
                if page.items.items() != items:
                    changed_pages.append(index)
                if locked:
                    page.forget()
                else:
                    page.show_items(items)
            elif isinstance(page, NotesPage):
                if not page.has_unsaved_text and page.notes.toPlainText() != plan.medical_notes:
                    changed_pages.append(index)
                if locked:
                    page.forget()
                else:
                    page.show_notes(plan.medical_notes)
            elif isinstance(page, ReviewPage):
                shown = page.reviewed.text()
                page.show_review(plan.reviewed_on, locked)
                if page.reviewed.text() != shown:
                    changed_pages.append(index)
            elif isinstance(page, SupportStepsPage):
                page.show_document(document, locked)

        self.completeness.setText("" if locked else completeness_text(document))
        self._update_nav(plan, locked)
        self._content.setEnabled(not locked)

        # An undo or redo from the Edit menu may change a part that is not on screen: show
        # it, so the change is never invisible. Lock, unlock and imports change many parts
        # and leave the page alone.
        if not locked and not self._was_locked and len(changed_pages) == 1:
            self.sections_nav.setCurrentRow(changed_pages[0])
        self._was_locked = locked

    def _update_nav(self, plan: Plan, locked: bool) -> None:
        for index, page in enumerate(self._all_pages()):
            item = self.sections_nav.item(index)
            title = page.title.text()
            if isinstance(page, ListSectionPage):
                number = _STEP_NUMBERS.get(page.section)
                label = f"{number}. {title}" if number else title
                count = 0 if locked else len(plan.items(page.section))
                spoken = f"{count} item{'' if count == 1 else 's'}" if count else "empty"
                item.setText(f"{label} ({count})" if count else label)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{label}, {spoken}")
            elif isinstance(page, SupportStepsPage):
                item.setText(f"4–5. {title}")
            else:
                item.setText(title)
