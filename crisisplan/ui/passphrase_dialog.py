"""File ▸ Change passphrase…: the current passphrase, the new one twice, its strength.

The re-key runs off the GUI thread on a connection of its own, opened with the current
passphrase (which checks it): the session's connection is never used from two threads.
When it is done the session moves to the new connection and closes the old one, whose
key is now wrong. A remembered key is updated in the same work (ui/keyring_tasks.py).

Signals:
    changed(str): the passphrase was changed; the argument is "" or a sentence about the
        remembered key that could not be updated.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.passphrase import passphrase_strength
from crisisplan.storage import Vault
from crisisplan.ui.keyring_tasks import FutureWatcher, run_watched, sentence_for
from crisisplan.ui.session import Session

REKEY_DEADLINE_S = 120.0  # a very large vault re-keys in seconds; this only ends the wait


def _close_late(result: object) -> None:
    if isinstance(result, tuple) and result and isinstance(result[0], Vault):
        result[0].close()


class ChangePassphraseDialog(QDialog):
    changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.session = session
        self._watcher: FutureWatcher | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.current = self._field("Current passphrase")
        form.addRow("Current passphrase:", self.current)
        self.new = self._field("New passphrase")
        form.addRow("New passphrase:", self.new)
        self.strength = QLabel()
        self.strength.setAccessibleName("Passphrase strength")
        self.strength.setWordWrap(True)
        form.addRow("", self.strength)
        self.confirm = self._field("New passphrase again")
        form.addRow("Type it again:", self.confirm)
        layout.addLayout(form)
        note = QLabel(
            "Nobody can recover a forgotten passphrase. Backups made before the change "
            "still open with your old passphrase."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Changing your passphrase")
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Message")  # the name stays the visible text
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.change_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.change_button.setText("Change passphrase")
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in (self.current, self.new, self.confirm):
            field.textChanged.connect(self._update)
        session.lockedChanged.connect(self._on_locked_changed)
        self._update()

    def _on_locked_changed(self, locked: bool) -> None:
        if locked and self.isVisible():
            if self._watcher is not None:  # a re-key under way still completes
                self._watcher.abandon()
                self._watcher = None
            self.reject()

    def _field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def _update(self) -> None:
        new = self.new.text()
        strength = passphrase_strength(new)
        self.strength.setText(f"{strength.label}. {strength.advice}" if new else "")
        matches = bool(new) and new == self.confirm.text()
        if self.confirm.text() and not matches:
            self.message.setText("The two new passphrases are not the same yet.")
        elif new and new == self.current.text():
            self.message.setText("The new passphrase is the same as the current one.")
        elif self._watcher is None:
            self.message.setText("")
        self.change_button.setEnabled(
            self._watcher is None
            and bool(self.current.text())
            and strength.acceptable
            and matches
            and new != self.current.text()
        )

    def change(self) -> None:
        """Check the current passphrase and re-key, off the GUI thread."""
        vault = self.session.vault
        if not self.change_button.isEnabled() or vault is None:
            return
        from crisisplan.secrets.keyring_store import KeyringStore
        from crisisplan.secrets.remembered import change_passphrase
        from crisisplan.storage.keys import derive_raw_key

        path, current, new = vault.path, self.current.text(), self.new.text()

        def work() -> tuple[Vault, str]:
            rekeying = Vault.open(path, raw_key=derive_raw_key(path, current))
            try:
                return rekeying, change_passphrase(rekeying, new, KeyringStore())
            except BaseException:
                rekeying.close()
                raise

        self._watcher = run_watched(
            work, self, timeout_s=REKEY_DEADLINE_S, on_abandoned=_close_late
        )
        self._watcher.succeeded.connect(self._done)
        self._watcher.failed.connect(self._failed)
        self._watcher.timedOut.connect(lambda: self._failed(None))
        self._set_busy(True)
        self.message.setText("Changing your passphrase…")

    def _done(self, result: tuple[Vault, str]) -> None:
        self._watcher = None
        rekeyed, note = result
        if self.session.is_locked:  # locked meanwhile: the new passphrase applies all the same
            rekeyed.close()
        else:
            old = self.session.vault
            self.session.attach(rekeyed)  # the old connection's key is no longer right
            if old is not None:
                old.close()
        self._set_busy(False)
        for field in (self.current, self.new, self.confirm):
            field.clear()
        self.changed.emit(note)
        self.accept()

    def _failed(self, error: BaseException | None) -> None:
        self._watcher = None
        message = "Changing the passphrase took too long." if error is None else None
        if error is not None:
            message = sentence_for(error)
            if message is None:
                raise error
        self._set_busy(False)
        self.message.setText(message or "")
        self.current.selectAll()
        self.current.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for field in (self.current, self.new, self.confirm):
            field.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self._update()
