"""Dialogs that fit the screen they open on, whatever the scale.

At 200 % on a 1366×768 laptop the screen is 683×384 logical pixels, less the panel: a
dialog laid out for its content can be taller than that, and one centred on a parent that
is itself too big puts its OK and Cancel below the edge, out of reach of a mouse. The
dialogs keep their body in a scroll area and their buttons outside it, and call
`fit_on_screen` when shown (and when they grow): never larger than the screen's available
area less a window manager's frame, and moved so that all of the frame is on it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# A window manager's title bar and frame (logical px), used before the frame is known.
FRAME_ALLOWANCE = QSize(16, 40)


def fit_on_screen(window: QWidget) -> None:
    """Shrink `window` to its screen's available area and move it fully onto it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    extra = frame.size() - window.size()
    if extra.width() <= 0 and extra.height() <= 0:  # not framed yet
        extra = FRAME_ALLOWANCE
    width = min(window.width(), available.width() - extra.width())
    height = min(window.height(), available.height() - extra.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, 1), max(height, 1))
    outer = window.size() + extra
    x = min(max(frame.x(), available.left()), available.right() + 1 - outer.width())
    y = min(max(frame.y(), available.top()), available.bottom() + 1 - outer.height())
    x, y = max(x, available.left()), max(y, available.top())
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def body_scroll_area(body: QWidget) -> QScrollArea:
    """A frameless scroll area around a dialog's body, for its buttons to stay outside.

    Not a Tab stop itself: it scrolls to whichever field gets the focus."""
    from PySide6.QtCore import Qt

    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(body)
    return scroll
