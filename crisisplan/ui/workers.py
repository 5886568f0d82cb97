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
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from crisisplan.storage import Vault, VaultError

POLL_MS = 5
T = TypeVar("T")


def start_in_background(work: Callable[[], Vault]) -> Future[Vault]:
    """Run `work` on a daemon thread; its result or exception lands in the future."""
    return run_in_background(work, "crisisplan-vault")


def run_in_background(work: Callable[[], T], name: str = "crisisplan-work") -> Future[T]:
    """Run any `work` on a daemon thread; its result or exception lands in the future,
    which the GUI thread collects with a timer (never touch Qt from `work`)."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # handed back to the GUI thread as it is
            future.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
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


class BackgroundTask(QObject):
    """Any slow, pure-Python work (reading and checking a file) off the GUI thread.

    As with `VaultTask`, the worker thread touches no Qt object: its result lands in a
    `Future`, collected by a GUI-thread timer. `progress` may be polled the same way: the
    work writes a number into `progress_value` and the timer emits it when it changes.

    Signals:
        done(object): what the work returned.
        error(object): the exception it raised (a bug is handed over too; the receiver
            decides what a person is told).
        progress(int): the latest value the work reported through `report`.
    """

    done = Signal(object)
    error = Signal(object)
    progress = Signal(int)

    def __init__(
        self, work: Callable[[BackgroundTask], object], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._future: Future[object] | None = None
        self._reported = -1
        self.progress_value = 0
        self.cancelled = threading.Event()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS * 4)
        self._timer.timeout.connect(self._collect)

    def report(self, value: int) -> None:
        """Called by the work, on its thread: a plain attribute write, no Qt."""
        self.progress_value = value

    def start(self) -> None:
        future: Future[object] = Future()
        self._future = future

        def run() -> None:
            try:
                future.set_result(self._work(self))
            except BaseException as error:  # handed to the GUI thread as it is
                future.set_exception(error)

        threading.Thread(target=run, name="crisisplan-task", daemon=True).start()
        self._timer.start()

    def cancel(self) -> None:
        """Ask the work to stop (it checks `cancelled`); no signal follows."""
        self.cancelled.set()
        self._timer.stop()
        self._future = None

    def is_running(self) -> bool:
        return self._future is not None

    def _collect(self) -> None:
        if self.progress_value != self._reported:
            self._reported = self.progress_value
            self.progress.emit(self._reported)
        if self._future is None or not self._future.done():
            return
        self._timer.stop()
        future, self._future = self._future, None
        error = future.exception()
        if error is None:
            self.done.emit(future.result())
        else:
            self.error.emit(error)
