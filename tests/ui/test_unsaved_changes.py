"""Esc, Cancel or the close button in an editing dialog never throws away what was typed
without asking: nothing changed closes at once; something changed asks "Discard the
changes to <name>?" with Keep editing as the default (and as what Esc means there). The
crisis view still comes up over the question, and locking closes without asking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from crisisplan.ui.contact_dialog import ContactDialog
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.time_off_editor import ExtraTimeDialog, TimeOffDialog
from crisisplan.ui.unsaved import DISCARD, KEEP_EDITING, QUESTION_NAME
from tests.helpers import PASSPHRASE

AT = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, example_document: PlanDocument) -> Iterator[MainWindow]:
    path = tmp_path / "example.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    shown = MainWindow(path, clock=lambda: AT, opener=lambda url: True)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    shown.unlock_page.passphrase.setText(PASSPHRASE)
    shown.unlock_page.unlock_button.click()
    qtbot.waitUntil(lambda: not shown.session.is_locked, timeout=5000)
    yield shown
    if shown.crisis_window is not None:
        shown.crisis_window.close()
    for question in QApplication.topLevelWidgets():
        if isinstance(question, QMessageBox) and question.isVisible():
            question.hide()
    for dialog in QApplication.topLevelWidgets():
        if isinstance(dialog, ContactDialog) and dialog.isVisible():
            dialog.reject()  # as locking does: no question
    shown.close()


def add_person(qtbot: QtBot, window: MainWindow) -> ContactDialog:
    window.pages.setCurrentWidget(window.tabs)
    dialog = window.support_editor.add_contact()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def question(dialog: QDialog) -> QMessageBox | None:
    shown = [q for q in dialog.findChildren(QMessageBox, QUESTION_NAME) if q.isVisible()]
    assert len(shown) <= 1
    return shown[0] if shown else None


def answer(box: QMessageBox, text: str) -> None:
    for button in box.findChildren(QPushButton):
        if button.text() == text:
            button.click()
            return
    raise AssertionError(f"no {text!r} in the question")


def test_nothing_typed_esc_closes_at_once(qtbot: QtBot, window: MainWindow) -> None:
    dialog = add_person(qtbot, window)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and question(dialog) is None
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_esc_after_typing_asks_and_esc_again_keeps_editing(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.session.document.contacts
    dialog = add_person(qtbot, window)
    qtbot.keyClicks(dialog.name_edit, "Jo Bloggs")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    box = question(dialog)
    assert box is not None
    assert box.text() == "Discard the changes to Jo Bloggs?"
    default = box.defaultButton()
    assert default is not None and default.text() == KEEP_EDITING
    assert box.windowModality() is Qt.WindowModality.WindowModal  # the crisis window stays free
    assert "Jo" not in box.windowTitle()  # no names in window titles

    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc on the question: keep editing
    assert question(dialog) is None
    assert dialog.isVisible() and dialog.name_edit.text() == "Jo Bloggs"

    # Enter on the question is its default: keep editing too.
    dialog.discard_guard.request_close()
    box = question(dialog)
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert question(dialog) is None and dialog.isVisible()

    # Cancel asks the same; "Discard changes" closes and adds nobody.
    cancel = dialog.button_box.button(dialog.button_box.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    box = question(dialog)
    assert box is not None
    answer(box, DISCARD)
    assert not dialog.isVisible()
    assert window.session.document.contacts == before


def test_the_close_button_asks_about_a_changed_time_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.pages.setCurrentWidget(window.tabs)
    window.support_editor.select_position(0)
    dialog = window.support_editor.edit_selected()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    name = dialog.name_edit.text()
    assert name
    dialog.close()  # nothing changed: closes
    assert not dialog.isVisible()

    dialog = window.support_editor.edit_selected()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.always_check.setChecked(False)
    dialog.availability_editor.add_window()
    assert dialog.has_changes()
    dialog.close()  # the window's close button
    box = question(dialog)
    assert box is not None and box.text() == f"Discard the changes to {name}?"
    answer(box, KEEP_EDITING)
    assert dialog.isVisible() and dialog.has_changes()


def test_crisis_view_comes_up_over_the_question(qtbot: QtBot, window: MainWindow) -> None:
    dialog = add_person(qtbot, window)
    qtbot.keyClicks(dialog.name_edit, "Jo")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    box = question(dialog)
    assert box is not None
    qtbot.waitExposed(box)
    qtbot.keyClick(box, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    crisis = window.crisis_window
    assert crisis is not None and crisis.isVisible()
    assert box.findChild(QPushButton, "CrisisButton") is not None  # its own button too
    window.crisis_view.back_button.click()
    assert not crisis.isVisible()
    assert question(dialog) is box and dialog.name_edit.text() == "Jo"


def test_locking_closes_without_asking(qtbot: QtBot, window: MainWindow) -> None:
    dialog = add_person(qtbot, window)
    qtbot.keyClicks(dialog.name_edit, "Jo")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert question(dialog) is not None
    window.session.lock()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not any(
        isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


@pytest.mark.parametrize("kind", ["time off", "extra time"])
def test_time_off_and_extra_time_dialogs_ask_too(
    qtbot: QtBot, window: MainWindow, kind: str
) -> None:
    contact = add_person(qtbot, window)
    editor = contact.time_off_editor
    entries = editor.time_off_list if kind == "time off" else editor.extra_times_list
    dialog = entries._add()
    assert isinstance(dialog, TimeOffDialog | ExtraTimeDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and question(dialog) is None

    dialog = entries._add()
    qtbot.waitExposed(dialog)
    if isinstance(dialog, TimeOffDialog):
        dialog.reason_edit.setText("on holiday")
    else:
        assert isinstance(dialog, ExtraTimeDialog)
        dialog.start_edit.setTime(dialog.start_edit.time().addSecs(3600))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    box = question(dialog)
    assert box is not None and box.text() == f"Discard the changes to this {kind}?"
    answer(box, DISCARD)
    assert not dialog.isVisible() and entries.entries() == []
    qtbot.keyClick(contact.name_edit, Qt.Key.Key_Escape)  # nothing added: no question
    assert not contact.isVisible()
