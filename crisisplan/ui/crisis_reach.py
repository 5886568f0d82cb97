""" "I'm struggling" from everywhere, including from inside any open dialog.

The app's dialogs are window-modal (`QDialog.open()`): while one is open, the main window
takes no input, so its "I'm struggling" button and its Ctrl+H shortcut are dead there
(ENGINEERING.md). Two parts make the crisis view reachable anyway:

- `CrisisReach`, an application-wide event filter. It hears Ctrl+H in every window of the
  app (a modal dialog included), and it gives every dialog, as it is shown, its own
  "I'm struggling" button at the top right — the same place as in the main window.
- `CrisisWindow`, a top-level window of its own (no parent, so no dialog's modality
  blocks it) that the main window moves the crisis view into while a dialog is open.
  Back, Esc or closing it puts the view back and returns to the dialog, whose unsaved
  text was never touched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFormLayout,
    QGridLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisplan.ui.theme import crisis_button_stylesheet, crisis_colours

CRISIS_SHORTCUT = QKeySequence("Ctrl+H")
NO_CRISIS_BUTTON = "noCrisisButton"  # a dialog property: set True to go without one


def crisis_button(show_crisis: Callable[[], None], parent: QWidget | None = None) -> QPushButton:
    """An "I'm struggling" button, as on the main window."""
    button = QPushButton("I'm struggling", parent)
    button.setObjectName("CrisisButton")
    button.setAccessibleName("I'm struggling")
    button.setAccessibleDescription(
        "Shows who you can reach right now, the emergency number and your plan"
    )
    shortcut = CRISIS_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
    button.setToolTip(f"Who you can reach right now ({shortcut})")
    button.setAutoDefault(False)  # Enter in a dialog still means the dialog's own action
    font = button.font()
    font.setBold(True)
    button.setFont(font)
    button.setStyleSheet(crisis_button_stylesheet(crisis_colours()))
    button.clicked.connect(show_crisis)
    return button


class CrisisReach(QObject):
    """Installed on the QApplication: Ctrl+H anywhere, and a crisis button in each dialog.

    Signals:
        crisisRequested(): Ctrl+H or a dialog's "I'm struggling" button.
    """

    crisisRequested = Signal()

    def __init__(self, belongs: Callable[[QWidget], bool], parent: QObject | None = None) -> None:
        """`belongs` says whether a window is the app's own (several main windows may
        live in one process, as in tests; each answers for its own)."""
        super().__init__(parent)
        self._belongs = belongs

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if (
                QKeySequence(event.keyCombination()) == CRISIS_SHORTCUT
                and isinstance(watched, QWidget)
                and self._belongs(watched)
            ):
                self.crisisRequested.emit()
                return True
        elif kind == QEvent.Type.Show and isinstance(watched, QDialog) and self._belongs(watched):
            self.add_button(watched)
        return False

    def add_button(self, dialog: QDialog) -> QPushButton | None:
        """Give the dialog an "I'm struggling" button (once): top right where its layout
        allows, else at the bottom left. None if it has no layout to hold one."""
        if dialog.property(NO_CRISIS_BUTTON) or dialog.findChild(QPushButton, "CrisisButton"):
            return None
        layout = dialog.layout()
        button = crisis_button(self.crisisRequested.emit)
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(0, button, 0, Qt.AlignmentFlag.AlignRight)
        elif isinstance(layout, QGridLayout):  # QMessageBox, QFileDialog
            row = layout.rowCount()
            layout.addWidget(button, row, 0, 1, layout.columnCount(), Qt.AlignmentFlag.AlignLeft)
        elif isinstance(layout, QFormLayout):
            layout.insertRow(0, button)
        else:
            button.deleteLater()
            return None
        return button


class CrisisWindow(QWidget):
    """The crisis view's own window while a dialog holds the main window.

    Signals:
        closing(): the person closed the window (as Back).
    """

    closing = Signal()

    def __init__(self, title: str) -> None:
        super().__init__(None)  # no parent: a dialog of the main window never blocks it
        self.setWindowTitle(title)
        self.setObjectName("CrisisWindow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def hold(self, view: QWidget) -> None:
        layout = self.layout()
        assert layout is not None
        layout.addWidget(view)
        view.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible():
            self.closing.emit()
        super().closeEvent(event)
