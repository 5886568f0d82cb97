"""The contact editor says what a number dials as the person types (issue 10, item 1)."""

from __future__ import annotations

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Contact, ContactMethod, MethodKind
from crisisplan.ui.contact_dialog import ContactDialog


def test_this_dials_follows_the_typing(qtbot: QtBot) -> None:
    dialog = ContactDialog("GB", Contact(name="Riverside team"))
    qtbot.addWidget(dialog)
    dialog.open()
    row = dialog.methods_editor.add_method(ContactMethod(MethodKind.PHONE, ""))
    assert not row.dials_label.isVisibleTo(dialog)
    QTest.keyClicks(row.value_edit, "+44 (0)20 7946 0018")
    assert row.dials_label.text() == "This dials: +44 20 7946 0018"
    QTest.keyClicks(row.value_edit, " ext. 123")
    assert row.dials_label.text() == "This dials: +44 20 7946 0018, then extension 123"
    assert row.dials_label.isVisibleTo(dialog)
    assert row.value_edit.accessibleDescription() == row.dials_label.text()
    assert dialog.ok_button.isEnabled()
    row.value_edit.clear()
    QTest.keyClicks(row.value_edit, ",,123")  # a pause with nothing to call first
    assert not row.dials_label.isVisibleTo(dialog)
    assert "starts with a pause" in row.problem_label.text()
    assert not dialog.ok_button.isEnabled()
    row.value_edit.clear()
    QTest.keyClicks(row.value_edit, "+1 800 FLOWERS")
    assert row.dials_label.text() == "This dials: +1 800-356-9377"
    dialog.reject()
