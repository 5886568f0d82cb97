"""Closing an editing dialog never throws away what was typed without asking.

A `DiscardGuard` on an editing dialog (a person, a time off, an extra time) catches the
three ways a person closes it without saving — Esc, its Cancel button (connected to
`request_close`) and the window's close button — and closes at once when nothing
changed; when something did, a question opens over the dialog: "Discard the changes to
Sam?", with "Keep editing" as the default and as what Esc means there, so a second Esc
never loses anything.

`reject()` itself still closes without asking: locking must drop the data at once, and
the question goes with the dialog.

The question is window-modal and opened with `open()` (no nested event loop): the crisis
window, which has no parent, stays reachable from it (Ctrl+H, and the question's own
"I'm struggling" button that ui/crisis_reach.py adds to every dialog).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

QUESTION_NAME = "DiscardQuestion"
KEEP_EDITING = "&Keep editing"  # Alt+K
DISCARD = "&Discard changes"  # Alt+D


def discard_question_text(what: str) -> str:
    return f"Discard the changes to {what}?"


class DiscardGuard(QObject):
    """Asks before `dialog` closes with changes. `changed()` says whether it shows
    anything other than what it opened with; `what()` names it in the question."""

    def __init__(
        self, dialog: QDialog, changed: Callable[[], bool], what: Callable[[], str]
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._changed = changed
        self._what = what
        dialog.installEventFilter(self)
        dialog.finished.connect(self._drop_question)

    def question(self) -> QMessageBox | None:
        """The question while it is open."""
        for box in self._dialog.findChildren(QMessageBox, QUESTION_NAME):
            if box.isVisible():
                return box
        return None

    def request_close(self) -> QMessageBox | None:
        """Close if nothing changed; otherwise ask first, and close only on "Discard
        changes". Returns the question while it is open, else None."""
        dialog = self._dialog
        if not dialog.isVisible() or not self._changed():
            dialog.reject()
            return None
        asked = self.question()
        if asked is not None:  # asked already: bring it back to the front
            asked.activateWindow()
            return asked
        what = self._what()
        box = QMessageBox(dialog)
        box.setObjectName(QUESTION_NAME)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved changes")  # no names in window titles
        box.setText(discard_question_text(what))
        box.setInformativeText("What you typed here is not saved yet.")
        box.setAccessibleName("Unsaved changes")
        keep = box.addButton(KEEP_EDITING, QMessageBox.ButtonRole.RejectRole)
        keep.setAccessibleName("Keep editing")
        drop = box.addButton(DISCARD, QMessageBox.ButtonRole.DestructiveRole)
        drop.setAccessibleName(f"Discard the changes to {what}")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            box.setObjectName("")  # answered; deleted later
            if box.clickedButton() is drop:
                dialog.reject()
            elif dialog.isVisible():
                dialog.activateWindow()

        box.finished.connect(answered)
        box.open()
        keep.setFocus()
        return box

    def _drop_question(self) -> None:
        """The dialog closed (saved, discarded or locked): its question goes with it."""
        for box in self._dialog.findChildren(QMessageBox, QUESTION_NAME):
            box.setObjectName("")
            box.hide()
            box.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._dialog:
            return False
        kind = event.type()
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Cancel)
        ):
            self.request_close()
            return True
        if kind == QEvent.Type.Close and self._dialog.isVisible() and self._changed():
            event.ignore()
            self.request_close()
            return True
        return False
