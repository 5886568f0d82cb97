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
