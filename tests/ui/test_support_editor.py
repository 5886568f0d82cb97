"""The support system editor on a real vault: add, edit, reorder, filter, delete, undo,
lock, and the vCard import dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    ExtraTime,
    Group,
    MethodKind,
    TimeOff,
    Weekday,
    Window,
)
from crisisplan.core.validation import known_time_zones
from crisisplan.storage import Vault
from crisisplan.ui.contact_dialog import ContactDialog
from crisisplan.ui.session import Session
from crisisplan.ui.support_editor import (
    SupportSystemEditor,
    availability_summary,
    describe_days,
    moved,
)
from crisisplan.ui.vcard_import_dialog import VCardImportDialog
from tests.helpers import PASSPHRASE
from tests.ui.test_contact_dialog import unnamed_controls

DATA = Path(__file__).resolve().parent.parent / "data"
EXAMPLE_ORDER = [
    "Sam Okafor",
    "Priya Shah",
    "Daniel Reyes",
    "Dr Helen Marsh",
    "Tom Bradley",
    "Thursday peer group",
    "Samaritans",
    "Shout",
]


@pytest.fixture
def editor(session: Session, qtbot: QtBot) -> Iterator[SupportSystemEditor]:
    widget = SupportSystemEditor(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    yield widget
    widget.close()


def names(vault: Vault) -> list[str]:
    return [contact.name for contact in vault.load_contacts()]


def select(editor: SupportSystemEditor, name: str) -> None:
    editor.select_position([c.name for c in editor.model.contacts].index(name))


def alt(qtbot: QtBot, editor: SupportSystemEditor, key: Qt.Key) -> None:
    QTest.keyClick(editor.view, key, Qt.KeyboardModifier.AltModifier)


# --- what the list shows ------------------------------------------------------------------


def test_lists_everyone_in_priority_order(editor: SupportSystemEditor) -> None:
    assert editor.visible_names() == EXAMPLE_ORDER
    model = editor.model
    first = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert first == [
        "1",
        "Sam Okafor",
        "Sister",
        "Family",
        "Mon–Fri 18:00–22:30; Fri, Sat 22:00–02:00 (overnight); Sat, Sun 09:00–21:00",
        "agreed ✓",
        "on card",
    ]
    # Someone abroad: whose clock the times are on.
    assert model.data(model.index(2, 4)) == "every day 07:00–23:00 (Toronto time)"
    assert model.data(model.index(6, 4)) == "any time"
    assert "+44 7700 900123" in model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)


def test_availability_summaries() -> None:
    assert describe_days((Weekday.MON, Weekday.WED, Weekday.FRI)) == "Mon, Wed, Fri"
    assert describe_days((Weekday.SAT, Weekday.SUN, Weekday.MON)) == "Sat–Mon"
    assert describe_days(tuple(Weekday)) == "every day"
    assert availability_summary(Contact(name="Jo")) == "hours not set"
    assert availability_summary(Contact(name="Jo", always_available=True)) == "any time"
    away = Contact(
        name="Jo",
        windows=(Window((Weekday.TUE, Weekday.WED, Weekday.THU), dt.time(9), dt.time(17)),),
        time_off=(TimeOff(to_day=dt.date(2026, 12, 3), to_time=dt.time()),),
    )
    assert availability_summary(away, today=dt.date(2026, 11, 25)) == (
        "Tue–Thu 09:00–17:00; away until 3 Dec"
    )
    assert availability_summary(away, today=dt.date(2026, 12, 3)) == "Tue–Thu 09:00–17:00"


def test_the_people_list_says_rotas_time_off_and_extra_times_in_words() -> None:
    sister = Contact(
        name="Sam",
        windows=(
            Window(tuple(Weekday)[:5], dt.time(9), dt.time(17)),
            Window((Weekday.SUN,), dt.time(22), dt.time(6), every_weeks=2,
                   from_week=dt.date(2026, 12, 7)),
        ),
        time_off=(
            TimeOff(to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21)),
            TimeOff(to_day=dt.date(2026, 11, 2), from_day=dt.date(2026, 11, 1)),  # past
        ),
        extra_times=(ExtraTime(dt.date(2026, 12, 12), dt.time(14), dt.time(18)),),
    )  # fmt: skip
    assert availability_summary(sister, today=dt.date(2026, 12, 1)) == (
        "Mon–Fri 09:00–17:00; Sun 22:00–06:00 (overnight), every other week; off 21–28 Dec; "
        "extra Sat 12 Dec 14:00–18:00"
    )
    group = Contact(
        name="Peer group",
        windows=(Window((Weekday.WED,), dt.time(19), dt.time(21), week_of_month=1),),
    )
    assert availability_summary(group) == "first Wed of the month 19:00–21:00"


def test_filter_by_group(editor: SupportSystemEditor) -> None:
    editor.set_filter(Group.FAMILY)
    assert editor.visible_names() == ["Sam Okafor", "Daniel Reyes"]
    # Priority numbers stay those of the whole list.
    assert editor.model.data(editor.model.index(1, 0)) == "3"
    editor.set_filter(Group.PARTNER)
    assert editor.visible_names() == []
    assert "No one in this group" in editor.empty_label.text()
    editor.set_filter(None)
    assert editor.visible_names() == EXAMPLE_ORDER
    labels = [editor.group_filter.itemText(i) for i in range(editor.group_filter.count())]
    assert labels[0] == "All groups"
    assert "Crisis line or service" in labels


# --- reordering ---------------------------------------------------------------------------


def test_moved_never_loses_or_duplicates_anyone() -> None:
    people = tuple(Contact(name=str(n)) for n in range(6))
    for source in range(6):
        for anchor in range(6):
            for after in (False, True):
                result = moved(people, source, anchor, after=after)
                assert sorted(c.name for c in result) == [str(n) for n in range(6)]
                person, neighbour = people[source], people[anchor]
                if source != anchor:
                    offset = 1 if after else -1
                    assert result.index(person) == result.index(neighbour) + offset


def test_reorder_with_the_keyboard(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    select(editor, "Priya Shah")
    alt(qtbot, editor, Qt.Key.Key_Up)
    assert names(vault)[:3] == ["Priya Shah", "Sam Okafor", "Daniel Reyes"]
    assert editor.model.contacts[editor.selected_position() or 0].name == "Priya Shah"
    assert session.undo_stack.undoText() == "Move Priya Shah up"
    # At the top, Alt+Up does nothing (and saves nothing).
    alt(qtbot, editor, Qt.Key.Key_Up)
    assert session.undo_stack.count() == 1
    alt(qtbot, editor, Qt.Key.Key_Down)
    alt(qtbot, editor, Qt.Key.Key_Down)
    assert names(vault)[:3] == ["Sam Okafor", "Daniel Reyes", "Priya Shah"]
    assert editor.up_button.isEnabled()
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert names(vault)[:3] == ["Priya Shah", "Sam Okafor", "Daniel Reyes"]


def test_reorder_buttons_have_the_shortcut_in_their_tooltips(editor: SupportSystemEditor) -> None:
    assert "Alt+Up" in editor.up_button.toolTip()
    assert "Alt+Down" in editor.down_button.toolTip()
    assert "Alt+Up" in editor.view.toolTip()
    select(editor, "Sam Okafor")
    assert not editor.up_button.isEnabled()
    assert editor.down_button.isEnabled()
    select(editor, "Shout")
    assert editor.up_button.isEnabled()
    assert not editor.down_button.isEnabled()


def test_reorder_while_filtered_moves_past_visible_neighbours(
    editor: SupportSystemEditor, vault: Vault, qtbot: QtBot
) -> None:
    editor.set_filter(Group.FAMILY)
    select(editor, "Daniel Reyes")
    alt(qtbot, editor, Qt.Key.Key_Up)
    # Daniel goes just above Sam; Priya (not shown) stays where she was relative to both.
    assert names(vault) == ["Daniel Reyes", "Sam Okafor", "Priya Shah", *EXAMPLE_ORDER[3:]]
    assert editor.visible_names() == ["Daniel Reyes", "Sam Okafor"]
    alt(qtbot, editor, Qt.Key.Key_Down)
    assert names(vault) == ["Sam Okafor", "Daniel Reyes", "Priya Shah", *EXAMPLE_ORDER[3:]]
    editor.set_filter(Group.PROFESSIONAL)
    select(editor, "Tom Bradley")
    QTest.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    after = names(vault)
    assert after.index("Tom Bradley") == after.index("Dr Helen Marsh") - 1
    assert sorted(after) == sorted(EXAMPLE_ORDER)
    assert len(vault.load_contacts()) == len(EXAMPLE_ORDER)


def drop(editor: SupportSystemEditor, source_row: int, target_row: int, below: bool) -> None:
    """The drop at the end of a drag inside the list.

    A real drag (QDrag.exec) cannot run in a test, and Qt delivers drop events only to the
    target of a drag in progress, so the view's handler is called with the event Qt
    would give it: our own MIME data and a point in the upper or lower half of a row.
    """
    model, view = editor.model, editor.view
    data = model.mimeData([model.index(source_row, 1)])
    rect = view.visualRect(model.index(target_row, 1))
    point = QPoint(rect.center().x(), rect.bottom() - 1 if below else rect.top() + 1)
    event = QDropEvent(
        QPointF(point),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)
    assert event.isAccepted()


def test_reorder_by_drag_and_drop(
    editor: SupportSystemEditor, session: Session, vault: Vault
) -> None:
    drop(editor, source_row=6, target_row=0, below=False)  # Samaritans to the top
    assert names(vault)[:2] == ["Samaritans", "Sam Okafor"]
    assert session.undo_stack.undoText() == "Move Samaritans"
    drop(editor, source_row=0, target_row=7, below=True)  # and to the very end
    assert names(vault)[-2:] == ["Shout", "Samaritans"]
    assert editor.model.contacts[editor.selected_position() or 0].name == "Samaritans"


def test_drag_and_drop_while_filtered(editor: SupportSystemEditor, vault: Vault) -> None:
    editor.set_filter(Group.CRISIS_LINE)
    drop(editor, source_row=1, target_row=0, below=False)
    assert names(vault) == [*EXAMPLE_ORDER[:6], "Shout", "Samaritans"]
    assert editor.visible_names() == ["Shout", "Samaritans"]


# --- add, edit, delete, undo --------------------------------------------------------------


def test_add_a_person(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    (dialog,) = editor.findChildren(ContactDialog)
    assert dialog.isVisible()
    QTest.keyClicks(dialog.name_edit, "Jo Mensah")
    QTest.keyClicks(dialog.methods_editor.rows[0].value_edit, "07700 900789")
    with qtbot.waitSignal(dialog.finished):
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    added = vault.load_contacts()[-1]
    assert added.name == "Jo Mensah"
    assert added.group is Group.FRIEND
    assert added.methods == (ContactMethod(MethodKind.PHONE, "07700 900789"),)
    assert session.undo_stack.undoText() == "Add Jo Mensah"
    assert editor.visible_names()[-1] == "Jo Mensah"
    assert editor.selected_position() == len(EXAMPLE_ORDER)


def test_add_while_filtered_starts_in_that_group(
    editor: SupportSystemEditor, vault: Vault, qtbot: QtBot
) -> None:
    editor.set_filter(Group.SUPPORT_GROUP)
    dialog = editor.add_contact()
    assert dialog is not None
    assert dialog.contact().group is Group.SUPPORT_GROUP
    QTest.keyClicks(dialog.name_edit, "Walking group")
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert vault.load_contacts()[-1].group is Group.SUPPORT_GROUP
    assert editor.visible_names() == ["Thursday peer group", "Walking group"]


def test_edit_with_enter(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    select(editor, "Priya Shah")
    QTest.keyClick(editor.view, Qt.Key.Key_Return)
    (dialog,) = editor.findChildren(ContactDialog)
    assert dialog.name_edit.text() == "Priya Shah"
    dialog.role_edit.setText("Best friend")
    dialog.always_check.setChecked(True)
    with qtbot.waitSignal(dialog.finished):
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    priya = vault.load_contacts()[1]
    assert (priya.name, priya.role, priya.always_available) == ("Priya Shah", "Best friend", True)
    assert names(vault) == EXAMPLE_ORDER
    assert session.undo_stack.undoText() == "Edit Priya Shah"
    assert editor.model.data(editor.model.index(1, 4)) == "any time"
    assert editor.selected_position() == 1
    session.undo_stack.undo()
    assert vault.load_contacts()[1].role == "Friend from swimming"


def test_edit_with_double_click(editor: SupportSystemEditor, qtbot: QtBot) -> None:
    rect = editor.view.visualRect(editor.model.index(3, 1))
    QTest.mouseDClick(
        editor.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    (dialog,) = editor.findChildren(ContactDialog)
    assert dialog.name_edit.text() == "Dr Helen Marsh"
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()


def test_cancelled_edit_changes_nothing(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    select(editor, "Sam Okafor")
    dialog = editor.edit_selected()
    assert dialog is not None
    dialog.name_edit.setText("Someone else")
    QTest.mouseClick(
        dialog.button_box.button(dialog.button_box.StandardButton.Cancel),
        Qt.MouseButton.LeftButton,
    )
    question = dialog.discard_guard.question()  # something changed: it asks first
    assert question is not None
    with qtbot.waitSignal(dialog.finished):
        next(b for b in question.buttons() if "Discard" in b.text()).click()
    assert names(vault) == EXAMPLE_ORDER
    assert session.undo_stack.count() == 0


def test_delete_with_the_delete_key_and_undo_inline(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    before = vault.load_contacts()
    select(editor, "Sam Okafor")
    QTest.keyClick(editor.view, Qt.Key.Key_Delete)
    assert names(vault) == EXAMPLE_ORDER[1:]
    assert session.undo_stack.undoText() == "Delete Sam Okafor"
    assert editor.undo_bar.isVisible()
    assert editor.undo_label.text() == "Deleted Sam Okafor."
    # The neighbour is selected, so Delete again would remove the next person, not nobody.
    assert editor.selected_position() == 0
    QTest.mouseClick(editor.undo_button, Qt.MouseButton.LeftButton)
    assert vault.load_contacts() == before
    assert not editor.undo_bar.isVisible()


def test_delete_and_undo_with_the_undo_stack(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    before = vault.load_contacts()
    select(editor, "Tom Bradley")
    QTest.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert "Tom Bradley" not in names(vault)
    session.undo_stack.undo()  # Ctrl+Z in the main window
    assert vault.load_contacts() == before
    assert not editor.undo_bar.isVisible()
    session.undo_stack.redo()
    assert "Tom Bradley" not in names(vault)


def test_another_edit_hides_the_undo_bar(
    editor: SupportSystemEditor, vault: Vault, qtbot: QtBot
) -> None:
    select(editor, "Shout")
    editor.delete_selected()
    assert editor.undo_bar.isVisible()
    select(editor, "Priya Shah")
    alt(qtbot, editor, Qt.Key.Key_Up)
    assert not editor.undo_bar.isVisible()
    # Undo on the (now hidden) bar must not undo the move.
    editor.undo_button.click()
    assert names(vault)[0] == "Priya Shah"


# --- locking ------------------------------------------------------------------------------


def test_lock_empties_the_list_and_unlock_fills_it(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    select(editor, "Sam Okafor")
    editor.delete_selected()
    select(editor, "Priya Shah")
    dialog = editor.edit_selected()
    assert dialog is not None
    with qtbot.waitSignal(dialog.finished):
        session.lock()
    assert editor.model.rowCount() == 0
    assert editor.model.contacts == ()
    # No copy of anyone's name is left in the editor's own labels either.
    shown = " ".join(label.text() for label in editor.findChildren(QLabel))
    assert "Sam Okafor" not in shown
    assert not editor.undo_bar.isVisible()
    assert editor.findChildren(ContactDialog) == [] or not dialog.isVisible()
    assert not editor.add_button.isEnabled()
    assert editor.empty_label.text() == "The plan is locked."
    session.attach(Vault.open(vault.path, PASSPHRASE))
    assert editor.visible_names() == EXAMPLE_ORDER[1:]  # the delete was saved
    assert editor.add_button.isEnabled()


def test_empty_support_system_explains_what_to_do(
    editor: SupportSystemEditor, session: Session
) -> None:
    session.save_contacts(())
    assert editor.visible_names() == []
    assert "No one here yet" in editor.empty_label.text()
    assert not editor.edit_button.isEnabled()
    assert not editor.delete_button.isEnabled()


def test_every_control_has_an_accessible_name(editor: SupportSystemEditor) -> None:
    select(editor, "Sam Okafor")
    editor.delete_selected()
    assert unnamed_controls(editor) == []


def test_fits_a_small_screen(session: Session, qtbot: QtBot) -> None:
    widget = SupportSystemEditor(session)
    qtbot.addWidget(widget)
    assert widget.minimumSizeHint().width() <= 1366
    assert widget.minimumSizeHint().height() <= 700


# --- vCard import -------------------------------------------------------------------------


def open_import(editor: SupportSystemEditor, qtbot: QtBot) -> VCardImportDialog:
    QTest.mouseClick(editor.import_button, Qt.MouseButton.LeftButton)
    (dialog,) = editor.findChildren(VCardImportDialog)
    assert dialog.isVisible()
    return dialog


def test_import_adds_the_chosen_people_as_one_step(
    editor: SupportSystemEditor, session: Session, vault: Vault, qtbot: QtBot
) -> None:
    before = vault.load_contacts()
    dialog = open_import(editor, qtbot)
    assert not dialog.add_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(DATA / "contacts-3.0.vcf")
    assert dialog.people_list.count() == 3
    assert "Found 3 people in 4 cards." in dialog.message_label.text()
    assert "Card 3: has no name" in dialog.message_label.text()
    assert "javascript: links are not allowed" in dialog.people_list.item(0).text()
    assert dialog.add_button.text() == "Add 3 people"
    dialog.set_ticked(2, False)
    assert dialog.add_button.text() == "Add 2 people"
    with qtbot.waitSignal(dialog.finished):
        QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    after = vault.load_contacts()
    assert after[: len(before)] == before
    added = after[len(before) :]
    assert [c.name for c in added] == ["Aisha Bello", "Valley Night Line"]
    for contact in added:
        assert contact.group is Group.FRIEND
        assert not contact.agreed
    assert session.undo_stack.undoText() == "Import 2 people"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert vault.load_contacts() == before


def test_import_into_a_chosen_group(
    editor: SupportSystemEditor, vault: Vault, qtbot: QtBot
) -> None:
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(DATA / "contacts-2.1.vcf")
    dialog.group_combo.setCurrentIndex(dialog.group_combo.findData("professional"))
    QTest.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert not dialog.add_button.isEnabled()
    dialog.set_ticked(1, True)
    with qtbot.waitSignal(dialog.accepted):
        QTest.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    jurgen = vault.load_contacts()[-1]
    assert (jurgen.name, jurgen.group) == ("Jürgen Müller", Group.PROFESSIONAL)


def test_import_notes_people_already_in_the_list(
    editor: SupportSystemEditor, session: Session, qtbot: QtBot
) -> None:
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_bytes(
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Okafor\r\nTEL:07700 900123\r\nEND:VCARD\r\n"
        )
    assert "already in your list" in dialog.people_list.item(0).text()
    assert dialog.chosen_contacts()[0].time_zone in known_time_zones()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert session.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-a-vcard.vcf", "This is not a vCard (.vcf) file"),
        ("missing.vcf", "This file could not be read: No such file or directory."),
    ],
)
def test_import_of_a_bad_file_says_why(
    editor: SupportSystemEditor, qtbot: QtBot, name: str, message: str
) -> None:
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(DATA / name)
    assert message in dialog.message_label.text()
    assert dialog.people_list.count() == 0
    assert not dialog.add_button.isEnabled()
    dialog.accept()  # a stray Enter adds nobody
    assert dialog.isVisible()
    dialog.reject()


def test_import_of_a_huge_file_is_refused_before_reading(
    editor: SupportSystemEditor, qtbot: QtBot, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.vcf"
    with huge.open("wb") as file:
        file.truncate(65 * 1024 * 1024)  # sparse: nothing is really written
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(huge)
    assert "huge.vcf is 68 MB; a vCard file is at most 67 MB" in dialog.message_label.text()
    dialog.reject()


def test_import_dialog_has_accessible_names(editor: SupportSystemEditor, qtbot: QtBot) -> None:
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(DATA / "contacts-4.0.vcf")
    assert unnamed_controls(dialog) == []
    dialog.reject()


def test_import_dialog_closes_on_lock(
    editor: SupportSystemEditor, session: Session, qtbot: QtBot
) -> None:
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_file(DATA / "contacts-4.0.vcf")
    with qtbot.waitSignal(dialog.finished):
        session.lock()


def test_file_chooser_opens_without_blocking(editor: SupportSystemEditor, qtbot: QtBot) -> None:
    dialog = open_import(editor, qtbot)
    chooser = dialog.choose_file()
    assert chooser.isVisible()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        chooser.selectFile(str(DATA / "contacts-2.1.vcf"))
        chooser.accept()
    assert dialog.people_list.count() == 2
    dialog.reject()


def test_a_large_file_is_read_on_a_worker_with_progress_and_stop(
    editor: SupportSystemEditor, qtbot: QtBot
) -> None:
    cards = b"".join(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nTEL:07700 9%05d\r\nEND:VCARD\r\n" % (n, n)
        for n in range(2_000)
    )
    dialog = open_import(editor, qtbot)
    dialog.load_bytes(cards)
    assert dialog.is_reading()  # returned at once; the window keeps answering
    assert dialog.progress.isVisible() and dialog.stop_button.isVisible()
    assert not dialog.choose_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=5_000):
        QTest.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    assert "Reading was stopped; nothing was read." in dialog.message_label.text()
    assert dialog.people_list.count() == 0 and not dialog.progress.isVisible()
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        dialog.load_bytes(cards)
    assert dialog.people_list.count() == 2_000
    assert dialog.choose_button.isEnabled()
    dialog.reject()


def test_an_email_only_card_is_flagged_in_the_list(
    editor: SupportSystemEditor, qtbot: QtBot
) -> None:
    dialog = open_import(editor, qtbot)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.load_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:jo@example.org\r\nEND:VCARD\r\n")
    text = dialog.people_list.item(0).text()
    assert text.startswith("⚠ jo@example.org (check the name)")
    assert "its email address is used as the name" in text
    dialog.reject()
