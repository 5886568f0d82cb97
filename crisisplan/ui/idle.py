"""When to lock by itself: no input for a while, the computer going to sleep, the screen
locking.

`IdleWatcher` sees every keyboard, mouse, wheel and touch event of the application (an
event filter on the QApplication); input in other programs is idleness for us. The filter
is installed only while the countdown runs (unlocked, with a time set), and a second
after it starts rather than at once: a Python filter on the whole application costs ~40 µs
for *every* Qt event, which at launch (hundreds of widgets built, polished and painted)
was 40–50 ms of CPU before the first frame (docs/benchmarks.md).
`SleepWatcher` listens on D-Bus where there is one (Linux desktops): logind's
`PrepareForSleep(true)` and session `Lock`, and `ActiveChanged(true)` of the
freedesktop, GNOME and KDE screen savers. Elsewhere it stays silent. Anyone on the bus
can send these signals; the worst they can do is lock the app, so we accept them from
any sender.

Signals:
    IdleWatcher.idle(): no input for the chosen time.
    SleepWatcher.sleeping(): the computer is about to sleep, or the screen was locked.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import SLOT, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


FILTER_DELAY_MS = 1000  # after an unlock, before input restarts the countdown


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._active = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._filtering = False
        self.set_minutes(minutes)

    @property
    def interval_ms(self) -> int:
        """0 when idle locking is off."""
        return self._interval_ms

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, interval_ms: int) -> None:
        self._interval_ms = interval_ms
        self._timer.setInterval(max(1, interval_ms))
        self._restart()

    def set_active(self, active: bool) -> None:
        """Count idle time only while there is something to lock."""
        self._active = active
        self._restart()

    def _restart(self) -> None:
        if self._active and self._interval_ms > 0:
            self._timer.start()
            # A moment later: the view just unlocked (the crisis view) is built, laid out and
            # painted without the filter. Handing every event of that first frame to Python
            # also made PySide set up, once, dozens of Qt classes the app never uses (about
            # 120 enum types, ~14 ms, docs/benchmarks.md). The countdown was restarted just
            # now, so input in that moment changes when the lock comes by that moment at
            # most: FILTER_DELAY_MS, or a tenth of a (test's) shorter countdown.
            delay = min(FILTER_DELAY_MS, self._interval_ms // 10)
            QTimer.singleShot(delay, self, self._update_filter)
        else:
            self._timer.stop()
            self._update_filter()

    def _update_filter(self) -> None:
        wanted = self._active and self._interval_ms > 0
        app = QApplication.instance()
        if app is None or wanted == self._filtering:
            return
        if wanted:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = wanted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in INPUT_EVENTS and self._interval_ms > 0:
            self._timer.start()
        return False


class SleepWatcher(QObject):
    sleeping = Signal()

    SCREEN_SAVERS = (
        ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
        ("/ScreenSaver", "org.freedesktop.ScreenSaver"),  # KDE
        ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []  # what we could subscribe to (for tests and About)
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a Qt without D-Bus: nothing to listen to
            return
        system = QDBusConnection.systemBus()
        if system.isConnected():
            login1 = "org.freedesktop.login1"
            manager = (login1, "/org/freedesktop/login1", f"{login1}.Manager")
            self._subscribe(system, *manager, "PrepareForSleep", "onPrepareForSleep(bool)")
            self._subscribe(system, login1, "", f"{login1}.Session", "Lock", "onLock()")
        # Without an address libdbus would try to start a bus of its own (X11 autolaunch).
        if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
            session = QDBusConnection.sessionBus()
            if session.isConnected():
                for path, interface in self.SCREEN_SAVERS:
                    self._subscribe(
                        session, "", path, interface, "ActiveChanged", "onScreenSaverActive(bool)"
                    )

    def _subscribe(
        self, bus: QDBusConnection, service: str, path: str, interface: str, name: str, slot: str
    ) -> None:
        # The stubs ask for bytes; PySide6 6.11 accepts only the str that SLOT() makes.
        if bus.connect(service, path, interface, name, self, SLOT(slot)):  # type: ignore[call-overload]
            self.listening.append(f"{interface}.{name}")

    @Slot(bool)
    def onPrepareForSleep(self, starting: bool) -> None:
        if starting:
            self.sleeping.emit()

    @Slot()
    def onLock(self) -> None:
        self.sleeping.emit()

    @Slot(bool)
    def onScreenSaverActive(self, active: bool) -> None:
        if active:
            self.sleeping.emit()
