"""Time off and extra times for one contact: two lists with add, edit, delete and undo,
and the import of a supporter's calendar file (.ics) with a preview.

Both lists are in the contact's own time zone (the dialog around this editor picks it).
Each list keeps its own undo history while the contact dialog is open (Undo button and
Ctrl+Z), so a deleted holiday or a calendar import that went wrong comes back with one
press; saving the contact is then undone app-wide as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import zoneinfo
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QDate, QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.calendar_import import (
    CalendarCancelled,
    CalendarError,
    CalendarImport,
    CalendarKind,
    ParsedCalendar,
    apply_import,
    entries_from,
    parse_calendar,
    read_calendar_file,
    replaced_count,
    source_key,
)
from crisisplan.core.model import Contact, ExtraTime, TimeOff
from crisisplan.core.validation import LATEST_DATE, REASON_MAX
from crisisplan.core.wording import extra_time_text, short_date, time_off_text
from crisisplan.ui.screen_fit import body_scroll_area, fit_on_screen
from crisisplan.ui.unsaved import DiscardGuard
from crisisplan.ui.workers import run_in_background

_DATE_FORMAT = "ddd d MMM yyyy"


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


def _name_cancel(buttons: QDialogButtonBox) -> None:
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")


def _date_edit(name: str, value: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(_DATE_FORMAT)
    edit.setMaximumDate(_qdate(LATEST_DATE - dt.timedelta(days=1)))
    edit.setAccessibleName(name)
    return edit


def _time_edit(name: str, value: dt.time) -> QTimeEdit:
    edit = QTimeEdit(_qtime(value))
    edit.setDisplayFormat("HH:mm")
    edit.setWrapping(True)
    edit.setAccessibleName(name)
    edit.setAccessibleDescription("24-hour time, hours:minutes")
    return edit


def missing_time(day: dt.date, time: dt.time, zone_key: str | None) -> str | None:
    """A sentence when `time` on `day` never shows on a clock in the zone (the hour the
    clocks go forward), else None."""
    if not zone_key:
        return None
    try:
        zone = zoneinfo.ZoneInfo(zone_key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    wall = dt.datetime.combine(day, time)
    try:
        back = wall.replace(tzinfo=zone).astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    except (OverflowError, ValueError):
        return None
    if back == wall:
        return None
    return (
        f"{time:%H:%M} on {day:%a} {day.day} {day:%b %Y} does not exist in {zone_key}: the "
        f"clocks go forward then. Choose another time ({back:%H:%M} is the same moment)."
    )


class TimeOffDialog(QDialog):
    """Add or edit one period of time off: from (day, optional time), to (day, optional
    time), a short reason. Read `period()` once accepted."""

    def __init__(
        self, period: TimeOff | None, parent: QWidget | None = None, *, zone: str | None = None
    ) -> None:
        super().__init__(parent)
        self._zone_key = zone
        self.setWindowTitle("Edit time off" if period else "Add time off")
        self.setAccessibleName(self.windowTitle())
        today = dt.date.today()
        period = period or TimeOff(to_day=today + dt.timedelta(days=7), from_day=today)
        self._source = period.source
        outer = QVBoxLayout(self)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            "In their time zone. A day with no time means the whole day: 21 to 28 Dec "
            "includes all of 28 Dec."
        )
        hint.setWordWrap(True)
        form.addRow(hint)

        self.has_start = QCheckBox("Starts on a day (untick: away from now, until the end)")
        self.has_start.setAccessibleName("Time off starts on a day")
        self.from_day = _date_edit("Time off from: day", period.from_day or today)
        self.from_has_time = QCheckBox("at")
        self.from_has_time.setAccessibleName("Time off starts at a time of day")
        self.from_time = _time_edit("Time off from: time", period.from_time or dt.time(9))
        from_row = QHBoxLayout()
        for widget in (self.from_day, self.from_has_time, self.from_time):
            from_row.addWidget(widget)
        from_row.addStretch(1)
        form.addRow(self.has_start)
        from_label = QLabel("&From")
        from_label.setBuddy(self.from_day)
        form.addRow(from_label, from_row)

        self.to_day = _date_edit("Time off until: day", period.to_day)
        self.to_has_time = QCheckBox("at")
        self.to_has_time.setAccessibleName("Time off ends at a time of day")
        self.to_time = _time_edit("Time off until: time", period.to_time or dt.time(9))
        to_row = QHBoxLayout()
        for widget in (self.to_day, self.to_has_time, self.to_time):
            to_row.addWidget(widget)
        to_row.addStretch(1)
        to_label = QLabel("&Until")
        to_label.setBuddy(self.to_day)
        form.addRow(to_label, to_row)

        self.reason_edit = QLineEdit(period.reason)
        self.reason_edit.setMaxLength(REASON_MAX)
        self.reason_edit.setPlaceholderText("e.g. on holiday, night shifts")
        self.reason_edit.setAccessibleName("Reason, shown in the crisis view")
        reason_label = QLabel("&Reason (optional)")
        reason_label.setBuddy(self.reason_edit)
        form.addRow(reason_label, self.reason_edit)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem to fix before saving")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("Save this time off")
        _name_cancel(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(lambda: self.discard_guard.request_close())
        # The fields scroll on a small screen; the problem and the buttons stay in view.
        outer.addWidget(body_scroll_area(body), 1)
        outer.addWidget(self.problem_label)
        outer.addWidget(self.buttons)

        self.has_start.setChecked(period.from_day is not None)
        self.from_has_time.setChecked(period.from_time is not None)
        self.to_has_time.setChecked(period.to_time is not None)
        for box in (self.has_start, self.from_has_time, self.to_has_time):
            box.toggled.connect(self._update)
        for edit in (self.from_day, self.to_day):
            edit.dateChanged.connect(self._update)
        for time_edit in (self.from_time, self.to_time):
            time_edit.timeChanged.connect(self._update)
        self._update()
        as_loaded = self.period()
        self.discard_guard: DiscardGuard = DiscardGuard(
            self, lambda: self.period() != as_loaded, lambda: "this time off"
        )

    def period(self) -> TimeOff:
        started = self.has_start.isChecked()
        return TimeOff(
            to_day=_date(self.to_day.date()),
            to_time=_time(self.to_time.time()) if self.to_has_time.isChecked() else None,
            from_day=_date(self.from_day.date()) if started else None,
            from_time=(
                _time(self.from_time.time()) if started and self.from_has_time.isChecked() else None
            ),
            reason=" ".join(self.reason_edit.text().split()),
            source=self._source,
        )

    def problem(self) -> str | None:
        period = self.period()
        starts = period.starts()
        if starts is not None and period.ends() <= starts:
            return "The end is before the start: change one of them."
        ends = [(period.to_day, period.to_time)]
        for day, time in [(period.from_day, period.from_time), *ends]:
            if day is not None and time is not None:
                missing = missing_time(day, time, self._zone_key)
                if missing:
                    return missing
        return None

    def _update(self) -> None:
        started = self.has_start.isChecked()
        self.from_day.setEnabled(started)
        self.from_has_time.setEnabled(started)
        self.from_time.setEnabled(started and self.from_has_time.isChecked())
        self.to_time.setEnabled(self.to_has_time.isChecked())
        problem = self.problem()
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.problem_label.setVisible(problem is not None)
        self.ok_button.setEnabled(problem is None)
        if problem is not None and self.isVisible():
            self.adjustSize()  # the sentence appeared: grow so that none of it is cut off
            fit_on_screen(self)  # but never past the screen's edge

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        fit_on_screen(self)  # at 200 % on a small screen: buttons never below the edge

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()


class ExtraTimeDialog(QDialog):
    """Add or edit one extra time: a day, from, to (an end at or before the start runs
    into the next day). Read `extra_time()` once accepted."""

    def __init__(
        self, extra: ExtraTime | None, parent: QWidget | None = None, *, zone: str | None = None
    ) -> None:
        super().__init__(parent)
        self._zone_key = zone
        self.setWindowTitle("Edit an extra time" if extra else "Add an extra time")
        self.setAccessibleName(self.windowTitle())
        extra = extra or ExtraTime(dt.date.today(), dt.time(14), dt.time(18))
        self._source = extra.source
        outer = QVBoxLayout(self)
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("A one-off time they can be reached, in their time zone.")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.day_edit = _date_edit("Extra time: day", extra.day)
        self.start_edit = _time_edit("Extra time: from", extra.start)
        self.end_edit = _time_edit("Extra time: to", extra.end)
        self.overnight_label = QLabel("(ends next day)")
        for text, widget in (("&Day", self.day_edit), ("&From", self.start_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        to_row = QHBoxLayout()
        to_row.addWidget(self.end_edit)
        to_row.addWidget(self.overnight_label)
        to_row.addStretch(1)
        to_label = QLabel("&To")
        to_label.setBuddy(self.end_edit)
        form.addRow(to_label, to_row)
        # A whole day is said in so many words: a start equal to the end is refused,
        # never silently taken as 24 hours.
        self.all_day_check = QCheckBox("&All day (from 00:00 to 00:00 the next day)")
        self.all_day_check.setAccessibleName("Extra time lasts the whole day")
        self.all_day_check.setChecked(extra.start == extra.end == dt.time())
        form.addRow(self.all_day_check)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem to fix before saving")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = ok
        ok.setAccessibleName("Save this extra time")
        _name_cancel(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(lambda: self.discard_guard.request_close())
        self.buttons = buttons
        # The fields scroll on a small screen; the problem and the buttons stay in view.
        outer.addWidget(body_scroll_area(body), 1)
        outer.addWidget(self.problem_label)
        outer.addWidget(buttons)
        self.start_edit.timeChanged.connect(self._update)
        self.end_edit.timeChanged.connect(self._update)
        self.day_edit.dateChanged.connect(self._update)
        self.all_day_check.toggled.connect(self._update)
        self._update()
        as_loaded = self.extra_time()
        self.discard_guard: DiscardGuard = DiscardGuard(
            self, lambda: self.extra_time() != as_loaded, lambda: "this extra time"
        )

    def extra_time(self) -> ExtraTime:
        if self.all_day_check.isChecked():
            return ExtraTime(_date(self.day_edit.date()), dt.time(), dt.time(), self._source)
        return ExtraTime(
            _date(self.day_edit.date()),
            _time(self.start_edit.time()),
            _time(self.end_edit.time()),
            self._source,
        )

    def problem(self) -> str | None:
        extra = self.extra_time()
        if extra.start == extra.end and not self.all_day_check.isChecked():
            return (
                f"It starts and ends at {extra.start:%H:%M}: choose when it ends (an end "
                "before the start is on the next day), or tick All day."
            )
        end_day = extra.day + dt.timedelta(days=1) if extra.end <= extra.start else extra.day
        return missing_time(extra.day, extra.start, self._zone_key) or missing_time(
            end_day, extra.end, self._zone_key
        )

    def _update(self) -> None:
        extra = self.extra_time()
        whole_day = self.all_day_check.isChecked()
        self.start_edit.setEnabled(not whole_day)
        self.end_edit.setEnabled(not whole_day)
        self.overnight_label.setVisible(extra.end < extra.start)
        problem = self.problem()
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.problem_label.setVisible(problem is not None)
        self.ok_button.setEnabled(problem is None)
        if problem is not None and self.isVisible():
            self.adjustSize()  # the sentence appeared: grow so that none of it is cut off
            fit_on_screen(self)  # but never past the screen's edge

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        fit_on_screen(self)  # at 200 % on a small screen: buttons never below the edge

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()


class CalendarImportDialog(QDialog):
    """Preview what a calendar file adds to one contact, before anything changes.

    The file is read once, on a worker thread (a big file takes seconds), with a progress
    bar; Cancel stops the reading within a fraction of a second. The person then picks
    whether its events are time off (busy) or extra times (free), which reuses that one
    reading; the preview lists every entry in words and says what it replaces.
    `result_contact()` is the contact with the import applied, once accepted.

    Signals:
        read_finished(): the reading ended (read, refused, or stopped).
    """

    read_finished = Signal()

    def __init__(
        self, contact: Contact, path: Path, data: bytes, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # No names in window titles: they show in task bars and screen sharing.
        self.setWindowTitle("Import a calendar file")
        self.setAccessibleName(self.windowTitle())
        self._contact = contact
        self._path = path
        self._data = data
        self.parsed: ParsedCalendar | None = None
        self.imported: CalendarImport | None = None
        self.future: Future[ParsedCalendar] | None = None
        self._stop = threading.Event()
        self._share = [0.0]  # written by the worker (plain Python, never Qt), read by a timer
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{path.name}: its events in the next 12 weeks, repeating ones included, "
            f"for {contact.name}, in their time zone ({contact.time_zone})."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        kind_box = QGroupBox("These events are")
        kind_layout = QVBoxLayout(kind_box)
        self.time_off_radio = QRadioButton("&Busy: time off (e.g. shifts, holidays)")
        self.extra_radio = QRadioButton("&Free: extra times they can be reached")
        self.time_off_radio.setAccessibleName("The events are busy times: time off")
        self.extra_radio.setAccessibleName("The events are free times: extra times")
        self.time_off_radio.setChecked(True)
        kind_layout.addWidget(self.time_off_radio)
        kind_layout.addWidget(self.extra_radio)
        layout.addWidget(kind_box)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(f"Reading {path.name}")
        layout.addWidget(self.progress)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.preview = QListWidget()
        self.preview.setAccessibleName("What the calendar file adds")
        layout.addWidget(self.preview, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setAccessibleName("Import these entries")
        _name_cancel(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.time_off_radio.toggled.connect(self._show)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._collect)
        stop = self._stop
        self.finished.connect(lambda _result: stop.set())
        # Closed with the person dialog around it (no Cancel): the reading stops too.
        self.destroyed.connect(lambda *_args: stop.set())
        self.resize(560, 480)
        self._start()

    def kind(self) -> CalendarKind:
        return (
            CalendarKind.TIME_OFF if self.time_off_radio.isChecked() else (CalendarKind.EXTRA_TIMES)
        )

    def reading(self) -> bool:
        return self.future is not None

    def result_contact(self) -> Contact:
        assert self.imported is not None
        return apply_import(self._contact, self.imported)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        fit_on_screen(self)  # at 200 % on a small screen: buttons never below the edge

    def accept(self) -> None:
        if self.imported is not None:
            super().accept()

    def _start(self) -> None:
        """Read the file on a worker thread; the window keeps answering meanwhile."""
        source = source_key(self._path)
        data, zone_key = self._data, self._contact.time_zone
        today = dt.datetime.now(_zone(zone_key)).date()

        shared = self._share

        def told(share: float) -> None:
            shared[0] = share

        def work() -> ParsedCalendar:
            return parse_calendar(
                data, source=source, time_zone=zone_key, today=today,
                progress=told, cancelled=self._stop.is_set,
            )  # fmt: skip

        self.summary_label.setText(f"Reading {self._path.name}…")
        self.import_button.setEnabled(False)
        self.future = run_in_background(work, "crisisplan-calendar")
        self._timer.start()

    def _collect(self) -> None:
        future = self.future
        if future is None:
            return
        self.progress.setValue(round(self._share[0] * 100))
        if not future.done():
            return
        self._timer.stop()
        self.future = None
        self.progress.hide()
        error = future.exception()
        if isinstance(error, CalendarCancelled):
            pass
        elif isinstance(error, CalendarError | ValueError):
            self.summary_label.setText(f"⚠ This file cannot be imported: {error}. Nothing changed.")
        elif error is not None:
            self.read_finished.emit()
            raise error
        else:
            self.parsed = future.result()
            self._show()
        self.read_finished.emit()

    def _show(self) -> None:
        """The preview for busy or free, from the one reading (quick)."""
        self.preview.clear()
        if self.parsed is None:
            return
        self.imported = entries_from(self.parsed, self.kind())
        lines = self.imported.lines()
        self.preview.addItems(lines or ["(no events in the next 12 weeks)"])
        first, last = self.imported.first_day, self.imported.last_day
        weeks = f"from {short_date(first)} to {short_date(last)} {last.year}"
        before = replaced_count(self._contact, self.imported.source)
        if self.imported.count:
            parts = [
                f"{self.imported.count} {'entry' if self.imported.count == 1 else 'entries'} "
                f"{weeks}."
            ]
            if before:
                parts.append(f"They replace the {before} added from {self._path.name} before.")
        else:
            parts = [f"{self._path.name} has no events in the next 12 weeks ({weeks})."]
            if before:
                parts.append(
                    f"Importing it removes the {before} "
                    f"{'entry' if before == 1 else 'entries'} added from {self._path.name} "
                    "before; Cancel keeps them."
                )
            else:
                parts.append("There is nothing to import.")
        if self.imported.skipped:
            parts.append(f"{self.imported.skipped} cancelled or free events are left out.")
        self.summary_label.setText(" ".join(parts))
        if self.imported.count or not before:
            self.import_button.setText("&Import")
            self.import_button.setAccessibleName("Import these entries")
        else:
            self.import_button.setText(f"&Remove {before}")
            self.import_button.setAccessibleName(
                f"Remove the {before} entries added from this file before"
            )
        self.import_button.setEnabled(bool(self.imported.count) or bool(before))


def _zone(key: str) -> dt.tzinfo:
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return dt.UTC


class _KeyedList(QListWidget):
    """A list where Ctrl+Z undoes the last change and Delete deletes the selected entry
    (handled here, not as window shortcuts, so they work wherever the list has focus)."""

    def __init__(self, undo: Callable[[], None], delete: Callable[[], None]) -> None:
        super().__init__()
        self._undo = undo
        self._delete = delete

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Undo):
            self._undo()
        elif event.matches(QKeySequence.StandardKey.Delete):
            self._delete()
        else:
            super().keyPressEvent(event)


class _EntryList(QGroupBox):
    """A list of entries in words, with Add, Edit, Delete and Undo.

    Signals:
        changed(): an entry was added, edited, deleted, or a change undone.
    """

    changed = Signal()

    def __init__(
        self,
        title: str,
        what: str,
        empty: str,
        describe: Callable[[object], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self._what = what
        self._describe = describe
        self._entries: list[object] = []
        # Earlier states, newest last, each with the step it belongs to: a calendar import
        # that changes both lists is one step, undone from either list.
        self._history: list[tuple[list[object], int | None]] = []
        self.partner: _EntryList | None = None
        self.last_dialog: QDialog | None = None
        # The contact's time zone now, for the dialogs to refuse times that never happen.
        self.zone_key: Callable[[], str | None] = lambda: None
        layout = QVBoxLayout(self)
        self.empty_label = QLabel(empty)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.list = _KeyedList(self.undo, self._delete)
        self.list.setAccessibleName(title)
        # About five entries high; it scrolls beyond that, so the dialog stays compact.
        rows = self.list.fontMetrics().lineSpacing() * 5 + 2 * self.list.frameWidth() + 8
        self.list.setMaximumHeight(rows)
        self.list.itemActivated.connect(lambda _item: self._edit())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete")
        self.undo_button = QPushButton("Undo")
        for button, name in (
            (self.add_button, f"Add {what}"),
            (self.edit_button, f"Edit the selected {what}"),
            (self.delete_button, f"Delete the selected {what}"),
            (self.undo_button, f"Undo the last change to {title.lower()}"),
        ):
            button.setAccessibleName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit)
        self.delete_button.clicked.connect(self._delete)
        self.undo_button.clicked.connect(self.undo)
        self._refresh()

    # Subclasses make their own dialog for one entry, and read its value.
    def _make_dialog(self, entry: object | None) -> QDialog:
        raise NotImplementedError

    def _value(self, dialog: QDialog) -> object:
        raise NotImplementedError

    def entries(self) -> list[object]:
        return list(self._entries)

    def set_entries(self, entries: list[object]) -> None:
        """Replace the list without an undo step (loading a contact)."""
        self._entries = list(entries)
        self._history.clear()
        self._refresh()

    def change_entries(self, entries: list[object], step: int | None = None) -> None:
        """Replace the list as one undoable change (a calendar import); changes sharing
        a `step` number with the partner list are undone together."""
        self._history.append((list(self._entries), step))
        self._entries = list(entries)
        self._refresh()
        self.changed.emit()

    def add_entry(self, entry: object) -> None:
        self.change_entries([*self._entries, entry])
        self.list.setCurrentRow(len(self._entries) - 1)

    def replace_entry(self, row: int, entry: object) -> None:
        entries = list(self._entries)
        entries[row] = entry
        self.change_entries(entries)
        self.list.setCurrentRow(row)

    def delete_entry(self, row: int) -> None:
        entries = list(self._entries)
        del entries[row]
        self.change_entries(entries)
        if entries:
            self.list.setCurrentRow(min(row, len(entries) - 1))

    def undo(self) -> None:
        if not self._history:
            return
        self._entries, step = self._history.pop()
        self._refresh()
        partner = self.partner
        if (
            step is not None
            and partner is not None
            and partner._history
            and partner._history[-1][1] == step
        ):
            partner._entries = partner._history.pop()[0]
            partner._refresh()
        self.changed.emit()

    def _add(self) -> QDialog:
        """Open the entry dialog, non-blocking; the entry is added when it is accepted."""
        dialog = self._make_dialog(None)
        dialog.accepted.connect(lambda: self.add_entry(self._value(dialog)))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _edit(self) -> QDialog | None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._entries):
            return None
        old = self._entries[row]
        dialog = self._make_dialog(old)

        def save() -> None:
            new = self._value(dialog)
            if new != old:
                self.replace_entry(row, new)

        dialog.accepted.connect(save)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._entries):
            self.delete_entry(row)

    def _refresh(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for entry in self._entries:
            text = self._describe(entry)
            source = getattr(entry, "source", "")
            if source:
                text += f"  (from {source.removeprefix('calendar:')})"
            self.list.addItem(text)
        if self._entries:
            self.list.setCurrentRow(max(0, min(row, len(self._entries) - 1)))
        self._update()

    def _update(self) -> None:
        selected = 0 <= self.list.currentRow() < len(self._entries)
        self.empty_label.setVisible(not self._entries)
        self.list.setVisible(bool(self._entries))
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.undo_button.setEnabled(bool(self._history))


class TimeOffList(_EntryList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Time off",
            "time off",
            "No time off. Add holidays or shifts when they cannot be reached.",
            lambda entry: time_off_text(entry, dt.date.today()),  # type: ignore[arg-type]
            parent,
        )

    def _make_dialog(self, entry: object | None) -> QDialog:
        return TimeOffDialog(
            entry if isinstance(entry, TimeOff) else None, self, zone=self.zone_key()
        )

    def _value(self, dialog: QDialog) -> object:
        assert isinstance(dialog, TimeOffDialog)
        return dialog.period()


class ExtraTimesList(_EntryList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Extra times",
            "extra time",
            "No extra times. Add one-off times they can be reached outside their weekly times.",
            lambda entry: extra_time_text(entry, dt.date.today()),  # type: ignore[arg-type]
            parent,
        )

    def _make_dialog(self, entry: object | None) -> QDialog:
        return ExtraTimeDialog(
            entry if isinstance(entry, ExtraTime) else None, self, zone=self.zone_key()
        )

    def _value(self, dialog: QDialog) -> object:
        assert isinstance(dialog, ExtraTimeDialog)
        return dialog.extra_time()


class TimeOffEditor(QWidget):
    """Time off and extra times, and the calendar import that fills either.

    `contact_now` gives the contact as the surrounding dialog shows it (name and zone
    matter for the import).

    Signals:
        changed(): either list changed.
    """

    changed = Signal()

    def __init__(self, contact_now: Callable[[], Contact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._contact_now = contact_now
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.time_off_list = TimeOffList()
        self.extra_times_list = ExtraTimesList()
        layout.addWidget(self.time_off_list)
        layout.addWidget(self.extra_times_list)
        self.calendar_button = QPushButton("Import a &calendar file (.ics)…")
        self.calendar_button.setAccessibleName("Import a calendar file as time off or extra times")
        self.calendar_button.clicked.connect(self._choose_calendar)
        self.calendar_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.calendar_button)
        self.calendar_problem = QLabel()
        self.calendar_problem.setWordWrap(True)
        self.calendar_problem.hide()
        layout.addWidget(self.calendar_problem)
        for entry_list in (self.time_off_list, self.extra_times_list):
            entry_list.zone_key = lambda: self._contact_now().time_zone
        self.time_off_list.partner = self.extra_times_list
        self.extra_times_list.partner = self.time_off_list
        self._steps = 0
        self.time_off_list.changed.connect(self.changed)
        self.extra_times_list.changed.connect(self.changed)
        # Tests and the screenshot script replace this to avoid a native file dialog.
        self.choose_file: Callable[[], str] = self._file_dialog
        self.last_import: CalendarImportDialog | None = None

    def time_off(self) -> tuple[TimeOff, ...]:
        return tuple(e for e in self.time_off_list.entries() if isinstance(e, TimeOff))

    def extra_times(self) -> tuple[ExtraTime, ...]:
        return tuple(e for e in self.extra_times_list.entries() if isinstance(e, ExtraTime))

    def set_values(self, time_off: tuple[TimeOff, ...], extra_times: tuple[ExtraTime, ...]) -> None:
        self.time_off_list.set_entries(list(time_off))
        self.extra_times_list.set_entries(list(extra_times))

    def open_calendar(self, path: Path) -> CalendarImportDialog | None:
        """Show the preview for a calendar file, non-blocking; None if it cannot be read."""
        try:
            data = read_calendar_file(path)
        except CalendarError as error:
            self.calendar_problem.setText(f"⚠ {path.name} cannot be imported: {error}.")
            self.calendar_problem.show()
            return None
        self.calendar_problem.hide()
        contact = dataclasses.replace(
            self._contact_now(), time_off=self.time_off(), extra_times=self.extra_times()
        )
        dialog = CalendarImportDialog(contact, path, data, self)
        dialog.accepted.connect(lambda: self._apply(dialog))
        dialog.open()
        self.last_import = dialog
        return dialog

    def _apply(self, dialog: CalendarImportDialog) -> None:
        updated = dialog.result_contact()
        self._steps += 1  # one undo step, whichever lists the import changes
        if list(updated.time_off) != self.time_off_list.entries():
            self.time_off_list.change_entries(list(updated.time_off), self._steps)
        if list(updated.extra_times) != self.extra_times_list.entries():
            self.extra_times_list.change_entries(list(updated.extra_times), self._steps)

    def _choose_calendar(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.open_calendar(Path(chosen))

    def _file_dialog(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a calendar file", str(Path.home()), "Calendar files (*.ics)"
        )
        return path
