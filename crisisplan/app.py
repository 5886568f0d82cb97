"""The desktop app's entry: one instance per vault, then the main window.

`crisisplan` with no command (and `crisisplan --crisis`) lands here from cli.py, which
has already read any passphrase from standard input, so that Qt never sees it.
"""

from __future__ import annotations

import sys
from concurrent.futures import Future
from pathlib import Path

import crisisplan.ui.pyside_startup  # noqa: F401  (first, so that PySide reads no sources)

# isort: split
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from crisisplan import APP_NAME
from crisisplan.storage import Vault
from crisisplan.ui import accessibility
from crisisplan.ui.main_window import MainWindow

EXIT_WRONG_PASSPHRASE = 3


def _app_icon() -> QIcon:
    """The calm shield icon, from resources/ (every size, so no blurry scaling)."""
    from crisisplan.resources import resource_dir

    icon = QIcon()
    for png in sorted((resource_dir() / "icons" / "hicolor").glob("*/apps/crisisplan.png")):
        icon.addFile(str(png))
    return icon


class _FirstPaint(QObject):
    """Emits `painted` once, when the window it watches (only that object's own events, a
    few) gets its first paint event; then stops watching."""

    painted = Signal()

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            self.painted.emit()
        return False


def _reach_dialogs_after_first_frame(app: QApplication, window: MainWindow) -> None:
    """Ctrl+H and the "I'm struggling" button in every dialog (ui/crisis_reach.py) come from
    an event filter on the whole application: a Python call for every event of the launch,
    40-50 ms of CPU before the first frame (docs/benchmarks.md). No dialog can be open
    before that frame and the window's own Ctrl+H works meanwhile, so at launch the filter
    goes on right after the first frame (and gives any dialog already shown its button)."""
    reach = window.crisis_reach
    app.removeEventFilter(reach)

    def install() -> None:
        app.installEventFilter(reach)
        accessibility.install_keyboard(app)  # Enter on buttons: the same reasoning
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                reach.add_button(widget)

    first = _FirstPaint(window)
    first.painted.connect(lambda: QTimer.singleShot(0, install))


# How long the crisis launch waits for an open started before Qt loaded (cli.py) before
# it builds the locked view: building, measuring and painting that view only to replace it
# a moment later costs more (docs/benchmarks.md). A slow keyring still shows the locked
# view, this much later at most; its own timeout and the fallback are unchanged.
SETTLE_S = 0.25


def _opened(future: Future[Vault] | None) -> bool:
    """Whether an open already under way has succeeded, waiting up to SETTLE_S for it."""
    if future is None:
        return False
    from concurrent.futures import wait

    wait([future], timeout=SETTLE_S)
    return future.done() and future.exception() is None


def disable_core_dumps() -> None:
    """A core dump of the GUI process would hold the plan in plaintext."""
    from crisisplan.secrets.coredumps import disable_core_dumps as disable

    disable()  # RLIMIT_CORE and PR_SET_DUMPABLE (already done by cli.main)


def run_gui(
    vault_path: Path,
    *,
    passphrase: str | None = None,
    opening: Future[Vault] | None = None,
    remembered: Future[Vault] | None = None,
    crisis: bool = False,
    exit_when_shown: bool = False,
) -> int:
    """Run the app until it is closed; returns the process exit code.

    `remembered` is an open with the key remembered in the OS keyring, started before Qt
    loaded (cli.py); the window follows it with a deadline and falls back to the prompt.
    """
    disable_core_dumps()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(_app_icon())

    server = None
    if not exit_when_shown:  # a smoke test or benchmark run stands alone
        from crisisplan.ui.single_instance import InstanceServer, send_to_running

        if send_to_running(vault_path, "crisis" if crisis else "raise"):
            return 0
        server = InstanceServer(vault_path)
        server.listen()

    accessibility.install(app, keyboard=False)  # its event filter after the first frame
    window = MainWindow(vault_path)
    _reach_dialogs_after_first_frame(app, window)
    if passphrase is None:  # a remembered key, if any: before show_crisis() would try again
        if crisis and _opened(remembered):
            window.pages.setCurrentWidget(window.crisis_view)  # opened: unlocks on this page
        window.security.unlock_with_remembered(remembered)
    if server is not None:
        server.messageReceived.connect(window.handle_message)
    exit_code = 0

    def exit_once_painted() -> None:
        window.crisis_view.painted.connect(lambda: app.exit(exit_code))
        window.crisis_view.notify_next_paint()

    def failed(message: str) -> None:
        nonlocal exit_code
        if exit_when_shown:
            print(f"crisisplan: {message}", file=sys.stderr)  # noqa: T201
            exit_code = EXIT_WRONG_PASSPHRASE
            app.exit(exit_code)

    unlocking = passphrase is not None and vault_path.exists()
    if unlocking:
        window.unlock_page.failed.connect(failed)
        if exit_when_shown:
            window.session.lockedChanged.connect(
                lambda locked: None if locked else exit_once_painted()
            )
    # Usually the key was derived while Qt loaded (cli.py): then unlock on the crisis page
    # before anything there is built, measured or shown, so that the person's own plan is
    # built once and is the first frame, not the locked view painted only to be replaced.
    opened = crisis and unlocking and _opened(opening)
    if opened and opening is not None:
        window.pages.setCurrentWidget(window.crisis_view)  # the unlock stays on it
        window.unlock_page.adopt(opening)
    window.place_on_screen()  # remembered, or a sensible part of the screen the first time
    if crisis:
        window.show_crisis()
    window.show()
    # Otherwise the unlock page takes it on screen: an unlock that is already done happens at
    # once in adopt(), and the plan page it opens must be showing to take the keyboard focus
    # (the "I'm struggling" button; tests/a11y/test_tree.py).
    if unlocking and passphrase is not None and not opened:
        if opening is not None:
            window.unlock_page.adopt(opening)
        else:
            window.unlock_page.unlock(passphrase)
    if not unlocking and exit_when_shown:
        if not crisis:
            window.show_crisis()
        keyring = window.security.remembered

        def fell_back(message: str) -> None:
            if message:
                print(f"crisisplan: {message}", file=sys.stderr)  # noqa: T201
            exit_once_painted()

        if keyring.running:  # exit once the person's own plan (or the fallback) is painted
            keyring.unlocked.connect(lambda _vault: exit_once_painted())
            keyring.fellBack.connect(fell_back)
        else:
            exit_once_painted()

    result = app.exec()
    if server is not None:
        server.close()
    window.hide()  # quitting: the lock then clears the views instead of building them anew
    window.session.lock()
    window.deleteLater()
    return result if result else exit_code
