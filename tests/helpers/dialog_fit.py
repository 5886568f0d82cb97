"""Whether each dialog of the app, and its "I'm struggling" button, lands on a small
screen: 683×384, a 1366×768 laptop at 200 %. Run in a process of its own, since the
screen is the offscreen platform's, set before Qt starts:

    python -m tests.helpers.dialog_fit

prints JSON: for each dialog of tests/ui/test_crisis_from_dialogs.DIALOGS, its geometry,
the screen's, and whether the dialog and its crisis button are wholly on the screen.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SMALL_SCREEN = {
    "screens": [
        {"name": "laptop-at-200", "x": 0, "y": 0, "width": 683, "height": 384,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    ]
}  # fmt: skip


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="crisisplan-fit-"))
    config = folder / "screen.json"
    config.write_text(json.dumps(SMALL_SCREEN), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    from crisisplan.core import interchange
    from crisisplan.resources import resource_path
    from crisisplan.storage import Vault
    from crisisplan.ui.main_window import MainWindow
    from crisisplan.ui.unsaved import QUESTION_NAME
    from tests.helpers import PASSPHRASE
    from tests.ui.test_crisis_from_dialogs import AT, DIALOGS, Opened

    app = QApplication(sys.argv[:1])
    path = folder / "fit.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(interchange.loads(resource_path("example_plan.json").read_bytes()))
    window = MainWindow(path, clock=lambda: AT, opener=Opened())
    window.show()
    window.unlock_page.unlock(PASSPHRASE)
    while window.session.is_locked:
        app.processEvents()

    def settle() -> None:
        for _ in range(20):
            app.processEvents()

    report = {}
    for name, open_dialog in DIALOGS.items():
        dialog = open_dialog(window)
        assert dialog is not None
        settle()
        screen = dialog.screen().availableGeometry()
        button = dialog.findChild(QPushButton, "CrisisButton")
        button_on_screen = button is not None and button.isVisible()
        if button is not None:
            corner = button.mapToGlobal(button.rect().topLeft())
            button_on_screen = button_on_screen and screen.contains(QRect(corner, button.size()))
        report[name] = {
            "dialog": dialog.geometry().getRect(),
            "screen": screen.getRect(),
            "dialog_on_screen": screen.contains(dialog.geometry()),
            "button_on_screen": button_on_screen,
        }
        question_name = QUESTION_NAME
        dialog.close()
        settle()
        for question in app.topLevelWidgets():  # "Discard the changes?" if it asks
            if isinstance(question, QMessageBox) and question.objectName() == question_name:
                question.done(QMessageBox.StandardButton.Discard)
                settle()
    print(json.dumps(report))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
