"""The passphrase was changed elsewhere: ask for the new one, never suggest a restore.

`crisisplan passwd` while the app has the vault open leaves the app's connection with a
key that no longer fits. The next save is refused by SQLCipher as "file is not a
database"; the vault tells that apart from damage (`VaultRekeyed`) and the session emits
`rekeyed` instead of `saveFailed`. This dialog then asks for the new passphrase, opens the
vault with it off the GUI thread, hands it to the session (`Session.reopen`), and the save
that was refused is made: nothing typed is lost. "Not now" leaves everything as it is;
the next save asks again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crisisplan.storage import Vault, WrongPassphrase
from crisisplan.ui.keyring_tasks import FutureWatcher, run_watched, sentence_for
from crisisplan.ui.session import Session

OPEN_DEADLINE_S = 30.0


class RekeyedDialog(QDialog):
    def __init__(
        self, session: Session, vault_path: Path, message: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.vault_path = vault_path
        self._watcher: FutureWatcher | None = None
        self.setWindowTitle("Passphrase changed")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)  # a readable line
        layout = QVBoxLayout(self)
        explanation = QLabel(message)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("New passphrase")
        form.addRow("&New passphrase:", self.passphrase)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            "&Go on", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.go_on)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus()

    def go_on(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText("Type the new passphrase first.")
            return
        path = self.vault_path
        self._watcher = run_watched(lambda: Vault.open(path, passphrase), self, OPEN_DEADLINE_S)
        self._watcher.succeeded.connect(self._opened)
        self._watcher.failed.connect(self._failed)
        self._watcher.timedOut.connect(lambda: self._failed(None))
        self.unlock_button.setEnabled(False)
        self.message.setText("Opening…")

    def _opened(self, vault: Vault) -> None:
        self._watcher = None
        self.unlock_button.setEnabled(True)
        self.passphrase.clear()
        if self.session.is_locked:  # locked meanwhile: unlocking will ask again
            vault.close()
        else:
            self.session.reopen(vault)
        self.accept()

    def _failed(self, error: BaseException | None) -> None:
        self._watcher = None
        self.unlock_button.setEnabled(True)
        if error is None:
            self.message.setText("Opening the vault took too long; try again.")
            return
        if isinstance(error, WrongPassphrase):  # not "restore a backup": the vault is fine
            self.message.setText(
                "That passphrase does not open the vault either. Type the passphrase it was "
                "changed to."
            )
            return
        message = sentence_for(error)
        if message is None:
            raise error
        self.message.setText(message)

    def reject(self) -> None:
        if self._watcher is not None:
            self._watcher.abandon()
            self._watcher = None
        super().reject()


def ask_when_rekeyed(window: QWidget, session: Session, vault_path: Path) -> None:
    """Ask for the new passphrase whenever a save finds the vault re-keyed elsewhere (one
    dialog at a time)."""
    open_dialogs: list[RekeyedDialog] = []

    def ask(message: str) -> None:
        if any(dialog.isVisible() for dialog in open_dialogs):
            return
        open_dialogs.clear()
        dialog = RekeyedDialog(session, vault_path, message, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_dialogs.append(dialog)
        dialog.destroyed.connect(open_dialogs.clear)
        dialog.open()

    session.rekeyed.connect(ask)
