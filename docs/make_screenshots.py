"""Screenshots of real windows for docs/images/, taken under Xvfb (`make screenshots`).

Runs the real app window on the virtual screen (xcb platform), walks it as a person
would — first run, the example plan, a contact's availability, the crisis view in light
and dark, and (in a second process with QT_SCALE_FACTOR=2) the crisis view filling a
1366×768 screen at 200 % — and saves what is on screen. Everything happens in a
temporary folder with fictional people; nothing touches the real vault.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
IMAGES = HERE / "images"
# A nurse's rota as a calendar file: night shifts every other week, a holiday.
CALENDAR = HERE.parent / "tests" / "data" / "rota.ics"
SCRATCH = Path(tempfile.mkdtemp(prefix="crisisplan-shots-"))
for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[name] = str(SCRATCH / name.lower())

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget  # noqa: E402

from crisisplan.core.model import ExtraTime, TimeOff, Weekday, Window  # noqa: E402
from crisisplan.ui.contact_dialog import ContactDialog  # noqa: E402
from crisisplan.ui.main_window import MainWindow  # noqa: E402

AT = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))
PASSPHRASE = "blue kettle morning river"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(app: QApplication, widget: QWidget, name: str) -> None:
    settle(app)
    IMAGES.mkdir(exist_ok=True)
    widget.grab().save(str(IMAGES / name))
    print(f"saved docs/images/{name}")


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"), (QPalette.ColorRole.WindowText, "#eef1f4"),
        (QPalette.ColorRole.Base, "#17181a"), (QPalette.ColorRole.Text, "#eef1f4"),
        (QPalette.ColorRole.Button, "#2b2d30"), (QPalette.ColorRole.ButtonText, "#eef1f4"),
    ):  # fmt: skip
        palette.setColor(role, QColor(colour))
    return palette


def create_example_plan(app: QApplication, window: MainWindow, shot: str = "") -> None:
    """The first-run page as a person fills it in: region, passphrase, the example plan."""
    page = window.first_run
    page.region.setCurrentIndex(page.region.findData("GB"))
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.start_example.setChecked(True)
    if shot:
        save(app, window, shot)
    page.create_plan()
    while window.session.is_locked:
        app.processEvents()
        time.sleep(0.01)


def crisis_at_200_percent() -> None:
    """In a process with QT_SCALE_FACTOR=2: the crisis view in a window filling a
    1366×768 screen (683×369 logical pixels under a 30-pixel title bar)."""
    app = QApplication(sys.argv[:1])
    app.setApplicationName("crisisplan")
    window = MainWindow(SCRATCH / "plan-200.vault", clock=lambda: AT, opener=lambda _url: True)
    window.resize(683, 369)
    window.show()
    create_example_plan(app, window)
    window.show_crisis()
    window.resize(683, 369)  # the first-run page grew the window; the screen is this big
    save(app, window, "crisis-200pct.png")
    window.close()


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setApplicationName("crisisplan")
    window = MainWindow(SCRATCH / "plan.vault", clock=lambda: AT, opener=lambda _url: True)
    window.resize(1366, 768)
    window.show()
    create_example_plan(app, window, "first-run.png")
    window.tabs.setCurrentIndex(0)
    save(app, window, "plan-editor.png")
    window.tabs.setCurrentIndex(1)
    save(app, window, "support-system.png")

    sam = window.session.document.contacts[0]
    dialog = ContactDialog(window.session.document.region, sam, parent=window)
    dialog.resize(900, 740)
    dialog.show()
    save(app, dialog, "contact-editor.png")
    dialog.close()

    # Availability beyond a weekly pattern: nights every other week, a holiday, an extra
    # time; the time-off dialog; a nurse's rota file previewed before it is imported.
    lives = dataclasses.replace(
        sam,
        windows=(
            sam.windows[0],
            Window((Weekday.SUN,), dt.time(22), dt.time(6), every_weeks=2,
                   from_week=dt.date(2026, 12, 7)),
            Window((Weekday.WED,), dt.time(19), dt.time(21), week_of_month=1),
        ),
        time_off=(
            TimeOff(to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21),
                    reason="on holiday"),
            TimeOff(to_day=dt.date(2027, 1, 18), to_time=dt.time(9),
                    from_day=dt.date(2027, 1, 15), from_time=dt.time(18)),
        ),
        extra_times=(ExtraTime(dt.date(2026, 12, 12), dt.time(14), dt.time(18)),),
    )  # fmt: skip
    dialog = ContactDialog(window.session.document.region, lives, parent=window)
    dialog.resize(1000, 740)
    dialog.show()
    settle(app)
    dialog.time_off_editor.ensurePolished()
    scroll = dialog.findChild(QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(dialog.availability_editor.rows[1], 0, 0)
    save(app, dialog, "availability-editor.png")
    if scroll is not None:
        scroll.ensureWidgetVisible(dialog.time_off_editor.calendar_button, 0, 40)
    save(app, dialog, "time-off-and-extra-times.png")
    time_off = dialog.time_off_editor.time_off_list
    time_off.list.setCurrentRow(0)
    editing = time_off._edit()
    assert editing is not None
    save(app, editing, "time-off-dialog.png")
    editing.reject()
    importer = dialog.time_off_editor.open_calendar(CALENDAR)
    assert importer is not None
    while importer.reading():  # read on a worker thread
        app.processEvents()
    save(app, importer, "calendar-import.png")
    importer.reject()
    dialog.reject()

    printing = window.open_print("card")
    assert printing is not None
    save(app, printing, "print-card.png")
    printing.close()

    window.show_crisis()
    save(app, window, "crisis-light.png")

    # A computer that cannot call: Call opens "Call from your phone" in place; Copy says so.
    view = window.crisis_view
    view._opener = lambda _url: False  # as on a desktop with no tel: handler
    call = next(b for b in view.findChildren(QPushButton) if b.text().startswith("Call +44"))
    call.click()
    view.phone_panel.copy_number()
    save(app, window, "phone-panel.png")
    view.phone_panel.close_panel()
    view._opener = lambda _url: True

    # Names in several scripts, drawn with the shipped fonts as fallbacks.
    contacts = list(window.session.document.contacts)
    renamed = {1: "王小明 🌻", 2: "محمد الأحمد", 3: "דוד לוי"}
    for index, name in renamed.items():
        if index < len(contacts):
            contacts[index] = dataclasses.replace(contacts[index], name=name)
    window.session.edit_contacts(tuple(contacts), "Rename for the screenshot")
    window.show_crisis()
    save(app, window, "names-cjk-arabic.png")
    window.session.undo_stack.undo()
    window.show_crisis()
    # What a desktop in dark mode hands the app: a dark colour scheme and a dark palette.
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
    app.setStyle("Fusion")
    app.setPalette(dark_palette())
    settle(app, 40)
    save(app, window, "crisis-dark.png")
    view._opener = lambda _url: False
    text = next(b for b in view.findChildren(QPushButton) if b.text().startswith("Text +44"))
    text.click()
    save(app, window, "phone-panel-dark.png")
    view.phone_panel.close_panel()
    window.close()

    subprocess.run(
        [sys.executable, __file__, "--crisis-200"],
        env={**os.environ, "QT_SCALE_FACTOR": "2"},
        check=True,
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--crisis-200"]:
        crisis_at_200_percent()
    else:
        main()
