"""File ▸ Settings…: remember the key on this computer (or forget it), and when to lock.

Remembering asks for the passphrase again: it proves the person is the one at the
keyboard, and the key is derived from it (the app never keeps the passphrase). Every
keyring call runs off the GUI thread with a timeout (ui/keyring_tasks.py).

Signals:
    settingsChanged(object): the new `Settings` (locking choices or remembered vaults).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from crisisplan.storage.settings import load_settings, update_settings
from crisisplan.ui.keyring_tasks import FutureWatcher, run_watched, sentence_for

TRADE_OFF = (
    "Your plan then opens without the passphrase on this computer — and anyone who can use "
    "your account here can open it too. The key is kept in your system's keyring, never "
    "your passphrase."
)
REMEMBERED = "Remembered: your plan opens without the passphrase on this computer."
NOT_REMEMBERED = "Not remembered: your passphrase is asked for each time."
MAX_MINUTES = 240


class SettingsDialog(QDialog):
    settingsChanged = Signal(object)

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.vault_path = vault_path
        self._watcher: FutureWatcher | None = None
        settings = load_settings()
        layout = QVBoxLayout(self)

        remember_box = QGroupBox("Remember on this computer")
        remember_layout = QVBoxLayout(remember_box)
        self.remember_state = QLabel()
        self.remember_state.setAccessibleName("Remembered on this computer")
        self.remember_state.setWordWrap(True)
        remember_layout.addWidget(self.remember_state)
        trade_off = QLabel(TRADE_OFF)
        trade_off.setWordWrap(True)
        remember_layout.addWidget(trade_off)
        row = QHBoxLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Your passphrase, to remember it")
        self.passphrase.setPlaceholderText("Your passphrase")
        self.passphrase.returnPressed.connect(self.remember)
        row.addWidget(self.passphrase, 1)
        self.remember_button = QPushButton("Remember on this computer")
        self.remember_button.setAutoDefault(False)
        self.remember_button.clicked.connect(self.remember)
        row.addWidget(self.remember_button)
        self.forget_button = QPushButton("Forget on this computer")
        self.forget_button.setAutoDefault(False)
        self.forget_button.clicked.connect(self.forget)
        row.addWidget(self.forget_button)
        remember_layout.addLayout(row)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Asking the keyring")
        self.busy.hide()
        remember_layout.addWidget(self.busy)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription("Message")  # the name stays the visible text
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        remember_layout.addWidget(self.message)
        layout.addWidget(remember_box)

        lock_box = QGroupBox("Locking")
        lock_layout = QVBoxLayout(lock_box)
        idle_row = QHBoxLayout()
        self.lock_when_idle = QCheckBox("Lock after")
        self.lock_when_idle.setAccessibleName("Lock when not used for a while")
        self.lock_when_idle.setChecked(settings.auto_lock_minutes > 0)
        idle_row.addWidget(self.lock_when_idle)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, MAX_MINUTES)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setAccessibleName("Minutes without use before locking")
        self.idle_minutes.setValue(min(settings.auto_lock_minutes or 10, MAX_MINUTES))
        self.idle_minutes.setEnabled(self.lock_when_idle.isChecked())
        idle_row.addWidget(self.idle_minutes)
        idle_row.addWidget(QLabel("without use"))
        idle_row.addStretch(1)
        lock_layout.addLayout(idle_row)
        self.lock_on_sleep = QCheckBox("Lock when the computer sleeps or the screen locks")
        self.lock_on_sleep.setChecked(settings.lock_on_sleep)
        lock_layout.addWidget(self.lock_on_sleep)
        note = QLabel(
            "The \u201cI'm struggling\u201d view stays open for as long as you need it. "
            "Locking closes your plan; Ctrl+L locks now."
        )
        note.setWordWrap(True)
        lock_layout.addWidget(note)
        layout.addWidget(lock_box)
        self.lock_when_idle.toggled.connect(self._save_locking)
        self.idle_minutes.valueChanged.connect(self._save_locking)
        self.lock_on_sleep.toggled.connect(self._save_locking)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_remembered()

    # --- remember / forget --------------------------------------------------------------

    @property
    def is_remembered(self) -> bool:
        from crisisplan.secrets.remembered import is_remembered

        return is_remembered(self.vault_path)

    def _show_remembered(self) -> None:
        remembered = self.is_remembered
        self.remember_state.setText(REMEMBERED if remembered else NOT_REMEMBERED)
        self.passphrase.setVisible(not remembered)
        self.remember_button.setVisible(not remembered)
        self.forget_button.setVisible(remembered)
        self._set_busy(False)

    def remember(self) -> None:
        """Check the passphrase and store the key, off the GUI thread."""
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText("Type your passphrase first.")
            self.passphrase.setFocus()
            return
        from crisisplan.secrets.keyring_store import KeyringStore
        from crisisplan.secrets.remembered import remember

        path = self.vault_path
        self._start(lambda: remember(path, passphrase, KeyringStore()), "Remembering…")

    def forget(self) -> None:
        from crisisplan.secrets.keyring_store import KeyringStore
        from crisisplan.secrets.remembered import forget

        path = self.vault_path
        self._start(lambda: forget(path, KeyringStore()), "Forgetting…")

    def _start(self, work: Callable[[], object], doing: str) -> None:
        if self._watcher is not None:
            return
        from crisisplan.secrets.background import TIMEOUT_S

        self._set_busy(True)
        self.message.setText(doing)
        # Up to three keyring calls, each with its own timeout, and a key derivation.
        watcher = run_watched(work, self, timeout_s=3 * TIMEOUT_S + 2)
        watcher.succeeded.connect(self._done)
        watcher.failed.connect(self._failed)
        watcher.timedOut.connect(lambda: self._failed(None))
        self._watcher = watcher

    def _done(self, _result: object) -> None:
        self._watcher = None
        self.passphrase.clear()
        remembered = self.is_remembered
        self.message.setText(
            "Done: your key is remembered on this computer."
            if remembered
            else "Done: this computer no longer remembers your key."
        )
        self._show_remembered()
        self.settingsChanged.emit(load_settings())

    def _failed(self, error: BaseException | None) -> None:
        self._watcher = None
        message = "The keyring did not answer." if error is None else sentence_for(error)
        if message is None:
            assert error is not None
            raise error
        self._show_remembered()
        self.message.setText(message)
        if self.passphrase.isVisible():
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        self.settingsChanged.emit(load_settings())

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.passphrase, self.remember_button, self.forget_button):
            widget.setEnabled(not busy)

    # --- locking ------------------------------------------------------------------------

    def _save_locking(self) -> None:
        self.idle_minutes.setEnabled(self.lock_when_idle.isChecked())
        minutes = self.idle_minutes.value() if self.lock_when_idle.isChecked() else 0
        try:
            settings = update_settings(
                auto_lock_minutes=minutes, lock_on_sleep=self.lock_on_sleep.isChecked()
            )
        except OSError as error:
            self.message.setText(f"The setting could not be saved: {error.strerror or error}.")
            return
        self.settingsChanged.emit(settings)
