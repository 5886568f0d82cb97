"""Copying a phone number the way a password manager copies a password.

The copy is marked concealed (so clipboard managers and history do not keep it) and is
cleared after a timeout, or on quit, but only if the clipboard still holds what we put
there: we never wipe something the person copied since.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 60_000

# Hints read by KDE Klipper, Windows clipboard history and macOS pasteboard managers.
_CONCEALED_FORMATS = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"1",
    "org.nspasteboard.ConcealedType": b"",
}


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
        QGuiApplication.clipboard().setMimeData(mime)
        self._copied = text
        self._timer.start()

    def clear_if_unchanged(self) -> None:
        """Clear the clipboard if it still holds our copy (on timeout, lock and quit)."""
        self._timer.stop()
        if self._copied is not None and QGuiApplication.clipboard().text() == self._copied:
            QGuiApplication.clipboard().clear()
        self._copied = None
