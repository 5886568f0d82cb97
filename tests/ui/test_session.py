"""The Session: saves are real transactions, undo restores, lock drops the data."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from crisisplan.core.model import Plan, Section
from crisisplan.storage import Vault
from crisisplan.ui.session import Session
from tests.helpers import PASSPHRASE


def test_undoable_plan_edit_saves_and_undoes(session: Session, vault: Vault, qtbot: QtBot) -> None:
    before = session.document.plan
    changed = Plan(sections={Section.WARNING_SIGNS: ("only this",)})
    with qtbot.waitSignal(session.documentChanged):
        session.edit_plan(changed, "Replace warning signs")
    assert vault.load_plan() == changed
    session.undo_stack.undo()
    assert vault.load_plan() == before
    assert session.document.plan == before
    session.undo_stack.redo()
    assert vault.load_plan() == changed


def test_undoable_contact_delete(session: Session, vault: Vault) -> None:
    contacts = session.document.contacts
    session.edit_contacts(contacts[1:], f"Delete {contacts[0].name}")
    assert vault.load_contacts() == contacts[1:]
    session.undo_stack.undo()
    assert vault.load_contacts() == contacts


def test_lock_drops_everything(session: Session, qtbot: QtBot) -> None:
    session.edit_plan(Plan(), "Clear")
    with qtbot.waitSignal(session.lockedChanged) as blocker:
        session.lock()
    assert blocker.args == [True]
    assert session.is_locked
    assert session.document.contacts == ()
    assert session.undo_stack.count() == 0
    assert not session.save_plan(Plan())


def test_failed_save_is_reported_not_raised(session: Session, vault: Vault, qtbot: QtBot) -> None:
    vault._db.execute("PRAGMA busy_timeout = 50")
    before = session.document.plan
    # Another process is writing: our save must fail cleanly, with a sentence.
    with (
        Vault.open(vault.path, PASSPHRASE) as other,
        other.transaction(),
        qtbot.waitSignal(session.saveFailed) as blocker,
    ):
        assert not session.save_plan(Plan())
    assert "busy" in blocker.args[0]
    assert session.document.plan == before


def test_a_failed_edit_is_not_an_undo_step(session: Session, vault: Vault, qtbot: QtBot) -> None:
    vault._db.execute("PRAGMA busy_timeout = 50")
    with Vault.open(vault.path, PASSPHRASE) as other, other.transaction():
        assert not session.edit_plan(Plan(), "Clear everything")
    assert session.undo_stack.count() == 0
