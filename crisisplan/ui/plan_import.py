"""File ▸ Import a plan file…, kept out of main_window.py.

The file is read and checked off the GUI thread (a hostile file of 200,000 problems took
the window away for a minute). A file with problems is refused with a short summary and
the first 50 problems under "Show Details…". A good file is not put in at once: the person
is asked, in words that name what will be replaced, and an encrypted backup of the plan as
it is now is taken before it is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from crisisplan.core import interchange
from crisisplan.core.model import PlanDocument
from crisisplan.storage import VaultError, backups
from crisisplan.ui import accessibility
from crisisplan.ui.session import Session
from crisisplan.ui.workers import BackgroundTask

TITLE = "Import a plan file"
NAMES_SHOWN = 3


def summary(document: PlanDocument) -> str:
    """ "12 plan items and 8 people (Sam Okafor, Priya Shah, Daniel Reyes and 5 more)"."""
    items = sum(len(entries) for entries in document.plan.sections.values())
    people = len(document.contacts)
    names = [contact.name for contact in document.contacts[:NAMES_SHOWN]]
    if people > NAMES_SHOWN:
        names.append(f"{people - NAMES_SHOWN} more")
    listed = (
        f" ({', '.join(names[:-1])} and {names[-1]})"
        if len(names) > 1
        else (f" ({names[0]})" if names else "")
    )
    item_words = f"{items} plan item{'s' if items != 1 else ''}"
    people_words = f"{people} {'person' if people == 1 else 'people'}"
    return f"{item_words} and {people_words}{listed}"


def is_empty(document: PlanDocument) -> bool:
    return not document.contacts and not any(document.plan.sections.values())


class PlanImport(QObject):
    """One import, from reading the file to the plan replaced (or not).

    Signals:
        finished(bool): True when the plan was replaced; False when the file was refused,
            the person kept their plan, or the backup or the save failed.
    """

    finished = Signal(bool)

    def __init__(
        self,
        parent: QWidget,
        session: Session,
        status: QLabel,
        path: Path,
        *,
        show_problem: Callable[[str], object],
        remember_region: Callable[[str], object],
    ) -> None:
        """Takes what it needs from the window (its session, status line and two
        callbacks) rather than the window itself, so it imports nothing of the shell."""
        super().__init__(parent)
        self.parent_widget = parent
        self.session = session
        self.status = status
        self.show_problem = show_problem
        self.remember_region = remember_region
        self.path = path
        self.document: PlanDocument | None = None
        self.box: QMessageBox | None = None
        self.task = BackgroundTask(lambda _task: interchange.read_file(path), self)
        self.task.done.connect(self._read)
        self.task.error.connect(self._refused)

    def start(self) -> None:
        self.status.setText(f"Reading {self.path.name}…")
        self.task.start()

    # --- the file was read ---------------------------------------------------------------

    def _refused(self, error: BaseException) -> None:
        self.status.setText("")
        if isinstance(error, interchange.InterchangeError):
            problems = error.problems
            first = problems[0] if problems else "it is not a plan file"
            count = len(problems)
            text = (
                f"{self.path.name} cannot be imported: {first}."
                if count <= 1
                else f"{self.path.name} cannot be imported: it has {count:,} problems. "
                f"The first: {first}."
            )
            detail = str(error) if count > 1 else ""
        elif isinstance(error, OSError):
            text, detail = f"{self.path.name} could not be read: {error.strerror or error}.", ""
        else:
            raise error
        self.box = self._message(QMessageBox.Icon.Warning, text, detail)
        self.box.finished.connect(lambda _result: self.finished.emit(False))
        self.box.open()

    def _read(self, document: PlanDocument) -> None:
        self.document = document
        self.status.setText("")
        current = self.session.document
        if self.session.is_locked:
            self.finished.emit(False)
            return
        if is_empty(current):
            self.finished.emit(self._replace())
            return
        text = (
            f"Replace your plan with {self.path.name}?\n\n"
            f"Your plan now: {summary(current)}, region {current.region}.\n"
            f"The file: {summary(document)}, region {document.region}.\n\n"
            "All of your plan, people and region are replaced by the file's. An encrypted "
            "backup of your plan as it is now is kept first (File ▸ Restore from a backup…)."
        )
        box = self._message(QMessageBox.Icon.Question, text, "")
        box.setWindowTitle("Replace your plan?")
        self.replace_button = box.addButton("Replace my plan", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep my plan", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.replace_button.setAccessibleName("Replace my plan with the file's")
        box.finished.connect(self._answered)
        self.box = box
        box.open()

    def _answered(self, _result: int) -> None:
        box = self.box
        replace = box is not None and box.clickedButton() is self.replace_button
        self.finished.emit(self._replace() if replace else False)

    # --- replacing ------------------------------------------------------------------------

    def _replace(self) -> bool:
        session = self.session
        vault = session.vault
        document = self.document
        if vault is None or document is None:
            return False
        kept = ""
        if not is_empty(session.document):
            try:
                backups.make_backup(vault, backups.Kind.MANUAL)
            except VaultError as error:
                self.show_problem(f"Nothing was imported: {error}")
                return False
            kept = " Your plan as it was is kept in a backup (File ▸ Restore from a backup…)."
        if not session.replace(document):
            return False
        self.remember_region(document.region)
        self.status.setText(f"Imported {self.path.name}.{kept}")
        accessibility.announce(self.status, self.status.text())  # said, not only shown
        return True

    def _message(self, icon: QMessageBox.Icon, text: str, detail: str) -> QMessageBox:
        box = QMessageBox(icon, TITLE, text, parent=self.parent_widget)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names and problems are not markup
        if detail:
            box.setDetailedText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return box
