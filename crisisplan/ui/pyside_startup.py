"""Imported for its effect, before any Qt module: PySide6 stops reading the source of every
module imported after it.

PySide6 (6.11) hooks `import`: for each module imported after PySide6 that it has not
seen, `shibokensupport.feature.feature_imported` calls `_mod_uses_pyside(module)`, which
reads the module's whole source file with `inspect.getsource` to look for the word
"PySide6". The answer only chooses between "no `__feature__` selected" (0) and "ignore
this module" (-1); both mean Qt's default names and properties, and crisisplan uses no
`from __feature__ import …`. A module that does select a feature is recorded by PySide's
`__feature__` import itself, which this does not touch.

At launch that reading costs 15-30 ms on the GUI thread and 20-70 ms on the thread that
reads a remembered key, which imports secretstorage, jeepney and cryptography while Qt
loads and so holds the GIL against the window being built (measured 2026-11-30,
docs/benchmarks.md). Here the answer comes from the module's name instead: crisisplan's
own Qt code (`crisisplan.ui`, `crisisplan.app`) and PySide6 itself say 0, anything else
-1, without reading a file.

If a PySide6 release no longer has this hook (or renames it), nothing is changed and
`tests/ui/test_pyside_startup.py` says so, so the pin can be looked at again.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401  (installs the import hook this replaces)

_OWN_QT = ("crisisplan.ui", "crisisplan.app", "PySide6", "shiboken6")


def uses_pyside(module: ModuleType) -> bool:
    """What `_mod_uses_pyside` would answer for the modules crisisplan loads, by name."""
    name = getattr(module, "__name__", "")
    return isinstance(name, str) and name.startswith(_OWN_QT)


def skip_source_probe() -> bool:
    """Replace PySide's source-reading probe with `uses_pyside`; False if there is none."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


skip_source_probe()
