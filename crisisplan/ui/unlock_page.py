"""The unlock screen: one passphrase field, a clear message when it is wrong, and the
work done off the GUI thread with a busy indicator.

Signals:
    unlocked(object): the opened `Vault`.
    failed(str): the sentence shown when the vault could not be opened.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisplan.storage import Vault
from crisisplan.storage.errors import VaultError
from crisisplan.storage.vault import check_file
from crisisplan.ui.workers import VaultTask


class UnlockPage(QWidget):
    unlocked = Signal(object)
    failed = Signal(str)

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self._task: VaultTask | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addStretch(1)
        title = QLabel("Welcome back")
        title.setProperty("role", "title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        layout.addWidget(title)
        intro = QLabel("Type your passphrase to open your plan.")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.returnPressed.connect(self.unlock)
        self.passphrase.setMaximumWidth(480)
        row.addWidget(self.passphrase, 1)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: "working"
        self.busy.setAccessibleName("Opening your plan")
        self.busy.setMaximumWidth(480)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Message")  # the name stays the visible text
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        layout.addStretch(2)
        self.setFocusProxy(self.passphrase)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.passphrase.setFocus()
        self._check_file()

    def _check_file(self) -> None:
        """Say at once if the file cannot be a vault (empty, plaintext, …), before typing."""
        try:
            check_file(self.vault_path)
        except VaultError as error:
            self.message.setText(str(error))

    def unlock(self, passphrase: str | None = None) -> None:
        """Check the passphrase off the GUI thread; `unlocked` is emitted on success."""
        text = passphrase if isinstance(passphrase, str) else self.passphrase.text()
        if not text:
            self.message.setText("Type your passphrase first.")
            return
        self._set_busy(True)
        self.message.setText("Opening…")
        path = self.vault_path
        self._task = VaultTask(lambda: Vault.open(path, text), self)
        self._task.opened.connect(self._on_opened)
        self._task.failed.connect(self._on_failed)
        self._task.start()

    def adopt(self, opening: Future[Vault]) -> None:
        """Show the busy state for an open already under way (started before Qt loaded);
        an open that has already succeeded (the key derived while Qt loaded, the usual
        case) unlocks at once, so the first frame is the person's own plan, not the
        locked view built and painted only to be replaced (docs/benchmarks.md)."""
        if opening.done() and opening.exception() is None:
            self.unlocked.emit(opening.result())
            return
        self._set_busy(True)
        self.message.setText("Opening…")
        self._task = VaultTask(parent=self)
        self._task.opened.connect(self._on_opened)
        self._task.failed.connect(self._on_failed)
        self._task.follow(opening)

    def _on_opened(self, vault: Vault) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.message.clear()
        self.unlocked.emit(vault)

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        self.message.setText(message)
        self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.passphrase.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
