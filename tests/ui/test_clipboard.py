"""A copied number never outlives Python: the process that copied exits cleanly.

Qt keeps the QMimeData we hand to the clipboard. On the offscreen, minimal, eglfs and
linuxfb platforms it sits in a C++ static that is destroyed after the interpreter has
finalized; destroying a QMimeData made in Python then calls into the dead interpreter
and the process ends in SIGSEGV (exit 139) after everything else has passed. This is how
the whole tests/ui run once exited 139. Each case runs in a process of its own, because
the crash happens only at that process's exit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

SETUP = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from crisisplan.ui.clipboard import ConcealedClipboard
app = QApplication([])
clipboard = ConcealedClipboard()
clipboard.copy("+44 7700 900123")
assert QApplication.clipboard().text() == "+44 7700 900123"
"""

ENDINGS = {
    # pytest-qt's way: the application and the copy are still there when Python exits.
    "app kept to the end": "",
    # The crisis view that owned the ConcealedClipboard is gone, its timer with it.
    "owner deleted first": "clipboard.deleteLater(); QCoreApplication.sendPostedEvents()",
    # The person copied something else since: theirs stays, and nothing crashes.
    "person copied since": (
        "QApplication.clipboard().setText('my own note')\n"
        "import atexit\n"
        "atexit.register(lambda: print(QApplication.clipboard().text()))"
    ),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_a_process_that_copied_exits_cleanly(ending: str) -> None:
    script = textwrap.dedent(SETUP) + ENDINGS[ending] + "\n"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, (result.returncode, result.stderr)
    if ending == "person copied since":
        assert result.stdout.strip() == "my own note"


def test_the_copy_is_cleared_when_python_exits() -> None:
    """The exit hook clears only our own copy, and says what it found (run in-process)."""
    from PySide6.QtWidgets import QApplication

    from crisisplan.ui import clipboard as module

    app = QApplication.instance() or QApplication([])
    concealed = module.ConcealedClipboard()
    concealed.copy("116 123")
    system = QApplication.clipboard()
    assert system.text() == "116 123"
    module.release_at_exit()
    assert system.text() == ""
    system.setText("my own note")
    module.release_at_exit()
    assert system.text() == "my own note"
    concealed.deleteLater()
    assert app is not None
