"""The whole app flow a person goes through, for privacy tests: first run with the example
plan, an edit in the plan editor and a new person, the crisis view, both PDFs (preview and
save), lock (taking the after-session backup), unlock, the crisis view again, close.

`run_flow` drives a real MainWindow; pytest runs it in-process (tests/test_privacy_app.py)
and, as `python -m tests.helpers.app_flow VAULT OUT`, in a process of its own whose
stderr, logging (DEBUG, every logger) and temp folder are then searched for the markers.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, Section
from tests.helpers import PASSPHRASE
from tests.helpers.vaults import MARKER

if TYPE_CHECKING:
    from crisisplan.ui.main_window import MainWindow

# Fictional, and unlike anything in the app's own text, so any hit is a leak.
PERSON = "Quillon Marraway"
PERSONAL = (MARKER, PERSON, "Sam Okafor", "Sertraline", PASSPHRASE)

Wait = Callable[[Callable[[], bool]], None]


def run_flow(window: MainWindow, wait: Wait, out: Path) -> None:
    """Go through the app as a person would; PDFs are saved into `out`."""
    page = window.first_run
    page.region.setCurrentIndex(page.region.findData("GB"))
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.start_example.setChecked(True)
    page.create_plan()
    wait(lambda: not window.session.is_locked)

    window.pages.setCurrentWidget(window.tabs)
    warning = window.plan_editor.list_pages[Section.WARNING_SIGNS]
    warning.add_field.setText(f"{MARKER} pacing at night")
    warning.add_typed_item()
    person = Contact(
        name=PERSON,
        group=Group.FRIEND,
        methods=(ContactMethod(MethodKind.PHONE, "+44 7700 900999"),),
        always_available=True,
        notes=MARKER,
        message=f"{MARKER}: can you call me?",
        on_card=True,
    )
    window.session.edit_contacts((person, *window.session.document.contacts), "Add a person")

    window.show_crisis()
    wait(lambda: PERSON in window.crisis_view.reachable_names())
    window.leave_crisis()

    for kind in ("plan", "card"):
        dialog = window.open_print(kind)
        assert dialog is not None
        assert dialog.save_to(out / f"{kind}.pdf")  # type: ignore[attr-defined]
        dialog.close()

    window.lock()
    wait(lambda: window.session.is_locked)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock()
    wait(lambda: not window.session.is_locked)
    window.show_crisis()
    wait(lambda: PERSON in window.crisis_view.reachable_names())
    window.close()


def inet_sockets() -> int:
    """How many internet (TCP/UDP, v4/v6) sockets this process holds open (Linux)."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        try:
            lines = Path(f"/proc/self/net/{table}").read_text().splitlines()[1:]
        except OSError:
            continue
        inodes.update(line.split()[9] for line in lines)
    held = 0
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


def main(vault: Path, out: Path) -> int:
    import logging

    from PySide6.QtWidgets import QApplication

    from crisisplan.app import disable_core_dumps
    from crisisplan.ui.main_window import MainWindow

    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    disable_core_dumps()
    app = QApplication(sys.argv[:1])

    def wait(condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + 20
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the app did not get there in 20 s")
            app.processEvents()
            time.sleep(0.005)

    window = MainWindow(vault, opener=lambda url: True)
    window.show()
    run_flow(window, wait, out)
    window.deleteLater()
    app.processEvents()
    print(f"done; internet sockets open: {inet_sockets()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
