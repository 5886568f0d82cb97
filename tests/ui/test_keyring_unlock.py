"""The window with a remembered key: opening without the passphrase, "I'm struggling" on a
locked window, and a keyring that hangs or holds a stale key (the passphrase is always
the way in, and the window never freezes)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument, Section
from crisisplan.secrets.keyring_store import SERVICE, KeyringStore
from crisisplan.secrets.remembered import remember
from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.ui.main_window import MainWindow
from tests.helpers import PASSPHRASE
from tests.helpers.keyrings import BlockingKeyring, ExplodingKeyring, MemoryKeyring


@pytest.fixture
def example_vault(tmp_path: Path, example_document: PlanDocument) -> Path:
    path = tmp_path / "example.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return path


@pytest.fixture
def remembered_vault(example_vault: Path, memory_keyring: MemoryKeyring) -> Path:
    remember(example_vault, PASSPHRASE, KeyringStore())
    return example_vault


@pytest.fixture
def window(qtbot: QtBot, example_vault: Path) -> Iterator[MainWindow]:
    made = MainWindow(example_vault)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close()


def all_text(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def reason_for_living(document: PlanDocument) -> str:
    return document.plan.items(Section.REASONS_FOR_LIVING)[0]


def use_backend(monkeypatch: pytest.MonkeyPatch, backend: object) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)


def test_launch_opens_without_the_passphrase(
    qtbot: QtBot, remembered_vault: Path, window: MainWindow
) -> None:
    assert window.pages.currentWidget() is window.unlock_page
    assert window.security.unlock_with_remembered()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert window.pages.currentWidget() is window.tabs
    assert window.unlock_page.message.text() == ""


def test_crisis_button_on_a_locked_window_shows_my_own_plan(
    qtbot: QtBot, remembered_vault: Path, window: MainWindow, example_document: PlanDocument
) -> None:
    window.security.unlock_with_remembered()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    window.security.idle.set_interval_ms(150)  # auto-lock, quickly
    qtbot.waitUntil(lambda: window.session.is_locked, timeout=5000)
    assert window.pages.currentWidget() is window.unlock_page
    assert reason_for_living(example_document) not in all_text(window.crisis_view)

    qtbot.mouseClick(window.crisis_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.crisis_view  # at once, crisis lines first
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert window.pages.currentWidget() is window.crisis_view
    qtbot.waitUntil(
        lambda: reason_for_living(example_document) in all_text(window.crisis_view), timeout=5000
    )


def test_not_remembered_never_asks_the_keyring(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_backend(monkeypatch, ExplodingKeyring())
    assert not window.security.unlock_with_remembered()
    qtbot.mouseClick(window.crisis_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert window.session.is_locked and not window.security.remembered.running


def test_a_hanging_keyring_never_freezes_the_window(
    qtbot: QtBot, remembered_vault: Path, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    hanging = BlockingKeyring()
    use_backend(monkeypatch, hanging)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    window.security.unlock_with_remembered()
    assert "remembered" in window.unlock_page.message.text()
    assert window.unlock_page.passphrase.isEnabled()  # the prompt stays usable meanwhile
    qtbot.waitUntil(lambda: "did not answer" in window.unlock_page.message.text(), timeout=5000)
    elapsed = time.monotonic() - started
    timer.stop()
    hanging.release()
    assert elapsed < 2.0, elapsed  # 0.5 s keyring timeout (+ 0.5 s slack) in tests
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 10 and max(gaps) < 0.25, max(gaps)  # the event loop kept running
    assert window.session.is_locked
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)


def test_the_passphrase_wins_the_race_and_the_late_key_is_closed(
    qtbot: QtBot,
    remembered_vault: Path,
    window: MainWindow,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hanging = BlockingKeyring()
    hanging.items = dict(memory_keyring.items)
    use_backend(monkeypatch, hanging)
    monkeypatch.setattr("crisisplan.secrets.background.TIMEOUT_S", 10.0)
    window.security.unlock_with_remembered()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert not window.security.remembered.running  # stopped waiting for the keyring
    mine = window.session.vault
    hanging.release()
    qtbot.wait(200)
    assert window.session.vault is mine and mine is not None and mine.is_open


def test_a_stale_key_falls_back_with_a_sentence(
    qtbot: QtBot, remembered_vault: Path, window: MainWindow, memory_keyring: MemoryKeyring
) -> None:
    entry = (SERVICE, vault_id(remembered_vault))
    memory_keyring.items[entry] = "v1:" + derive_raw_key(remembered_vault, "old one").hex()
    window.security.unlock_with_remembered()
    qtbot.waitUntil(lambda: "no longer opens" in window.unlock_page.message.text(), timeout=5000)
    assert window.session.is_locked
    assert entry in memory_keyring.items  # not deleted behind the person's back
