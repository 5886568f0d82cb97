"""The main window's keeping-safe behaviour, kept out of main_window.py: the remembered key,
locking by itself, and the File menu's Settings… and Change passphrase….

- **Remembered key.** At launch (run_gui hands over an attempt started before Qt loaded)
  and whenever the "I'm struggling" view is shown while locked, the vault is opened with
  the key in the OS keyring, off the GUI thread and within a deadline; the passphrase
  prompt stays usable meanwhile and is the fallback. After a lock the unlock page does
  not try the keyring by itself — only the crisis view does, so that the person's own
  plan is there when they need it.
- **Auto-lock** after `Settings.auto_lock_minutes` without input (never while the crisis
  view is showing: a person in distress may look at it for a long time), and when the
  computer sleeps or the screen locks, if `Settings.lock_on_sleep`.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from crisisplan.storage import Vault
from crisisplan.storage.settings import Settings, load_settings
from crisisplan.ui.idle import IdleWatcher, SleepWatcher
from crisisplan.ui.keyring_tasks import FutureWatcher, RememberedUnlock, run_watched, sentence_for

if TYPE_CHECKING:
    from crisisplan.ui.controller_host import ControllerHost

TRYING = "Opening with the key remembered on this computer…"
SLEEP_WATCH_DELAY_MS = 1000


class SecurityController(QObject):
    """Attached to the main window (see ui/controller_host.py) as `window.security`."""

    def __init__(self, window: ControllerHost) -> None:
        super().__init__(window.window())
        self.window = window
        self.remembered = RememberedUnlock(window.vault_path, self)
        self.remembered.unlocked.connect(self._on_remembered_unlocked)
        self.remembered.fellBack.connect(self._on_fell_back)
        self._remembering: FutureWatcher | None = None

        settings = load_settings()
        self.idle = IdleWatcher(settings.auto_lock_minutes, self)
        self.idle.idle.connect(self._lock_when_idle)
        self._sleep: SleepWatcher | None = None
        self._lock_on_sleep_enabled = settings.lock_on_sleep
        # Subscribing on D-Bus costs 4–12 ms: not before the first frame is on screen.
        QTimer.singleShot(SLEEP_WATCH_DELAY_MS, self, self._listen_for_sleep)

        window.session.lockedChanged.connect(self._on_locked_changed)
        window.pages.currentChanged.connect(self._on_page_changed)
        self._add_actions()
        self._on_locked_changed(window.session.is_locked)

    def _add_actions(self) -> None:
        window = self.window
        self.settings_action = QAction("&Settings…", window.window())
        self.settings_action.triggered.connect(self.open_settings)
        self.passphrase_action = QAction("Change &passphrase…", window.window())
        self.passphrase_action.triggered.connect(self.open_change_passphrase)
        window.file_menu.insertAction(window.lock_action, self.settings_action)
        window.file_menu.insertAction(window.lock_action, self.passphrase_action)

    # --- the remembered key -------------------------------------------------------------

    def is_remembered(self) -> bool:
        from crisisplan.secrets.remembered import is_remembered

        return self.window.vault_path.exists() and is_remembered(self.window.vault_path)

    def unlock_with_remembered(self, opening: Future[Vault] | None = None) -> bool:
        """Try the remembered key in the background; False if it is not remembered."""
        if opening is None and not self.is_remembered():
            return False
        if not self.window.session.is_locked:
            return False
        self.window.unlock_page.message.setText(TRYING)
        self.remembered.start(opening)
        return True

    def _on_page_changed(self, _index: int) -> None:
        # From the event loop: at launch, run_gui shows the crisis view first and only then
        # starts a passphrase unlock, which must not be joined by a keyring attempt.
        QTimer.singleShot(0, self, self._try_for_crisis_view)

    def _try_for_crisis_view(self) -> None:
        window = self.window
        if (
            window.pages.currentWidget() is window.crisis_view
            and window.session.is_locked
            and not self._passphrase_under_way()
        ):
            self.unlock_with_remembered()

    def _passphrase_under_way(self) -> bool:
        return not self.window.unlock_page.busy.isHidden()

    def _on_remembered_unlocked(self, vault: Vault) -> None:
        if not self.window.session.is_locked or self._passphrase_under_way():
            vault.close()  # the passphrase won the race, or is about to
            return
        self.window.unlock_page.message.clear()
        self.window._on_unlocked(vault)  # as if unlocked on the unlock page

    def _on_fell_back(self, message: str) -> None:
        page = self.window.unlock_page
        if self.window.session.is_locked and page.message.text() == TRYING:
            page.message.setText(message)

    # --- locking ------------------------------------------------------------------------

    @property
    def sleep(self) -> SleepWatcher:
        """Hears the computer going to sleep and the screen locking (made on first use)."""
        return self._listen_for_sleep()

    def _listen_for_sleep(self) -> SleepWatcher:
        if self._sleep is None:
            self._sleep = SleepWatcher(self)
            self._sleep.sleeping.connect(self._lock_on_sleep)
        return self._sleep

    def _on_locked_changed(self, locked: bool) -> None:
        self.idle.set_active(not locked)
        self.passphrase_action.setEnabled(not locked)
        if not locked:
            self.remembered.cancel()

    def _lock_when_idle(self) -> None:
        window = self.window
        if window.crisis_showing():
            self.idle.set_active(not window.session.is_locked)  # look again later
            return
        window.lock()

    def _lock_on_sleep(self) -> None:
        if self._lock_on_sleep_enabled:
            self.window.lock()

    def apply(self, settings: Settings) -> None:
        """Take new locking choices (from the Settings dialog)."""
        self.idle.set_minutes(settings.auto_lock_minutes)
        self._lock_on_sleep_enabled = settings.lock_on_sleep

    # --- dialogs ------------------------------------------------------------------------

    def open_settings(self) -> QDialog:
        from crisisplan.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window.vault_path, parent=self.window.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.settingsChanged.connect(self.apply)
        dialog.open()
        return dialog

    def open_change_passphrase(self) -> QDialog | None:
        window = self.window
        if window.session.is_locked:
            return None
        from crisisplan.ui.passphrase_dialog import ChangePassphraseDialog

        if not window._flush_editors():  # nothing may be saved while the vault is re-keyed
            return None
        dialog = ChangePassphraseDialog(window.session, parent=window.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._on_passphrase_changed)
        dialog.open()
        return dialog

    def _on_passphrase_changed(self, note: str) -> None:
        if note:
            self.window._show_problem(f"Your passphrase has been changed. {note}")
        else:
            self.window.set_status("Your passphrase has been changed.")

    def remember_new_vault(self, passphrase: str) -> None:
        """First run asked to remember the key of the vault it is creating."""
        from crisisplan.secrets.keyring_store import KeyringStore
        from crisisplan.secrets.remembered import remember

        path = self.window.vault_path
        watcher = run_watched(lambda: remember(path, passphrase, KeyringStore()), self, 12.0)
        watcher.succeeded.connect(
            lambda _: self.window.set_status("Your key is remembered on this computer.")
        )
        watcher.failed.connect(self._remember_failed)
        watcher.timedOut.connect(lambda: self._remember_failed(None))
        self._remembering = watcher

    def _remember_failed(self, error: BaseException | None) -> None:
        message = "The keyring did not answer." if error is None else sentence_for(error)
        if message is None:
            assert error is not None
            raise error
        self.window._show_problem(
            "Your plan was created, but your key could not be remembered on this computer: "
            f"{message} You can try again in File \u25b8 Settings."
        )
