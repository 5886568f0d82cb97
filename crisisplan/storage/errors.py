"""Known vault problems, each with one sentence a person can act on.

Anything that is not one of these is a bug: it propagates as itself, and nothing is
written over the person's file on the way out.
"""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """A known problem with a vault file; `str()` is the sentence to show the person."""


class WrongPassphrase(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            "That passphrase does not open this vault. Check it and try again "
            "(if you are sure it is right, the file may be damaged: restore a backup)."
        )
        self.path = path


class VaultMissing(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"There is no vault at {path}.")
        self.path = path


class VaultExists(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"A file already exists at {path}; it has been left as it is.")
        self.path = path


class VaultEmpty(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The file {path} is empty (0 bytes), so it is not a vault. It has been left as "
            "it is; if your vault was here, restore a backup."
        )
        self.path = path


class NotAVault(VaultError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(
            f"The file {path} is not a crisisplan vault: {why}. It has been left as it is."
        )
        self.path = path


class VaultDamaged(VaultError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The vault {path} is damaged ({detail}). It has been left as it is; restore a backup."
        )
        self.path = path


class VaultRefused(VaultError):
    """The file opens with the key but is not what crisisplan writes: a changed schema
    (a trigger, a view, another column) or a value out of range. Never run, never read."""

    def __init__(self, path: Path, why: str, *, backup: bool = False) -> None:
        if backup:
            text = (
                f"The backup {path} was not restored: {why}. crisisplan never makes such a "
                "file, so it may have been changed by someone else; do not use it. Nothing "
                "was restored."
            )
        else:
            text = (
                f"The vault {path} was not opened: {why}. crisisplan never makes such a file, "
                "so it may have been changed by someone else. It has been left as it is; "
                "restore one of your own backups."
            )
        super().__init__(text)
        self.path = path
        self.why = why


class NewerVault(VaultError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"The vault {path} was written by a newer crisisplan (schema {found}; this one "
            f"knows up to {known}). Update crisisplan to open it; the file has been left as it is."
        )
        self.path = path


class VaultRekeyed(VaultError):
    """The passphrase was changed by another process while the vault was open here."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The passphrase of the vault {path} was changed while it was open here "
            "(perhaps with crisisplan passwd), so this change was not saved yet. The vault "
            "itself is fine: type the new passphrase to go on."
        )
        self.path = path


class VaultUnreadable(VaultError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The vault {path} cannot be read ({detail}). Check that it belongs to you and "
            f"that you may read and write it (chmod 600 {path}); it has been left as it is."
        )
        self.path = path


class JournalBlocked(VaultError):
    def __init__(self, path: Path, journal: Path) -> None:
        super().__init__(
            f"Something that is not a file is at {journal}, where SQLite keeps the vault's "
            "rollback journal, so the vault cannot be read or saved safely. Move it away (it "
            "is not part of your plan) and try again; nothing was changed."
        )
        self.path = path


class VaultIOError(VaultError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The vault {path} could not be read or written ({detail}); nothing was changed. "
            "Check the disk and try again; if it happens again, restore a backup."
        )
        self.path = path


class VaultBusy(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The vault {path} is busy: another crisisplan is saving to it. Try again in a moment."
        )
        self.path = path


class DiskFull(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The disk holding {path} is full, so the change was not saved. Your earlier "
            "saves are intact; free some space and try again."
        )
        self.path = path


class VaultReadOnly(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The vault {path} cannot be written (the file or its folder is read-only), so "
            "the change was not saved."
        )
        self.path = path


class VaultReplaced(VaultReadOnly):
    """The file was replaced under an open connection (a restore by another process):
    SQLite refuses to write to the old one, and says only "readonly"."""

    def __init__(self, path: Path) -> None:
        VaultError.__init__(
            self,
            f"The vault {path} was replaced while it was open here (a backup was restored, "
            "perhaps from the command line), so the change was not saved. Lock and unlock to "
            "open the vault as it is now.",
        )
        self.path = path
