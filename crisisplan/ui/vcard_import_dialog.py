"""Add people from a vCard (.vcf) file: choose a file, check who was found, add them.

Nothing is added until the person presses "Add N people"; then the chosen people go to
the end of the list (lowest priority) in one undoable step, in the group chosen here,
not marked as agreed. Every problem the reader found is shown beside its card.

The file is read and parsed on a worker (`ui/workers.BackgroundTask`) with a progress bar
and a "Stop reading" button, so a large or hostile address book never freezes the window.

Signals (on `VCardImportDialog`):
    loaded(): the file was read (or refused, or reading was stopped) and is shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.files import UnreadableFile
from crisisplan.core.model import GROUP_LABELS, Contact, Group
from crisisplan.core.validation import CONTACTS_MAX
from crisisplan.core.vcard import VCardCancelled, VCardResult, parse_vcards, read_vcard_file
from crisisplan.core.wording import describe_method
from crisisplan.ui.contact_dialog import default_time_zone
from crisisplan.ui.session import Session
from crisisplan.ui.workers import BackgroundTask


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count:,} people"


class VCardImportDialog(QDialog):
    """Preview the people in a .vcf file and add the chosen ones (shown with `open()`)."""

    loaded = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._result = VCardResult()
        self.task: BackgroundTask | None = None
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle("Import people from a vCard file")
        self.setAccessibleName(self.windowTitle())
        self._build()
        self._update()
        self.resize(640, 520)
        screen = self.screen()
        if screen is not None:  # at 200 % on a small screen, keep Add and Cancel in view
            room = screen.availableGeometry()
            self.resize(min(640, room.width() - 40), min(520, room.height() - 60))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Most phones and email programs can export contacts as a vCard file (.vcf). "
            "Choose one, then tick the people to add. Nothing is added until you press Add."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        file_row = QHBoxLayout()
        self.choose_button = QPushButton("&Choose a file…")
        self.choose_button.setAccessibleName("Choose a vCard file")
        self.file_label = QLabel("No file chosen.")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        layout.addLayout(file_row)

        reading_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Reading the file")
        self.stop_button = QPushButton("&Stop reading")
        self.stop_button.setAccessibleName("Stop reading the file")
        reading_row.addWidget(self.progress, 1)
        reading_row.addWidget(self.stop_button)
        layout.addLayout(reading_row)
        self.progress.hide()
        self.stop_button.hide()

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setAccessibleName("What was found in the file")
        layout.addWidget(self.message_label)

        self.people_list = QListWidget()
        self.people_list.setAccessibleName("People found: tick the ones to add")
        self.people_list.setWordWrap(True)
        self.people_list.setAlternatingRowColors(True)
        layout.addWidget(self.people_list, 1)

        selection_row = QHBoxLayout()
        self.all_button = QPushButton("Tick &all")
        self.all_button.setAccessibleName("Tick everyone")
        self.none_button = QPushButton("Tick &none")
        self.none_button.setAccessibleName("Untick everyone")
        group_label = QLabel("Add them as:")
        self.group_combo = QComboBox()
        for group, label in GROUP_LABELS.items():
            self.group_combo.addItem(label, group.value)
        self.group_combo.setCurrentIndex(self.group_combo.findData(Group.FRIEND.value))
        self.group_combo.setAccessibleName("Group for the people added")
        group_label.setBuddy(self.group_combo)
        selection_row.addWidget(self.all_button)
        selection_row.addWidget(self.none_button)
        selection_row.addStretch(1)
        selection_row.addWidget(group_label)
        selection_row.addWidget(self.group_combo)
        layout.addLayout(selection_row)

        hint = QLabel(
            "They go to the end of your list, not yet marked as agreed. Ask them, then "
            "add their hours and a ready message."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.button_box.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.button_box.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        layout.addWidget(self.button_box)

        self.choose_button.clicked.connect(self.choose_file)
        self.stop_button.clicked.connect(self.stop_reading)
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.people_list.itemChanged.connect(self._update)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)

    # --- choosing and reading a file ----------------------------------------------------

    def choose_file(self) -> QFileDialog:
        """Open a file chooser (non-blocking); the chosen file is read when picked."""
        chooser = QFileDialog(self, "Choose a vCard file", QDir.homePath())
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilters(["vCard files (*.vcf *.vcard)", "All files (*)"])
        chooser.fileSelected.connect(lambda name: self.load_file(Path(name)))
        chooser.finished.connect(chooser.deleteLater)
        self.file_dialog = chooser
        chooser.open()
        return chooser

    def load_file(self, path: Path) -> None:
        """Read `path` on a worker and show who is in it; a problem is shown, not raised.

        A device, a named pipe or a file over 64 MB is refused before anything is read.
        """
        self.file_label.setText(path.name)
        self._start(lambda: read_vcard_file(path))

    def load_bytes(self, data: bytes) -> None:
        self._start(lambda: data)

    def is_reading(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _start(self, read: Callable[[], bytes]) -> None:
        self.stop_reading(quietly=True)
        region = self._session.document.region
        zone = default_time_zone(region)

        def work(task: BackgroundTask) -> VCardResult:
            data = read()
            return parse_vcards(
                data, region, time_zone=zone, progress=task.report, cancelled=task.cancelled.is_set
            )

        task = BackgroundTask(work, self)
        task.progress.connect(self.progress.setValue)
        task.done.connect(self._read)
        task.error.connect(self._failed)
        self.task = task
        self.progress.setValue(0)
        self.progress.show()
        self.stop_button.show()
        self.choose_button.setEnabled(False)
        self.message_label.setText("Reading the file…")
        task.start()

    def stop_reading(self, *, quietly: bool = False) -> None:
        """Stop a file being read (the worker stops at its next check); nothing changes."""
        if self.task is None or not self.task.is_running():
            return
        self.task.cancel()
        self._reading_done()
        if not quietly:
            self._show_result(VCardResult(), "Reading was stopped; nothing was read.")

    def _reading_done(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        self.choose_button.setEnabled(True)

    def _read(self, result: VCardResult) -> None:
        self._reading_done()
        self._show_result(result)

    def _failed(self, error: BaseException) -> None:
        self._reading_done()
        if isinstance(error, UnreadableFile):
            self._show_result(VCardResult(), str(error))
        elif isinstance(error, OSError):
            self._show_result(VCardResult(), f"This file could not be read: {error.strerror}.")
        elif isinstance(error, VCardCancelled):
            self._show_result(VCardResult(), "Reading was stopped; nothing was read.")
        else:
            raise error

    def reject(self) -> None:
        self.stop_reading(quietly=True)
        super().reject()

    def _show_result(self, result: VCardResult, failure: str = "") -> None:
        self._result = result
        self.people_list.blockSignals(True)
        self.people_list.clear()
        existing = {contact.name.casefold() for contact in self._session.document.contacts}
        for candidate in result.candidates:
            contact = candidate.contact
            lines = [f"{contact.name} — {contact.role}" if contact.role else contact.name]
            if candidate.flagged:
                lines[0] = "⚠ " + lines[0] + " (check the name)"
            shown = [m for m in contact.methods if m.kind.value != "sms"] or list(contact.methods)
            if shown:
                lines.append(", ".join(describe_method(method) for method in shown))
            if contact.name.casefold() in existing:
                lines.append("ⓘ Someone with this name is already in your list.")
            lines += [f"⚠ {problem.message}" for problem in result.problems_for(candidate.card)]
            item = QListWidgetItem("\n".join(lines))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, "; ".join(lines))
            self.people_list.addItem(item)
        self.people_list.blockSignals(False)
        messages = [failure] if failure else []
        if result.candidates:
            found = f"Found {_people(len(result.candidates))}"
            if result.cards_found > len(result.candidates):
                found += f" in {result.cards_found:,} cards"
            messages.append(found + ".")
        elif not failure and not result.file_problems:
            messages.append("No one was found in this file.")
        messages += [f"⚠ {problem}" for problem in result.file_problems]
        self.message_label.setText("\n".join(messages))
        self._update()
        if result.candidates:
            self.people_list.setCurrentRow(0)
            self.people_list.setFocus()
        self.loaded.emit()

    # --- choosing people ----------------------------------------------------------------

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.people_list.blockSignals(True)
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            if item is not None:
                item.setCheckState(state)
        self.people_list.blockSignals(False)
        self._update()

    def set_ticked(self, row: int, ticked: bool) -> None:
        item = self.people_list.item(row)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen_contacts(self) -> tuple[Contact, ...]:
        """The ticked people, in file order, in the group chosen here."""
        group = Group(self.group_combo.currentData())
        chosen = []
        for row, candidate in enumerate(self._result.candidates):
            item = self.people_list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                chosen.append(dataclasses.replace(candidate.contact, group=group))
        return tuple(chosen)

    def _room_left(self) -> int:
        return CONTACTS_MAX - len(self._session.document.contacts)

    def _update(self) -> None:
        count = len(self.chosen_contacts())
        text = f"Add {_people(count)}" if count else "Add"
        self.add_button.setText(text)
        self.add_button.setAccessibleName(text)
        self.add_button.setEnabled(0 < count <= self._room_left() and not self._session.is_locked)
        has_people = bool(self._result.candidates)
        self.all_button.setEnabled(has_people)
        self.none_button.setEnabled(has_people)
        self.group_combo.setEnabled(has_people)

    def accept(self) -> None:
        """Append the chosen people to the support system as one undoable step."""
        chosen = self.chosen_contacts()
        if not chosen or self._session.is_locked:
            return
        if len(chosen) > self._room_left():
            self.message_label.setText(
                f"⚠ There is room for {_people(max(0, self._room_left()))} more; "
                "untick some people."
            )
            return
        description = (
            f"Import {chosen[0].name}" if len(chosen) == 1 else f"Import {len(chosen)} people"
        )
        self._session.edit_contacts(self._session.document.contacts + chosen, description)
        super().accept()
