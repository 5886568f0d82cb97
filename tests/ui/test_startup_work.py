"""Work that must not happen before the first frame (docs/benchmarks.md, issue 13):
no Python event filter on the whole application while there is nothing to lock, no
rich-text layout of every label of the crisis view before it is seen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument, Section
from crisisplan.storage import Vault
from crisisplan.ui.crisis_view import CrisisView
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.session import Session
from tests.helpers import PASSPHRASE


def test_no_application_event_filter_while_locked(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument
) -> None:
    path = tmp_path / "start.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    window = MainWindow(path)
    qtbot.addWidget(window)
    idle = window.security.idle
    window.show_crisis()
    window.show()
    qtbot.waitExposed(window)
    assert not idle._filtering  # hundreds of events while building, polishing and painting

    window.unlock_page.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    qtbot.waitUntil(lambda: idle._filtering, timeout=2000)
    idle._timer.stop()
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert idle._timer.isActive()  # unlocked: input (re)starts the auto-lock countdown

    window.lock()
    assert not idle._filtering
    window.close()


def test_turned_off_means_no_filter(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "off.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show()
    window.unlock_page.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    qtbot.waitUntil(lambda: window.security.idle._filtering, timeout=2000)
    window.security.idle.set_minutes(0)
    assert not window.security.idle._filtering
    window.close()


def test_crisis_view_text_becomes_selectable_when_a_mouse_comes(
    qtbot: QtBot, session: Session
) -> None:
    """Every label can still be selected and copied by mouse; the word-wrapped ones once
    a mouse is over the view, not before the first frame (~9 % of its work)."""
    view = CrisisView(session)
    qtbot.addWidget(view)
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse

    def all_selectable() -> bool:
        labels = [label for label in view.findChildren(QLabel) if label.property("selectable")]
        return bool(labels) and all(label.textInteractionFlags() & selectable for label in labels)

    assert not all_selectable()
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    qtbot.mouseMove(view, QPoint(400, 300))
    qtbot.waitUntil(all_selectable, timeout=3000)
    plan = session.document.plan  # an edit rebuilds the words under the resting mouse
    sections = dict(plan.sections)
    sections[Section.REASONS_FOR_LIVING] = (*sections[Section.REASONS_FOR_LIVING], "Her laugh")
    session.edit_plan(replace(plan, sections=sections), "Add a reason")
    assert not all_selectable()
    view.update()
    qtbot.waitUntil(all_selectable, timeout=3000)
    view.close()


def test_the_dialogs_crisis_filter_goes_on_after_the_first_frame(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """At launch (app.run_gui) the application-wide filter behind Ctrl+H in dialogs and
    their "I'm struggling" button waits for the first frame; a dialog shown before it
    then gets its button all the same."""
    from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QVBoxLayout

    from crisisplan.app import _reach_dialogs_after_first_frame

    path = tmp_path / "reach.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _reach_dialogs_after_first_frame(app, window)
    window.show()
    early = QDialog(window)
    QVBoxLayout(early)
    early.show()  # before the first frame: the filter is not on, no button yet
    assert early.findChild(QPushButton, "CrisisButton") is None
    qtbot.waitUntil(lambda: early.findChild(QPushButton, "CrisisButton") is not None)
    early.close()
    later = QDialog(window)
    QVBoxLayout(later)
    later.open()
    qtbot.waitUntil(lambda: later.findChild(QPushButton, "CrisisButton") is not None)
    later.close()
    window.close()
