"""Work that must not happen before the first frame (docs/benchmarks.md, issue 13):
no Python event filter on the whole application while there is nothing to lock, no
crisis view rebuilt for nothing, no rich-text layout of every label before it is seen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from crisisplan.ui.crisis_view import CrisisView
from crisisplan.ui.idle import IdleWatcher
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.session import Session
from tests.helpers import PASSPHRASE


def test_no_application_event_filter_while_locked(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument, monkeypatch: object
) -> None:
    calls: list[int] = []
    original = IdleWatcher.eventFilter

    def counting(self: IdleWatcher, watched: object, event: object) -> bool:
        calls.append(1)
        return original(self, watched, event)  # type: ignore[arg-type]

    monkeypatch.setattr(IdleWatcher, "eventFilter", counting)  # type: ignore[attr-defined]
    path = tmp_path / "start.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    window = MainWindow(path)
    qtbot.addWidget(window)
    window.show_crisis()
    window.show()
    qtbot.waitExposed(window)
    assert calls == []  # hundreds of events while building, polishing and painting
    assert not window.security.idle._filtering

    window.unlock_page.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    qtbot.waitUntil(lambda: window.security.idle._filtering, timeout=2000)
    qtbot.keyClick(window, "a")
    assert calls  # unlocked: input postpones the auto-lock again

    window.lock()
    assert not window.security.idle._filtering
    calls.clear()
    qtbot.keyClick(window, "a")
    assert calls == []
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
        return all(label.textInteractionFlags() & selectable for label in view.findChildren(QLabel))

    assert not all_selectable()
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    qtbot.mouseMove(view, QPoint(400, 300))
    qtbot.waitUntil(all_selectable, timeout=3000)
    view.refresh()  # rebuilt (each minute, each edit) under the resting mouse
    assert not all_selectable()
    view.update()
    qtbot.waitUntil(all_selectable, timeout=3000)
    view.close()


def test_the_locked_crisis_view_is_not_rebuilt_when_shown_in_the_same_minute(
    qtbot: QtBot,
) -> None:
    locked = Session()
    view = CrisisView(locked, locked_region="GB")
    qtbot.addWidget(view)
    builds: list[int] = []
    original = view._build

    def counting(at: object) -> None:
        builds.append(1)
        original(at)  # type: ignore[arg-type]

    view._build = counting  # type: ignore[method-assign]
    view.show()
    qtbot.waitExposed(view)
    assert builds == []  # the launch with --crisis: built once, shown at once
    view.set_locked_region("IE")
    assert builds == [1]
    view.close()
    locked.deleteLater()


def test_crisis_view_is_not_rebuilt_when_shown_in_the_same_minute(
    qtbot: QtBot, session: Session
) -> None:
    view = CrisisView(session)
    qtbot.addWidget(view)
    builds: list[int] = []
    original = view._build

    def counting(at: object) -> None:
        builds.append(1)
        original(at)  # type: ignore[arg-type]

    view._build = counting  # type: ignore[method-assign]
    view.show()
    qtbot.waitExposed(view)
    assert builds == []  # built at construction, this minute: nothing has changed
    view.hide()
    plan = session.document.plan
    session.edit_plan(replace(plan, medical_notes="Inhaler in the blue bag"), "Notes")
    view.show()  # edited while hidden: rebuilt when shown again
    assert builds == [1]
    view.close()
