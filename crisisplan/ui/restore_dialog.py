"""File ▸ Restore from a backup…: the vault's backups with their dates and sizes, or a
backup file chosen elsewhere, and the passphrase it was made under.

Shown non-blocking (`open()`). Choosing Restore copies the backup beside the vault and
checks it off the GUI thread (`backups.stage_restore`): a wrong passphrase or a damaged
backup is said here, in the dialog, and nothing changes. Only a checked copy is handed
on (`staged`), for the main window to lock and put it in place.

Signals:
    staged(object): a `StagedRestore`, checked and ready to be put in place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crisisplan.storage import backups
from crisisplan.ui.keyring_tasks import FutureWatcher, run_watched, sentence_for
from crisisplan.ui.screen_fit import fit_on_screen

INTRO = (
    "Restoring replaces everything in your plan with the backup you choose. Your plan as it "
    "is now is kept as a backup first, so you can come back to it."
)
PASSPHRASE_NOTE = (
    "A backup opens with the passphrase it was made under: your passphrase at that time. "
    "If you have changed it since, type the old one."
)
NO_BACKUPS = (
    "There are no backups here yet. One is made each time you lock or close crisisplan "
    "after changing something. You can also choose a backup file from elsewhere."
)
STAGING_TIMEOUT_S = 120.0  # copying and checking a large backup on a slow disk


def _discard_staged(result: object) -> None:
    if isinstance(result, backups.StagedRestore):
        result.discard()


class RestoreDialog(QDialog):
    staged = Signal(object)

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from a backup")
        self.vault_path = vault_path
        self._watcher: FutureWatcher | None = None

        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.backup_list = QTreeWidget()
        self.backup_list.setAccessibleName("Backups, newest first")
        self.backup_list.setHeaderLabels(["Made", "Size", "Why"])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backup_list.itemSelectionChanged.connect(self._update_buttons)
        self.backup_list.itemDoubleClicked.connect(self._focus_passphrase)
        layout.addWidget(self.backup_list, 1)
        self.empty_label = QLabel(NO_BACKUPS)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.choose_button = QPushButton("Choose a backup file…")
        self.choose_button.setAccessibleName("Choose a backup file")
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)

        note = QLabel(PASSPHRASE_NOTE)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase of this backup")
        self.passphrase.setPlaceholderText("Passphrase of this backup")
        self.passphrase.textChanged.connect(self._update_buttons)
        self.passphrase.returnPressed.connect(self.restore)
        layout.addWidget(self.passphrase)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Checking the backup")
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Message")  # the name stays the visible text
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setAccessibleName("Restore")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.clicked.connect(self.restore)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

        self.resize(620, 460)
        self.refresh()

    def _focus_passphrase(self) -> None:
        self.passphrase.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_on_screen(self)  # 460 px is past the bottom of a 1366×768 screen at 200 %
        self.passphrase.setFocus()

    # --- the list -----------------------------------------------------------------------

    def refresh(self) -> None:
        """List the vault's backups, newest first, the newest selected."""
        self.backup_list.clear()
        for backup in backups.list_backups(self.vault_path):
            self._add(backup.path, backup.describe().split(" · "))
        self.empty_label.setVisible(self.backup_list.topLevelItemCount() == 0)
        newest = self.backup_list.topLevelItem(0)
        if newest is not None:
            self.backup_list.setCurrentItem(newest)
        for column in range(3):
            self.backup_list.resizeColumnToContents(column)
        self._update_buttons()

    def _add(self, path: Path, columns: list[str], at: int | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(columns)
        item.setData(0, Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(0, str(path))
        if at is None:
            self.backup_list.addTopLevelItem(item)
        else:
            self.backup_list.insertTopLevelItem(at, item)
        return item

    def add_file(self, path: Path) -> None:
        """Put a backup file from elsewhere at the top of the list, selected."""
        try:
            size = backups.size_text(path.stat().st_size)
        except OSError as error:
            self.message.setText(f"{path.name} cannot be read: {error.strerror or error}.")
            return
        item = self._add(path, [path.name, size, "chosen file"], at=0)
        self.empty_label.hide()
        self.backup_list.setCurrentItem(item)
        self.passphrase.setFocus()

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(
            self, "Choose a backup file", str(Path.home()), "Backups (*.vault);;All files (*)"
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.add_file(Path(name)))
        dialog.open()
        return dialog

    def selected_backup(self) -> Path | None:
        item = self.backup_list.currentItem()
        if item is None or not item.isSelected():
            return None
        return Path(item.data(0, Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        ready = self.selected_backup() is not None and bool(self.passphrase.text())
        self.restore_button.setEnabled(ready and self._watcher is None)

    # --- checking the chosen backup -----------------------------------------------------

    def restore(self) -> None:
        """Copy and check the chosen backup off the GUI thread; `staged` when it is right."""
        backup = self.selected_backup()
        passphrase = self.passphrase.text()
        if backup is None or not passphrase or self._watcher is not None:
            return
        vault_path = self.vault_path
        self._set_busy(True)
        self.message.setText("Checking the backup…")
        self._watcher = run_watched(
            lambda: backups.stage_restore(vault_path, backup, passphrase),
            self,
            timeout_s=STAGING_TIMEOUT_S,
            on_abandoned=_discard_staged,
        )
        self._watcher.succeeded.connect(self._on_staged)
        self._watcher.failed.connect(self._on_failed)
        self._watcher.timedOut.connect(
            lambda: self._on_failed(TimeoutError("checking the backup took too long"))
        )

    def _on_staged(self, staged: backups.StagedRestore) -> None:
        self._watcher = None
        self._set_busy(False)
        self.passphrase.clear()
        self.message.clear()
        self.accept()
        self.staged.emit(staged)

    def _on_failed(self, error: BaseException) -> None:
        self._watcher = None
        self._set_busy(False)
        message = sentence_for(error)
        if message is None:
            if isinstance(error, TimeoutError):
                message = f"Nothing was restored: {error}."
            else:
                raise error
        self.message.setText(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.backup_list, self.choose_button, self.passphrase):
            widget.setEnabled(not busy)
        self._update_buttons()
        self.restore_button.setEnabled(not busy and self.restore_button.isEnabled())

    def reject(self) -> None:
        if self._watcher is not None:  # a copy being checked: discard it when it is done
            self._watcher.abandon()
            self._watcher = None
        super().reject()
