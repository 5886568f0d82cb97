"""Work that must not happen before the first frame (docs/benchmarks.md, issue 13):
no Python event filter on the whole application while there is nothing to lock, and
none while the window and the crisis view are being built."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from crisisplan.ui.idle import IdleWatcher
from crisisplan.ui.main_window import MainWindow
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
