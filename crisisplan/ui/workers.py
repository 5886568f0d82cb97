"""Slow work (the 0.1 s key derivation, creating a vault) off the GUI thread.

The work runs on a plain Python thread and hands its result back through a
`concurrent.futures.Future`, which a GUI-thread timer collects: no Qt object is touched
from the worker thread at all (a Python `QRunnable` emitting signals crashed PySide6
under load). The window keeps painting and answering meanwhile.

Signals (on `VaultTask`):
    opened(object): the `Vault` that was opened or created.
    failed(str): one sentence saying what went wrong (wrong passphrase, damaged file, …).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

from PySide6.QtCore import QObject, QTimer, Signal

from crisisplan.storage import Vault, VaultError

POLL_MS = 5


def start_in_background(work: Callable[[], Vault]) -> Future[Vault]:
    """Run `work` on a daemon thread; its result or exception lands in the future."""
    future: Future[Vault] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # handed back to the GUI thread as it is
            future.set_exception(error)

    threading.Thread(target=run, name="crisisplan-vault", daemon=True).start()
    return future


def describe_failure(error: BaseException) -> str | None:
    """The sentence for a known failure, or None for a bug (which is re-raised)."""
    if isinstance(error, VaultError):
        return str(error)
    if isinstance(error, OSError | ValueError):
        return f"The vault could not be opened: {error}."
    return None


class VaultTask(QObject):
    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[], Vault] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._future: Future[Vault] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._collect)

    def start(self) -> None:
        assert self._work is not None
        self.follow(start_in_background(self._work))

    def follow(self, future: Future[Vault]) -> None:
        """Report on work already under way (started before Qt was loaded)."""
        self._future = future
        self._timer.start()  # collected from the event loop, never before it runs

    def _collect(self) -> None:
        if self._future is None or not self._future.done():
            return
        self._timer.stop()
        future, self._future = self._future, None
        error = future.exception()
        if error is None:
            self.opened.emit(future.result())
            return
        message = describe_failure(error)
        if message is None:
            raise error
        self.failed.emit(message)
