"""The whole window with real pages: first run, unlock, the crisis button on every
screen, lock, import/export, and a second instance raising the first."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crisisplan.core import interchange
from crisisplan.core.model import PlanDocument
from crisisplan.resources import resource_path
from crisisplan.storage import Vault
from crisisplan.storage.settings import Settings, load_settings, save_settings
from crisisplan.storage.vault import SQLITE_HEADER
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.single_instance import InstanceServer, send_to_running
from tests.helpers import PASSPHRASE

AT = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))


def no_open(url: QUrl) -> bool:
    return True


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[object]:
    windows: list[MainWindow] = []

    def make(path: Path) -> MainWindow:
        window = MainWindow(path, clock=lambda: AT, opener=no_open)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def example_vault(tmp_path: Path, example_document: PlanDocument) -> Path:
    path = tmp_path / "example.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    return path


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    window.unlock_page.passphrase.setText(passphrase)
    qtbot.mouseClick(window.unlock_page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)


def all_text(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_first_run_creates_an_encrypted_vault(
    qtbot: QtBot, tmp_path: Path, make_window: object
) -> None:
    path = tmp_path / "new" / "plan.vault"
    window = make_window(path)  # type: ignore[operator]
    page = window.first_run
    assert window.pages.currentWidget() is page
    assert str(path) in all_text(page)  # says where it is kept
    page.region.setCurrentIndex(page.region.findData("NZ"))
    assert not page.create_button.isEnabled()
    qtbot.keyClicks(page.passphrase, "blue kettle morning river")
    assert "Strong" in page.strength.text()
    qtbot.keyClicks(page.confirm, "blue kettle morning")
    assert not page.create_button.isEnabled()
    assert "not the same" in page.message.text()
    qtbot.keyClicks(page.confirm, " river")
    assert page.create_button.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert window.pages.currentWidget() is window.tabs
    assert path.read_bytes()[:16] != SQLITE_HEADER
    assert window.session.document.region == "NZ"
    assert all(c.group.value == "crisis_line" for c in window.session.document.contacts)
    assert load_settings().region == "NZ"
    with Vault.open(path, "blue kettle morning river") as vault:
        assert vault.region == "NZ"


def test_first_run_with_the_example_plan(qtbot: QtBot, tmp_path: Path, make_window: object) -> None:
    window = make_window(tmp_path / "plan.vault")  # type: ignore[operator]
    page = window.first_run
    page.region.setCurrentIndex(page.region.findData("US"))
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.start_example.setChecked(True)
    page.create_plan()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    names = [c.name for c in window.session.document.contacts]
    assert "Sam Okafor" in names and "988 Suicide & Crisis Lifeline" in names
    assert "Samaritans" not in names  # the example's UK lines give way to the region's


def test_wrong_passphrase_then_right(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    assert window.pages.currentWidget() is window.unlock_page
    window.unlock_page.passphrase.setText("not it at all")
    with qtbot.waitSignal(window.unlock_page.failed, timeout=5000):
        window.unlock_page.unlock()
    assert "passphrase does not open" in window.unlock_page.message.text()
    assert window.session.is_locked
    unlock(qtbot, window)
    assert window.pages.currentWidget() is window.tabs


def test_existing_empty_file_is_never_first_run(
    qtbot: QtBot, tmp_path: Path, make_window: object
) -> None:
    path = tmp_path / "empty.vault"
    path.write_bytes(b"")
    window = make_window(path)  # type: ignore[operator]
    assert window.pages.currentWidget() is window.unlock_page
    assert "empty" in window.unlock_page.message.text()
    assert path.read_bytes() == b""


def test_crisis_button_on_every_screen_and_back(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    save_settings(Settings(region="GB"))  # remembered from an earlier session
    window = make_window(example_vault)  # type: ignore[operator]
    # Locked: the region's lines, without unlocking.
    qtbot.mouseClick(window.crisis_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.crisis_view
    assert window.crisis_view.emergency_number == "999"
    window.crisis_view.back_button.click()
    assert window.pages.currentWidget() is window.unlock_page
    unlock(qtbot, window)
    window.tabs.setCurrentIndex(1)
    window.crisis_action.trigger()  # the Ctrl+H shortcut's action
    assert window.pages.currentWidget() is window.crisis_view
    assert window.crisis_view.reachable_names()[:3] == ["Sam Okafor", "Priya Shah", "Daniel Reyes"]
    qtbot.keyClick(window.crisis_view, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.tabs
    assert window.tabs.currentIndex() == 1
    assert "Ctrl+H" in window.crisis_button.toolTip()


def test_lock_clears_every_view_and_unlock_restores(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    unlock(qtbot, window)
    window.tabs.setCurrentIndex(1)
    assert "Sam Okafor" in all_text(window.crisis_view)
    window.lock_action.trigger()
    assert window.session.is_locked
    assert window.pages.currentWidget() is window.unlock_page
    for view in (window.plan_editor, window.support_editor, window.crisis_view):
        assert "Sam Okafor" not in all_text(view)
        assert "Biscuit" not in all_text(view)
    assert not window.export_action.isEnabled()
    unlock(qtbot, window)
    assert window.pages.currentWidget() is window.tabs
    assert window.tabs.currentIndex() == 1


def test_import_and_export(
    qtbot: QtBot, example_vault: Path, make_window: object, tmp_path: Path
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    unlock(qtbot, window)
    out = tmp_path / "exported.json"
    assert window.export_file(out)
    assert out.read_bytes() == resource_path("example_plan.json").read_bytes()
    raw = json.loads(out.read_text("utf-8"))
    raw["contacts"][0]["windows"][0]["start"] = "25:00"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), "utf-8")
    job = window.import_file(bad)
    qtbot.waitUntil(lambda: job.box is not None and job.box.isVisible(), timeout=5000)
    assert window.session.document == interchange.loads(out.read_bytes())  # nothing changed
    assert job.box is not None
    assert '"25:00" is not a time of day' in job.box.text()
    with qtbot.waitSignal(job.finished) as blocker:
        job.box.close()
    assert blocker.args == [False]
    raw["contacts"][0]["windows"][0]["start"] = "08:00"
    bad.write_text(json.dumps(raw), "utf-8")
    job = window.import_file(bad)
    qtbot.waitUntil(lambda: job.box is not None and job.box.isVisible(), timeout=5000)
    with qtbot.waitSignal(job.finished) as blocker:
        job.replace_button.click()
    assert blocker.args == [True]
    assert window.session.document.contacts[0].windows[0].start == dt.time(8, 0)


def test_second_instance_raises_the_first(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    server = InstanceServer(example_vault)
    assert server.listen()
    server.messageReceived.connect(window.handle_message)
    try:
        with qtbot.waitSignal(server.messageReceived, timeout=3000) as blocker:
            assert send_to_running(example_vault, "crisis")
        assert blocker.args == ["crisis"]
        assert window.pages.currentWidget() is window.crisis_view
        assert not send_to_running(example_vault.with_name("other.vault"), "raise")
    finally:
        server.close()
        server.deleteLater()


def test_every_control_is_named(qtbot: QtBot, example_vault: Path, make_window: object) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    unlock(qtbot, window)
    unnamed: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own internals (the menu bar's overflow button)
        if isinstance(widget, QLineEdit | QComboBox) and not widget.accessibleName():
            if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
                continue  # a combo box's own line edit
            unnamed.append(widget)
        if isinstance(widget, QAbstractButton) and not (widget.accessibleName() or widget.text()):
            unnamed.append(widget)
    assert not unnamed, [(type(w).__name__, w.objectName(), w.toolTip()) for w in unnamed]


def test_window_title_never_shows_the_plan(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    unlock(qtbot, window)
    assert window.windowTitle() == "My plan — crisisplan"
    window.show_crisis()
    assert window.windowTitle() == "I'm struggling — crisisplan"  # the page, never the plan
    window.tabs.setCurrentWidget(window.support_editor)
    window.leave_crisis()
    assert window.windowTitle() == "My people — crisisplan"
    window.lock()
    assert window.windowTitle() == "Unlock — crisisplan"


def test_follows_a_dark_palette(qtbot: QtBot, example_vault: Path, make_window: object) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from crisisplan.ui.theme import DARK, LIGHT

    window = make_window(example_vault)  # type: ignore[operator]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    assert LIGHT.background in window.crisis_view.styleSheet()
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: DARK.background in window.crisis_view.styleSheet(), timeout=2000)
        assert DARK.action_background in window.crisis_button.styleSheet()
    finally:
        app.setPalette(before)


def test_print_actions(qtbot: QtBot, example_vault: Path, make_window: object) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    assert not window.print_plan_action.isEnabled()
    assert window.open_print("card") is None
    unlock(qtbot, window)
    assert window.print_card_action.isEnabled()
    dialog = window.open_print("card")
    assert dialog is not None and dialog.isVisible()
    window.lock()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)  # no plan left on screen


def test_text_that_cannot_be_saved_blocks_lock_and_close(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    unlock(qtbot, window)
    window.plan_editor.notes_page.notes.setPlainText("x" * 20_000)  # over the limit
    window.lock()
    assert not window.session.is_locked  # nothing thrown away
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "could not be saved" in box.text()
    box.close()
    window.plan_editor.notes_page.notes.setPlainText("Shorter notes")
    window.lock()
    assert window.session.is_locked
    with Vault.open(example_vault, PASSPHRASE) as vault:
        assert vault.load_plan().medical_notes == "Shorter notes"


def test_enter_presses_the_focused_button_and_the_crisis_view_focuses_the_first_action(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    window = make_window(example_vault)  # type: ignore[operator]
    unlock(qtbot, window)
    window.activateWindow()
    window.crisis_button.setFocus()
    qtbot.keyClick(window.crisis_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.crisis_view, timeout=2000)
    first = window.crisis_view.first_action()
    assert first.accessibleName().endswith(", Sam Okafor") and first.text().startswith("Call")
    assert window.focusWidget() is first
    assert not window.crisis_view.scroll_area.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_back_from_a_crisis_view_opened_before_unlocking_goes_to_the_plan(
    qtbot: QtBot, example_vault: Path, make_window: object
) -> None:
    """`crisisplan --crisis --passphrase-stdin`: the view opened over the unlock page, the
    vault opened behind it; Back must not show the passphrase page again."""
    window = make_window(example_vault)  # type: ignore[operator]
    window.show_crisis()
    unlock(qtbot, window)
    assert window.pages.currentWidget() is window.crisis_view
    window.leave_crisis()
    assert window.pages.currentWidget() is window.tabs
