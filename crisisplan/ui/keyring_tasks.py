"""Keyring work for the GUI: started on a plain thread, collected by a timer, given up on
after a deadline — so a locked or absent keyring never freezes the window.

As in workers.py, no Qt object is touched from the worker thread (a Python `QRunnable`
emitting signals crashed PySide6); the GUI thread polls the `Future`.

Signals (on `FutureWatcher`):
    succeeded(object): the work's result.
    failed(object): the exception the work raised.
    timedOut(): the deadline passed; a result arriving later goes to `on_abandoned`.

Signals (on `RememberedUnlock`):
    unlocked(object): the `Vault`, opened with the key remembered in the OS keyring.
    fellBack(str): the passphrase is needed; why ("" when the key is simply not remembered).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from crisisplan.secrets import background
from crisisplan.secrets.errors import KeyringTimeout, KeyStoreError
from crisisplan.storage import Vault, VaultError

POLL_MS = 10
SLACK_S = 0.5  # the work bounds each keyring call itself; this only catches the rest


def deadline_s() -> float:
    """How long the GUI waits for keyring work (read at start, so tests can shorten it)."""
    return background.TIMEOUT_S + SLACK_S


def close_if_vault(result: object) -> None:
    """For results nobody waits for any more: an opened vault must not stay open."""
    if isinstance(result, Vault):
        result.close()


class FutureWatcher(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    timedOut = Signal()

    def __init__(
        self,
        future: Future[Any],
        *,
        timeout_s: float | None = None,
        on_abandoned: Callable[[object], None] = close_if_vault,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._future: Future[Any] | None = future
        self._deadline = time.monotonic() + (deadline_s() if timeout_s is None else timeout_s)
        self._on_abandoned = on_abandoned
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    @property
    def running(self) -> bool:
        return self._future is not None

    def collect(self) -> None:
        """Report now, not at the next poll, if the work is already done."""
        self._poll()

    def _poll(self) -> None:
        future = self._future
        if future is None:
            return
        if future.done():
            self._finish()
            error = future.exception()
            if error is None:
                self.succeeded.emit(future.result())
            else:
                self.failed.emit(error)
        elif time.monotonic() >= self._deadline:
            self.abandon()
            self.timedOut.emit()

    def abandon(self) -> None:
        """Stop waiting; whatever the work still produces is handed to `on_abandoned`."""
        future = self._future
        if future is None:
            return
        self._finish()
        on_abandoned = self._on_abandoned

        def late(done: Future[Any]) -> None:  # runs on the worker thread: no Qt here
            if not done.cancelled() and done.exception() is None:
                on_abandoned(done.result())

        future.add_done_callback(late)

    def _finish(self) -> None:
        self._timer.stop()
        self._future = None


def run_watched(
    work: Callable[[], Any],
    parent: QObject,
    timeout_s: float | None = None,
    on_abandoned: Callable[[object], None] = close_if_vault,
) -> FutureWatcher:
    """Run `work` on a thread and watch it from the GUI thread."""
    return FutureWatcher(
        background.start(work), timeout_s=timeout_s, on_abandoned=on_abandoned, parent=parent
    )


def sentence_for(error: BaseException) -> str | None:
    """The sentence for a known failure of vault or keyring work, or None for a bug."""
    if isinstance(error, VaultError | KeyStoreError):
        return str(error)
    if isinstance(error, OSError):
        return f"That did not work: {error.strerror or error}."
    return None


class RememberedUnlock(QObject):
    unlocked = Signal(object)
    fellBack = Signal(str)

    def __init__(self, vault_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault_path = vault_path
        self._watcher: FutureWatcher | None = None

    @property
    def running(self) -> bool:
        return self._watcher is not None and self._watcher.running

    def start(self, opening: Future[Vault] | None = None) -> bool:
        """Open with the remembered key (or follow an `opening` already under way).

        False if an attempt is already running (its signals will come).
        """
        if self.running:
            if opening is not None:  # started twice: keep the first, close the other
                opening.add_done_callback(
                    lambda done: None if done.exception() else close_if_vault(done.result())
                )
            return False
        if opening is None:
            from crisisplan.secrets.keyring_store import KeyringStore
            from crisisplan.secrets.remembered import open_remembered

            path = self.vault_path
            store = KeyringStore(read_in_child=True)  # the GUI stays smooth meanwhile
            opening = background.start(lambda: open_remembered(path, store))
        watcher = FutureWatcher(opening, parent=self)
        watcher.succeeded.connect(self._on_opened)
        watcher.failed.connect(self._on_failed)
        watcher.timedOut.connect(self._on_timed_out)
        self._drop_watcher()
        self._watcher = watcher
        if opening.done() and opening.exception() is None:
            # Opened while Qt loaded (cli.py): unlocked now, so that the first frame is
            # the person's own plan rather than the locked view (docs/benchmarks.md).
            watcher.collect()
        return True

    def cancel(self) -> None:
        """Stop waiting (the person unlocked another way); a late vault is closed."""
        if self._watcher is not None:
            self._watcher.abandon()
        self._drop_watcher()

    def _drop_watcher(self) -> None:
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None

    def _on_opened(self, vault: Vault) -> None:
        self._drop_watcher()
        self.unlocked.emit(vault)

    def _on_failed(self, error: BaseException) -> None:
        from crisisplan.secrets.remembered import NotRemembered

        self._drop_watcher()
        if isinstance(error, NotRemembered):
            self.fellBack.emit(str(error))
            return
        message = sentence_for(error)
        if message is None:
            raise error
        self.fellBack.emit(message)

    def _on_timed_out(self) -> None:
        self._drop_watcher()
        timeout = KeyringTimeout(background.TIMEOUT_S)
        self.fellBack.emit(f"{timeout} Type your passphrase instead.")
