"""Where the crisis view's key parts land in a real MainWindow of a given size, measured
in a process of its own so that QT_SCALE_FACTOR / QT_FONT_DPI apply as on a desktop.

`python -m tests.helpers.crisis_geometry WIDTH HEIGHT [--long] [--people N]` (WIDTH and
HEIGHT in device pixels, the window's inside) prints JSON: for the banner, the steadying
line and the first reachable people's first buttons, whether each is fully in view
without scrolling, and whether the page needs a horizontal scrollbar.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WEDNESDAY_7PM = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))
# Words of every length, one far longer than a line can hold, and several scripts.
LONG = "Oyelaran-Featherstonehaugh-Montgomery-Smythe-Abernathy-Worthington 王小明 محمد " + " ".join(
    ["Wrapping"] * 20
)


def long_document(people: int) -> object:
    """The example plan with 200-character names, roles and messages, and `people` more
    people reachable all the time."""
    from crisisplan.core import interchange
    from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind
    from crisisplan.resources import resource_path

    document = interchange.loads(resource_path("example_plan.json").read_bytes())
    contacts = [
        replace(c, name=f"{c.name} {LONG}"[:200], role=LONG[:200], message=LONG[:200],
                helps_with=LONG[:200])
        for c in document.contacts
    ]  # fmt: skip
    for n in range(people):
        contacts.append(
            Contact(
                name=f"Person {n} {LONG}"[:200], role="Friend", group=Group.FRIEND,
                methods=(ContactMethod(MethodKind.PHONE, f"+44 7700 9{n:05d}"),),
                always_available=True, message=LONG[:200],
            )
        )  # fmt: skip
    return replace(document, contacts=tuple(contacts))


def measure(width: int, height: int, *, long: bool, people: int) -> dict[str, object]:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication, QPushButton, QWidget

    from crisisplan.core import interchange
    from crisisplan.resources import resource_path
    from crisisplan.storage import Vault
    from crisisplan.ui.main_window import MainWindow
    from tests.helpers import PASSPHRASE

    app = QApplication.instance() or QApplication(sys.argv[:1])
    scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    document = (
        long_document(people)
        if long or people
        else interchange.loads(resource_path("example_plan.json").read_bytes())
    )
    path = folder / "g.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(document)  # type: ignore[arg-type]
    window = MainWindow(path, clock=lambda: WEDNESDAY_7PM)
    window._on_unlocked(Vault.open(path, PASSPHRASE))
    window.resize(round(width / scale), round(height / scale))
    window.show()
    window.show_crisis()
    for _ in range(5):
        app.processEvents()
    view = window.crisis_view
    viewport = view.scroll_area.viewport()
    assert viewport is not None
    seen = QRect(viewport.mapTo(window, QPoint(0, 0)), viewport.size())

    def in_view(widget: QWidget, area: QRect = seen) -> bool:
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        return widget.isVisible() and area.contains(rect)

    cards = [c for c in view._cards if c.property("reachable")]
    firsts: list[QPushButton] = []
    for card in cards[:3]:
        buttons = sorted(card.findChildren(QPushButton), key=lambda b: b.property("order"))
        firsts.append(buttons[0])
    result = {
        "window": [window.width(), window.height()],
        "banner": in_view(view.emergency_label, window.rect())
        and in_view(view.emergency_button, window.rect())
        and in_view(view.back_button, window.rect()),
        "steadying": in_view(view.steadying_label),
        "first_buttons": [in_view(b) for b in firsts],
        "first_button_texts": [b.text() for b in firsts],
        "first_names": [c.property("contactName") for c in cards[:3]],
        "horizontal_scrollbar": view.scroll_area.horizontalScrollBar().isVisible(),
        "page_width": view.page.width(),
        "viewport_width": viewport.width(),
        "menu_visible": window.menuBar().isVisible(),
        "top_bar_visible": window.top_bar.isVisible(),
        "cards": len(cards),
        "show_everyone": view.show_everyone_button.text() if view.show_everyone_button else "",
        "focus": focused.objectName() if (focused := QApplication.focusWidget()) else "",
        "clipped_labels": clipped_labels(view),
    }
    window.close()
    return result


def clipped_labels(view: object) -> list[str]:
    """Labels whose text needs more height than they got, or run past the page's edge."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    page = view.page  # type: ignore[attr-defined]
    problems = []
    for label in page.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        needed = label.heightForWidth(label.width())
        right = label.mapTo(page, QPoint(label.width(), 0)).x()
        if needed > label.height() + 1 or right > page.width():
            problems.append(f"{label.text()[:30]!r} h={label.height()}/{needed} right={right}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("width", type=int)
    parser.add_argument("height", type=int)
    parser.add_argument("--long", action="store_true")
    parser.add_argument("--people", type=int, default=0)
    args = parser.parse_args()
    result = measure(args.width, args.height, long=args.long, people=args.people)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
