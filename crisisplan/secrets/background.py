"""Keyring calls on a thread of their own, so a keyring that hangs never hangs us.

A locked keyring can block `get_password` for as long as its unlock prompt is open
(secretstorage issue 33); a D-Bus service that never answers blocks too. Each call runs
on a daemon thread: the command line waits for it with a timeout, the GUI polls the
returned `Future` from a timer (ui/keyring_tasks.py). A call that overruns is abandoned —
its thread ends whenever the keyring answers, or with the process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from crisisplan.secrets.errors import KeyringTimeout

T = TypeVar("T")

TIMEOUT_S = 3.0  # long enough for a slow D-Bus round trip, short enough not to be noticed


def start(work: Callable[[], T], name: str = "crisisplan-keyring") -> Future[T]:
    """Run `work` on a daemon thread; its result or exception lands in the future."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(work())
        except BaseException as error:  # handed to whoever waits, as it is
            future.set_exception(error)

    threading.Thread(target=run, name=name, daemon=True).start()
    return future


def call_with_timeout(work: Callable[[], T], timeout: float | None = None) -> T:
    """`work()`, or `KeyringTimeout` if it has not finished after `timeout` seconds
    (default `TIMEOUT_S`, read at call time so that tests can shorten it)."""
    timeout = TIMEOUT_S if timeout is None else timeout
    future = start(work)
    try:
        return future.result(timeout=timeout)
    except FutureTimeout:
        raise KeyringTimeout(timeout) from None
