"""File ▸ Settings…: remember / forget on this computer, and the locking choices; and
"remember" at first run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring.core
import pytest
from keyring.backends import null
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crisisplan.secrets.keyring_store import SERVICE
from crisisplan.secrets.remembered import is_remembered
from crisisplan.storage import Vault
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.storage.settings import load_settings, update_settings
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.settings_dialog import SettingsDialog
from tests.helpers import PASSPHRASE
from tests.helpers.keyrings import BlockingKeyring, MemoryKeyring


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "settings.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    return path


@pytest.fixture
def window(qtbot: QtBot, vault: Path) -> Iterator[MainWindow]:
    made = MainWindow(vault)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close()


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow) -> Iterator[SettingsDialog]:
    opened = window.security.open_settings()
    assert isinstance(opened, SettingsDialog)
    yield opened
    if opened.isVisible():
        opened.close()


def test_file_menu_has_settings_and_change_passphrase(window: MainWindow) -> None:
    texts = [action.text() for action in window.file_menu.actions()]
    assert "&Settings…" in texts and "Change &passphrase…" in texts
    assert window.security.settings_action.isEnabled()
    assert not window.security.passphrase_action.isEnabled()  # locked: nothing to re-key
    assert window.security.open_change_passphrase() is None


def test_remember_then_forget(
    qtbot: QtBot, dialog: SettingsDialog, vault: Path, memory_keyring: MemoryKeyring
) -> None:
    assert "Not remembered" in dialog.remember_state.text()
    assert dialog.passphrase.isVisible() and not dialog.forget_button.isVisible()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.settingsChanged, timeout=5000):
        qtbot.mouseClick(dialog.remember_button, Qt.MouseButton.LeftButton)
    assert is_remembered(vault)
    stored = memory_keyring.items[(SERVICE, vault_id(vault))]
    assert stored == "v1:" + derive_raw_key(vault, PASSPHRASE).hex()
    assert "Remembered" in dialog.remember_state.text() and dialog.forget_button.isVisible()
    assert dialog.passphrase.text() == ""

    with qtbot.waitSignal(dialog.settingsChanged, timeout=5000):
        qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    assert not is_remembered(vault) and memory_keyring.items == {}
    assert "Not remembered" in dialog.remember_state.text()


def test_a_wrong_passphrase_is_not_remembered(
    qtbot: QtBot, dialog: SettingsDialog, vault: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog.passphrase.setText("not my passphrase")
    with qtbot.waitSignal(dialog.settingsChanged, timeout=5000):
        dialog.remember()
    assert "does not open" in dialog.message.text()
    assert not is_remembered(vault) and memory_keyring.items == {}


def test_an_unsafe_keyring_is_refused_with_its_reason(
    qtbot: QtBot, dialog: SettingsDialog, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", null.Keyring())
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.settingsChanged, timeout=5000):
        dialog.remember()
    assert "switched off" in dialog.message.text()
    assert not is_remembered(vault)


def test_a_hanging_keyring_gives_up_with_a_sentence(
    qtbot: QtBot,
    dialog: SettingsDialog,
    vault: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hanging = BlockingKeyring()
    monkeypatch.setattr(keyring.core, "_keyring_backend", hanging)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.remember()
    assert dialog.busy.isVisible() and not dialog.remember_button.isEnabled()
    qtbot.waitUntil(lambda: "did not answer" in dialog.message.text(), timeout=5000)
    hanging.release()
    assert not is_remembered(vault) and dialog.remember_button.isEnabled()


def test_locking_choices_are_saved_and_applied(
    qtbot: QtBot, dialog: SettingsDialog, window: MainWindow
) -> None:
    assert dialog.lock_when_idle.isChecked() and dialog.idle_minutes.value() == 10
    update_settings(region="IE")  # written meanwhile (by the app or the command line)
    dialog.idle_minutes.setValue(25)
    assert load_settings().auto_lock_minutes == 25
    assert window.security.idle.interval_ms == 25 * 60_000
    dialog.lock_when_idle.setChecked(False)
    assert load_settings().auto_lock_minutes == 0 and not dialog.idle_minutes.isEnabled()
    assert window.security.idle.interval_ms == 0
    dialog.lock_on_sleep.setChecked(False)
    assert not load_settings().lock_on_sleep and not window.security._lock_on_sleep_enabled
    assert load_settings().region == "IE"  # what others wrote is kept


def test_first_run_can_remember_the_new_vault(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "new.vault"
    made = MainWindow(path)
    qtbot.addWidget(made)
    made.show()
    page = made.first_run
    assert not page.remember.isChecked()  # opt-in
    assert "anyone who can use your account" in page.remember.accessibleDescription().lower()
    page.region.setCurrentIndex(page.region.findData("GB"))  # the locale may name none
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.remember.setChecked(True)
    page.create_plan()
    qtbot.waitUntil(lambda: not made.session.is_locked, timeout=5000)
    qtbot.waitUntil(lambda: is_remembered(path), timeout=5000)
    assert memory_keyring.items[(SERVICE, vault_id(path))].startswith("v1:")
    qtbot.waitUntil(lambda: "remembered" in made.status_label.text(), timeout=5000)
    made.close()


def test_first_run_without_remembering_stores_nothing(
    qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "new.vault"
    made = MainWindow(path)
    qtbot.addWidget(made)
    page = made.first_run
    page.region.setCurrentIndex(page.region.findData("GB"))  # the locale may name none
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.create_plan()
    qtbot.waitUntil(lambda: not made.session.is_locked, timeout=5000)
    qtbot.wait(100)
    assert memory_keyring.calls == [] and not is_remembered(path)
    made.close()
