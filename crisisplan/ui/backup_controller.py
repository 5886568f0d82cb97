"""The main window's backups, kept out of main_window.py: the encrypted backup after each
session that saved something, and File ▸ Restore from a backup….

- **After a session.** When the vault is about to close (Lock now, auto-lock, closing the
  window, quitting) and anything was saved since it was unlocked, an encrypted backup is
  taken into the backups folder (the last 10 are kept; see storage/backups.py). If it
  cannot be made, the person is told; their saved changes are not affected.
- **Restore** works locked or unlocked — it is the way out of a damaged vault. The dialog
  checks the backup first (a wrong passphrase changes nothing); then the window locks,
  the current vault is kept as a backup, the checked copy is put in its place and opened,
  all off the GUI thread behind the unlock page's busy indicator.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from crisisplan.core.model import PlanDocument
from crisisplan.secrets import background
from crisisplan.storage import Vault, VaultError

if TYPE_CHECKING:
    from crisisplan.storage import backups
    from crisisplan.ui.controller_host import ControllerHost
    from crisisplan.ui.restore_dialog import RestoreDialog

_log = logging.getLogger(__name__)


class BackupController(QObject):
    """Attached to the main window (see ui/controller_host.py) as `window.backups`."""

    def __init__(self, window: ControllerHost) -> None:
        super().__init__(window.window())
        self.window = window
        self.last_backup: Path | None = None
        self._loaded: PlanDocument | None = None  # the document as it was at unlock
        self._rekeyed = False
        self._after_restore: str | None = None

        session = window.session
        session.lockedChanged.connect(self._on_locked_changed)
        session.aboutToLock.connect(self._back_up_session)
        window.unlock_page.unlocked.connect(self._on_unlocked)
        window.unlock_page.failed.connect(self._on_unlock_failed)
        self.restore_action = QAction("&Restore from a backup…", window.window())
        self.restore_action.triggered.connect(self.open_restore)
        window.file_menu.insertAction(window.print_plan_action, self.restore_action)
        window.file_menu.insertSeparator(window.print_plan_action)
        self._on_locked_changed(session.is_locked)

    # --- after a session ----------------------------------------------------------------

    def _on_locked_changed(self, locked: bool) -> None:
        # Attached again while unlocked (a new passphrase: the vault was re-keyed) counts as
        # a change, so that the backup after this session opens with the new passphrase.
        self._rekeyed = not locked and self._loaded is not None
        self._loaded = None if locked else self.window.session.document

    def saved_since_unlock(self) -> bool:
        """Whether anything was saved since the vault was unlocked: every save, undo or
        import gives the session a new document object."""
        if self._loaded is None:
            return False
        return self._rekeyed or self.window.session.document is not self._loaded

    def _back_up_session(self) -> None:
        vault = self.window.session.vault
        if vault is None or not self.saved_since_unlock():
            return
        from crisisplan.storage import backups  # not on the way to the crisis view

        try:
            self.last_backup = backups.make_backup(vault, backups.Kind.SESSION)
        except VaultError as error:
            _log.warning("The backup after this session was not made (%s).", type(error).__name__)
            self.window._show_problem(f"Your changes are saved. {error}")
        self._loaded, self._rekeyed = self.window.session.document, False

    # --- restore ------------------------------------------------------------------------

    def open_restore(self) -> RestoreDialog:
        """The restore dialog (non-blocking; returned for tests)."""
        from crisisplan.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.window.vault_path, parent=self.window.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.staged.connect(self.put_in_place)
        dialog.open()
        return dialog

    def put_in_place(self, staged: backups.StagedRestore) -> bool:
        """Lock, then (off the GUI thread) keep the current vault, put the checked backup in
        its place and open it; the unlock page shows the progress and any problem."""
        window = self.window
        if not window.session.is_locked:
            window.lock()  # saves typed text and takes the after-session backup first
            if not window.session.is_locked:  # text that cannot be saved: nothing is lost
                staged.discard()
                return False

        def work() -> Vault:
            try:
                restored = staged.put_in_place()
            finally:
                staged.discard()
            self._after_restore = _restored_sentence(restored)  # read after `unlocked`
            return staged.open_restored()

        window.pages.setCurrentWidget(window.unlock_page)
        window.unlock_page.adopt(background.start(work, name="crisisplan-restore"))
        return True

    def _on_unlocked(self, vault: Vault) -> None:
        message, self._after_restore = self._after_restore, None
        if message and not self.window.session.is_locked:
            self.window.set_status(message)

    def _on_unlock_failed(self, message: str) -> None:
        self._after_restore = None


def _restored_sentence(restored: backups.Restored) -> str:
    kept = " Your plan as it was is kept as a backup." if restored.kept_as else ""
    return f"Restored the backup {restored.backup.name}.{kept}"
