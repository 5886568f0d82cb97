"""FutureWatcher: results and errors come back on the GUI thread; past the deadline it
stops waiting, and a vault that arrives late is closed, not leaked."""

from __future__ import annotations

import time
from concurrent.futures import Future
from pathlib import Path

from pytestqt.qtbot import QtBot

from crisisplan.storage import Vault
from crisisplan.ui.keyring_tasks import FutureWatcher, run_watched, sentence_for
from tests.helpers import PASSPHRASE


def test_result_and_error_come_back(qtbot: QtBot, qapp: object) -> None:
    parent = FutureWatcher(Future(), timeout_s=60)  # any QObject will do as a parent
    with qtbot.waitSignal(run_watched(lambda: 42, parent).succeeded, timeout=2000) as done:
        pass
    assert done.args == [42]
    with qtbot.waitSignal(run_watched(lambda: 1 / 0, parent).failed, timeout=2000) as failed:
        pass
    assert isinstance(failed.args[0], ZeroDivisionError)
    assert sentence_for(failed.args[0]) is None  # a bug, not a known problem
    parent.abandon()
    parent.deleteLater()


def test_past_the_deadline_it_gives_up_and_closes_a_late_vault(
    qtbot: QtBot, qapp: object, vault_path: Path
) -> None:
    Vault.create(vault_path, PASSPHRASE, "GB").close()
    never_yet: Future[Vault] = Future()
    watcher = FutureWatcher(never_yet, timeout_s=0.2)
    started = time.monotonic()
    with qtbot.waitSignal(watcher.timedOut, timeout=2000):
        pass
    assert 0.15 < time.monotonic() - started < 1.5
    assert not watcher.running
    late = Vault.open(vault_path, PASSPHRASE)
    never_yet.set_result(late)
    assert not late.is_open  # closed by on_abandoned, not left open
    watcher.deleteLater()
