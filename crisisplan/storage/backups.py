"""Encrypted backups of the vault, and restoring one.

A backup is a SQLCipher copy under the vault's own key material (`Vault.copy_to`: same
key, same salt), never a plaintext copy, so **a backup opens with the passphrase it was
made under** — the one in use when it was taken, even after the passphrase is changed.

Backups are taken after each app session that saved something, before every schema
migration, before a restore, and on demand (`crisisplan backup`). They live beside the
vault, in `<vault folder>/backups/` (the data folder for the default vault), as
`<vault name>-<UTC time>-n<sequence>-<kind>.vault`, each 0600 in a 0700 folder.

Backups are ordered by their sequence number (one more than the highest in the folder),
never by the clock: the time in the name is for people to read, and may be wrong (a dead
clock battery, no network time, a clock that was ahead). Names without a sequence number
(made by earlier versions) count as older than every numbered one. The newest `KEEP`
session and manual backups are kept; older ones are deleted as new ones arrive. Backups
taken before a restore or a migration are never deleted by rotation, nor is the backup
just made.

Every backup is written under a hidden temporary name, flushed to disk, then linked into
place: a crash, a kill or a full disk leaves either a whole backup or none (a temporary
file left by a kill is removed by a later backup). A restore copies the backup beside the
vault, proves that it opens with the passphrase given and passes the integrity checks,
keeps the current vault as a "before-restore" backup, and only then renames the copy over
the vault.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from crisisplan.core.wording import clock, date_text
from crisisplan.storage import errors
from crisisplan.storage.leftovers import abandoned, hold, leftovers, remove_abandoned
from crisisplan.storage.vault import Vault, check_file

KEEP = 10
FOLDER_NAME = "backups"
SUFFIX = ".vault"
# A temporary file older than this was left by a process that was killed mid-backup.
STALE_SECONDS = 600
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<serial>\d+))?(?:-n(?P<sequence>\d{1,9}))?"
    r"-(?P<kind>session|manual|before-restore|before-migration)\.vault$"
)
_PARTIAL = ".partial"
_NO_ROOM = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


class Kind(StrEnum):
    """Why a backup was taken (part of its file name)."""

    SESSION = "session"
    MANUAL = "manual"
    BEFORE_RESTORE = "before-restore"
    BEFORE_MIGRATION = "before-migration"

    @property
    def description(self) -> str:
        return {
            Kind.SESSION: "after a session with changes",
            Kind.MANUAL: "made on request",
            Kind.BEFORE_RESTORE: "your vault just before a restore",
            Kind.BEFORE_MIGRATION: "before an upgrade of the vault",
        }[self]


class BackupFailed(errors.VaultError):
    """No backup was made (or nothing was restored); nothing was left behind."""

    def __init__(self, path: Path, why: str, outcome: str = "No backup was made") -> None:
        super().__init__(f"{outcome}: {why}. Nothing was left behind, and your vault is unchanged.")
        self.path = path
        self.why = why


class BackupDiskFull(errors.DiskFull):
    """The disk filled up while a backup was written (a `DiskFull`, exit code 5)."""

    def __init__(self, path: Path, outcome: str = "no backup was made") -> None:
        errors.VaultError.__init__(
            self,
            f"The disk holding {path} is full, so {outcome}. Nothing was left behind and "
            "your vault is unchanged; free some space and try again.",
        )
        self.path = path


class BackupWrongPassphrase(errors.WrongPassphrase):
    """The passphrase given does not open the backup (a `WrongPassphrase`, exit code 3)."""

    def __init__(self, path: Path) -> None:
        errors.VaultError.__init__(
            self,
            f"That passphrase does not open the backup {path.name}. A backup opens with the "
            "passphrase it was made under: if you have changed your passphrase since, use "
            "the old one. Nothing was changed.",
        )
        self.path = path


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file in a vault's backups folder."""

    path: Path
    made_at: dt.datetime  # UTC, to the second, by the clock of the time: for display only
    kind: Kind
    size: int
    sequence: int = 0  # the order taken (0: from an earlier version, older than all others)

    def describe(self, zone: dt.tzinfo | None = None) -> str:
        """ "25 Nov 2026 19:00 · 48 KB · after a session with changes", in local time."""
        local = self.made_at.astimezone(zone)
        when = f"{date_text(local.date())} {clock(local.time())}"
        return f"{when} · {size_text(self.size)} · {self.kind.description}"


def size_text(size: int) -> str:
    """A file size as people read it: "48 KB", "1.2 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def backups_folder(vault_path: Path) -> Path:
    """Where the backups of the vault at `vault_path` are kept."""
    return Path(vault_path).parent / FOLDER_NAME


def _utc_now() -> dt.datetime:
    """The clock, for the time shown in a backup's name (tests set it ahead and behind)."""
    return dt.datetime.now(dt.UTC)


def list_backups(vault_path: Path) -> list[Backup]:
    """The vault's backups, newest (highest sequence number) first; temporary and foreign
    files are not listed."""
    folder = backups_folder(vault_path)
    found: list[tuple[tuple[int, str, int], Backup]] = []
    if folder.is_symlink():
        return []  # never followed (see `_private_folder`)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or match["stem"] != Path(vault_path).name.removesuffix(SUFFIX):
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        made_at = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=dt.UTC)
        sequence = int(match["sequence"] or 0)
        backup = Backup(entry, made_at, Kind(match["kind"]), size, sequence)
        found.append(((sequence, match["stamp"], int(match["serial"] or 1)), backup))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [backup for _, backup in found]


def make_backup(vault: Vault, kind: Kind = Kind.MANUAL, *, keep: int = KEEP) -> Path:
    """Take an encrypted backup of the open `vault` into its backups folder; returns it.

    Then deletes all but the newest `keep` session and manual backups — never the one
    just made, never one taken before a restore or a migration.
    """
    folder = backups_folder(vault.path)
    _private_folder(folder)
    _remove_stale_partials(folder)
    stem = vault.path.name.removesuffix(SUFFIX)
    partial = _write_copy(vault, folder / f".{stem}.{secrets.token_hex(6)}{_PARTIAL}")
    try:
        target = _link_numbered(partial, folder, stem, kind)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    rotate(vault.path, keep, made=target)
    return target


def backup_to(vault: Vault, target: Path) -> Path:
    """Write an encrypted backup of `vault` to the new file `target` (never over a file)."""
    target = Path(target)
    if target.exists() or target.is_symlink():
        raise errors.VaultExists(target)
    if not target.parent.is_dir():
        raise BackupFailed(target, f"there is no folder {target.parent}")
    partial = _write_copy(vault, target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp"))
    try:
        try:
            os.link(partial, target)
        except FileExistsError:
            raise errors.VaultExists(target) from None
        except OSError as error:
            raise _failure(target, error) from None
        _fsync_folder(target.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    return target


def backup_before_migration(vault: Vault, version: int) -> None:
    """`Vault.open(before_migration=…)`: no migration without an encrypted backup first."""
    make_backup(vault, Kind.BEFORE_MIGRATION)


ROTATED = frozenset({Kind.SESSION, Kind.MANUAL})


def rotate(vault_path: Path, keep: int = KEEP, *, made: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` session and manual backups (by sequence number,
    not by the clock). Those taken before a restore or a migration, and `made` (the
    backup just taken), are never deleted."""
    rotating = [b for b in list_backups(vault_path) if b.kind in ROTATED]
    removed = []
    for backup in rotating[max(keep, 1) :]:
        if made is not None and backup.path.name == made.name:
            continue
        with contextlib.suppress(FileNotFoundError):
            backup.path.unlink()
            removed.append(backup.path)
    return removed


# --- restoring -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Restored:
    """What a restore did: the backup put in place, and where the old vault was kept."""

    backup: Path
    kept_as: Path | None


def restore(
    vault_path: Path,
    backup: Path,
    passphrase: str | None = None,
    *,
    raw_key: bytes | None = None,
) -> Restored:
    """Replace the vault at `vault_path` with `backup`, which must open with the
    passphrase given (or raw key) and be whole; the current vault is kept first.

    Raises `BackupWrongPassphrase` and the other `VaultError`s; on any of them the vault
    is as it was. The vault must not be open in this process.
    """
    staged = stage_restore(vault_path, backup, passphrase, raw_key=raw_key)
    try:
        return staged.put_in_place()
    finally:
        staged.discard()


class StagedRestore:
    """A backup copied beside the vault and checked, ready to be put in its place.

    The app stages while the person is still working (a wrong passphrase is said at once,
    nothing changes), then locks and calls `put_in_place`. Call `discard` in any case.
    """

    def __init__(
        self,
        vault_path: Path,
        backup: Path,
        staging: Path,
        key: tuple[str | None, bytes | None],
        held: int | None = None,
    ) -> None:
        self.vault_path = vault_path
        self.backup = backup
        self._staging = staging
        self._key = key
        self._held = held  # a descriptor holding the staged copy (`leftovers.hold`)

    def _release(self) -> None:
        """Stop holding the staged copy: before it becomes the vault (closing a descriptor
        would drop SQLite's POSIX locks on the same file), and when discarded."""
        if self._held is not None:
            with contextlib.suppress(OSError):
                os.close(self._held)
            self._held = None

    def put_in_place(self) -> Restored:
        """Keep the current vault as a backup, then rename the checked copy over it."""
        self._release()
        try:
            kept_as = _keep_current(self.vault_path, *self._key)
            if kept_as is not None:
                _prove_kept(kept_as, self.vault_path, *self._key)
            # A journal left beside the vault belongs to the old file: SQLite would play
            # it into the restored one. It goes with the copy kept of the old file.
            _set_journal_aside(self.vault_path, kept_as)
            try:
                os.replace(self._staging, self.vault_path)
            except OSError as error:
                raise _failure(self.vault_path, error) from None
            _fsync_folder(self.vault_path.parent)
        except BackupDiskFull as error:
            raise BackupDiskFull(error.path, "nothing was restored") from None
        except BackupFailed as error:
            raise BackupFailed(error.path, error.why, "Nothing was restored") from None
        _prove_restored(self.vault_path, self.backup, kept_as, *self._key)
        return Restored(backup=self.backup, kept_as=kept_as)

    def open_restored(self) -> Vault:
        """The vault, after `put_in_place`, opened with the backup's passphrase or key."""
        passphrase, raw_key = self._key
        return Vault.open(self.vault_path, passphrase, raw_key=raw_key)

    def discard(self) -> None:
        self._release()
        with contextlib.suppress(FileNotFoundError):
            self._staging.unlink()


def stage_restore(
    vault_path: Path,
    backup: Path,
    passphrase: str | None = None,
    *,
    raw_key: bytes | None = None,
) -> StagedRestore:
    """Copy `backup` beside the vault and prove it opens with the passphrase (or raw key)
    and is whole. Nothing else is touched; the vault may be open meanwhile."""
    vault_path, backup = Path(vault_path), Path(backup)
    if vault_path.is_symlink():  # restore into the file the link points to, keeping the link
        vault_path = vault_path.resolve()
    if backup.resolve() == vault_path.resolve():
        raise errors.VaultError(f"{backup} is the vault itself, not a backup of it.")
    check_file(backup)
    vault_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    remove_abandoned(vault_path.parent, restoring_names(vault_path))  # a killed restore's
    staging = vault_path.with_name(f".{vault_path.name}.{secrets.token_hex(6)}.restoring")
    held: int | None = None
    try:
        _copy_file(backup, staging)
        held = os.open(staging, os.O_RDONLY)
        hold(held)
        _check_backup(staging, backup, passphrase, raw_key)
    except BaseException as error:
        if held is not None:
            os.close(held)
        with contextlib.suppress(OSError):
            staging.unlink()
        if isinstance(error, BackupDiskFull):
            raise BackupDiskFull(error.path, "nothing was restored") from None
        if isinstance(error, BackupFailed):
            raise BackupFailed(error.path, error.why, "Nothing was restored") from None
        raise
    return StagedRestore(vault_path, backup, staging, (passphrase, raw_key), held)


def restoring_names(vault_path: Path) -> re.Pattern[str]:
    """The hidden names of the copies a restore stages beside the vault."""
    return re.compile(re.escape(f".{Path(vault_path).name}.") + r"[0-9a-f]{12}\.restoring")


def restoring_leftovers(vault_path: Path) -> list[Path]:
    """Copies of a backup that a stopped restore left beside the vault (encrypted; the
    next restore removes them), for `crisisplan backups` to list."""
    vault_path = Path(vault_path)
    if vault_path.is_symlink():
        vault_path = vault_path.resolve()
    return [p for p in leftovers(vault_path.parent, restoring_names(vault_path)) if abandoned(p)]


def _check_backup(
    staging: Path, backup: Path, passphrase: str | None, raw_key: bytes | None
) -> None:
    """Open the staged copy of `backup` (migrating that copy if it is older) and check it."""
    try:
        # No backup of the staged copy before migrating it: the backup file itself is that.
        with Vault.open(staging, passphrase, raw_key=raw_key, before_migration=_no_backup) as copy:
            problems = copy.integrity_problems()
            copy.load()  # every row reads back as a plan
    except errors.WrongPassphrase:
        raise BackupWrongPassphrase(backup) from None
    except errors.DiskFull:
        raise BackupDiskFull(staging.parent) from None
    except errors.VaultDamaged as error:
        problems = [str(error).split("(", 1)[-1].rsplit(")", 1)[0]]
    except errors.VaultRefused as error:  # a trigger, a view, values out of range
        raise errors.VaultRefused(backup, error.why, backup=True) from None
    except errors.VaultError as error:  # newer version, another program's file, …
        raise errors.VaultError(
            str(error).replace(str(staging), str(backup)) + " Nothing was restored."
        ) from None
    if problems:
        raise errors.VaultDamaged(backup, f"{problems[0]}; nothing was restored")


def _no_backup(vault: Vault, version: int) -> None:
    """A `before_migration` hook that takes no backup."""


def _keep_current(vault_path: Path, passphrase: str | None, raw_key: bytes | None) -> Path | None:
    """Back up the vault that is about to be replaced; None if there is none.

    If it opens with the same passphrase, an ordinary backup. If it does not (another
    passphrase, damaged, empty, not a vault), its bytes are kept exactly as they are.
    """
    if not vault_path.exists():
        return None
    try:
        with Vault.open(vault_path, passphrase, raw_key=raw_key) as current:
            return make_backup(current, Kind.BEFORE_RESTORE)
    except (errors.DiskFull, errors.VaultBusy, errors.VaultReadOnly, BackupFailed):
        raise
    except errors.VaultError:
        pass  # it cannot be opened with this passphrase: keep its bytes instead
    folder = backups_folder(vault_path)
    _private_folder(folder)
    stem = vault_path.name.removesuffix(SUFFIX)
    partial = folder / f".{stem}.{secrets.token_hex(6)}{_PARTIAL}"
    try:
        _copy_file(vault_path, partial)
        return _link_numbered(partial, folder, stem, Kind.BEFORE_RESTORE)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def journal_of(path: Path) -> Path:
    """SQLite's rollback journal of the database at `path`."""
    return path.with_name(path.name + "-journal")


def _set_journal_aside(vault_path: Path, kept: Path | None) -> None:
    """Move `<vault>-journal` (still there only if it was not rolled back: the old vault
    was refused before SQLite saw it) beside the kept copy, where it is played back into
    that copy when it is opened; without a kept copy it belongs to no file."""
    journal = journal_of(vault_path)
    if not journal.exists():
        return
    try:
        if kept is not None and not journal_of(kept).exists():
            _copy_file(journal, journal_of(kept))
        journal.unlink()
        _fsync_folder(vault_path.parent)
    except OSError as error:
        raise _failure(journal, error) from None


def _prove_restored(
    vault_path: Path,
    backup: Path,
    kept: Path | None,
    passphrase: str | None,
    raw_key: bytes | None,
) -> None:
    """The restored vault opens with the backup's passphrase and is whole."""
    try:
        with Vault.open(vault_path, passphrase, raw_key=raw_key, before_migration=_no_backup) as v:
            problems = v.integrity_problems()
            v.load()
    except (errors.VaultError, ValueError, KeyError, TypeError) as error:
        problems = [str(error)]
    if problems:
        where = f" Your vault as it was is kept as {kept}." if kept else ""
        raise errors.VaultError(
            f"{backup.name} was put in place, but the vault did not open after the restore "
            f"({problems[0]}).{where} Restore another backup."
        )


def _prove_kept(
    kept: Path, vault_path: Path, passphrase: str | None, raw_key: bytes | None
) -> None:
    """Before anything is replaced: the copy of the current vault is there and opens with
    the same passphrase and is whole — or, when it was kept as bytes (it did not open
    with this passphrase), holds exactly the vault's bytes."""
    why = "the copy of your vault taken just before the restore could not be checked"
    try:
        if not kept.is_file():
            raise BackupFailed(kept, f"{why} (it is gone)")
        if kept.read_bytes() == vault_path.read_bytes():
            return  # kept as it was, byte for byte
        with Vault.open(kept, passphrase, raw_key=raw_key, before_migration=_no_backup) as copy:
            problems = copy.integrity_problems()
            copy.load()
    except BackupFailed:
        raise
    except (OSError, errors.VaultError, ValueError) as error:
        raise BackupFailed(kept, f"{why} ({error})") from None
    if problems:
        raise BackupFailed(kept, f"{why} ({problems[0]})")


# --- files -----------------------------------------------------------------------------


def _write_copy(vault: Vault, partial: Path) -> Path:
    """`vault.copy_to` a new 0600 file `partial`, flushed to disk; removed on failure."""
    try:
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except OSError as error:
        raise _failure(partial.parent, error) from None
    os.close(descriptor)
    try:
        try:
            vault.copy_to(partial)
        except errors.DiskFull:
            raise BackupDiskFull(partial.parent) from None
        except errors.VaultReadOnly:
            raise BackupFailed(partial.parent, f"{partial.parent} cannot be written") from None
        _fsync_file(partial)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        with contextlib.suppress(FileNotFoundError):
            partial.with_name(partial.name + "-journal").unlink()
        raise
    return partial


def _link_numbered(partial: Path, folder: Path, stem: str, kind: Kind) -> Path:
    """Link the finished `partial` into place under a new name, never over another file:
    the next sequence number (one past every backup of this vault in the folder, of any
    kind), and the time for display."""
    stamp = _utc_now().strftime(_STAMP_FORMAT)
    try:
        entries = list(folder.iterdir())
    except OSError as error:
        raise _failure(folder, error) from None
    taken = [
        int(match["sequence"] or 0)
        for entry in entries
        if (match := _NAME.match(entry.name)) and match["stem"] == stem
    ]
    first = max(taken, default=0) + 1
    for sequence in range(first, first + 100):  # another process may take one meanwhile
        target = folder / f"{stem}-{stamp}-n{sequence}-{kind.value}{SUFFIX}"
        try:
            os.link(partial, target)
        except FileExistsError:
            continue
        except OSError as error:
            raise _failure(folder, error) from None
        _fsync_folder(folder)
        return target
    raise BackupFailed(folder, "too many backups were being taken at once")


def _copy_file(source: Path, target: Path) -> None:
    """Copy bytes into a new 0600 file, flushed to disk; nothing left on failure."""
    try:
        descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "wb") as out, source.open("rb") as data:
            shutil.copyfileobj(data, out)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):  # a read-only file system cannot even unlink
            target.unlink()
        raise _failure(target.parent, error) from None


def _failure(path: Path, error: OSError) -> errors.VaultError:
    """The sentence for a file error while backing up or restoring."""
    if error.errno in _NO_ROOM:
        return BackupDiskFull(path)
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = "the folder is read-only or not yours"
        return BackupFailed(path, f"{path} cannot be written ({reason})")
    return BackupFailed(path, f"{path} could not be written ({error.strerror or error})")


class SymlinkedFolder(BackupFailed):
    """The backups folder is a symbolic link: never followed, never filled."""

    def __init__(self, folder: Path) -> None:
        super().__init__(
            folder,
            f"{folder} is a symbolic link, and crisisplan keeps backups only in a real folder "
            "beside the vault (so that they cannot be sent somewhere else); replace the link "
            "with a folder",
        )


def _private_folder(folder: Path) -> None:
    """The backups folder exists, is a real folder (not a symlink, which is never
    followed, chmod'ed or filled) and only its owner can enter it."""
    if folder.is_symlink():
        raise SymlinkedFolder(folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError as error:
        raise _failure(folder, error) from None


def _remove_stale_partials(folder: Path) -> None:
    """Remove temporary files that a killed backup left behind (only ours, only old)."""
    cutoff = time.time() - STALE_SECONDS
    for entry in folder.glob(f".*{_PARTIAL}*"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()


def _fsync_file(path: Path) -> None:
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise _failure(path.parent, error) from None


def _fsync_folder(folder: Path) -> None:
    """Make a rename or link durable (where the platform can open a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
