"""The windows part of `crisisplan --self-test` (see crisisplan/selftest.py).

Builds the real main window for a vault, unlocks it through the unlock page (off the GUI
thread, as a person would), opens the editors, paints the crisis view and the wallet
card's preview (PDF rendered by pdfium), then locks and closes. Qt's own warnings are
collected meanwhile: any that are not known to be harmless fail the check, so a frozen
build missing a plugin or a library says so instead of limping on.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from crisisplan import APP_NAME

TIMEOUT_S = 30.0

# What platform plugins say about features they lack; not our problem (same list as the
# test suite's qt_log_ignore in pyproject.toml).
HARMLESS = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)


class WindowCheckFailed(Exception):
    """The windows could not be built, unlocked or painted; the message says which."""


def _wait_until(app: QApplication, done: Callable[[], bool], what: str) -> None:
    """Run the event loop until `done()`, or fail after TIMEOUT_S."""
    deadline = time.monotonic() + TIMEOUT_S
    waker = QTimer()
    waker.start(10)  # wake the loop so `done` is looked at even when nothing else happens
    try:
        while not done():
            if time.monotonic() > deadline:
                raise WindowCheckFailed(f"timed out after {TIMEOUT_S:.0f} s waiting for {what}")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    finally:
        waker.stop()


def check_windows(vault_path: Path, passphrase: str) -> str:
    """Build, unlock, show and close the app's windows for `vault_path`.

    Returns:
        The Qt platform the windows were shown on (e.g. "xcb", "offscreen").

    Raises:
        WindowCheckFailed: with what went wrong, including unexpected Qt warnings.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    warnings: list[str] = []

    def collect(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        quiet = kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
        if not quiet and not any(harmless in message for harmless in HARMLESS):
            warnings.append(message)

    previous_handler = qInstallMessageHandler(collect)
    from crisisplan.ui.main_window import MainWindow

    window = MainWindow(vault_path)
    try:
        window.resize(1100, 760)
        window.show()
        if window.pages.currentWidget() is not window.unlock_page:
            raise WindowCheckFailed("the window did not open on the unlock page")
        failures: list[str] = []
        window.unlock_page.failed.connect(failures.append)
        window.unlock_page.unlock(passphrase)
        _wait_until(app, lambda: not window.session.is_locked or bool(failures), "the unlock")
        if failures:
            raise WindowCheckFailed(f"unlocking failed: {failures[0]}")
        if not window.session.document.contacts:
            raise WindowCheckFailed("the unlocked window shows no people")

        window.pages.setCurrentWidget(window.tabs)  # builds both editors
        _ = window.plan_editor, window.support_editor
        app.processEvents()

        painted: list[bool] = []
        window.crisis_view.painted.connect(lambda: painted.append(True))
        window.show_crisis()
        window.crisis_view.notify_next_paint()
        _wait_until(app, lambda: bool(painted), "the crisis view to be painted")
        if not window.crisis_view.emergency_number:
            raise WindowCheckFailed("the crisis view shows no emergency number")
        if window.grab().isNull():
            raise WindowCheckFailed("the window could not be drawn into an image")

        dialog = window.open_print("card")
        if dialog is None:
            raise WindowCheckFailed("the wallet card dialog did not open")
        app.processEvents()
        pdf = getattr(dialog, "pdf", b"")
        if not pdf.startswith(b"%PDF-"):
            raise WindowCheckFailed("the wallet card dialog made no PDF")
        dialog.close()

        window.lock()
        if not window.session.is_locked:
            raise WindowCheckFailed("the window did not lock")
        window.close()
        app.processEvents()
    finally:
        window.session.lock()
        window.deleteLater()
        app.processEvents()
        qInstallMessageHandler(previous_handler)
    if warnings:
        raise WindowCheckFailed("Qt warned: " + " | ".join(dict.fromkeys(warnings)))
    return app.platformName()
