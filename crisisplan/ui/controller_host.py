"""What the main window lends the controllers that live beside it (ui/security.py,
ui/backup_controller.py), written down as a Protocol.

The controllers take exactly these parts and never import ui/main_window.py, so the
import graph has no cycle (main_window → security → main_window was one), a controller
can be read on its own, and mypy checks that MainWindow still offers each part.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QMenu, QStackedWidget, QWidget

    from crisisplan.storage import Vault
    from crisisplan.ui.crisis_view import CrisisView
    from crisisplan.ui.session import Session
    from crisisplan.ui.unlock_page import UnlockPage


class ControllerHost(Protocol):
    """The window a controller is attached to."""

    vault_path: Path
    session: Session
    unlock_page: UnlockPage
    pages: QStackedWidget
    crisis_view: CrisisView
    status_label: QLabel
    file_menu: QMenu  # controllers add their actions here
    lock_action: QAction  # … before this one
    print_plan_action: QAction  # … or this one

    def window(self) -> QWidget:
        """The top-level widget: parent of the controller and of its dialogs."""
        ...

    def lock(self) -> None: ...

    def set_status(self, text: str) -> None:
        """The status line, also said by a screen reader."""
        ...

    def crisis_showing(self) -> bool: ...

    def _on_unlocked(self, vault: Vault) -> None: ...

    def _flush_editors(self) -> bool: ...

    def _show_problem(self, message: str) -> None: ...
