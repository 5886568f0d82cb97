"""Where the main window opens: a sensible part of the screen the first time, then where
and how big the person left it (maximised included).

Size and position are not sensitive, so they live outside the vault in a small file of
their own beside settings.json (platformdirs' config folder), readable before unlocking:
`crisisplan --crisis` and a second launch open at the remembered size too. A window
with no size set opens at its size hint (about 500×450), and without a window manager
`showMaximized()` does nothing (ENGINEERING.md), so the first size is worked out from
the screen's available geometry.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from crisisplan.storage.atomic import write_atomically
from crisisplan.storage.settings import settings_path

# A window manager's title bar and frame (logical px), left free above a new window.
FRAME_ALLOWANCE = QSize(16, 40)
# On a screen roomier than this (logical px), a new window takes this size; on a smaller
# one (a laptop at 150 % or 200 %) it takes the whole available area.
ROOMY = QSize(1400, 940)
FIRST_SIZE = QSize(1200, 820)
# Less than this much of a remembered window on a screen (a monitor since unplugged):
# place it anew.
MIN_ON_SCREEN = 120
SMALLEST = QSize(320, 240)  # a remembered size is never taken below this


@dataclass(frozen=True, slots=True)
class Placement:
    x: int
    y: int
    width: int
    height: int
    maximized: bool = False

    def rect(self) -> QRect:
        return QRect(self.x, self.y, self.width, self.height)


def placement_path() -> Path:
    return settings_path().parent / "window.json"


def load_placement(path: Path | None = None) -> Placement | None:
    """The remembered placement; None when there is none or it cannot be read."""
    raw: Any = None
    with contextlib.suppress(OSError, ValueError):
        raw = json.loads((path or placement_path()).read_text("utf-8"))
    if not isinstance(raw, dict):
        return None
    try:
        numbers = [raw[k] for k in ("x", "y", "width", "height")]
        maximized = raw.get("maximized", False)
    except KeyError:
        return None
    if not all(type(n) is int for n in numbers) or type(maximized) is not bool:
        return None
    if numbers[2] <= 0 or numbers[3] <= 0:
        return None
    x, y, width, height = numbers
    return Placement(x, y, width, height, maximized)


def save_placement(placement: Placement, path: Path | None = None) -> None:
    path = path or placement_path()
    with contextlib.suppress(OSError):  # a convenience: never stops the window closing
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = json.dumps(asdict(placement), indent=2, sort_keys=True) + "\n"
        write_atomically(path, data.encode("utf-8"))


def first_rect(available: QRect, minimum: QSize) -> QRect:
    """A new window's inner rectangle on a screen with `available` area."""
    room = QSize(
        available.width() - FRAME_ALLOWANCE.width(), available.height() - FRAME_ALLOWANCE.height()
    )
    size = FIRST_SIZE if is_roomy(available) else room
    size = size.expandedTo(minimum).boundedTo(room)
    # move() places the frame's corner: centred on a roomy screen, else at the top left.
    left = available.left() + (available.width() - size.width() - FRAME_ALLOWANCE.width()) // 2
    top = available.top() + (available.height() - size.height() - FRAME_ALLOWANCE.height()) // 2
    return QRect(QPoint(max(left, available.left()), max(top, available.top())), size)


def is_roomy(available: QRect) -> bool:
    return available.width() >= ROOMY.width() and available.height() >= ROOMY.height()


def remembered_rect(placement: Placement, screens: list[QRect], minimum: QSize) -> QRect | None:
    """The remembered rectangle, moved fully onto the screen it is mostly on and grown to
    `minimum`; None when it is (nearly) off every screen."""
    rect = placement.rect()
    best = max(screens, key=lambda s: _area(s.intersected(rect)), default=None)
    if best is None:
        return None
    overlap = best.intersected(rect)
    if overlap.width() < MIN_ON_SCREEN or overlap.height() < MIN_ON_SCREEN:
        return None
    return _onto(QRect(rect.topLeft(), rect.size().expandedTo(minimum)), best)


def place(window: QWidget, minimum: QSize) -> None:
    """Give `window` its remembered or first placement (before it is shown). A size the
    person chose is kept even when small; the crisis view grows the window when it shows
    (`grow_to`), and a new window is never smaller than `minimum`."""
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    placement = load_placement()
    rect = remembered_rect(placement, screens, SMALLEST) if placement else None
    maximized = placement is not None and placement.maximized
    if rect is None:
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen else QRect(0, 0, 1024, 768)
        rect = first_rect(available, minimum)
        # A small (or scaled) screen is best used whole: a window manager maximises
        # exactly; without one, the geometry above already fills the screen.
        maximized = not is_roomy(available)
    window.resize(rect.size())
    window.move(rect.topLeft())
    if maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QWidget) -> None:
    """Write down where the window is now (its un-maximised size, and whether it is
    maximised), for the next launch."""
    maximized = window.isMaximized()
    rect = window.normalGeometry() if maximized else window.geometry()
    if not rect.isValid():
        rect = window.geometry()
    # Saved as move() and resize() take it: the frame's corner, the inside's size.
    frame = window.geometry().topLeft() - window.pos()
    corner = rect.topLeft() - frame
    save_placement(Placement(corner.x(), corner.y(), rect.width(), rect.height(), maximized))


def grow_to(window: QWidget, minimum: QSize) -> None:
    """Make the window at least `minimum` (as far as its screen allows), kept on screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    size = window.size()
    if size.width() >= minimum.width() and size.height() >= minimum.height():
        return
    screen = window.screen()
    available = screen.availableGeometry() if screen else None
    wanted = minimum
    if available is not None:
        room = QSize(
            available.width() - FRAME_ALLOWANCE.width(),
            available.height() - FRAME_ALLOWANCE.height(),
        )
        wanted = wanted.boundedTo(room)
    wanted = wanted.expandedTo(size)  # grows only, never shrinks what the person chose
    if wanted == size:
        return
    window.resize(wanted)
    if available is not None:
        window.move(_onto(QRect(window.pos(), wanted), available).topLeft())


def _onto(rect: QRect, screen: QRect) -> QRect:
    size = rect.size().boundedTo(screen.size())
    x = min(max(rect.x(), screen.left()), screen.right() + 1 - size.width())
    y = min(max(rect.y(), screen.top()), screen.bottom() + 1 - size.height())
    return QRect(QPoint(x, y), size)


def _area(rect: QRect) -> int:
    return max(0, rect.width()) * max(0, rect.height()) if rect.isValid() else 0
