"""Guard against Qt binding releases that corrupt Python reference counts.

PySide6 6.12.0 dropped a reference to True on every signal emitted from Python (and
one to None per processEvents()); a long session then aborts with "deallocating True".
We pin 6.11.3; this test fails if an upgrade brings such a leak back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication


class _Emitter(QObject):
    bare = Signal()
    with_value = Signal(object)


def test_emitting_signals_keeps_refcounts(qapp: QApplication) -> None:
    emitter = _Emitter()
    emitter.bare.connect(lambda: None)
    emitter.with_value.connect(lambda value: None)
    before = {name: sys.getrefcount(value) for name, value in (("True", True), ("None", None))}
    for _ in range(200):
        emitter.bare.emit()
        emitter.with_value.emit(True)
        qapp.processEvents()
    after = {name: sys.getrefcount(value) for name, value in (("True", True), ("None", None))}
    for name in before:
        assert abs(after[name] - before[name]) < 50, (name, before[name], after[name])
    emitter.deleteLater()
