"""The main window: the "I'm struggling" button in the same place on every screen, and
pages for first run, unlock, the editors and the crisis view.

The window title never shows anything from the plan.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QMoveEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.regions import region_from_locale
from crisisplan.storage import Vault, VaultError
from crisisplan.storage.atomic import write_atomically
from crisisplan.storage.settings import load_settings, update_settings
from crisisplan.ui import accessibility
from crisisplan.ui.backup_controller import BackupController
from crisisplan.ui.clipboard import ConcealedClipboard
from crisisplan.ui.crisis_reach import CRISIS_SHORTCUT, CrisisReach, CrisisWindow
from crisisplan.ui.crisis_view import Clock, CrisisView, Opener, _system_now
from crisisplan.ui.phone_panel import open_phone_link
from crisisplan.ui.security import SecurityController
from crisisplan.ui.session import Session
from crisisplan.ui.theme import apply_readable_palette, crisis_button_stylesheet, crisis_colours
from crisisplan.ui.unlock_page import UnlockPage

if TYPE_CHECKING:
    from crisisplan.ui.first_run import FirstRunPage
    from crisisplan.ui.plan_editor import PlanEditor
    from crisisplan.ui.plan_import import PlanImport
    from crisisplan.ui.support_editor import SupportSystemEditor

LOCK_SHORTCUT = QKeySequence("Ctrl+L")
WINDOW_TITLE = "crisisplan"
ABOUT = (
    "crisisplan {version}\n\n"
    "A private, offline place for your crisis safety plan and the people who support you.\n\n"
    "The plan follows the structure of the Safety Planning Intervention by Barbara Stanley "
    "and Gregory K. Brown; the headings, prompts and examples here are our own words.\n\n"
    "Nothing you write leaves this computer."
)


class MainWindow(QMainWindow):
    """Pages: first run, unlock, editors (My plan / My people), and the crisis view."""

    def __init__(
        self,
        vault_path: Path,
        *,
        clock: Clock = _system_now,
        opener: Opener = open_phone_link,  # tel:/sms: only where something can call
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            accessibility.install(app)  # Enter on buttons, announcements, heading roles
        self.setWindowTitle(WINDOW_TITLE)
        self.vault_path = vault_path
        self.settings = load_settings()
        self._opener = opener
        self.session = Session(parent=self)
        self.session.saveFailed.connect(self._show_problem)
        from crisisplan.ui.rekeyed_dialog import ask_when_rekeyed  # passwd while open

        ask_when_rekeyed(self, self.session, vault_path)
        self.clipboard = ConcealedClipboard(parent=self)
        self._page_before_crisis: QWidget | None = None
        # While a dialog holds this window, the crisis view moves into a window of its own
        # (ui/crisis_reach.py); these say where to go back to.
        self.crisis_window: CrisisWindow | None = None
        self._crisis_return: QWidget | None = None
        self._crisis_was_page = False
        self._page_before_lock: QWidget | None = None
        self._crisis_focus_pending = False

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.top_bar = self._build_top_bar()
        outer.addWidget(self.top_bar)
        self.pages = QStackedWidget()
        self.pages.setObjectName("Pages")  # a plain container for screen readers
        outer.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._first_run: FirstRunPage | None = None  # built only when there is no vault
        self.unlock_page = UnlockPage(vault_path)
        self.unlock_page.unlocked.connect(self._on_unlocked)
        # The editors are built the first time they are shown: a launch straight into the
        # crisis view never pays for them (see docs/benchmarks.md).
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("My plan and my people")
        self._plan_editor: PlanEditor | None = None
        self._support_editor: SupportSystemEditor | None = None
        self.crisis_view = CrisisView(
            self.session,
            locked_region=self.settings.region or region_from_locale() or "",
            clock=clock,
            opener=opener,
            clipboard=self.clipboard,
            plan_exists=self.vault_path.exists,
            # Not built until shown or measured: a launch whose key is already derived
            # builds only the person's own plan, never the locked view (docs/benchmarks.md).
            defer_first_build=True,
        )
        self.crisis_view.backRequested.connect(self.leave_crisis)
        self.crisis_view.unlockRequested.connect(self._unlock_from_crisis)
        for page in (self.unlock_page, self.tabs, self.crisis_view):
            self.pages.addWidget(page)

        self.pages.currentChanged.connect(self._on_page_changed)
        # Ctrl+H in every window of the app, and an "I'm struggling" button in every dialog.
        self.crisis_reach = CrisisReach(self._belongs_here, parent=self)
        self.crisis_reach.crisisRequested.connect(self.show_crisis)
        application = QApplication.instance()
        if application is not None:
            application.installEventFilter(self.crisis_reach)
        self._build_menus()
        self.session.lockedChanged.connect(self._update_actions)
        # Remembered key, auto-lock, File ▸ Settings… and Change passphrase… (ui/security.py).
        self.security = SecurityController(self)
        # The backup after each session with changes, and File ▸ Restore from a backup….
        self.backups = BackupController(self)
        # Where the window is, written down a second after it last moved or changed size
        # (and on close), so that even a session ended by logging out is remembered.
        self._placement_timer = QTimer(self)
        self._placement_timer.setSingleShot(True)
        self._placement_timer.setInterval(1000)
        self._placement_timer.timeout.connect(self._remember_placement)
        self.show_start_page()

    @property
    def first_run(self) -> FirstRunPage:
        if self._first_run is None:
            from crisisplan.ui.first_run import FirstRunPage  # only when there is no vault

            self._first_run = FirstRunPage(self.vault_path, region=self.settings.region)
            self._first_run.created.connect(self._on_created)
            self._first_run.rememberRequested.connect(self.security.remember_new_vault)
            self.pages.addWidget(self._first_run)
        return self._first_run

    @property
    def plan_editor(self) -> PlanEditor:
        self._ensure_editors()
        assert self._plan_editor is not None
        return self._plan_editor

    @property
    def support_editor(self) -> SupportSystemEditor:
        self._ensure_editors()
        assert self._support_editor is not None
        return self._support_editor

    def _ensure_editors(self) -> None:
        if self._plan_editor is not None:
            return
        from crisisplan.ui.plan_editor import PlanEditor
        from crisisplan.ui.support_editor import SupportSystemEditor

        self._plan_editor = PlanEditor(self.session)
        self._support_editor = SupportSystemEditor(self.session)
        self.tabs.addTab(self._plan_editor, "My plan")
        self.tabs.addTab(self._support_editor, "My people")
        self.tabs.tabBar().setAccessibleName("Parts of my plan")
        self.tabs.currentChanged.connect(lambda _index: self._update_title())
        self._plan_editor.peopleTabRequested.connect(
            lambda: self.tabs.setCurrentWidget(self._support_editor)
        )

    def _on_page_changed(self, index: int) -> None:
        page = self.pages.widget(index)
        if page is self.tabs:
            self._ensure_editors()
        # Compact chrome in the crisis view: its banner has the way back and the emergency
        # number; the menu, the status line and a second "I'm struggling" would only push
        # the people down (the menu's shortcuts still work: the window holds the actions).
        crisis = page is self.crisis_view
        self.top_bar.setVisible(not crisis)
        self.menuBar().setVisible(not crisis)
        # Only the page on screen sets the window's least size: the editors' or the first
        # run's minimum would otherwise keep the crisis view taller than a 200 % screen.
        ignored = QSizePolicy.Policy.Ignored
        for other in (self.pages.widget(i) for i in range(self.pages.count())):
            if other is None:
                continue
            if other is page:
                other.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
            else:
                other.setSizePolicy(ignored, ignored)
        self._update_title()

    def _update_title(self) -> None:
        """The window title names the page (never anything from the plan), so a screen
        reader and the task switcher say where the person is."""
        page = self.pages.currentWidget()
        if page is self.crisis_view:
            name = "I'm struggling"
        elif page is self.tabs:
            name = self.tabs.tabText(self.tabs.currentIndex()).replace("&", "") or "My plan"
        elif page is self.unlock_page:
            name = "Unlock"
        elif self._first_run is not None and page is self._first_run:
            name = "Welcome"
        else:
            name = ""
        self.setWindowTitle(f"{name} — {WINDOW_TITLE}" if name else WINDOW_TITLE)

    def set_status(self, text: str) -> None:
        """The status line, also said by a screen reader (only when it changes)."""
        if text != self.status_label.text():
            self.status_label.setText(text)
            accessibility.announce(self, text)

    # --- building -----------------------------------------------------------------------

    def _build_top_bar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("TopBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(12, 6, 12, 6)
        self.status_label = QLabel("")
        self.status_label.setAccessibleDescription("Status")  # the name is what it says
        layout.addWidget(self.status_label, 1)
        self.crisis_button = QPushButton("I'm struggling")
        self.crisis_button.setObjectName("CrisisButton")
        self.crisis_button.setAccessibleName("I'm struggling")
        self.crisis_button.setAccessibleDescription(
            "Shows who you can reach right now, the emergency number and your plan"
        )
        shortcut = CRISIS_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)
        self.crisis_button.setToolTip(f"Who you can reach right now ({shortcut})")
        font = self.crisis_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.crisis_button.setFont(font)
        self.crisis_button.setMinimumHeight(self.crisis_button.sizeHint().height() + 12)
        self.crisis_button.clicked.connect(self.show_crisis)
        layout.addWidget(self.crisis_button, 0, Qt.AlignmentFlag.AlignRight)
        self._style_crisis_button()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._style_crisis_button)
        return bar

    def _style_crisis_button(self) -> None:
        apply_readable_palette()  # placeholder, disabled text and focus readable (theme.py)
        sheet = crisis_button_stylesheet(crisis_colours())
        if sheet != self.crisis_button.styleSheet():  # the same sheet again: nothing to do
            self.crisis_button.setStyleSheet(sheet)

    def event(self, event: QEvent) -> bool:
        # Light/dark switched by palette: only top-level windows hear of it.
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            QTimer.singleShot(0, self._style_crisis_button)
            QTimer.singleShot(0, self.crisis_view.apply_theme)
        if event.type() == QEvent.Type.WindowActivate and self._crisis_focus_pending:
            self._crisis_focus_pending = False
            QTimer.singleShot(0, self._focus_crisis_if_shown)  # after Qt restores focus
        return super().event(event)

    def _focus_crisis_if_shown(self) -> None:
        if self.pages.currentWidget() is self.crisis_view:
            self.crisis_view.focus_first_action()

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.import_action = QAction("&Import a plan file…", self)
        self.import_action.triggered.connect(self.import_plan)
        self.export_action = QAction("&Export a plan file (not encrypted)…", self)
        self.export_action.triggered.connect(self.export_plan)
        self.lock_action = QAction("&Lock now", self)
        self.lock_action.setShortcut(LOCK_SHORTCUT)
        self.lock_action.triggered.connect(self.lock)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.import_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.print_plan_action = QAction("&Print my plan…", self)
        self.print_plan_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_plan_action.triggered.connect(lambda: self.open_print("plan"))
        self.print_card_action = QAction("Print &wallet card…", self)
        self.print_card_action.triggered.connect(lambda: self.open_print("card"))
        file_menu.addAction(self.print_plan_action)
        file_menu.addAction(self.print_card_action)
        self.print_menu_anchor = file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.file_menu = file_menu

        edit_menu = menu.addMenu("&Edit")
        undo = self.session.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

        view_menu = menu.addMenu("&View")
        self.crisis_action = QAction("&I'm struggling", self)
        self.crisis_action.setShortcut(CRISIS_SHORTCUT)
        self.crisis_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.crisis_action.triggered.connect(self.show_crisis)
        view_menu.addAction(self.crisis_action)
        for action in (self.crisis_action, self.lock_action, quit_action):
            self.addAction(action)  # works even with the menu bar hidden

        help_menu = menu.addMenu("&Help")
        about = QAction("&About crisisplan", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self._update_actions()

    # --- pages --------------------------------------------------------------------------

    def show_start_page(self) -> None:
        """First run if there is no file at all; otherwise unlock (never first run over an
        existing file, even an empty one)."""
        exists = self.vault_path.exists() or self.vault_path.is_symlink()
        page = self.unlock_page if exists else self.first_run
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def show_crisis(self) -> None:
        """The crisis view, in front: on this window, or in a window of its own above an
        open dialog (which keeps everything typed in it)."""
        if self.crisis_window is not None and self.crisis_window.isVisible():
            self._bring_forward(self.crisis_window)
            return
        blocker = QApplication.activeModalWidget()
        if blocker is not None:
            self._show_crisis_above(blocker)
            return
        if self.pages.currentWidget() is not self.crisis_view:
            self._page_before_crisis = self.pages.currentWidget()
        self.pages.setCurrentWidget(self.crisis_view)
        from crisisplan.ui.window_memory import grow_to

        grow_to(self, self._crisis_minimum())
        # Straight to the first person's first action (or the emergency call): a screen
        # reader then says the view's name, the emergency line, the steadying line, that
        # person and the action, in this order (docs/desktop-app.md). `crisisplan --crisis`
        # or a window in the background: again once the window is active.
        self.crisis_view.focus_first_action()
        self._crisis_focus_pending = not self.isActiveWindow()

    def place_on_screen(self) -> None:
        """Open where the person left the window, or on a sensible part of the screen the
        first time; never smaller than the crisis view needs (ui/window_memory.py)."""
        from crisisplan.ui import window_memory

        window_memory.place(self, self._crisis_minimum())

    def _crisis_minimum(self) -> QSize:
        """The window size that shows the crisis view's banner, steadying line and first
        reachable person: the view's own need plus the window's chrome around it."""
        need = self.crisis_view.minimum_useful_size()
        chrome = (
            0
            if self.pages.currentWidget() is self.crisis_view
            else (self.menuBar().sizeHint().height() + self.top_bar.sizeHint().height())
        )
        return QSize(need.width(), need.height() + chrome)

    def crisis_showing(self) -> bool:
        """Whether the crisis view is on screen (as a page or in its own window)."""
        detached = self.crisis_window is not None and self.crisis_window.isVisible()
        return detached or self.pages.currentWidget() is self.crisis_view

    def _belongs_here(self, widget: QWidget) -> bool:
        """Whether a window is this one, its crisis window, or a dialog over them."""
        candidate: QWidget | None = widget.window()
        while candidate is not None:
            if candidate is self or candidate is self.crisis_window:
                return True
            candidate = candidate.parentWidget()
        return False

    def _show_crisis_above(self, blocker: QWidget) -> None:
        self._crisis_return = blocker
        self._crisis_was_page = self.pages.currentWidget() is self.crisis_view
        if self.crisis_window is None:
            self.crisis_window = CrisisWindow(f"I'm struggling — {WINDOW_TITLE}")
            self.crisis_window.closing.connect(self.leave_crisis)
        self.pages.removeWidget(self.crisis_view)
        self.crisis_view.set_unlock_offered(False)  # unlocking happens in this window
        self.crisis_window.hold(self.crisis_view)
        size = self.size().expandedTo(self.crisis_view.minimum_useful_size())
        self.crisis_window.resize(size)
        self.crisis_window.move(self.pos())
        self._bring_forward(self.crisis_window)
        self.crisis_view.focus_first_action()

    @staticmethod
    def _bring_forward(window: QWidget) -> None:
        window.show()
        window.raise_()
        window.activateWindow()

    def _take_crisis_view_back(self) -> None:
        """Back from the crisis window: the view returns here, the person to the dialog."""
        assert self.crisis_window is not None
        self.crisis_window.hide()
        self.pages.addWidget(self.crisis_view)
        self.crisis_view.set_unlock_offered(True)
        if self._crisis_was_page:
            self.pages.setCurrentWidget(self.crisis_view)
        back, self._crisis_return = self._crisis_return, None
        if back is not None and shiboken6.isValid(back) and back.isVisible():
            self._bring_forward(back)
        else:
            self._bring_forward(self)

    def leave_crisis(self) -> None:
        if self.crisis_window is not None and self.crisis_window.isVisible():
            self._take_crisis_view_back()
            return
        target = self._page_before_crisis
        if target is None or target is self.crisis_view:
            target = self.tabs if not self.session.is_locked else self._locked_page()
        if target is self.tabs and self.session.is_locked:
            target = self._locked_page()
        if target is not self.tabs and not self.session.is_locked:  # unlocked meanwhile
            target = self.tabs
        self.pages.setCurrentWidget(target)
        target.setFocus()

    def _locked_page(self) -> QWidget:
        return self.unlock_page if self.vault_path.exists() else self.first_run

    def _unlock_from_crisis(self) -> None:
        self._page_before_lock = self.crisis_view
        self.pages.setCurrentWidget(self._locked_page())

    # --- vault --------------------------------------------------------------------------

    def _on_created(self, vault: Vault) -> None:
        self._remember_region(self.first_run.chosen_region)
        self._page_before_lock = None
        self._on_unlocked(vault)

    def _on_unlocked(self, vault: Vault) -> None:
        try:
            self.session.attach(vault)
        except VaultError as error:  # damage past the first page shows only when loading
            self.pages.setCurrentWidget(self.unlock_page)
            self.unlock_page.message.setText(str(error))
            self.unlock_page.failed.emit(str(error))
            return
        self._remember_region(self.session.document.region)
        staying = self.pages.currentWidget() is self.crisis_view  # unlocked behind it
        focus = QApplication.focusWidget()
        keyboard_was_locked = focus is None or self.unlock_page.isAncestorOf(focus)
        target = self.crisis_view if staying else (self._page_before_lock or self.tabs)
        self._page_before_lock = None
        self.pages.setCurrentWidget(target)
        if target is self.crisis_view:  # their own first person, not the locked view's line
            self.crisis_view.focus_first_action()
        elif keyboard_was_locked:
            # The keyboard was in the passphrase field, now hidden: it goes to "I'm
            # struggling", one Enter from help, wherever Qt's focus chain would have put it
            # (an unlock that finished before the window was active landed on the tab bar).
            self.crisis_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_completeness()

    def _remember_region(self, region: str) -> None:
        if region and region != self.settings.region:
            self.settings = replace(self.settings, region=region)
            self.crisis_view.set_locked_region(region)
            with contextlib.suppress(OSError):  # only a convenience for the locked view
                update_settings(region=region)  # keeps the other settings as they are on disk

    def lock(self) -> None:
        """Close the vault and drop every view's data; unlocking brings the page back."""
        if self.session.is_locked:
            return
        if not self._flush_editors():
            return
        current = self.pages.currentWidget()
        self._page_before_lock = current if current in (self.tabs, self.crisis_view) else None
        self.clipboard.clear_if_unchanged()
        self.session.lock()
        self.pages.setCurrentWidget(self.unlock_page)
        self.set_status("Locked.")

    def _update_actions(self) -> None:
        unlocked = not self.session.is_locked
        for action in (
            self.import_action,
            self.export_action,
            self.lock_action,
            self.print_plan_action,
            self.print_card_action,
        ):
            action.setEnabled(unlocked)
        if not unlocked:
            self.status_label.setText("")

    def _show_completeness(self) -> None:
        from crisisplan.core.model import completeness

        filled, total = completeness(self.session.document)
        self.status_label.setText(f"{filled} of {total} steps filled")

    def _show_problem(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, WINDOW_TITLE, message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- files --------------------------------------------------------------------------

    def import_plan(self) -> QFileDialog:
        dialog = QFileDialog(self, "Import a plan file", str(Path.home()), "Plan files (*.json)")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.import_file(Path(name)))
        dialog.open()
        return dialog

    def import_file(self, path: Path) -> PlanImport:
        """Read and check a plan file off the GUI thread; ask before replacing the plan
        (see ui/plan_import.py). Returned for tests: its `finished(bool)` says the end."""
        from crisisplan.ui.plan_import import PlanImport

        job = PlanImport(
            self,
            self.session,
            self.status_label,
            path,
            show_problem=self._show_problem,
            remember_region=self._remember_region,
        )
        job.start()
        return job

    def export_plan(self) -> QFileDialog:
        dialog = QFileDialog(self, "Export a plan file (not encrypted)", str(Path.home()))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter("Plan files (*.json)")
        dialog.setDefaultSuffix("json")
        dialog.selectFile("my-safety-plan.json")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_file(Path(name)))
        dialog.open()
        return dialog

    def export_file(self, path: Path) -> bool:
        from crisisplan.core import interchange

        try:
            write_atomically(path, interchange.dumps(self.session.document))
        except OSError as error:
            self._show_problem(f"{path.name} could not be written: {error.strerror or error}.")
            return False
        self.set_status(
            f"Saved {path.name}. It is not encrypted: anyone who can read it can read your plan."
        )
        return True

    def open_print(self, kind: str) -> QWidget | None:
        """The print dialog for "plan" or "card" (non-blocking; returned for tests)."""
        if self.session.is_locked:
            return None
        from crisisplan.ui.print_dialog import PrintDialog

        dialog = PrintDialog(self.session.document, kind, opener=self._opener, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(
            lambda path: self.set_status(
                f"Saved {Path(path).name}. It is not encrypted; keep it somewhere private."
            )
        )
        self.session.lockedChanged.connect(dialog.close)
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        from crisisplan import __version__

        box = QMessageBox(
            QMessageBox.Icon.Information, "About crisisplan", ABOUT.format(version=__version__),
            parent=self,
        )  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # --- single instance ----------------------------------------------------------------

    def handle_message(self, message: str) -> None:
        """A second launch asked us to come forward (and maybe open the crisis view)."""
        if self.isMinimized():  # un-minimise, but stay maximised if it was
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        if message == "crisis":
            self.show_crisis()

    def _flush_editors(self) -> bool:
        """Save text still being typed. False (and a message) if it cannot be saved, so
        that closing or locking does not throw away what the person wrote."""
        if self._plan_editor is None or self._plan_editor.flush():
            return True
        self._show_problem(
            "Some text in your plan could not be saved yet (see the message in the editor). "
            "Shorten or fix it, then try again."
        )
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.session.is_locked and not self._flush_editors():
            event.ignore()
            return
        if self.crisis_window is not None and self.crisis_window.isVisible():
            self._take_crisis_view_back()
        self.clipboard.clear_if_unchanged()
        self.session.lock()
        self._remember_placement()
        super().closeEvent(event)

    def _remember_placement(self) -> None:
        self._placement_timer.stop()
        if self.isVisible():
            from crisisplan.ui.window_memory import remember

            remember(self)

    def moveEvent(self, event: QMoveEvent) -> None:
        if self.isVisible():
            self._placement_timer.start()
        super().moveEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.isVisible():
            self._placement_timer.start()
        super().resizeEvent(event)
