"""File ▸ Change passphrase…: re-keys the open vault off the GUI thread, keeps the session
working on the new key, and updates a remembered key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Plan, PlanDocument, Section
from crisisplan.secrets.keyring_store import SERVICE, KeyringStore
from crisisplan.secrets.remembered import remember
from crisisplan.storage import Vault, WrongPassphrase
from crisisplan.storage.keys import derive_raw_key, vault_id
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.passphrase_dialog import ChangePassphraseDialog
from tests.helpers import PASSPHRASE
from tests.helpers.keyrings import MemoryKeyring

NEW = "seven blue kettles sing at dawn"


@pytest.fixture
def vault(tmp_path: Path, example_document: PlanDocument) -> Path:
    path = tmp_path / "passwd.vault"
    with Vault.create(path, PASSPHRASE, "GB") as created:
        created.replace(example_document)
    return path


@pytest.fixture
def window(qtbot: QtBot, vault: Path) -> Iterator[MainWindow]:
    made = MainWindow(vault)
    qtbot.addWidget(made)
    made.show()
    made.unlock_page.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: not made.session.is_locked, timeout=5000)
    yield made
    made.close()


def open_dialog(window: MainWindow) -> ChangePassphraseDialog:
    assert window.security.passphrase_action.isEnabled()
    dialog = window.security.open_change_passphrase()
    assert isinstance(dialog, ChangePassphraseDialog) and dialog.isVisible()
    return dialog


def test_the_button_waits_for_a_good_new_passphrase(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(window)
    assert not dialog.change_button.isEnabled()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "short")
    assert "Too short" in dialog.strength.text() and not dialog.change_button.isEnabled()
    dialog.new.setText(NEW)
    assert "Strong" in dialog.strength.text()
    dialog.confirm.setText(NEW + "x")
    assert "not the same" in dialog.message.text() and not dialog.change_button.isEnabled()
    dialog.confirm.setText(NEW)
    assert dialog.change_button.isEnabled()
    dialog.new.setText(PASSPHRASE)
    dialog.confirm.setText(PASSPHRASE)
    assert "same as the current" in dialog.message.text()
    assert not dialog.change_button.isEnabled()
    dialog.reject()


def test_change_passphrase_in_the_app(
    qtbot: QtBot, window: MainWindow, vault: Path, memory_keyring: MemoryKeyring
) -> None:
    remember(vault, PASSPHRASE, KeyringStore())
    before = window.session.document
    dialog = open_dialog(window)
    dialog.current.setText(PASSPHRASE)
    dialog.new.setText(NEW)
    dialog.confirm.setText(NEW)
    with qtbot.waitSignal(dialog.finished, timeout=10_000) as finished:
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert finished.args == [QDialog.DialogCode.Accepted]
    assert "changed" in window.status_label.text()
    # The session goes on, on the new key: it reads and saves.
    assert not window.session.is_locked and window.session.document == before
    plan = Plan(sections={Section.WARNING_SIGNS: ("Saved after the change",)})
    assert window.session.save_plan(plan)
    window.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault, PASSPHRASE)
    with Vault.open(vault, NEW) as reopened:
        assert reopened.load_plan().items(Section.WARNING_SIGNS) == ("Saved after the change",)
    stored = memory_keyring.items[(SERVICE, vault_id(vault))]
    assert stored == "v1:" + derive_raw_key(vault, NEW).hex()


def test_a_wrong_current_passphrase_changes_nothing(
    qtbot: QtBot, window: MainWindow, vault: Path
) -> None:
    dialog = open_dialog(window)
    dialog.current.setText("this is not it")
    dialog.new.setText(NEW)
    dialog.confirm.setText(NEW)
    dialog.change()
    assert dialog.busy.isVisible()
    qtbot.waitUntil(lambda: "does not open" in dialog.message.text(), timeout=5000)
    assert dialog.isVisible() and not dialog.busy.isVisible()
    dialog.reject()
    Vault.open(vault, PASSPHRASE).close()
    assert not window.session.is_locked


def test_locking_closes_the_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(window)
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        window.lock()
    assert window.session.is_locked
