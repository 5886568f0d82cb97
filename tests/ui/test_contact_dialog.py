"""The contact dialog and the availability editor: every field, validation as you type."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QHeaderView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    PlanDocument,
    Profession,
    TimeOff,
    Weekday,
    Window,
)
from crisisplan.core.validation import known_time_zones
from crisisplan.ui import contact_dialog
from crisisplan.ui.availability_editor import AvailabilityEditor
from crisisplan.ui.contact_dialog import ContactDialog, default_time_zone
from crisisplan.ui.time_off_editor import TimeOffDialog

WEEKDAYS_ONLY = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)


def unnamed_controls(root: QWidget) -> list[str]:
    """Every control a keyboard can reach that a screen reader could not name.

    Parts of compound controls (the line edit inside a combo box or a time field, a
    calendar popup, a table header) are named by their owner.
    """
    compound = (QComboBox, QAbstractSpinBox, QCalendarWidget, QHeaderView)
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or widget.focusProxy():
            continue
        parent, inside = widget.parentWidget(), False
        while parent is not None:
            inside = inside or isinstance(parent, compound)
            parent = parent.parentWidget()
        if inside or isinstance(widget, QHeaderView):
            continue
        if not widget.accessibleName().strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def tab_sequence(dialog: QWidget, start: QWidget) -> list[QWidget]:
    """The widgets Tab visits from `start`, once round."""
    sequence = [start]
    widget = start.nextInFocusChain()
    while widget is not start and widget is not None:
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and not widget.focusProxy()
        ):
            sequence.append(widget)
        widget = widget.nextInFocusChain()
    return sequence


@pytest.fixture
def sam(example_document: PlanDocument) -> Contact:
    return example_document.contacts[0]


def make_dialog(qtbot: QtBot, contact: Contact | None = None, region: str = "GB") -> ContactDialog:
    dialog = ContactDialog(region, contact)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_editing_without_changes_gives_the_same_contact(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    assert dialog.contact() == sam
    assert dialog.ok_button.isEnabled()
    assert dialog.windowTitle() == "Edit a person"  # no names in window titles
    dialog.reject()


def test_unknown_fields_of_an_edited_contact_are_kept(qtbot: QtBot, sam: Contact) -> None:
    future = Contact(name="Sam", extra={"pronouns": "she/her", "x_rank": [1, 2]})
    dialog = make_dialog(qtbot, future)
    dialog.role_edit.setText("Sister")
    assert dialog.contact().extra == {"pronouns": "she/her", "x_rank": [1, 2]}
    assert dialog.contact().role == "Sister"
    dialog.reject()


def test_every_field_is_saved(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    QTest.keyClicks(dialog.name_edit, "Dr Ana Lima")
    QTest.keyClicks(dialog.role_edit, "Psychiatrist")
    dialog.group_combo.setCurrentIndex(dialog.group_combo.findData("professional"))
    assert dialog.profession_combo.isEnabled()
    dialog.profession_combo.setCurrentIndex(dialog.profession_combo.findData("psychiatrist"))
    first = dialog.methods_editor.rows[0]
    QTest.keyClicks(first.value_edit, "020 7946 0123")
    QTest.mouseClick(dialog.methods_editor.add_button, Qt.MouseButton.LeftButton)
    second = dialog.methods_editor.rows[1]
    second.kind_combo.setCurrentIndex(second.kind_combo.findData("email"))
    QTest.keyClicks(second.value_edit, "ana@example.org")
    dialog.time_zone_combo.setCurrentText("America/Toronto")
    editor = dialog.availability_editor
    QTest.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    editor.rows[0].start_edit.setTime(QTime(8, 30))
    editor.rows[0].end_edit.setTime(QTime(16, 0))
    time_off = dialog.time_off_editor.time_off_list
    QTest.mouseClick(time_off.add_button, Qt.MouseButton.LeftButton)
    assert isinstance(time_off.last_dialog, TimeOffDialog)
    time_off.last_dialog.has_start.setChecked(False)
    time_off.last_dialog.to_day.setDate(QDate(2027, 1, 9))
    time_off.last_dialog.accept()
    QTest.keyClicks(dialog.helps_edit, "Medication questions")
    QTest.keyClicks(dialog.message_edit, "I'm struggling.")
    dialog.message_edit.appendPlainText("Please call me back.")
    dialog.agreed_check.setChecked(True)
    QTest.mouseClick(dialog.today_button, Qt.MouseButton.LeftButton)
    dialog.on_card_check.setChecked(True)
    QTest.keyClicks(dialog.notes_edit, "Clinic on Tuesdays")

    with qtbot.waitSignal(dialog.accepted):
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.contact() == Contact(
        name="Dr Ana Lima",
        role="Psychiatrist",
        group=Group.PROFESSIONAL,
        profession=Profession.PSYCHIATRIST,
        methods=(
            ContactMethod(MethodKind.PHONE, "020 7946 0123"),
            ContactMethod(MethodKind.EMAIL, "ana@example.org"),
        ),
        time_zone="America/Toronto",
        always_available=False,
        windows=(Window(WEEKDAYS_ONLY, dt.time(8, 30), dt.time(16, 0)),),
        time_off=(TimeOff(to_day=dt.date(2027, 1, 9)),),
        helps_with="Medication questions",
        message="I'm struggling.\nPlease call me back.",
        agreed=True,
        checked_on=dt.date.today(),
        on_card=True,
        notes="Clinic on Tuesdays",
    )


def test_profession_only_for_professionals(qtbot: QtBot) -> None:
    contact = Contact(name="Dr Ana", group=Group.PROFESSIONAL, profession=Profession.GP)
    dialog = make_dialog(qtbot, contact)
    assert dialog.profession_combo.isEnabled()
    assert dialog.contact().profession is Profession.GP
    dialog.group_combo.setCurrentIndex(dialog.group_combo.findData("friend"))
    assert not dialog.profession_combo.isEnabled()
    assert dialog.contact().profession is None
    dialog.reject()


def test_javascript_link_is_refused_as_you_type(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    row = dialog.methods_editor.add_method()
    row.kind_combo.setCurrentIndex(row.kind_combo.findData("web"))
    QTest.keyClicks(row.value_edit, "javascript:alert(1)")
    assert not row.problem_label.isHidden()
    assert "javascript: links are not allowed" in row.problem_label.text()
    assert row.problem_label.text().startswith("⚠")  # a sign and words, not colour alone
    assert not dialog.ok_button.isEnabled()
    assert "Way to reach them 3: javascript: links are not allowed" in (
        dialog.problems_label.text()
    )
    row.value_edit.clear()
    QTest.keyClicks(row.value_edit, "https://example.org/chat")
    assert row.problem_label.isHidden()
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_bad_phone_number_is_refused(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    row = dialog.methods_editor.rows[0]
    row.value_edit.clear()
    QTest.keyClicks(row.value_edit, "call me maybe")
    assert '"call me maybe" is not a phone number' in row.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    # Accepting anyway (a script, a stray Enter) is refused too, with every problem shown.
    dialog.accept()
    assert dialog.result() != ContactDialog.DialogCode.Accepted
    assert dialog.isVisible()
    assert "not a phone number" in dialog.problems_label.text()
    row.value_edit.clear()
    QTest.keyClicks(row.value_edit, "07700 900123")
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_empty_method_rows_are_left_out(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    QTest.keyClicks(dialog.name_edit, "Sam")
    assert dialog.methods_editor.rows[0].problem_label.isHidden()
    assert dialog.contact().methods == ()
    assert dialog.ok_button.isEnabled()
    dialog.reject()


def test_name_is_needed(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problems_label.text() == "Type their name to save."
    QTest.keyClicks(dialog.name_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    QTest.keyClicks(dialog.name_edit, "Sam")
    assert dialog.ok_button.isEnabled()
    assert dialog.problems_label.isHidden()
    dialog.reject()


def test_unknown_time_zone_is_refused(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    dialog.time_zone_combo.setCurrentText("Europe/Atlantis")
    assert "is not a known time zone" in dialog.time_zone_problem.text()
    assert not dialog.ok_button.isEnabled()
    dialog.time_zone_combo.setCurrentText("Europe/Dublin")
    assert dialog.time_zone_problem.isHidden()
    assert dialog.contact().time_zone == "Europe/Dublin"
    dialog.reject()


def test_time_zone_completes_city_names(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    completer = dialog.time_zone_combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("toron")
    assert completer.currentCompletion() == "America/Toronto"
    dialog.reject()


def test_time_zone_default_is_the_computers(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contact_dialog, "_system_zone_id", lambda: "America/Toronto")
    assert default_time_zone("GB") == "America/Toronto"
    dialog = make_dialog(qtbot)
    assert dialog.time_zone_combo.currentText() == "America/Toronto"
    dialog.reject()


@pytest.mark.parametrize("system_zone", ["", "Not/AZone"])
def test_time_zone_falls_back_to_the_regions(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, system_zone: str
) -> None:
    monkeypatch.setattr(contact_dialog, "_system_zone_id", lambda: system_zone)
    assert default_time_zone("GB") == "Europe/London"
    assert default_time_zone("AU") == "Australia/Sydney"
    dialog = make_dialog(qtbot, region="GB")
    assert dialog.time_zone_combo.currentText() == "Europe/London"
    dialog.reject()


def test_the_real_system_zone_is_a_known_zone() -> None:
    assert default_time_zone("GB") in known_time_zones()


def test_always_available_keeps_windows_but_disables_them(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    dialog.always_check.setChecked(True)
    assert not dialog.availability_editor.isEnabled()
    assert dialog.contact().always_available
    assert dialog.contact().windows == sam.windows
    dialog.reject()


def test_checked_today_and_clearing_dates(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    assert dialog.contact().checked_on == dt.date(2026, 10, 1)
    QTest.mouseClick(dialog.today_button, Qt.MouseButton.LeftButton)
    assert dialog.contact().checked_on == dt.date.today()
    dialog.checked.check.setChecked(False)
    assert dialog.contact().checked_on is None
    assert not dialog.checked.date_edit.isEnabled()
    dialog.reject()


def test_dialog_finishes_with_cancel(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    with qtbot.waitSignal(dialog.finished) as blocker:
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert blocker.args == [ContactDialog.DialogCode.Rejected.value]


def test_every_control_has_an_accessible_name(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    dialog.methods_editor.add_method()
    dialog.availability_editor.add_window()
    assert unnamed_controls(dialog) == []
    dialog.reject()


def test_rows_added_later_keep_the_tab_order(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    new_method = dialog.methods_editor.add_method()
    new_window = dialog.availability_editor.add_window()
    sequence = tab_sequence(dialog, dialog.name_edit)
    position = sequence.index
    assert position(dialog.methods_editor.rows[1].remove_button) < position(new_method.kind_combo)
    assert position(new_method.remove_button) < position(dialog.methods_editor.add_button)
    assert position(dialog.methods_editor.add_button) < position(dialog.helps_edit)
    assert position(new_window.day_boxes[Weekday.MON]) < position(
        dialog.availability_editor.add_button
    )
    time_off = dialog.time_off_editor.time_off_list
    assert position(dialog.availability_editor.add_button) < position(time_off.add_button)
    assert position(dialog.on_card_check) < position(dialog.ok_button)
    dialog.reject()


# --- the availability editor on its own ---------------------------------------------------


def make_editor(qtbot: QtBot) -> AvailabilityEditor:
    editor = AvailabilityEditor()
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_availability_round_trip_with_overnight(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    windows = (
        Window(WEEKDAYS_ONLY, dt.time(18, 0), dt.time(22, 30)),
        Window((Weekday.FRI, Weekday.SAT), dt.time(22, 0), dt.time(2, 0)),
        Window((Weekday.SUN,), dt.time(9, 0), dt.time(9, 0)),  # 24 hours from 09:00
    )
    editor.set_windows(windows)
    assert editor.windows() == windows
    assert [row.overnight_label.isVisible() for row in editor.rows] == [False, True, True]
    assert editor.problems() == []


def test_overnight_hint_follows_the_times(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    row = editor.add_window()
    assert row.to_window() == Window(WEEKDAYS_ONLY, dt.time(9, 0), dt.time(17, 0))
    assert not row.overnight_label.isVisible()
    with qtbot.waitSignal(editor.changed):
        row.end_edit.setTime(QTime(1, 30))
    assert row.overnight_label.isVisible()
    assert row.overnight_label.text() == "(ends next day)"
    assert editor.windows()[0].overnight


def test_a_window_needs_a_day(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    row = editor.add_window()
    for box in row.day_boxes.values():
        box.setChecked(False)
    assert editor.problems() == ["Time window 1: tick at least one day."]
    assert row.problem_label.isVisible()
    row.day_boxes[Weekday.SAT].setChecked(True)
    assert editor.problems() == []
    assert editor.windows()[0].days == (Weekday.SAT,)


def test_a_day_less_window_blocks_the_dialog(qtbot: QtBot, sam: Contact) -> None:
    dialog = make_dialog(qtbot, sam)
    row = dialog.availability_editor.rows[0]
    for box in row.day_boxes.values():
        box.setChecked(False)
    assert not dialog.ok_button.isEnabled()
    assert "Time window 1 needs at least one day." in dialog.problems_label.text()
    dialog.reject()


def test_removing_windows_renumbers_them(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.set_windows(
        (
            Window((Weekday.MON,), dt.time(9, 0), dt.time(10, 0)),
            Window((Weekday.TUE,), dt.time(9, 0), dt.time(10, 0)),
        )
    )
    assert not editor.empty_label.isVisible()
    QTest.mouseClick(editor.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert editor.windows() == (Window((Weekday.TUE,), dt.time(9, 0), dt.time(10, 0)),)
    assert editor.rows[0].day_boxes[Weekday.TUE].accessibleName() == "Tuesday, time window 1"
    QTest.mouseClick(editor.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert editor.windows() == ()
    assert editor.empty_label.isVisible()
    assert unnamed_controls(editor) == []
