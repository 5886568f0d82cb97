"""The weekly times a person can be reached: rows of days × start × end × how often.

Windows are in the contact's own time zone (the dialog around this editor picks it).
An end at or before the start runs overnight into the next day, as `Window` defines;
each row says so live ("ends next day") so 22:00–02:00 is never a surprise. Each row can
be a rota ("every other week from the week of 7 Dec") or tied to a weekday of the month
("first Wednesday of the month"), chosen in its "Repeats" box.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.model import LAST_WEEK_OF_MONTH, WEEKDAYS, Weekday, Window, week_monday

DAY_NAMES: dict[Weekday, str] = {
    Weekday.MON: "Monday",
    Weekday.TUE: "Tuesday",
    Weekday.WED: "Wednesday",
    Weekday.THU: "Thursday",
    Weekday.FRI: "Friday",
    Weekday.SAT: "Saturday",
    Weekday.SUN: "Sunday",
}
WORKING_DAYS = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
NEW_WINDOW = Window(WORKING_DAYS, dt.time(9, 0), dt.time(17, 0))
# The "Repeats" choices: (label, every_weeks, week_of_month).
REPEATS: tuple[tuple[str, int, int | None], ...] = (
    ("Every week", 1, None),
    ("Every other week", 2, None),
    ("Every 3 weeks", 3, None),
    ("Every 4 weeks", 4, None),
    ("First of the month (on these days)", 1, 1),
    ("Second of the month", 1, 2),
    ("Third of the month", 1, 3),
    ("Fourth of the month", 1, 4),
    ("Last of the month", 1, LAST_WEEK_OF_MONTH),
)


def insert_in_tab_order(widgets: list[QWidget], before: QWidget) -> None:
    """Put `widgets`, in order, just before `before` in the Tab order.

    Qt appends a widget created after its window to the end of the Tab chain (after the
    OK button); rows added later must be moved to where they appear on screen.
    """
    previous: QWidget | None = before.previousInFocusChain()
    while (
        previous is not None
        and previous is not before
        and previous.focusPolicy() == Qt.FocusPolicy.NoFocus
    ):
        previous = previous.previousInFocusChain()
    if previous is None or previous is before:
        return
    for widget in widgets:
        QWidget.setTabOrder(previous, widget)
        previous = widget


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class WindowRow(QFrame):
    """One window: seven day boxes, from, to, "ends next day", remove.

    Signals:
        changed(): any day or time changed.
        removeRequested(): the Remove button was pressed.
    """

    changed = Signal()
    removeRequested = Signal()

    def __init__(self, window: Window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)

        days_row = QHBoxLayout()
        days_label = QLabel("Days:")
        days_row.addWidget(days_label)
        self.day_boxes: dict[Weekday, QCheckBox] = {}
        for day in WEEKDAYS:
            box = QCheckBox(day.value.capitalize())
            box.setChecked(day in window.days)
            box.toggled.connect(self._on_changed)
            self.day_boxes[day] = box
            days_row.addWidget(box)
        days_row.addStretch(1)
        layout.addLayout(days_row)

        times_row = QHBoxLayout()
        from_label = QLabel("From")
        self.start_edit = self._time_edit(window.start)
        from_label.setBuddy(self.start_edit)
        to_label = QLabel("to")
        self.end_edit = self._time_edit(window.end)
        to_label.setBuddy(self.end_edit)
        # Plain words, not colour: the row says it runs overnight.
        self.overnight_label = QLabel("(ends next day)")
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.removeRequested)
        for widget in (from_label, self.start_edit, to_label, self.end_edit):
            times_row.addWidget(widget)
        times_row.addWidget(self.overnight_label)
        times_row.addStretch(1)
        times_row.addWidget(self.remove_button)
        layout.addLayout(times_row)

        repeats_row = QHBoxLayout()
        repeats_label = QLabel("Repeats")
        self.repeats_combo = QComboBox()
        for label, _every_weeks, _week_of_month in REPEATS:
            self.repeats_combo.addItem(label)
        repeats_label.setBuddy(self.repeats_combo)
        self.from_week_label = QLabel("from the week of")
        self.from_week_edit = QDateEdit()
        self.from_week_edit.setCalendarPopup(True)
        self.from_week_edit.setDisplayFormat("ddd d MMM yyyy")
        self.from_week_edit.setAccessibleDescription(
            "Any day of a week this rota is on; weeks run Monday to Sunday"
        )
        self.from_week_label.setBuddy(self.from_week_edit)
        anchor = window.from_week or week_monday(dt.date.today())
        self.from_week_edit.setDate(QDate(anchor.year, anchor.month, anchor.day))
        choice = (window.every_weeks, window.week_of_month)
        index = next((i for i, r in enumerate(REPEATS) if r[1:] == choice), 0)
        self.repeats_combo.setCurrentIndex(index)
        self.repeats_combo.currentIndexChanged.connect(self._on_changed)
        self.from_week_edit.dateChanged.connect(self._on_changed)
        repeat_widgets: tuple[QWidget, ...] = (
            repeats_label,
            self.repeats_combo,
            self.from_week_label,
            self.from_week_edit,
        )
        for repeat_widget in repeat_widgets:
            repeats_row.addWidget(repeat_widget)
        repeats_row.addStretch(1)
        layout.addLayout(repeats_row)

        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        self.set_number(1)
        self._update_hints()

    def _time_edit(self, value: dt.time) -> QTimeEdit:
        edit = QTimeEdit(_qtime(value))
        edit.setDisplayFormat("HH:mm")
        edit.setWrapping(True)
        edit.setAccessibleDescription("24-hour time, hours:minutes")
        edit.timeChanged.connect(self._on_changed)
        return edit

    def set_number(self, number: int) -> None:
        """Name every control after the row's place, for screen readers ("time window 2")."""
        where = f"time window {number}"
        self.setAccessibleName(f"Time window {number}")
        for day, box in self.day_boxes.items():
            box.setAccessibleName(f"{DAY_NAMES[day]}, {where}")
        self.start_edit.setAccessibleName(f"Starts at, {where}")
        self.end_edit.setAccessibleName(f"Ends at, {where}")
        self.remove_button.setAccessibleName(f"Remove {where}")
        self.repeats_combo.setAccessibleName(f"Repeats, {where}")
        self.from_week_edit.setAccessibleName(f"Rota from the week of, {where}")

    def focusable_widgets(self) -> list[QWidget]:
        """The row's controls in on-screen order."""
        return [
            *self.day_boxes.values(),
            self.start_edit,
            self.end_edit,
            self.remove_button,
            self.repeats_combo,
            self.from_week_edit,
        ]

    def to_window(self) -> Window:
        days = tuple(day for day, box in self.day_boxes.items() if box.isChecked())
        _, every_weeks, week_of_month = REPEATS[max(0, self.repeats_combo.currentIndex())]
        from_week = None
        if every_weeks > 1:
            date = self.from_week_edit.date()
            from_week = dt.date(date.year(), date.month(), date.day())
        return Window(
            days,
            _time(self.start_edit.time()),
            _time(self.end_edit.time()),
            every_weeks=every_weeks,
            from_week=from_week,
            week_of_month=week_of_month,
        )

    def problem(self) -> str | None:
        return None if self.to_window().days else "Tick at least one day."

    def _on_changed(self) -> None:
        self._update_hints()
        self.changed.emit()

    def _update_hints(self) -> None:
        window = self.to_window()
        self.overnight_label.setVisible(window.overnight)
        rota = window.every_weeks > 1
        self.from_week_label.setVisible(rota)
        self.from_week_edit.setVisible(rota)
        problem = self.problem()
        self.problem_label.setText(f"⚠ {problem}" if problem else "")
        self.problem_label.setVisible(problem is not None)


class AvailabilityEditor(QWidget):
    """Edit a contact's weekly windows.

    Signals:
        changed(): a window was added, removed or edited.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Weekly times they can be reached")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(
            "Times are in their time zone. An end at or before the start runs overnight: "
            "22:00 to 02:00 ends at 2 in the morning of the next day."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.empty_label = QLabel("No times yet: add a time window, or choose always available.")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self._rows_layout = QVBoxLayout()
        layout.addLayout(self._rows_layout)
        self.add_button = QPushButton("Add a time window")
        self.add_button.setAccessibleName("Add a time window")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self._add_clicked)
        layout.addWidget(self.add_button)
        self.rows: list[WindowRow] = []
        self._update_empty()

    def windows(self) -> tuple[Window, ...]:
        return tuple(row.to_window() for row in self.rows)

    def set_windows(self, windows: tuple[Window, ...] | list[Window]) -> None:
        for row in list(self.rows):
            self._remove(row, notify=False)
        for window in windows:
            self._append(window)
        self._update_empty()
        self.changed.emit()

    def add_window(self, window: Window = NEW_WINDOW) -> WindowRow:
        row = self._append(window)
        self._update_empty()
        self.changed.emit()
        return row

    def remove_window(self, index: int) -> None:
        self._remove(self.rows[index], notify=True)

    def problems(self) -> list[str]:
        """One sentence per row that cannot be saved ("Time window 2: tick at least one day.")."""
        return [
            f"Time window {number}: {problem[0].lower()}{problem[1:]}"
            for number, row in enumerate(self.rows, start=1)
            if (problem := row.problem())
        ]

    def _add_clicked(self) -> None:
        row = self.add_window()
        row.day_boxes[Weekday.MON].setFocus()

    def _append(self, window: Window) -> WindowRow:
        row = WindowRow(window, self)
        row.changed.connect(self.changed)
        row.removeRequested.connect(lambda: self._remove(row, notify=True))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.set_number(len(self.rows))
        insert_in_tab_order(row.focusable_widgets(), self.add_button)
        if self.isVisible():
            row.show()
        return row

    def _remove(self, row: WindowRow, *, notify: bool) -> None:
        index = self.rows.index(row)
        focused = QApplication.focusWidget()
        had_focus = focused is not None and row.isAncestorOf(focused)
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        for number, remaining in enumerate(self.rows, start=1):
            remaining.set_number(number)
        if had_focus:
            # Keep the keyboard user in the editor instead of dropping focus to the window.
            if self.rows:
                self.rows[min(index, len(self.rows) - 1)].remove_button.setFocus()
            else:
                self.add_button.setFocus()
        if notify:
            self._update_empty()
            self.changed.emit()

    def _update_empty(self) -> None:
        self.empty_label.setVisible(not self.rows)
