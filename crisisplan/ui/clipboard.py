"""Copying a phone number the way a password manager copies a password.

The copy is marked concealed (so clipboard managers and history do not keep it) and is
cleared after a timeout, or on quit, but only if the clipboard still holds what we put
there: we never wipe something the person copied since.

Qt owns the QMimeData we hand it. On platforms without a system clipboard (offscreen,
minimal, eglfs, linuxfb) it keeps it in a C++ static destroyed by the C library's exit
handlers, after the interpreter has finalized; destroying a QMimeData made in Python
then calls into the dead interpreter and the process dies of SIGSEGV on its way out
(the whole tests/ui run once passed and exited 139 that way). So when Python exits, a
copy of ours still on the clipboard is cleared while Python can still be told.
"""

from __future__ import annotations

import atexit

import shiboken6
from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 60_000

# Hints read by KDE Klipper, Windows clipboard history and macOS pasteboard managers.
_CONCEALED_FORMATS = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"1",
    "org.nspasteboard.ConcealedType": b"",
}

# The QMimeData last handed to the clipboard; Qt deletes it when anything replaces it.
_handed: QMimeData | None = None
_exit_hook_registered = False


def release_at_exit() -> None:
    """Clear the clipboard if it still holds the copy we made; anything else is left alone.

    Registered with `atexit` on the first copy (MainWindow already clears on close and
    lock; this covers every other way out). Safe to call any time, and more than once.
    """
    global _handed
    mime, _handed = _handed, None
    if mime is None or not shiboken6.isValid(mime) or QGuiApplication.instance() is None:
        return  # nothing copied, or already replaced (Qt deleted ours), or no app left
    system = QGuiApplication.clipboard()
    if system.mimeData() is mime:
        system.clear()  # Qt deletes our QMimeData now, while Python is alive


def _hand_to_clipboard(mime: QMimeData) -> None:
    global _handed, _exit_hook_registered
    QGuiApplication.clipboard().setMimeData(mime)
    _handed = mime
    if not _exit_hook_registered:
        # Registered on first copy, after Qt's own imports: atexit runs it before them.
        atexit.register(release_at_exit)
        _exit_hook_registered = True


class ConcealedClipboard(QObject):
    """Copies text marked concealed and clears it after `timeout_ms` if unchanged."""

    def __init__(self, timeout_ms: int = CLEAR_AFTER_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.clear_if_unchanged)

    @property
    def timeout_ms(self) -> int:
        """How long a copy stays before it is cleared (said in the copy confirmation)."""
        return self._timer.interval()

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        for name, value in _CONCEALED_FORMATS.items():
            mime.setData(name, value)
        _hand_to_clipboard(mime)
        self._copied = text
        self._timer.start()

    def clear_if_unchanged(self) -> None:
        """Clear the clipboard if it still holds our copy (on timeout, lock and quit)."""
        self._timer.stop()
        if self._copied is not None and QGuiApplication.clipboard().text() == self._copied:
            QGuiApplication.clipboard().clear()
        self._copied = None
