"""A second launch's hand-off, run on a thread: it blocks up to a second for the first
instance's answer, which the first can only give while the test's event loop runs."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path


def send_in_thread(vault_path: Path, message: str) -> Future[bool]:
    from crisisplan.ui.single_instance import send_to_running

    result: Future[bool] = Future()

    def work() -> None:
        try:
            result.set_result(send_to_running(vault_path, message))
        except BaseException as error:
            result.set_exception(error)

    threading.Thread(target=work, daemon=True).start()
    return result
