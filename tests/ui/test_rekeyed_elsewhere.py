"""`crisisplan passwd` while the app has the vault open (issue 11, item 9).

The app's next save said "The vault is damaged… restore a backup", though the vault was
fine. Now the vault tells a re-key from damage, the app asks for the new passphrase, goes
on with it, and saves what it could not save: nothing is lost, no restore is suggested.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Plan, PlanDocument
from crisisplan.storage import Vault, VaultRekeyed
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.rekeyed_dialog import RekeyedDialog
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
NEW = "the passphrase changed from the command line"


def passwd_from_the_cli(path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crisisplan", "passwd", "--vault", str(path),
         "--passphrase-stdin"],
        input=f"{PASSPHRASE}\n{NEW}\n", capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.fixture
def example_vault(tmp_path: Path, example_document: PlanDocument) -> Path:
    path = tmp_path / "example.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return path


def test_the_vault_tells_a_re_key_from_damage(example_vault: Path) -> None:
    """Fails on today's main: VaultDamaged, "restore a backup"."""
    with Vault.open(example_vault, PASSPHRASE) as app_vault:
        app_vault.load()
        passwd_from_the_cli(example_vault)
        with pytest.raises(VaultRekeyed) as caught:
            app_vault.save_plan(Plan(medical_notes="typed after the change"))
        assert "restore" not in str(caught.value) and "type the new passphrase" in str(caught.value)
        with pytest.raises(VaultRekeyed):  # SQLCipher now says "readonly": still a re-key
            app_vault.save_plan(Plan(medical_notes="typed after the change"))
        with pytest.raises(VaultRekeyed):
            app_vault.load()


@pytest.fixture
def window(qtbot: QtBot, example_vault: Path) -> Iterator[MainWindow]:
    made = MainWindow(example_vault)
    qtbot.addWidget(made)
    made.show()
    made.unlock_page.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(made.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not made.session.is_locked, timeout=5000)
    yield made
    made.close()


def dialogs(window: MainWindow) -> list[RekeyedDialog]:
    return [d for d in window.findChildren(RekeyedDialog) if d.isVisible()]


def test_the_app_asks_for_the_new_passphrase_and_saves(
    qtbot: QtBot, window: MainWindow, example_vault: Path
) -> None:
    passwd_from_the_cli(example_vault)
    plan = Plan(medical_notes="typed after the passphrase was changed")
    problems: list[str] = []
    window.session.saveFailed.connect(problems.append)
    assert not window.session.save_plan(plan)
    assert problems == []  # no "damaged", no "restore a backup"
    assert not [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    (dialog,) = dialogs(window)
    assert "changed while it was open here" in dialog.findChildren(type(dialog.message))[0].text()
    assert not window.session.save_plan(plan)  # a second refusal: still one dialog
    assert len(dialogs(window)) == 1
    dialog.passphrase.setText(PASSPHRASE)  # the old one: said plainly, no restore
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() not in ("", "Opening…"), timeout=5000)
    assert "does not open the vault either" in dialog.message.text()
    assert "restore" not in dialog.message.text()
    dialog.passphrase.setText(NEW)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialogs(window), timeout=5000)
    assert window.session.document.plan == plan
    assert not window.session.is_locked
    with Vault.open(example_vault, NEW) as vault:  # the refused save was made
        assert vault.load_plan().medical_notes == plan.medical_notes
    assert window.session.save_plan(Plan(medical_notes="and the next one"))
