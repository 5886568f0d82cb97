"""PySide reads no module's source at launch (crisisplan/ui/pyside_startup.py, issue 13).

PySide6 6.11 looks for the word "PySide6" in the source of every module imported after
it, reading the whole file; at launch that was 15-30 ms on the GUI thread. If a PySide6
upgrade removes or renames that hook, the first test fails so that the pin and the
workaround are looked at again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import crisisplan.ui.pyside_startup as startup

ROOT = Path(__file__).resolve().parent.parent.parent

COUNT_SOURCE_READS = r"""
import inspect, json, sys
reads = []
real = inspect.getsource
def counting(obj):
    reads.append(getattr(obj, "__name__", "?"))
    return real(obj)
inspect.getsource = counting
import crisisplan.app
before = len(reads)
import email.mime.text, xml.dom.minidom, crisisplan.ui.print_dialog
print(json.dumps({"at_import": before, "after": reads[before:],
                  "hook": inspect.getsource is counting}))
"""


def test_pyside_still_has_the_hook_and_it_is_replaced() -> None:
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside is startup.uses_pyside
    assert startup.skip_source_probe()


def test_the_answer_by_name() -> None:
    assert startup.uses_pyside(sys.modules["crisisplan.ui.pyside_startup"])
    assert startup.uses_pyside(sys.modules["PySide6"])
    assert not startup.uses_pyside(sys.modules["json"])
    assert not startup.uses_pyside(sys.modules["crisisplan.core.model"])


def test_modules_imported_after_qt_are_not_read() -> None:
    done = subprocess.run(
        [sys.executable, "-c", COUNT_SOURCE_READS], capture_output=True, text=True,
        timeout=60, cwd=ROOT, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said["after"] == []  # dozens of files read without the workaround
    assert said["at_import"] <= 6  # the few PySide imports itself before it is replaced
