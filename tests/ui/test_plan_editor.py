"""The plan editor: real widgets over a real vault; every change must reach the vault."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crisisplan.core.model import SECTION_TITLES, Plan, PlanDocument, Section
from crisisplan.core.validation import ITEM_MAX, NOTES_MAX
from crisisplan.storage import Vault
from crisisplan.ui import plan_guidance
from crisisplan.ui.plan_editor import (
    ListSectionPage,
    PlanEditor,
    completeness_text,
    display_date,
    with_items,
)
from crisisplan.ui.session import Session
from tests.helpers import PASSPHRASE

TODAY = dt.date(2027, 1, 15)
WS = Section.WARNING_SIGNS
NAV = [
    "1. Warning signs (4)",
    "2. Things I can do on my own (4)",
    "3. People and places that take my mind off things (3)",
    "4–5. People who can help, and professionals",
    "6. Making my surroundings safer (2)",
    "My reasons for living (3)",
    "What helps when I'm like this (2)",
    "What does not help (2)",
    "People I do not want contacted (1)",
    "Medical notes",
    "Reviewed on",
]
NOTES_PAGE = NAV.index("Medical notes")
REVIEW_PAGE = NAV.index("Reviewed on")
HELPS_PAGE = 6
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def made(qapp: QApplication) -> Iterator[list[PlanEditor]]:
    """Every editor a test makes; none may outlive the test."""
    editors: list[PlanEditor] = []
    yield editors
    # pytest-qt has closed and deleteLater()'d every widget given to qtbot.addWidget.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    alive = [editor for editor in editors if shiboken6.isValid(editor)]
    editors.clear()
    assert alive == []


def make_editor(session: Session, qtbot: QtBot, made: list[PlanEditor]) -> PlanEditor:
    widget = PlanEditor(session, today=lambda: TODAY)
    qtbot.addWidget(widget)
    made.append(widget)
    return widget


@pytest.fixture
def editor(session: Session, qtbot: QtBot, made: list[PlanEditor]) -> PlanEditor:
    widget = make_editor(session, qtbot, made)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def page(editor: PlanEditor, section: Section = WS) -> ListSectionPage:
    return editor.list_pages[section]


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, LEFT, NO_MODIFIER, widget.rect().center())


def nav_texts(editor: PlanEditor) -> list[str]:
    nav = editor.sections_nav
    return [nav.item(row).text() for row in range(nav.count())]


def commit(qtbot: QtBot, line: QLineEdit) -> None:
    """Press Enter in an in-place editor; Qt commits and closes it on the next event loop."""
    viewport = line.parentWidget()
    view = viewport.parentWidget() if viewport is not None else None
    assert isinstance(view, QAbstractItemView)
    QTest.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def open_editor(qtbot: QtBot, section_page: ListSectionPage, row: int) -> QLineEdit:
    items = section_page.items
    items.setFocus()
    items.select_row(row)
    QTest.keyClick(items, Qt.Key.Key_F2)
    widget = items.indexWidget(items.currentIndex())
    assert isinstance(widget, QLineEdit)
    return widget


# --- showing the plan ----------------------------------------------------------------------


def test_shows_every_part_in_order(editor: PlanEditor, example_document: PlanDocument) -> None:
    assert nav_texts(editor) == NAV
    plan = example_document.plan
    for section, section_page in editor.list_pages.items():
        assert section_page.title.text() == SECTION_TITLES[section]
        assert section_page.items.items() == plan.items(section)
    assert [p.section for p in editor.list_pages.values()] == list(Section)
    assert editor.notes_page.notes.toPlainText() == plan.medical_notes
    assert editor.review_page.reviewed.text() == "Reviewed on: 3 Nov 2026"
    assert editor.completeness.text() == "6 of 6 sections filled · reviewed 3 Nov 2026"
    assert editor.support_page.counts.text() == (
        "On your plan now: 4 people you can ask for help, and 4 professionals or services."
    )


def test_guidance_is_short_with_examples_in_our_own_words() -> None:
    # Phrases of the official Stanley-Brown form, which must not be reused.
    borrowed = re.compile(
        r"crisis may be developing|take my mind off my problems|without contacting another"
        r"|social settings|making the environment safe|worth living for",
        re.IGNORECASE,
    )
    texts = []
    for section in Section:
        guidance = plan_guidance.LIST_GUIDANCE[section]
        assert guidance.title == SECTION_TITLES[section]
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", guidance.about) if s]
        assert 1 <= len(sentences) <= 3, section
        assert 2 <= len(guidance.examples) <= 3, section
        texts += [guidance.about, *guidance.examples, guidance.placeholder]
    texts += [plan_guidance.SUPPORT_STEPS_ABOUT, plan_guidance.MEDICAL_NOTES_ABOUT]
    texts += [plan_guidance.REVIEW_ABOUT]
    assert not [text for text in texts if borrowed.search(text)]
    assert "My people" in plan_guidance.SUPPORT_STEPS_ABOUT


def test_dates_and_completeness_wording(example_document: PlanDocument) -> None:
    assert display_date(dt.date(2026, 11, 3)) == "3 Nov 2026"
    assert display_date(dt.date(2027, 5, 21)) == "21 May 2027"
    empty = PlanDocument(region="GB")
    assert completeness_text(empty) == "0 of 6 sections filled · not yet reviewed"
    assert completeness_text(example_document) == "6 of 6 sections filled · reviewed 3 Nov 2026"


def test_completeness_follows_every_change(editor: PlanEditor, session: Session) -> None:
    session.edit_plan(Plan(), "Clear the plan")
    # Steps 4 and 5 are still filled by the support system.
    assert editor.completeness.text() == "2 of 6 sections filled · not yet reviewed"
    assert editor.review_page.reviewed.text() == "Reviewed on: not yet reviewed"
    assert nav_texts(editor)[0] == "1. Warning signs"
    session.edit_contacts((), "Remove everyone")
    assert editor.completeness.text() == "0 of 6 sections filled · not yet reviewed"
    assert editor.support_page.counts.text().startswith("No one is on your plan yet")


# --- adding ---------------------------------------------------------------------------------


def test_add_with_enter_saves_to_the_vault(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    warning = page(editor)
    before = vault.load_plan().items(WS)
    QTest.keyClicks(warning.add_field, "Cancelling plans with friends")
    QTest.keyClick(warning.add_field, Qt.Key.Key_Return)
    assert vault.load_plan().items(WS) == (*before, "Cancelling plans with friends")
    assert warning.add_field.text() == ""
    assert warning.items.current_row() == len(before)
    assert nav_texts(editor)[0] == "1. Warning signs (5)"
    assert session.undo_stack.undoText() == "Add warning sign"
    session.undo_stack.undo()
    assert vault.load_plan().items(WS) == before
    assert warning.items.items() == before


def test_add_with_the_button_trims_spaces(editor: PlanEditor, vault: Vault, qtbot: QtBot) -> None:
    reasons = page(editor, Section.REASONS_FOR_LIVING)
    editor.show_part(5)
    reasons.add_field.setText("  Swimming in the sea in summer  ")
    click(reasons.add_button)
    assert vault.load_plan().items(Section.REASONS_FOR_LIVING)[-1] == (
        "Swimming in the sea in summer"
    )


def test_add_to_an_empty_section(editor: PlanEditor, session: Session, vault: Vault) -> None:
    session.edit_plan(Plan(), "Clear the plan")
    helps = page(editor, Section.HELPS)
    assert helps.items.items() == ()
    helps.add_field.setText("Sit with me")
    helps.add_typed_item()
    assert vault.load_plan().items(Section.HELPS) == ("Sit with me",)
    assert helps.items.current_row() == 0


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("   ", "Type something first"),
        ("x" * 2_000, "2,000 characters long; the most is 1,000"),
        ("a bell \x07 here", "control character (U+0007)"),
    ],
)
def test_add_refuses_bad_items_and_keeps_the_text(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot, typed: str, expected: str
) -> None:
    warning = page(editor)
    before = vault.load_plan()
    warning.add_field.setText(typed)
    QTest.keyClick(warning.add_field, Qt.Key.Key_Return)
    assert warning.message.isVisible()
    assert expected in warning.message.text()
    assert warning.add_field.text() == typed  # never silently dropped
    assert vault.load_plan() == before
    assert session.undo_stack.count() == 0
    # Fixing it clears the message.
    warning.add_field.setText("Pacing at night")
    QTest.keyClick(warning.add_field, Qt.Key.Key_Return)
    assert not warning.message.isVisible()
    assert vault.load_plan().items(WS)[-1] == "Pacing at night"


def test_an_item_of_the_longest_length_is_kept(editor: PlanEditor, vault: Vault) -> None:
    warning = page(editor)
    warning.add_field.setText("y" * ITEM_MAX)
    warning.add_typed_item()
    assert vault.load_plan().items(WS)[-1] == "y" * ITEM_MAX


# --- editing in place -------------------------------------------------------------------


def test_edit_in_place_with_f2(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    warning = page(editor)
    line = open_editor(qtbot, warning, 1)
    assert line.accessibleName()
    assert line.text() == "Lying awake going over the same thoughts"
    line.selectAll()
    QTest.keyClicks(line, "Lying awake past 2 a.m.")
    commit(qtbot, line)
    assert vault.load_plan().items(WS)[1] == "Lying awake past 2 a.m."
    assert session.undo_stack.undoText() == "Edit warning sign"
    assert warning.items.current_row() == 1
    session.undo_stack.undo()
    assert vault.load_plan().items(WS)[1] == "Lying awake going over the same thoughts"


def test_edit_in_place_with_double_click_and_the_edit_button(
    editor: PlanEditor, qtbot: QtBot
) -> None:
    items = page(editor).items
    rect = items.visualRect(items.list_model.index(2, 0))
    QTest.mouseClick(items.viewport(), LEFT, NO_MODIFIER, rect.center())
    QTest.mouseDClick(items.viewport(), LEFT, NO_MODIFIER, rect.center())
    assert items.state() == QAbstractItemView.State.EditingState
    assert items.indexWidget(items.list_model.index(2, 0)) is not None
    QTest.keyClick(items.indexWidget(items.currentIndex()), Qt.Key.Key_Escape)
    assert items.state() != QAbstractItemView.State.EditingState
    click(page(editor).edit_button)
    assert items.state() == QAbstractItemView.State.EditingState


def test_edit_to_empty_is_refused_with_a_message(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    warning = page(editor)
    before = vault.load_plan()
    line = open_editor(qtbot, warning, 0)
    line.clear()
    commit(qtbot, line)
    assert "cannot be left empty" in warning.message.text()
    assert warning.message.isVisible()
    assert vault.load_plan() == before
    assert warning.items.items() == before.items(WS)
    assert session.undo_stack.count() == 0


def test_overlong_edit_reopens_with_the_typed_text(
    editor: PlanEditor, vault: Vault, qtbot: QtBot
) -> None:
    warning = page(editor)
    before = vault.load_plan()
    line = open_editor(qtbot, warning, 0)
    line.setText("z" * 2_000)
    QTest.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "2,000 characters long" in warning.message.text())
    assert vault.load_plan() == before

    def reopened() -> None:
        widget = warning.items.indexWidget(warning.items.list_model.index(0, 0))
        assert isinstance(widget, QLineEdit)
        assert widget.text() == "z" * 2_000

    qtbot.waitUntil(reopened)
    # Shortened, it is kept.
    shorter = warning.items.indexWidget(warning.items.currentIndex())
    assert isinstance(shorter, QLineEdit)
    shorter.setText("z" * 20)
    commit(qtbot, shorter)
    assert vault.load_plan().items(WS)[0] == "z" * 20
    assert not warning.message.isVisible()


def test_multiline_item_survives_opening_the_editor(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    plan = with_items(session.document.plan, WS, ("line one\nline two",))
    session.edit_plan(plan, "Imported")
    line = open_editor(qtbot, page(editor), 0)
    commit(qtbot, line)
    assert vault.load_plan().items(WS) == ("line one\nline two",)


def test_flush_keeps_an_open_in_place_edit(editor: PlanEditor, vault: Vault, qtbot: QtBot) -> None:
    line = open_editor(qtbot, page(editor), 3)
    line.setText("Skipping meals")
    assert editor.flush()
    assert vault.load_plan().items(WS)[3] == "Skipping meals"


# --- reordering ---------------------------------------------------------------------------


def test_reorder_with_alt_arrows(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    warning = page(editor)
    a, b, c, d = vault.load_plan().items(WS)
    warning.items.setFocus()
    warning.items.select_row(0)
    assert not warning.up_button.isEnabled()
    QTest.keyClick(warning.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert vault.load_plan().items(WS) == (b, a, c, d)
    assert warning.items.current_row() == 1  # the moved item stays selected
    assert session.undo_stack.undoText() == "Move warning sign down"
    QTest.keyClick(warning.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(warning.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert vault.load_plan().items(WS) == (b, c, d, a)
    assert not warning.down_button.isEnabled()
    # At the end it goes no further and nothing is saved.
    count = session.undo_stack.count()
    QTest.keyClick(warning.items, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert session.undo_stack.count() == count
    QTest.keyClick(warning.items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert vault.load_plan().items(WS) == (b, c, a, d)
    assert session.undo_stack.undoText() == "Move warning sign up"
    session.undo_stack.undo()
    assert vault.load_plan().items(WS) == (b, c, d, a)


def test_reorder_with_the_buttons(editor: PlanEditor, vault: Vault, qtbot: QtBot) -> None:
    warning = page(editor)
    a, b, c, d = vault.load_plan().items(WS)
    warning.items.select_row(2)
    click(warning.up_button)
    assert vault.load_plan().items(WS) == (a, c, b, d)
    click(warning.down_button)
    click(warning.down_button)
    assert vault.load_plan().items(WS) == (a, b, d, c)


def test_model_level_move_is_what_drag_and_drop_saves(
    editor: PlanEditor, session: Session, vault: Vault
) -> None:
    # QListView's internal drag-and-drop calls model.moveRow (Qt 6).
    model = page(editor).items.list_model
    a, b, c, d = vault.load_plan().items(WS)
    assert model.moveRow(QModelIndex(), 3, QModelIndex(), 0)
    assert vault.load_plan().items(WS) == (d, a, b, c)
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 4)
    assert vault.load_plan().items(WS) == (a, b, c, d)
    assert not model.moveRow(QModelIndex(), 1, QModelIndex(), 2)  # onto itself
    assert not model.moveRow(QModelIndex(), 1, QModelIndex(), 9)
    assert session.undo_stack.count() == 2
    assert model.supportedDropActions() == Qt.DropAction.MoveAction
    assert page(editor).items.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove


# --- deleting -----------------------------------------------------------------------------


def test_delete_with_the_key_and_undo_inline(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    warning = page(editor)
    before = vault.load_plan().items(WS)
    warning.items.setFocus()
    warning.items.select_row(2)
    QTest.keyClick(warning.items, Qt.Key.Key_Delete)
    assert vault.load_plan().items(WS) == before[:2] + before[3:]
    assert warning.items.current_row() == 2
    assert warning.undo_bar.isVisible()
    assert warning.undo_label.text() == f"Deleted “{before[2]}”."
    assert session.undo_stack.undoText() == "Delete warning sign"
    click(warning.undo_button)
    assert vault.load_plan().items(WS) == before
    assert not warning.undo_bar.isVisible()


def test_delete_with_the_button_and_undo_from_the_stack(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    dont = page(editor, Section.DO_NOT_CONTACT)
    editor.show_part(8)
    dont.items.select_row(0)
    click(dont.delete_button)
    assert vault.load_plan().items(Section.DO_NOT_CONTACT) == ()
    assert not dont.delete_button.isEnabled()
    assert dont.undo_bar.isVisible()
    session.undo_stack.undo()  # Edit ▸ Undo in the main window
    assert vault.load_plan().items(Section.DO_NOT_CONTACT) == ("My former partner",)
    assert not dont.undo_bar.isVisible()


def test_inline_undo_never_undoes_a_later_change(
    editor: PlanEditor, session: Session, vault: Vault
) -> None:
    warning = page(editor)
    warning.delete_item(0)
    warning.add_field.setText("Something newer")
    warning.add_typed_item()
    assert not warning.undo_bar.isVisible()
    warning.undo_button.click()  # hidden, but even if reached it must do nothing
    assert vault.load_plan().items(WS)[-1] == "Something newer"


# --- refreshing ---------------------------------------------------------------------------


def test_undo_elsewhere_shows_the_changed_part(editor: PlanEditor, session: Session) -> None:
    helps = page(editor, Section.HELPS)
    editor.show_part(HELPS_PAGE)
    helps.delete_item(0)
    editor.show_part(0)
    session.undo_stack.undo()
    assert editor.sections_nav.currentRow() == HELPS_PAGE
    assert editor.pages.currentIndex() == HELPS_PAGE


def test_outside_changes_keep_the_selection(editor: PlanEditor, session: Session) -> None:
    warning = page(editor)
    warning.items.select_row(2)
    plan = with_items(session.document.plan, Section.HELPS, ("Tea",))
    session.edit_plan(plan, "Elsewhere")
    assert warning.items.current_row() == 2
    assert editor.sections_nav.currentRow() == HELPS_PAGE


def test_lock_empties_every_widget_and_unlock_brings_it_back(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    path = vault.path
    warning = page(editor)
    warning.delete_item(0)
    warning.add_field.setText("half typed")
    editor.show_part(REVIEW_PAGE)
    with qtbot.waitSignal(session.documentChanged):
        session.lock()
    for section_page in editor.list_pages.values():
        assert section_page.items.list_model.rowCount() == 0
        assert section_page.add_field.text() == ""
    assert not warning.undo_bar.isVisible()
    assert warning.undo_label.text() == ""
    assert editor.notes_page.notes.toPlainText() == ""
    assert editor.completeness.text() == ""
    assert editor.review_page.reviewed.text() == ""
    assert editor.support_page.counts.text() == ""
    assert all(re.fullmatch(r"[^()]*", text) for text in nav_texts(editor))
    assert not warning.add_button.isEnabled()
    assert editor.flush() is True  # nothing pending, nothing to lose

    session.attach(Vault.open(path, PASSPHRASE))
    assert editor.sections_nav.currentRow() == REVIEW_PAGE
    assert len(warning.items.items()) == 3  # the deletion was saved before the lock
    assert editor.notes_page.notes.toPlainText().startswith("Sertraline")
    assert editor.completeness.text().startswith("6 of 6")
    assert warning.add_button.isEnabled()


# --- medical notes and review ---------------------------------------------------------------


def test_medical_notes_flush(editor: PlanEditor, vault: Vault, qtbot: QtBot) -> None:
    editor.show_part(NOTES_PAGE)
    notes = editor.notes_page.notes
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    QTest.keyClicks(notes, " Asthma.")
    assert editor.notes_page.has_unsaved_text
    assert editor.flush()
    expected = "Sertraline 100 mg each morning. Allergic to penicillin. Asthma."
    assert vault.load_plan().medical_notes == expected
    assert not editor.notes_page.has_unsaved_text


def test_medical_notes_save_after_a_pause(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    notes = editor.notes_page.notes
    notes.selectAll()
    QTest.keyClicks(notes, "No allergies")
    assert vault.load_plan().medical_notes != "No allergies"
    qtbot.waitUntil(lambda: vault.load_plan().medical_notes == "No allergies", timeout=3000)
    assert session.undo_stack.undoText() == "Edit medical notes"
    session.undo_stack.undo()
    assert notes.toPlainText().startswith("Sertraline")


def test_medical_notes_save_when_focus_leaves(editor: PlanEditor, vault: Vault) -> None:
    notes = editor.notes_page.notes
    notes.setPlainText("Lithium; blood test monthly")
    QApplication.sendEvent(notes, QFocusEvent(QEvent.Type.FocusOut))
    assert vault.load_plan().medical_notes == "Lithium; blood test monthly"


def test_medical_notes_too_long_are_kept_not_saved(
    editor: PlanEditor, vault: Vault, qtbot: QtBot
) -> None:
    editor.show_part(NOTES_PAGE)
    before = vault.load_plan().medical_notes
    too_long = "n" * (NOTES_MAX + 1)
    editor.notes_page.notes.setPlainText(too_long)
    assert editor.flush() is False
    assert "10,001 characters long" in editor.notes_page.message.text()
    assert editor.notes_page.message.isVisible()
    assert editor.notes_page.notes.toPlainText() == too_long
    assert vault.load_plan().medical_notes == before


def test_typing_in_notes_survives_other_saves(editor: PlanEditor, vault: Vault) -> None:
    notes = editor.notes_page.notes
    notes.setPlainText("Half written")
    warning = page(editor)
    warning.add_field.setText("New sign")
    warning.add_typed_item()  # a save, and a refresh, while the notes are unsaved
    assert notes.toPlainText() == "Half written"
    assert editor.flush()
    saved = vault.load_plan()
    assert saved.medical_notes == "Half written"
    assert saved.items(WS)[-1] == "New sign"


def test_mark_reviewed_today(
    editor: PlanEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    editor.show_part(REVIEW_PAGE)
    click(editor.review_page.mark_button)
    assert vault.load_plan().reviewed_on == TODAY
    assert editor.review_page.reviewed.text() == "Reviewed on: 15 Jan 2027"
    assert editor.completeness.text() == "6 of 6 sections filled · reviewed 15 Jan 2027"
    assert session.undo_stack.undoText() == "Mark plan reviewed"
    count = session.undo_stack.count()
    editor.mark_reviewed_today()  # already today: no empty undo step
    assert session.undo_stack.count() == count
    session.undo_stack.undo()
    assert vault.load_plan().reviewed_on == dt.date(2026, 11, 3)


def test_not_yet_reviewed(editor: PlanEditor, session: Session) -> None:
    session.edit_plan(dataclasses.replace(session.document.plan, reviewed_on=None), "Unreview")
    assert editor.review_page.reviewed.text() == "Reviewed on: not yet reviewed"
    assert editor.completeness.text() == "6 of 6 sections filled · not yet reviewed"


# --- the support-system steps ---------------------------------------------------------------


def test_people_button_shows_only_when_connected(
    session: Session, qtbot: QtBot, made: list[PlanEditor]
) -> None:
    lonely = make_editor(session, qtbot, made)
    lonely.show()
    assert not lonely.support_page.open_people.isVisibleTo(lonely)

    wired = make_editor(session, qtbot, made)
    requests: list[bool] = []
    wired.peopleTabRequested.connect(lambda: requests.append(True))
    wired.show()
    wired.show_part(3)
    assert wired.support_page.open_people.isVisible()
    click(wired.support_page.open_people)
    assert requests == [True]


# --- accessibility ------------------------------------------------------------------------


def test_every_interactive_widget_has_an_accessible_name(editor: PlanEditor) -> None:
    interactive = (QAbstractButton, QLineEdit, QAbstractItemView, QPlainTextEdit)
    missing = [
        f"{type(widget).__name__} under {type(widget.parentWidget()).__name__}"
        for widget in editor.findChildren(QWidget)
        if (isinstance(widget, interactive) or widget.focusPolicy() != Qt.FocusPolicy.NoFocus)
        and not widget.accessibleName().strip()
    ]
    assert missing == []


def test_buttons_tell_their_shortcuts(editor: PlanEditor) -> None:
    warning = page(editor)
    assert "Alt+Up" in warning.up_button.toolTip()
    assert "Alt+Down" in warning.down_button.toolTip()
    assert "F2" in warning.edit_button.toolTip()
    assert "Delete" in warning.delete_button.toolTip()


def test_tab_order_follows_the_page(editor: PlanEditor) -> None:
    warning = page(editor)
    order: list[QWidget] = []
    widget: QWidget | None = warning.items
    while widget is not None and widget not in order:
        order.append(widget)
        widget = widget.nextInFocusChain()
    wanted = [
        warning.items,
        warning.undo_button,
        warning.edit_button,
        warning.up_button,
        warning.down_button,
        warning.delete_button,
        warning.add_field,
        warning.add_button,
    ]
    stops = [w for w in order if w in wanted]
    assert stops == wanted
