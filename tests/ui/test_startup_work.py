"""Work that must not happen before the first frame (docs/benchmarks.md, issue 13):
no Python event filter on the whole application while there is nothing to lock, no
rich-text layout of every label of the crisis view before it is seen."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument, Section
from crisisplan.storage import Vault
from crisisplan.ui.crisis_view import CrisisView
from crisisplan.ui.idle import FILTER_DELAY_MS
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
    assert idle._timer.isActive()  # the countdown runs at once…
    qtbot.wait(50)  # the unlocked view built, laid out and painted (the first frame)
    assert not idle._filtering  # …input restarts it a moment later (FILTER_DELAY_MS)
    qtbot.waitUntil(lambda: idle._filtering, timeout=FILTER_DELAY_MS + 2000)
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
    qtbot.waitUntil(lambda: window.security.idle._filtering, timeout=FILTER_DELAY_MS + 2000)
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


def test_a_key_derived_while_qt_loaded_builds_only_the_persons_own_plan(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crisisplan --crisis` with the passphrase: the key is derived while Qt loads
    (cli.py), so the crisis view is built for the person's own plan only, never for the
    locked view first (built, measured, painted, then thrown away: ~40 ms of CPU), and
    not anew as the locked view when the app quits."""
    from concurrent.futures import Future

    from crisisplan import app as app_module

    path = tmp_path / "own.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    opening: Future[Vault] = Future()
    opening.set_result(Vault.open(path, PASSPHRASE))
    built: list[bool] = []  # for each build: was it the person's own plan?
    build = CrisisView._build

    def counted(view: CrisisView, at: dt.datetime) -> None:
        built.append(view._document()[1])
        build(view, at)

    monkeypatch.setattr(CrisisView, "_build", counted)
    monkeypatch.setattr(app_module, "disable_core_dumps", lambda: None)  # the test process
    code = app_module.run_gui(
        path, passphrase=PASSPHRASE, opening=opening, crisis=True, exit_when_shown=True
    )
    assert code == 0
    assert built and all(built)

    # The key remembered in the keyring, read while Qt loaded (cli.py): the same.
    built.clear()
    remembered: Future[Vault] = Future()
    remembered.set_result(Vault.open(path, PASSPHRASE))
    code = app_module.run_gui(path, remembered=remembered, crisis=True, exit_when_shown=True)
    assert code == 0
    assert built and all(built)


def test_enter_on_buttons_goes_on_after_the_first_frame(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The application-wide filter of ui/accessibility.py (Enter presses the focused
    button) is a Python call for every event: at launch it waits for the first frame, as
    the dialogs' crisis filter does, and names the inner parts already shown."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    from crisisplan.app import _reach_dialogs_after_first_frame
    from crisisplan.ui import accessibility

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app, keyboard=False)  # as app.run_gui does; once per process
    before = accessibility._keyboard
    if before is not None:
        app.removeEventFilter(before)
    monkeypatch.setattr(accessibility, "_keyboard", None)
    path = tmp_path / "enter.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    window = MainWindow(path)
    qtbot.addWidget(window)
    _reach_dialogs_after_first_frame(app, window)
    field = window.unlock_page.findChild(QLineEdit)
    assert field is not None
    field.setClearButtonEnabled(True)
    try:
        window.show()
        assert accessibility._keyboard is None
        qtbot.waitUntil(lambda: accessibility._keyboard is not None)
        clear = [b for b in field.findChildren(QToolButton) if b.isVisibleTo(window)]
        assert all(b.accessibleName().startswith("Clear") for b in clear)
    finally:
        if accessibility._keyboard is not None:
            app.removeEventFilter(accessibility._keyboard)
        if before is not None:
            app.installEventFilter(before)
        window.close()


def test_a_view_built_later_answers_when_asked(qtbot: QtBot, session: Session) -> None:
    view = CrisisView(session, defer_first_build=True)
    qtbot.addWidget(view)
    assert view._cards == []  # nothing of the plan built yet
    assert view.reachable_names()  # asked: built now
    assert view.first_action() is not view.emergency_button
