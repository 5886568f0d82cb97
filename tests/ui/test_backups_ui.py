"""Backups in the app: one after each session that saved something, File ▸ Restore from a
backup… (locked or unlocked), and every damaged-vault sentence on the unlock page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlcipher3 import dbapi2 as sqlite

from crisisplan.core.model import Plan, PlanDocument, Section
from crisisplan.storage import Vault
from crisisplan.storage.backups import Kind, backups_folder, list_backups, make_backup
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.restore_dialog import RestoreDialog
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import assert_whole, damage_page, digest, make_newer, private, read_only

Opener = Callable[[Path], MainWindow]


@pytest.fixture
def vault(tmp_path: Path, example_document: PlanDocument) -> Path:
    path = tmp_path / "data" / "crisisplan.vault"
    with Vault.create(path, PASSPHRASE, "GB") as created:
        created.replace(example_document)
    return path


@pytest.fixture
def window_on(qtbot: QtBot) -> Opener:
    def open_window(path: Path) -> MainWindow:
        window = MainWindow(path, opener=lambda url: isinstance(url, QUrl))
        qtbot.addWidget(window)
        window.show()
        return window

    return open_window


def unlocked(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> MainWindow:
    window.unlock_page.passphrase.setText(passphrase)
    window.unlock_page.unlock()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    return window


def add_warning_sign(window: MainWindow, text: str) -> None:
    plan = window.session.document.plan
    sections = dict(plan.sections)
    sections[Section.WARNING_SIGNS] = (*plan.items(Section.WARNING_SIGNS), text)
    assert window.session.edit_plan(Plan(sections=sections), "Add warning sign")


def warning_signs(path: Path, passphrase: str = PASSPHRASE) -> tuple[str, ...]:
    with Vault.open(path, passphrase) as opened:
        return opened.load_plan().items(Section.WARNING_SIGNS)


# --- after a session -------------------------------------------------------------------------


def test_a_session_that_saved_something_is_backed_up_on_lock_and_close(
    qtbot: QtBot, vault: Path, window_on: Opener
) -> None:
    window = unlocked(qtbot, window_on(vault))
    window.lock()
    assert list_backups(vault) == []  # nothing saved: no backup
    unlocked(qtbot, window)
    add_warning_sign(window, "Not sleeping")
    window.lock()
    (first,) = list_backups(vault)
    assert first.kind is Kind.SESSION and window.backups.last_backup == first.path
    assert "Not sleeping" in warning_signs(first.path)
    assert private(first.path) == 0o600 and private(first.path.parent) == 0o700
    unlocked(qtbot, window)
    add_warning_sign(window, "Skipping meals")
    window.close()
    assert len(list_backups(vault)) == 2
    assert "Skipping meals" in warning_signs(list_backups(vault)[0].path)


def test_a_new_passphrase_is_followed_by_a_backup_that_opens_with_it(
    qtbot: QtBot, vault: Path, window_on: Opener
) -> None:
    window = unlocked(qtbot, window_on(vault))
    old = window.session.vault
    assert old is not None
    old.rekey("a brand new passphrase here")  # what Change passphrase… does, then re-attaches
    window.session.attach(Vault.open(vault, "a brand new passphrase here"))
    old.close()
    window.lock()
    (backup,) = list_backups(vault)
    assert_whole(backup.path, "a brand new passphrase here")


def test_a_backup_that_cannot_be_made_is_said_and_the_changes_stay(
    qtbot: QtBot, vault: Path, window_on: Opener
) -> None:
    window = unlocked(qtbot, window_on(vault))
    add_warning_sign(window, "Not sleeping")
    backups_folder(vault).mkdir(mode=0o700)
    with read_only(backups_folder(vault)):
        window.lock()
    assert window.session.is_locked and list_backups(vault) == []
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text().startswith("Your changes are saved. No backup was made")
    box.close()
    assert "Not sleeping" in warning_signs(vault)


# --- restore ---------------------------------------------------------------------------------


def test_restore_lists_backups_and_a_wrong_passphrase_changes_nothing(
    qtbot: QtBot, vault: Path, window_on: Opener
) -> None:
    with Vault.open(vault, PASSPHRASE) as opened:
        older = make_backup(opened, Kind.MANUAL)
        newer = make_backup(opened, Kind.SESSION)
    window = unlocked(qtbot, window_on(vault))
    dialog = window.backups.open_restore()
    assert isinstance(dialog, RestoreDialog) and dialog.isVisible()
    rows = [dialog.backup_list.topLevelItem(i) for i in range(2)]
    assert [r.data(0, Qt.ItemDataRole.UserRole) for r in rows if r] == [str(newer), str(older)]
    first = rows[0]
    assert first is not None and first.text(1).endswith("KB")
    assert first.text(2) == "after a session with changes"
    assert dialog.selected_backup() == newer
    assert "passphrase it was made under" in " ".join(
        label.text() for label in dialog.findChildren(type(dialog.message))
    )
    assert not dialog.restore_button.isEnabled()  # no passphrase yet
    before = digest(vault)
    dialog.passphrase.setText("not the passphrase")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.busy.isHidden(), timeout=5000)
    assert "opens with the passphrase it was made under" in dialog.message.text()
    assert dialog.isVisible() and not window.session.is_locked
    assert digest(vault) == before
    assert sorted(p.name for p in vault.parent.iterdir()) == ["backups", vault.name]
    dialog.reject()


def test_restore_replaces_the_plan_and_keeps_the_old_one(
    qtbot: QtBot, vault: Path, window_on: Opener
) -> None:
    with Vault.open(vault, PASSPHRASE) as opened:
        backup = make_backup(opened)
    window = unlocked(qtbot, window_on(vault))
    add_warning_sign(window, "Written after the backup")
    dialog = window.backups.open_restore()
    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.staged, timeout=5000):
        dialog.restore_button.click()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert "Written after the backup" not in window.session.document.plan.items(
        Section.WARNING_SIGNS
    )
    assert window.status_label.text().startswith(f"Restored the backup {backup.name}.")
    kinds = [b.kind for b in list_backups(vault)]
    assert Kind.BEFORE_RESTORE in kinds and Kind.SESSION in kinds
    kept = next(b for b in list_backups(vault) if b.kind is Kind.BEFORE_RESTORE)
    assert "Written after the backup" in warning_signs(kept.path)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, RestoreDialog)]


def test_restore_from_the_unlock_page_mends_a_damaged_vault(
    qtbot: QtBot, vault: Path, window_on: Opener, tmp_path: Path
) -> None:
    with Vault.open(vault, PASSPHRASE) as opened:
        good = opened.load()
        make_backup(opened)
    damage_page(vault, 3)
    window = window_on(vault)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlock_page.failed, timeout=5000):
        window.unlock_page.unlock()
    assert "is damaged" in window.unlock_page.message.text()
    assert window.backups.restore_action.isEnabled()
    dialog = window.backups.open_restore()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.restore()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert window.session.document == good


# --- damaged and foreign vaults on the unlock page --------------------------------------------


def make_plain_sqlite(path: Path) -> None:
    path.unlink()
    connection = sqlite.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    ("spoil", "sentence", "at_once"),
    [
        (lambda p: damage_page(p, 1), "the file may be damaged: restore a backup", False),
        (lambda p: damage_page(p, 3), "is damaged (database disk image is malformed)", False),
        (lambda p: p.write_bytes(p.read_bytes()[:-700]), "cut short", True),
        (make_plain_sqlite, "unencrypted SQLite database", True),
        (lambda p: make_newer(p, PASSPHRASE), "written by a newer crisisplan", False),
    ],
    ids=["first page", "later page", "truncated", "plain SQLite", "newer version"],
)
def test_the_unlock_page_says_what_is_wrong_and_keeps_the_file(
    qtbot: QtBot,
    vault: Path,
    window_on: Opener,
    spoil: Callable[[Path], None],
    sentence: str,
    at_once: bool,
) -> None:
    spoil(vault)
    before = digest(vault)
    window = window_on(vault)
    assert window.pages.currentWidget() is window.unlock_page
    if at_once:  # said before any passphrase is typed
        assert sentence in window.unlock_page.message.text()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(window.unlock_page.failed, timeout=5000) as failed:
        window.unlock_page.unlock()
    assert sentence in failed.args[0]
    assert sentence in window.unlock_page.message.text()
    assert window.session.is_locked and window.pages.currentWidget() is window.unlock_page
    assert digest(vault) == before
