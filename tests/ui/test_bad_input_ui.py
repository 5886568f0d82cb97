"""Hostile text in every field of the contact dialog and the plan editor (see
tests/test_bad_input.py for import and the command line): real text — SQL
metacharacters, right-to-left scripts, emoji — is kept exactly; control characters and
100,000 characters are refused with a sentence and nothing is saved."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, Section
from crisisplan.storage import Vault
from crisisplan.ui.contact_dialog import ContactDialog
from crisisplan.ui.plan_editor import PlanEditor
from crisisplan.ui.session import Session
from tests.helpers.hostile import KEPT, REFUSED, hostile_document

TYPED_REFUSALS = ["nul", "escape", "delete", "next line", "100,000"]  # a surrogate cannot be typed
UNKNOWN_ZONES = ["Mars/Olympus_Mons", "../../../etc/localtime", "UTC+25", "", "europe/london"]


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_real_text_is_kept_by_the_contact_dialog(qtbot: QtBot, text: str) -> None:
    (contact,) = hostile_document(text).contacts
    dialog = ContactDialog("GB", contact)
    qtbot.addWidget(dialog)
    assert dialog.problems() == []
    assert dialog.ok_button.isEnabled()
    assert dialog.contact() == contact


def text_of(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def put(field: QLineEdit | QPlainTextEdit, text: str) -> None:
    if isinstance(field, QLineEdit):
        field.setText(text)  # a QLineEdit keeps at most 32,767 characters: still too long
    else:
        field.setPlainText(text)


@pytest.mark.parametrize("kind", TYPED_REFUSALS)
def test_bad_text_in_any_contact_dialog_field_blocks_saving(qtbot: QtBot, kind: str) -> None:
    text, expected = REFUSED[kind]
    if kind == "100,000":
        expected = "characters long"
    dialog = ContactDialog("GB", Contact(name="Sam", group=Group.FRIEND))
    qtbot.addWidget(dialog)
    row = dialog.methods_editor.add_method(ContactMethod(MethodKind.OTHER, "at the library"))
    fields: list[QLineEdit | QPlainTextEdit] = [
        dialog.name_edit, dialog.role_edit, dialog.helps_edit, dialog.message_edit,
        dialog.notes_edit, row.value_edit,
    ]  # fmt: skip
    accepted: list[int] = []
    dialog.accepted.connect(lambda: accepted.append(1))
    for field in fields:
        original = text_of(field)
        put(field, text)
        problems = dialog.problems()
        assert any(expected in problem for problem in problems), (field.accessibleName(), problems)
        assert not dialog.ok_button.isEnabled()
        assert "To save, fix:" in dialog.problems_label.text()
        dialog.accept()
        assert accepted == []
        put(field, original)
        assert dialog.problems() == [], field.accessibleName()


@pytest.mark.parametrize("zone", UNKNOWN_ZONES)
def test_an_unknown_time_zone_blocks_saving(qtbot: QtBot, zone: str) -> None:
    dialog = ContactDialog("GB", Contact(name="Sam", group=Group.FRIEND))
    qtbot.addWidget(dialog)
    dialog.time_zone_combo.setCurrentText(zone)
    assert not dialog.ok_button.isEnabled()
    assert any("time_zone" in p.lower().replace(" ", "_") for p in dialog.problems()), (
        dialog.problems()
    )
    assert dialog.time_zone_problem.isVisibleTo(dialog)


def test_plan_editor_keeps_real_text_and_refuses_the_rest(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    editor = PlanEditor(session)
    qtbot.addWidget(editor)
    editor.show()
    warning = editor.list_pages[Section.WARNING_SIGNS]
    for text in KEPT.values():
        warning.add_field.setText(text)
        warning.add_typed_item()
        assert vault.load_plan().items(Section.WARNING_SIGNS)[-1] == text
    before = vault.load_plan()
    for kind in TYPED_REFUSALS:
        text, expected = REFUSED[kind]
        warning.add_field.setText(text)
        warning.add_typed_item()
        shown = warning.message.text()
        assert (expected if kind != "100,000" else "characters long") in shown, shown
        assert vault.load_plan() == before
    notes = KEPT["rtl"] + "\n" + KEPT["emoji"] + "\n" + KEPT["sql"]
    editor.notes_page.notes.setPlainText(notes)
    assert editor.flush()
    assert vault.load_plan().medical_notes == notes
    editor.notes_page.notes.setPlainText("y" * 100_000)
    assert not editor.flush()
    assert vault.load_plan().medical_notes == notes
    editor.close()
