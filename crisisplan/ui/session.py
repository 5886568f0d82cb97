"""The open vault as the UI sees it: the current document, saving, undo, and locking.

Every view reads `session.document` and writes through `save_plan` / `save_contacts`;
each save is one vault transaction, so there is no Save button to forget. Undoable edits
are pushed onto `session.undo_stack` as `DocumentEdit` commands (Ctrl+Z / Ctrl+Shift+Z in
the main window), which restore the whole previous plan or contact list.

Signals:
    documentChanged(): the document changed (a save, an undo, an import or an unlock).
    saveFailed(str): a save did not happen; the argument is the sentence to show.
    rekeyed(str): a save did not happen because the vault's passphrase was changed by
        another process (`crisisplan passwd`); ask for the new one and call `reopen`.
    lockedChanged(bool): True when the vault was closed and the data dropped.
    aboutToLock(): the vault is still open and about to be closed (the after-session
        backup is taken then).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from crisisplan.core.model import Contact, Emergency, Plan, PlanDocument
from crisisplan.core.regions import emergency_for
from crisisplan.storage import Vault, VaultError, VaultRekeyed
from crisisplan.ui.scripts import install_font_fallbacks


class Session(QObject):
    """One unlocked vault and the document read from it."""

    documentChanged = Signal()
    saveFailed = Signal(str)
    rekeyed = Signal(str)
    lockedChanged = Signal(bool)
    aboutToLock = Signal()

    def __init__(self, vault: Vault | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self._vault: Vault | None = None
        self._document: PlanDocument | None = None
        self._retry: Callable[[], bool] | None = None  # the save refused by a re-key
        if vault is not None:
            self.attach(vault)

    # --- state --------------------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._vault is None

    @property
    def vault(self) -> Vault | None:
        return self._vault

    @property
    def document(self) -> PlanDocument:
        """The current document; an empty one (no region) while locked."""
        return self._document if self._document is not None else PlanDocument(region="")

    @property
    def emergency(self) -> Emergency:
        return emergency_for(self.document.region)

    def attach(self, vault: Vault) -> None:
        """Take an opened vault (after unlock or first run) and load it.

        If it cannot be read (damage past the first page shows only now), the vault is
        closed, the session stays locked, and the `VaultError` is raised.
        """
        try:
            document = vault.load()
        except VaultError:
            vault.close()
            raise
        self._vault = vault
        self._document = document
        install_font_fallbacks()  # before any view draws the person's names (ui/scripts.py)
        self.lockedChanged.emit(False)
        self.documentChanged.emit()

    def lock(self) -> None:
        """Close the vault and drop every copy of the data this object holds."""
        if self._vault is not None:
            self.aboutToLock.emit()
            self._vault.close()
        self._vault = None
        self._document = None
        self.undo_stack.clear()
        self.lockedChanged.emit(True)
        self.documentChanged.emit()

    # --- saving -------------------------------------------------------------------------

    def save_plan(self, plan: Plan) -> bool:
        """Save the plan in one transaction; False (and saveFailed) if it could not be."""
        if self._vault is None or self._document is None:
            return False
        try:
            self._vault.save_plan(plan)
        except VaultError as error:
            self._failed(error, lambda: self.save_plan(plan))
            return False
        self._document = PlanDocument(
            region=self._document.region,
            plan=plan,
            contacts=self._document.contacts,
            extra=self._document.extra,
        )
        self.documentChanged.emit()
        return True

    def save_contacts(self, contacts: tuple[Contact, ...]) -> bool:
        """Save the support system, in priority order, in one transaction."""
        if self._vault is None or self._document is None:
            return False
        try:
            self._vault.save_contacts(contacts)
        except VaultError as error:
            self._failed(error, lambda: self.save_contacts(contacts))
            return False
        self._document = PlanDocument(
            region=self._document.region,
            plan=self._document.plan,
            contacts=contacts,
            extra=self._document.extra,
        )
        self.documentChanged.emit()
        return True

    def replace(self, document: PlanDocument) -> bool:
        """Replace everything (loading the example plan, importing a file)."""
        if self._vault is None:
            return False
        try:
            self._vault.replace(document)
        except VaultError as error:
            self._failed(error, lambda: self.replace(document))
            return False
        self._document = document
        self.undo_stack.clear()
        self.documentChanged.emit()
        return True

    def _failed(self, error: VaultError, retry: Callable[[], bool]) -> None:
        if isinstance(error, VaultRekeyed):  # not damage: ask for the new passphrase
            self._retry = retry
            self.rekeyed.emit(str(error))
        else:
            self.saveFailed.emit(str(error))

    def reopen(self, vault: Vault) -> bool:
        """Go on with `vault`, opened with the passphrase another process changed it to,
        and save what that change kept from being saved. The document stays as it is."""
        old, self._vault = self._vault, vault
        if old is not None:
            old.close()
        retry, self._retry = self._retry, None
        return retry() if retry is not None else True

    # --- undoable edits -----------------------------------------------------------------

    def edit_plan(self, plan: Plan, description: str) -> bool:
        """Save `plan` as an undoable step called `description` ("Delete warning sign").

        The save happens first; only a save that worked becomes an undo step.
        """
        edit = DocumentEdit(self, description, plan=plan)
        if not self.save_plan(plan):
            return False
        self.undo_stack.push(edit)
        return True

    def edit_contacts(self, contacts: tuple[Contact, ...], description: str) -> bool:
        """Save `contacts` as an undoable step ("Delete Sam", "Move Sam up")."""
        edit = DocumentEdit(self, description, contacts=contacts)
        if not self.save_contacts(contacts):
            return False
        self.undo_stack.push(edit)
        return True


class DocumentEdit(QUndoCommand):
    """Swap the plan or the contact list for another, and back on undo."""

    def __init__(
        self,
        session: Session,
        description: str,
        *,
        plan: Plan | None = None,
        contacts: tuple[Contact, ...] | None = None,
    ) -> None:
        super().__init__(description)
        self._session = session
        self._new_plan = plan
        self._new_contacts = contacts
        self._old_plan = session.document.plan
        self._old_contacts = session.document.contacts
        self._saved = True  # the Session saved before pushing; the push's redo is a no-op

    def redo(self) -> None:
        if self._saved:
            self._saved = False
            return
        if self._new_plan is not None:
            self._session.save_plan(self._new_plan)
        if self._new_contacts is not None:
            self._session.save_contacts(self._new_contacts)

    def undo(self) -> None:
        if self._new_plan is not None:
            self._session.save_plan(self._old_plan)
        if self._new_contacts is not None:
            self._session.save_contacts(self._old_contacts)
