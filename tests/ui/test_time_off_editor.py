"""Time off, extra times, rotas and the calendar import in the contact editor, with real
widgets: add, edit, delete, undo; a real .ics file previewed and imported."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QRect, Qt, QTime
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.core.calendar_import import CalendarKind
from crisisplan.core.model import (
    LAST_WEEK_OF_MONTH,
    Contact,
    ExtraTime,
    PlanDocument,
    TimeOff,
    Weekday,
    Window,
)
from crisisplan.ui.availability_editor import AvailabilityEditor
from crisisplan.ui.contact_dialog import ContactDialog
from crisisplan.ui.time_off_editor import (
    CalendarImportDialog,
    ExtraTimeDialog,
    TimeOffDialog,
    TimeOffEditor,
)
from tests.ui.test_contact_dialog import unnamed_controls

ROTA = Path(__file__).parent.parent / "data" / "rota.ics"
HOLIDAY = TimeOff(to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21), reason="on holiday")
AWAY = TimeOff(to_day=dt.date(2026, 12, 7), to_time=dt.time())  # a migrated "away until"


def opened(qtbot: QtBot, editor: TimeOffEditor, path: Path) -> CalendarImportDialog:
    """The import preview for `path`, once the worker has read the file."""
    importer = editor.open_calendar(path)
    assert importer is not None
    if importer.reading():
        with qtbot.waitSignal(importer.read_finished, timeout=20_000):
            pass
    return importer


def make_dialog(qtbot: QtBot, contact: Contact) -> ContactDialog:
    dialog = ContactDialog("GB", contact)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_time_off_is_listed_in_words_and_kept(qtbot: QtBot, example_document: PlanDocument) -> None:
    sam = dataclasses.replace(example_document.contacts[0], time_off=(AWAY, HOLIDAY))
    dialog = make_dialog(qtbot, sam)
    listed = dialog.time_off_editor.time_off_list.list
    assert [listed.item(i).text() for i in range(listed.count())] == [
        "away until 7 Dec",
        "on holiday 21–28 Dec",
    ]
    assert dialog.contact() == sam
    dialog.reject()


def test_add_edit_delete_and_undo_time_off(qtbot: QtBot, example_document: PlanDocument) -> None:
    sam = example_document.contacts[0]
    dialog = make_dialog(qtbot, sam)
    time_off = dialog.time_off_editor.time_off_list
    assert time_off.empty_label.isVisible() and not time_off.undo_button.isEnabled()

    QTest.mouseClick(time_off.add_button, Qt.MouseButton.LeftButton)
    add = time_off.last_dialog
    assert isinstance(add, TimeOffDialog)
    add.from_day.setDate(QDate(2026, 12, 21))
    add.to_day.setDate(QDate(2026, 12, 28))
    QTest.keyClicks(add.reason_edit, "on holiday")
    with qtbot.waitSignal(add.accepted):
        QTest.mouseClick(add.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.contact().time_off == (HOLIDAY,)

    # Edit: the end moves to 09:00 on 29 Dec.
    edit = time_off._edit()
    assert isinstance(edit, TimeOffDialog)
    edit.to_day.setDate(QDate(2026, 12, 29))
    edit.to_has_time.setChecked(True)
    edit.to_time.setTime(QTime(9, 0))
    edit.accept()
    edited = dataclasses.replace(HOLIDAY, to_day=dt.date(2026, 12, 29), to_time=dt.time(9))
    assert dialog.contact().time_off == (edited,)
    assert time_off.list.item(0).text() == "on holiday 21 Dec–29 Dec 09:00"

    QTest.mouseClick(time_off.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.contact().time_off == ()
    QTest.mouseClick(time_off.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.contact().time_off == (edited,)
    time_off.list.setFocus()
    QTest.keySequence(time_off.list, QKeySequence.StandardKey.Undo)  # Ctrl+Z: the edit
    assert dialog.contact().time_off == (HOLIDAY,)
    dialog.reject()


def test_an_end_before_the_start_cannot_be_saved(qtbot: QtBot) -> None:
    period = TimeOffDialog(HOLIDAY)
    qtbot.addWidget(period)
    period.to_day.setDate(QDate(2026, 12, 20))
    assert not period.ok_button.isEnabled()
    assert "before the start" in period.problem_label.text()
    period.accept()
    assert period.result() != QDialog.DialogCode.Accepted


def test_extra_times_run_overnight_and_are_saved(
    qtbot: QtBot, example_document: PlanDocument
) -> None:
    dialog = make_dialog(qtbot, example_document.contacts[1])
    extras = dialog.time_off_editor.extra_times_list
    QTest.mouseClick(extras.add_button, Qt.MouseButton.LeftButton)
    add = extras.last_dialog
    assert isinstance(add, ExtraTimeDialog)
    add.show()
    add.day_edit.setDate(QDate(2026, 12, 12))
    add.start_edit.setTime(QTime(22, 0))
    add.end_edit.setTime(QTime(2, 0))
    assert add.overnight_label.isVisible()
    add.accept()
    assert dialog.contact().extra_times == (
        ExtraTime(dt.date(2026, 12, 12), dt.time(22), dt.time(2)),
    )
    assert extras.list.item(0).text() == "Sat 12 Dec 22:00–02:00"
    dialog.reject()


def test_the_rota_choice_per_window(qtbot: QtBot) -> None:
    editor = AvailabilityEditor()
    qtbot.addWidget(editor)
    editor.show()
    nights = Window((Weekday.SUN,), dt.time(22), dt.time(6), every_weeks=2,
                    from_week=dt.date(2026, 12, 7))  # fmt: skip
    group = Window((Weekday.WED,), dt.time(19), dt.time(21), week_of_month=1)
    editor.set_windows((nights, group))
    assert editor.windows() == (nights, group)
    assert editor.rows[0].from_week_edit.isVisible()
    assert not editor.rows[1].from_week_edit.isVisible()
    assert editor.rows[1].repeats_combo.currentText().startswith("First")

    row = editor.add_window()
    row.repeats_combo.setCurrentIndex(row.repeats_combo.findText("Last of the month"))
    assert editor.windows()[2].week_of_month == LAST_WEEK_OF_MONTH
    row.repeats_combo.setCurrentIndex(row.repeats_combo.findText("Every 3 weeks"))
    row.from_week_edit.setDate(QDate(2027, 1, 6))
    assert (editor.windows()[2].every_weeks, editor.windows()[2].from_week) == (
        3,
        dt.date(2027, 1, 6),
    )
    assert row.repeats_combo.accessibleName() == "Repeats, time window 3"


def test_calendar_import_previews_then_replaces_only_its_own(
    qtbot: QtBot, example_document: PlanDocument
) -> None:
    sam = dataclasses.replace(example_document.contacts[0], time_off=(HOLIDAY,))
    dialog = make_dialog(qtbot, sam)
    editor = dialog.time_off_editor
    editor.choose_file = lambda: str(ROTA)
    QTest.mouseClick(editor.calendar_button, Qt.MouseButton.LeftButton)
    importer = editor.last_import
    assert importer is not None and importer.isVisible()
    with qtbot.waitSignal(importer.read_finished, timeout=20_000):
        pass
    assert importer.kind() is CalendarKind.TIME_OFF
    # Nothing has changed while the preview is open.
    assert dialog.contact().time_off == (HOLIDAY,)
    importer.extra_radio.setChecked(True)
    assert importer.kind() is CalendarKind.EXTRA_TIMES
    importer.time_off_radio.setChecked(True)
    added = importer.preview.count()
    assert added > 0
    with qtbot.waitSignal(importer.accepted):
        QTest.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    time_off = dialog.contact().time_off
    assert time_off[0] == HOLIDAY and len(time_off) == 1 + added
    assert all(p.source == "calendar:rota.ics" for p in time_off[1:])

    # Again: what the file added is replaced, the holiday typed by hand stays.
    again = opened(qtbot, editor, ROTA)
    assert f"replace the {added} added from rota.ics" in (again.summary_label.text())
    again.accept()
    assert dialog.contact().time_off == time_off
    # Undo takes the import back.
    editor.time_off_list.undo()
    editor.time_off_list.undo()
    assert dialog.contact().time_off == (HOLIDAY,)

    # Imported again as extra times: its time off goes and its extra times come, as one
    # step that Undo in either list takes back whole.
    as_extra = opened(qtbot, editor, ROTA)
    as_extra.time_off_radio.setChecked(True)
    as_extra.accept()
    switched = opened(qtbot, editor, ROTA)
    switched.extra_radio.setChecked(True)
    switched.accept()
    assert dialog.contact().time_off == (HOLIDAY,)
    assert len(dialog.contact().extra_times) > 0
    editor.extra_times_list.undo()
    assert dialog.contact().extra_times == ()
    assert dialog.contact().time_off == time_off
    dialog.reject()


def test_a_file_that_is_not_a_calendar_changes_nothing(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument
) -> None:
    bad = tmp_path / "notes.ics"
    bad.write_text("shopping list")
    dialog = make_dialog(qtbot, example_document.contacts[0])
    importer = opened(qtbot, dialog.time_off_editor, bad)
    assert "cannot be imported" in importer.summary_label.text()
    assert not importer.import_button.isEnabled()
    importer.reject()
    dialog.reject()


def test_every_new_control_has_a_name(qtbot: QtBot, example_document: PlanDocument) -> None:
    sam = dataclasses.replace(example_document.contacts[0], time_off=(HOLIDAY,))
    dialog = make_dialog(qtbot, sam)
    assert unnamed_controls(dialog.time_off_editor) == []
    for window in (TimeOffDialog(HOLIDAY, dialog), ExtraTimeDialog(None, dialog)):
        assert unnamed_controls(window) == []
    importer = opened(qtbot, dialog.time_off_editor, ROTA)
    assert unnamed_controls(importer) == []
    importer.reject()
    dialog.reject()


def test_a_time_the_clocks_skip_is_refused_with_a_sentence(
    qtbot: QtBot, example_document: PlanDocument
) -> None:
    # 01:30 on 28 Mar 2027 never shows on a London clock; the dialogs know the contact's
    # zone from the contact dialog and say so, in words, before anything is saved.
    dialog = make_dialog(qtbot, example_document.contacts[0])  # Europe/London
    time_off = dialog.time_off_editor.time_off_list
    period = time_off._add()
    assert isinstance(period, TimeOffDialog)
    period.has_start.setChecked(True)
    period.from_day.setDate(QDate(2027, 3, 27))
    period.to_day.setDate(QDate(2027, 3, 28))
    period.to_has_time.setChecked(True)
    period.to_time.setTime(QTime(1, 30))
    assert not period.ok_button.isEnabled()
    assert period.problem_label.text() == (
        "⚠ 01:30 on Sun 28 Mar 2027 does not exist in Europe/London: the clocks go forward "
        "then. Choose another time (02:30 is the same moment)."
    )
    # The dialog was already open: it grows so that the whole sentence shows.
    assert period.problem_label.isVisible()
    assert period.height() >= period.sizeHint().height()
    period.to_time.setTime(QTime(2, 30))
    assert period.ok_button.isEnabled()
    period.reject()
    extra = dialog.time_off_editor.extra_times_list._add()
    assert isinstance(extra, ExtraTimeDialog)
    extra.day_edit.setDate(QDate(2027, 3, 27))
    extra.start_edit.setTime(QTime(23, 0))
    extra.end_edit.setTime(QTime(1, 15))  # overnight into the skipped hour
    assert not extra.ok_button.isEnabled()
    assert "01:15 on Sun 28 Mar 2027 does not exist" in extra.problem_label.text()
    extra.accept()
    assert extra.result() != QDialog.DialogCode.Accepted
    extra.end_edit.setTime(QTime(3, 0))  # across the change: fine
    assert extra.ok_button.isEnabled()
    extra.reject()
    dialog.reject()


def _big_calendar(tmp_path: Path, shifts: int) -> Path:
    """A rota with `shifts` one-off shifts a few hours apart from 30 Nov 2026."""
    from tests.core.test_calendar_import import _shifts, _with_shifts

    path = tmp_path / "ward.ics"
    path.write_bytes(
        _with_shifts(_shifts(shifts, dt.datetime(2026, 11, 30, 9), dt.timedelta(hours=5)))
    )
    return path


def test_a_calendar_is_read_once_on_a_worker_with_progress(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplan.ui import time_off_editor

    readings: list[str] = []
    from crisisplan.core.calendar_import import parse_calendar as real

    def counted(*args: Any, **kwargs: Any) -> Any:
        readings.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(time_off_editor, "parse_calendar", counted)
    dialog = make_dialog(qtbot, example_document.contacts[0])
    importer = dialog.time_off_editor.open_calendar(_big_calendar(tmp_path, 400))
    assert importer is not None and importer.isVisible()
    # Back in the event loop at once: the reading goes on beside it, with a progress bar.
    assert importer.reading() and importer.progress.isVisibleTo(importer)
    assert not importer.import_button.isEnabled()
    with qtbot.waitSignal(importer.read_finished, timeout=20_000):
        pass
    assert readings == ["crisisplan-calendar"]  # not the GUI thread
    assert not importer.progress.isVisibleTo(importer)
    busy = importer.preview.count()
    importer.extra_radio.setChecked(True)
    free = importer.preview.count()
    importer.time_off_radio.setChecked(True)
    assert busy > 300 and free > busy - 10 and importer.preview.count() == busy
    assert len(readings) == 1  # switching busy/free reuses the one reading
    importer.reject()
    dialog.reject()


def test_cancel_stops_the_reading(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplan.core.calendar_import import CalendarCancelled
    from crisisplan.ui import time_off_editor

    stopped = threading.Event()

    def endless(*_args: Any, cancelled: Any, progress: Any, **_kwargs: Any) -> Any:
        while not cancelled():  # a reading that would go on for ever
            progress(0.3)
            time.sleep(0.005)
        stopped.set()
        raise CalendarCancelled

    monkeypatch.setattr(time_off_editor, "parse_calendar", endless)
    dialog = make_dialog(qtbot, example_document.contacts[0])
    before = dialog.contact()
    importer = dialog.time_off_editor.open_calendar(ROTA)
    assert importer is not None
    qtbot.waitUntil(lambda: importer.progress.value() == 30)
    cancel = importer.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(importer.read_finished, timeout=2_000):
        QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert stopped.is_set() and not importer.isVisible()
    assert dialog.contact() == before
    dialog.reject()


def test_an_extra_time_that_starts_when_it_ends_is_refused_with_a_sentence(
    qtbot: QtBot, example_document: PlanDocument
) -> None:
    dialog = make_dialog(qtbot, example_document.contacts[0])
    extra = dialog.time_off_editor.extra_times_list._add()
    assert isinstance(extra, ExtraTimeDialog)
    extra.start_edit.setTime(QTime(14, 0))
    extra.end_edit.setTime(QTime(14, 0))
    # Not silently 24 hours: a sentence, and OK waits until it is fixed.
    assert extra.problem_label.isVisible()
    assert "starts and ends at 14:00" in extra.problem_label.text()
    assert not extra.ok_button.isEnabled() and not extra.overnight_label.isVisible()
    extra.accept()
    assert extra.isVisible() and dialog.contact().extra_times == ()
    # A whole day is asked for in words.
    extra.all_day_check.setChecked(True)
    assert extra.ok_button.isEnabled() and not extra.start_edit.isEnabled()
    with qtbot.waitSignal(extra.accepted):
        QTest.mouseClick(extra.ok_button, Qt.MouseButton.LeftButton)
    (added,) = dialog.contact().extra_times
    assert (added.start, added.end) == (dt.time(), dt.time())
    # Editing it again shows All day ticked, and it saves unchanged.
    listed = dialog.time_off_editor.extra_times_list
    listed.list.setCurrentRow(0)
    again = listed._edit()
    assert isinstance(again, ExtraTimeDialog) and again.all_day_check.isChecked()
    assert again.ok_button.isEnabled()
    again.reject()
    dialog.reject()


def test_a_calendar_with_nothing_in_the_weeks_says_so_and_asks_before_removing(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument
) -> None:
    quiet = tmp_path / "rota.ics"  # the same file name, later: only June 2027 left
    text = ROTA.read_text()
    quiet.write_text(
        text.partition("BEGIN:VEVENT")[0] + text[text.index("BEGIN:VEVENT\nUID:late@") :]
    )
    dialog = make_dialog(qtbot, example_document.contacts[0])
    editor = dialog.time_off_editor
    nothing = opened(qtbot, editor, quiet)
    assert "rota.ics has no events in the next 12 weeks" in nothing.summary_label.text()
    assert "nothing to import" in nothing.summary_label.text().lower()
    assert not nothing.import_button.isEnabled()
    nothing.reject()
    full = opened(qtbot, editor, ROTA)
    full.accept()
    added = len(dialog.contact().time_off)
    assert added > 0
    empty = opened(qtbot, editor, quiet)
    summary = empty.summary_label.text()
    assert f"Importing it removes the {added} entries added from rota.ics before" in summary
    assert empty.import_button.text() == f"&Remove {added}" and empty.import_button.isEnabled()
    empty.accept()
    assert dialog.contact().time_off == ()
    editor.time_off_list.undo()
    assert len(dialog.contact().time_off) == added
    dialog.reject()


def _on_screen(widget: QWidget) -> bool:
    screen = widget.window().screen().availableGeometry()
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return screen.contains(QRect(top_left, widget.size()))


def test_the_dialogs_and_their_buttons_fit_a_small_screen(
    qtbot: QtBot, example_document: PlanDocument
) -> None:
    """Text three times its size (as at 200 % on a 1366×768 laptop, and more) and a long
    list of problems: the contact dialog, the time-off and extra-time dialogs opened from
    it and the calendar preview stay on the screen, their buttons in view."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * 3)
    app.setFont(big)
    try:
        no_days = tuple(Window((), dt.time(9), dt.time(17)) for _ in range(12))
        sam = dataclasses.replace(example_document.contacts[0], windows=no_days)
        dialog = make_dialog(qtbot, sam)
        assert "…and 8 more" in dialog.problems_label.text()
        assert _on_screen(dialog) and _on_screen(dialog.ok_button)
        editor = dialog.time_off_editor
        for opened_dialog in (
            editor.time_off_list._add(),
            editor.extra_times_list._add(),
            opened(qtbot, editor, ROTA),
        ):
            assert opened_dialog is not None and opened_dialog.isVisible()
            buttons = opened_dialog.findChild(QDialogButtonBox)
            assert buttons is not None and _on_screen(opened_dialog)
            assert all(_on_screen(button) for button in buttons.buttons())
            opened_dialog.reject()
        # A problem sentence that appears grows the dialog, but not past the screen.
        period = editor.time_off_list._add()
        assert isinstance(period, TimeOffDialog)
        period.to_day.setDate(QDate(2020, 1, 1))
        assert period.problem_label.isVisible()
        assert _on_screen(period) and _on_screen(period.ok_button)
        period.reject()
        dialog.reject()
    finally:
        app.setFont(normal)


def test_closing_the_person_dialog_stops_the_reading(
    qtbot: QtBot, example_document: PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplan.core.calendar_import import CalendarCancelled
    from crisisplan.ui import time_off_editor

    stopped = threading.Event()

    def endless(*_args: Any, cancelled: Any, **_kwargs: Any) -> Any:
        while not cancelled():
            time.sleep(0.005)
        stopped.set()
        raise CalendarCancelled

    monkeypatch.setattr(time_off_editor, "parse_calendar", endless)
    dialog = make_dialog(qtbot, example_document.contacts[0])
    importer = dialog.time_off_editor.open_calendar(ROTA)
    assert importer is not None and importer.reading()
    importer.deleteLater()  # as when the person dialog around it goes
    qtbot.waitUntil(stopped.is_set, timeout=2_000)
    dialog.reject()
