"""Create, open and save the encrypted vault (SQLCipher 4).

Rules every connection follows (see ../shared/ENGINEERING.md for why):
- `PRAGMA key` is the very first statement; anything before it would create a plaintext
  file. Creation checks the header afterwards.
- `temp_store = MEMORY`, so no plaintext temp files.
- `trusted_schema = OFF`, and the schema is compared with what the migrations make before
  anything is read: a file that opens with the key is still untrusted input (a "backup"
  someone hands over may carry a trigger or a view). Values out of range are refused
  with a sentence too.
- A file that exists is never treated as "new": empty, short, plaintext-SQLite or foreign
  files are refused before SQLCipher sees them, and never written to.
- Every save is one `BEGIN IMMEDIATE … COMMIT` transaction (rollback journal, synchronous
  FULL): a crash or power cut leaves the last whole save.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlite

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    ExtraTime,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Profession,
    Section,
    TimeOff,
    Weekday,
    Window,
)
from crisisplan.core.validation import parse_date, parse_time
from crisisplan.storage import errors, schema

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096
BUSY_TIMEOUT_MS = 3000

BeforeMigration = Callable[["Vault", int], None]


_RAW_KEY_FORM = re.compile(r"^\s*[xX]'[0-9a-fA-F]*'\s*$")


def looks_like_raw_key(passphrase: str) -> bool:
    """Whether SQLCipher would take this passphrase as a raw key (`x'<hex>'`) and skip the
    key derivation. Such passphrases are derived here instead (`_derived_if_raw`)."""
    return bool(_RAW_KEY_FORM.match(passphrase))


def _derived_if_raw(
    path: Path, passphrase: str | None, raw_key: bytes | None, salt: bytes | None = None
) -> tuple[str | None, bytes | None]:
    """Every passphrase goes through PBKDF2, whatever it looks like: one that SQLCipher
    would take as a raw key is derived here (same PBKDF2-HMAC-SHA512, 256,000 rounds,
    the file's salt — or `salt` for a new file) and used as the raw key it gives."""
    if passphrase is None or raw_key is not None or not looks_like_raw_key(passphrase):
        return passphrase, raw_key
    from crisisplan.storage.keys import derive_raw_key, derive_with_salt

    if salt is not None:
        return None, derive_with_salt(passphrase, salt)
    return None, derive_raw_key(path, passphrase)


def _key_pragma(passphrase: str | None, raw_key: bytes | None) -> str:
    if raw_key is not None:
        if len(raw_key) not in (32, 48):
            raise ValueError("a raw vault key is 32 bytes (or 48 with its salt)")
        return f"PRAGMA key = \"x'{raw_key.hex()}'\""
    if not passphrase:
        raise ValueError("the passphrase is empty")
    if "\x00" in passphrase:
        raise ValueError("the passphrase contains a NUL character")
    return "PRAGMA key = '" + passphrase.replace("'", "''") + "'"


def _connect(uri: str, key_pragma: str) -> sqlite.Connection:
    """A connection with the key set first and the safety pragmas after it."""
    connection = sqlite.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    connection.execute(key_pragma)  # must be first: see module docstring
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("PRAGMA temp_store = MEMORY")
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def _uri(path: Path, mode: str) -> str:
    return path.resolve().as_uri() + f"?mode={mode}"


def translate(error: sqlite.Error, path: Path) -> errors.VaultError | None:
    """The known problem behind an SQLite error, or None if it is a bug."""
    message = str(error).lower()
    if "database or disk is full" in message or "disk i/o error" in message and _disk_full(path):
        return errors.DiskFull(path)
    if "readonly" in message or "read-only" in message:
        return errors.VaultReadOnly(path)
    if "unable to open database file" in message and not os.access(path.parent, os.W_OK):
        return errors.VaultReadOnly(path)  # the journal cannot be made beside the vault
    if "database is locked" in message or "database is busy" in message:
        return errors.VaultBusy(path)
    if "malformed" in message or "invalid size" in message or "file is not a database" in message:
        return errors.VaultDamaged(path, str(error))
    if "disk i/o error" in message or "unable to open database file" in message:
        return _file_problem(path) or errors.VaultIOError(path, str(error))
    return None


def _file_problem(path: Path) -> errors.VaultError | None:
    """Why the vault (or its journal) cannot be read or written, found by trying: a
    journal path taken by something else, a read-only file, folder or file system
    (also for root, who ignores permission bits but not `chattr +i` or a read-only
    mount), no room."""
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and not journal.is_file() or journal.is_symlink():
        return errors.JournalBlocked(path, journal)
    if _disk_full(path):
        return errors.DiskFull(path)
    probe = path.with_name(f".{path.name}.{os.urandom(6).hex()}.probe")
    try:
        os.close(os.open(path, os.O_WRONLY))
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return errors.DiskFull(path)
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return errors.VaultReadOnly(path)
        return None
    finally:
        with contextlib.suppress(OSError):
            probe.unlink()
    return None


def _disk_full(path: Path) -> bool:
    """Whether a "disk I/O error" on write means there was no room: the disk is nearly
    full, or a file-size limit (`ulimit -f`, RLIMIT_FSIZE) is in force, where SQLite
    sees EFBIG and reports an I/O error rather than "disk is full"."""
    try:
        import resource

        if resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY:
            return True
    except ImportError:  # Windows
        pass
    try:
        stat = os.statvfs(path.parent)
    except (OSError, AttributeError):
        return False
    return stat.f_bavail * stat.f_frsize < 64 * 1024


def check_file(path: Path) -> None:
    """Refuse, without writing, anything at `path` that cannot be a vault."""
    if not path.exists():
        raise errors.VaultMissing(path)
    if not path.is_file():
        raise errors.NotAVault(path, "it is a folder, not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:  # mode 000, another owner, an unreadable folder
        raise errors.VaultUnreadable(path, error.strerror or str(error)) from None
    if size == 0:
        raise errors.VaultEmpty(path)
    if header == SQLITE_HEADER:
        raise errors.NotAVault(path, "it is an unencrypted SQLite database")
    if size < PAGE_SIZE:
        raise errors.NotAVault(path, f"it is only {size} bytes long, too short to be a vault")
    if size % PAGE_SIZE:
        raise errors.VaultDamaged(path, "the file has been cut short")


class Vault:
    """An open vault. Use `Vault.create` or `Vault.open`; close it (or use `with`)."""

    def __init__(self, path: Path, connection: sqlite.Connection, key: str = "") -> None:
        self.path = path
        self._connection: sqlite.Connection | None = connection
        self._file_identity = _file_identity(path)  # to tell "replaced" from "read-only"
        self._key = key  # the key pragma: to tell "re-keyed elsewhere" from "damaged"

    # --- opening and closing -------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        region: str,
        contacts: tuple[Contact, ...] = (),
    ) -> Vault:
        """Create a new vault; refuse to overwrite any existing file, even an empty one.

        The vault is built under a temporary name in the same folder and linked into
        place only when complete, so a crash never leaves a half-made vault at `path`.
        """
        path = Path(path)
        created_with = _derived_if_raw(path, passphrase, None, salt=os.urandom(16))
        key = _key_pragma(*created_with)
        if path.exists() or path.is_symlink():
            raise errors.VaultExists(path)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.urandom(6).hex()}.creating")
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
        try:
            connection = _connect(_uri(temporary, "rw"), key)
            try:
                connection.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
                connection.execute("PRAGMA journal_mode = DELETE")
                vault = cls(temporary, connection)
                vault._migrate(0, None)
                vault.replace(PlanDocument(region=region, contacts=contacts))
            finally:
                connection.close()
            with temporary.open("rb") as file:
                if file.read(len(SQLITE_HEADER)) == SQLITE_HEADER:  # the key-order trap
                    raise RuntimeError("refusing to keep a vault that was written unencrypted")
            _link_no_replace(temporary, path)
        except sqlite.Error as error:
            raise translate(error, path) or error from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        return cls.open(path, *created_with[:1], raw_key=created_with[1])

    @classmethod
    def open(
        cls,
        path: Path,
        passphrase: str | None = None,
        *,
        raw_key: bytes | None = None,
        before_migration: BeforeMigration | None = None,
    ) -> Vault:
        """Open an existing vault with a passphrase or a raw key (from the keyring).

        Raises a `VaultError` for every known problem; the file is not written unless a
        migration to the current schema is needed, and then only after `before_migration`
        has returned. By default that takes an encrypted backup into the backups folder
        (`backups.backup_before_migration`), whoever opens the vault; if it fails, nothing
        is migrated.
        """
        path = Path(path)
        check_file(path)
        key = _key_pragma(*_derived_if_raw(path, passphrase, raw_key))
        try:
            connection = _connect(_uri(path, "rw"), key)
        except sqlite.Error as error:
            raise translate(error, path) or errors.VaultError(
                f"The vault {path} cannot be opened ({error})."
            ) from None
        try:
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite.DatabaseError as error:
                if "file is not a database" in str(error):
                    raise errors.WrongPassphrase(path) from None
                raise translate(error, path) or error from None
            application_id, version = (
                connection.execute("PRAGMA application_id").fetchone()[0],
                connection.execute("PRAGMA user_version").fetchone()[0],
            )
            if application_id != schema.APPLICATION_ID:
                raise errors.NotAVault(path, "it is an encrypted database of another program")
            if version > schema.LATEST:
                raise errors.NewerVault(path, version, schema.LATEST)
            problem = schema.schema_problem(connection, version) or _value_problem(connection)
            if problem:
                raise errors.VaultRefused(path, problem)
            vault = cls(path, connection, key)
            if version < schema.LATEST:
                vault._migrate(version, before_migration)
                problem = schema.schema_problem(connection, schema.LATEST)
                if problem:  # a migration that made something else: a bug, said plainly
                    raise errors.VaultRefused(path, problem)
        except BaseException:
            connection.close()
            raise
        return vault

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @property
    def is_open(self) -> bool:
        return self._connection is not None

    def rekey(self, new_passphrase: str) -> bytes:
        """Re-encrypt every page under a new passphrase; returns the new raw key.

        `PRAGMA rekey` (~0.1 s, plus 0.1 s to check) runs inside `BEGIN EXCLUSIVE`, so it is
        all or nothing, and another connection reading the file makes it `VaultBusy` —
        without that lock SQLCipher waits out the busy timeout, answers "ok" and changes
        nothing. A fresh connection then proves that the new key opens the file.
        """
        from crisisplan.storage.keys import derive_raw_key

        new = _derived_if_raw(self.path, new_passphrase, None)
        pragma = "PRAGMA rekey" + _key_pragma(*new).removeprefix("PRAGMA key")
        db = self._db
        try:
            db.execute("BEGIN EXCLUSIVE")
        except sqlite.Error as error:
            raise translate(error, self.path) or error from None
        try:
            db.execute(pragma)
            db.execute("COMMIT")
        except BaseException as error:
            if db.in_transaction:
                with contextlib.suppress(sqlite.Error):
                    db.execute("ROLLBACK")
            if isinstance(error, sqlite.Error):
                # SQLCipher says only "An error occurred with PRAGMA key or rekey" when the
                # rewrite fails (a full disk, a file-size limit, a read-only file): find out.
                raise (
                    translate(error, self.path)
                    or _file_problem(self.path)
                    or errors.VaultError(
                        f"The passphrase of {self.path} could not be changed ({error}); "
                        "nothing was changed, and the current passphrase still opens it."
                    )
                ) from None
            raise
        raw_key = derive_raw_key(self.path, new_passphrase)
        try:
            Vault.open(self.path, raw_key=raw_key).close()
        except errors.WrongPassphrase:
            raise errors.VaultError(
                f"The passphrase of {self.path} could not be changed; the old one still opens it."
            ) from None
        return raw_key

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- transactions and schema ----------------------------------------------------------

    @property
    def _db(self) -> sqlite.Connection:
        if self._connection is None:
            raise RuntimeError("the vault is locked (closed)")
        return self._connection

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite.Cursor]:
        """One all-or-nothing write. Known SQLite failures become `VaultError`s."""
        cursor = self._db.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite.Error as error:
            raise self._known(error) or error from None
        try:
            yield cursor
            cursor.execute("COMMIT")
        except BaseException as error:
            if self._db.in_transaction:
                with contextlib.suppress(sqlite.Error):
                    cursor.execute("ROLLBACK")
            if isinstance(error, sqlite.Error):
                raise self._known(error) or error from None
            raise
        finally:
            cursor.close()

    def _known(self, error: sqlite.Error) -> errors.VaultError | None:
        """`translate`, plus: "read-only" on a file that has been replaced since it was
        opened (SQLite's SQLITE_READONLY_DBMOVED) is said as what it is."""
        known = translate(error, self.path)
        if isinstance(known, errors.VaultReadOnly) and (
            _file_identity(self.path) != self._file_identity
        ):
            return errors.VaultReplaced(self.path)
        # After a re-key elsewhere SQLCipher first says "file is not a database", then
        # (the connection has given up on its pages) "attempt to write a readonly database".
        if isinstance(known, errors.VaultDamaged | errors.VaultReadOnly) and (
            self._rekeyed_elsewhere()
        ):
            return errors.VaultRekeyed(self.path)
        return known

    def _rekeyed_elsewhere(self) -> bool:
        """Whether the key this vault was opened with no longer opens the file, which is
        still the same file: its passphrase was changed by another process (`crisisplan
        passwd` while the app is open). Costs one key derivation, on this error path only."""
        if not self._key or _file_identity(self.path) != self._file_identity:
            return False
        try:
            connection = _connect(_uri(self.path, "ro"), self._key)
        except sqlite.Error:
            return False
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite.DatabaseError as error:
            return "file is not a database" in str(error)
        finally:
            connection.close()
        return False

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def copy_to(self, target: Path) -> None:
        """Write an encrypted copy of the vault into `target`, an empty file the caller
        created (0600): same key and salt, so it opens with the same passphrase.

        `ATTACH` without `KEY` reuses this connection's key material (never `KEY ''`, which
        would write plaintext). `sqlcipher_export` copies the tables but not the two header
        fields, so those are set in the same read transaction: the copy is one consistent
        state, even while another process saves.
        """
        db = self._db
        try:
            db.execute("ATTACH DATABASE ? AS copy", (_uri(target, "rw"),))
        except sqlite.Error as error:
            raise translate(error, target) or error from None
        try:
            db.execute("BEGIN")
            version = int(db.execute("PRAGMA main.user_version").fetchone()[0])
            application_id = int(db.execute("PRAGMA main.application_id").fetchone()[0])
            db.execute("SELECT sqlcipher_export('copy')")
            db.execute(f"PRAGMA copy.user_version = {version}")
            db.execute(f"PRAGMA copy.application_id = {application_id}")
            db.execute("COMMIT")
        except sqlite.Error as error:
            if db.in_transaction:
                with contextlib.suppress(sqlite.Error):
                    db.execute("ROLLBACK")
            known = translate(error, target)
            if isinstance(known, errors.VaultDamaged):  # the vault's pages, not the copy's
                known = self._known(error)
            raise known or error from None
        finally:
            with contextlib.suppress(sqlite.Error):
                db.execute("DETACH DATABASE copy")

    def integrity_problems(self) -> list[str]:
        """What `quick_check` and `cipher_integrity_check` (every page's HMAC) find wrong;
        empty when the file is whole."""
        with self._reading() as db:
            quick = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
            pages = [str(row[0]) for row in db.execute("PRAGMA cipher_integrity_check")]
        return [problem for problem in quick if problem != "ok"] + pages

    def _migrate(self, version: int, before_migration: BeforeMigration | None) -> None:
        if version > 0:
            if before_migration is None:
                from crisisplan.storage.backups import backup_before_migration

                before_migration = backup_before_migration
            before_migration(self, version)
        for target, step in enumerate(schema.MIGRATIONS[version:], start=version + 1):
            with self.transaction() as cursor:
                step(cursor)
                cursor.execute(f"PRAGMA user_version = {target}")

    # --- reading ------------------------------------------------------------------------------

    @property
    def region(self) -> str:
        with self._reading() as db:
            row = db.execute("SELECT value FROM settings WHERE key = 'region'").fetchone()
        return str(row[0]) if row else ""

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite.Connection]:
        """Reads see one consistent state; damage found while reading is a known error,
        and so is a stored value out of range (refused, never shown half)."""
        db = self._db
        try:
            yield db
        except sqlite.Error as error:
            raise self._known(error) or error from None
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise errors.VaultRefused(
                self.path, f"a stored value is out of range ({error})"
            ) from None

    def load(self) -> PlanDocument:
        """Everything in the vault, contacts in priority order."""
        with self._reading() as db:
            settings = dict(db.execute("SELECT key, value FROM settings").fetchall())
            return PlanDocument(
                region=settings.get("region", ""),
                plan=self._load_plan(db),
                contacts=self._load_contacts(db),
                extra=_json_object(settings.get("extra", "{}")),
            )

    def load_plan(self) -> Plan:
        with self._reading() as db:
            return self._load_plan(db)

    def load_contacts(self) -> tuple[Contact, ...]:
        with self._reading() as db:
            return self._load_contacts(db)

    @staticmethod
    def _load_plan(db: sqlite.Connection) -> Plan:
        row = db.execute(
            "SELECT medical_notes, reviewed_on, extra FROM plan WHERE id = 1"
        ).fetchone()
        if row is None:
            raise ValueError("the plan is missing")
        medical_notes, reviewed_on, extra = row
        sections: dict[Section, list[str]] = {}
        for section, text in db.execute(
            "SELECT section, text FROM plan_items ORDER BY section, position"
        ):
            sections.setdefault(Section(section), []).append(text)
        return Plan(
            sections={s: tuple(items) for s, items in sections.items()},
            medical_notes=medical_notes,
            reviewed_on=parse_date(reviewed_on) if reviewed_on else None,
            extra=_json_object(extra),
        )

    @staticmethod
    def _load_contacts(db: sqlite.Connection) -> tuple[Contact, ...]:
        methods: dict[int, list[ContactMethod]] = {}
        for contact_id, kind, value in db.execute(
            "SELECT contact_id, kind, value FROM contact_methods ORDER BY contact_id, position"
        ):
            methods.setdefault(contact_id, []).append(ContactMethod(MethodKind(kind), value))
        windows: dict[int, list[Window]] = {}
        for contact_id, days, start, end, every_weeks, from_week, week_of_month in db.execute(
            'SELECT contact_id, days, start, "end", every_weeks, from_week, week_of_month'
            " FROM contact_windows ORDER BY contact_id, position"
        ):
            windows.setdefault(contact_id, []).append(
                Window(
                    days=tuple(Weekday(d) for d in days.split(",")) if days else (),
                    start=_time(start),
                    end=_time(end),
                    every_weeks=int(every_weeks),
                    from_week=_day(from_week) if from_week else None,
                    week_of_month=None if week_of_month is None else int(week_of_month),
                )
            )
        time_off: dict[int, list[TimeOff]] = {}
        for contact_id, from_day, from_time, to_day, to_time, reason, source in db.execute(
            "SELECT contact_id, from_day, from_time, to_day, to_time, reason, source"
            " FROM contact_time_off ORDER BY contact_id, position"
        ):
            time_off.setdefault(contact_id, []).append(
                TimeOff(
                    to_day=_day(to_day),
                    to_time=_time(to_time) if to_time else None,
                    from_day=_day(from_day) if from_day else None,
                    from_time=_time(from_time) if from_time else None,
                    reason=reason,
                    source=source,
                )
            )
        extra_times: dict[int, list[ExtraTime]] = {}
        for contact_id, day, start, end, source in db.execute(
            'SELECT contact_id, day, start, "end", source FROM contact_extra_times'
            " ORDER BY contact_id, position"
        ):
            extra_times.setdefault(contact_id, []).append(
                ExtraTime(day=_day(day), start=_time(start), end=_time(end), source=source)
            )
        contacts = []
        for row in db.execute(
            "SELECT id, name, role, grp, profession, time_zone, always_available,"
            " helps_with, message, agreed, checked_on, on_card, notes, extra"
            " FROM contacts ORDER BY position"
        ):
            contact_id = row[0]
            contacts.append(
                Contact(
                    name=row[1],
                    role=row[2],
                    group=Group(row[3]),
                    profession=Profession(row[4]) if row[4] else None,
                    methods=tuple(methods.get(contact_id, ())),
                    time_zone=row[5],
                    always_available=bool(row[6]),
                    windows=tuple(windows.get(contact_id, ())),
                    time_off=tuple(time_off.get(contact_id, ())),
                    extra_times=tuple(extra_times.get(contact_id, ())),
                    helps_with=row[7],
                    message=row[8],
                    agreed=bool(row[9]),
                    checked_on=parse_date(row[10]) if row[10] else None,
                    on_card=bool(row[11]),
                    notes=row[12],
                    extra=_json_object(row[13]),
                )
            )
        return tuple(contacts)

    # --- writing (each call is one transaction) ------------------------------------------

    def replace(self, document: PlanDocument) -> None:
        """Replace the region, plan and every contact at once (import, restore)."""
        with self.transaction() as cursor:
            self._write_settings(cursor, document)
            self._write_plan(cursor, document.plan)
            self._write_contacts(cursor, document.contacts)

    def save_plan(self, plan: Plan) -> None:
        with self.transaction() as cursor:
            self._write_plan(cursor, plan)

    def save_contacts(self, contacts: tuple[Contact, ...]) -> None:
        """Save the whole support system in its priority order."""
        with self.transaction() as cursor:
            self._write_contacts(cursor, contacts)

    def set_region(self, region: str) -> None:
        with self.transaction() as cursor:
            cursor.execute("INSERT OR REPLACE INTO settings VALUES ('region', ?)", (region,))

    @staticmethod
    def _write_settings(cursor: sqlite.Cursor, document: PlanDocument) -> None:
        cursor.execute("INSERT OR REPLACE INTO settings VALUES ('region', ?)", (document.region,))
        cursor.execute(
            "INSERT OR REPLACE INTO settings VALUES ('extra', ?)", (_json(document.extra),)
        )

    @staticmethod
    def _write_plan(cursor: sqlite.Cursor, plan: Plan) -> None:
        cursor.execute(
            "UPDATE plan SET medical_notes = ?, reviewed_on = ?, extra = ? WHERE id = 1",
            (plan.medical_notes, _date(plan.reviewed_on), _json(plan.extra)),
        )
        cursor.execute("DELETE FROM plan_items")
        cursor.executemany(
            "INSERT INTO plan_items (section, position, text) VALUES (?, ?, ?)",
            [
                (section.value, position, text)
                for section in Section
                for position, text in enumerate(plan.items(section))
            ],
        )

    @staticmethod
    def _write_contacts(cursor: sqlite.Cursor, contacts: tuple[Contact, ...]) -> None:
        cursor.execute("DELETE FROM contact_methods")
        cursor.execute("DELETE FROM contact_windows")
        cursor.execute("DELETE FROM contact_time_off")
        cursor.execute("DELETE FROM contact_extra_times")
        cursor.execute("DELETE FROM contacts")
        cursor.executemany(
            "INSERT INTO contacts (id, position, name, role, grp, profession, time_zone,"
            " always_available, helps_with, message, agreed, checked_on, on_card,"
            " notes, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    position + 1,
                    position,
                    c.name,
                    c.role,
                    c.group.value,
                    c.profession.value if c.profession else None,
                    c.time_zone,
                    int(c.always_available),
                    c.helps_with,
                    c.message,
                    int(c.agreed),
                    _date(c.checked_on),
                    int(c.on_card),
                    c.notes,
                    _json(c.extra),
                )
                for position, c in enumerate(contacts)
            ],
        )
        cursor.executemany(
            "INSERT INTO contact_methods (contact_id, position, kind, value) VALUES (?, ?, ?, ?)",
            [
                (contact_id, position, method.kind.value, method.value)
                for contact_id, c in enumerate(contacts, start=1)
                for position, method in enumerate(c.methods)
            ],
        )
        cursor.executemany(
            'INSERT INTO contact_windows (contact_id, position, days, start, "end",'
            " every_weeks, from_week, week_of_month) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    contact_id,
                    position,
                    ",".join(d.value for d in w.days),
                    w.start.strftime("%H:%M"),
                    w.end.strftime("%H:%M"),
                    w.every_weeks,
                    _date(w.from_week),
                    w.week_of_month,
                )
                for contact_id, c in enumerate(contacts, start=1)
                for position, w in enumerate(c.windows)
            ],
        )
        cursor.executemany(
            "INSERT INTO contact_time_off (contact_id, position, from_day, from_time, to_day,"
            " to_time, reason, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    contact_id,
                    position,
                    _date(p.from_day),
                    _clock(p.from_time),
                    p.to_day.isoformat(),
                    _clock(p.to_time),
                    p.reason,
                    p.source,
                )
                for contact_id, c in enumerate(contacts, start=1)
                for position, p in enumerate(c.time_off)
            ],
        )
        cursor.executemany(
            'INSERT INTO contact_extra_times (contact_id, position, day, start, "end", source)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    contact_id,
                    position,
                    e.day.isoformat(),
                    e.start.strftime("%H:%M"),
                    e.end.strftime("%H:%M"),
                    e.source,
                )
                for contact_id, c in enumerate(contacts, start=1)
                for position, e in enumerate(c.extra_times)
            ],
        )


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _link_no_replace(source: Path, target: Path) -> None:
    """Put `source` at `target` atomically, failing if `target` appeared meanwhile."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise errors.VaultExists(target) from None
    except OSError:  # filesystems without hard links: a small race is the best we can do
        if target.exists():
            raise errors.VaultExists(target) from None
        os.replace(source, target)


def _time(value: str) -> Any:
    parsed = parse_time(value)
    if parsed is None:
        raise ValueError(f"stored time {value!r} is not HH:MM")
    return parsed


def _day(value: str) -> Any:
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"stored date {value!r} is not YYYY-MM-DD")
    return parsed


def _clock(value: Any) -> str | None:
    return None if value is None else str(value.strftime("%H:%M"))


def _value_problem(connection: sqlite.Connection) -> str | None:
    """`schema.value_problem`; damage met on the way is left to the integrity checks and
    to reading, which say what it is (a damaged vault still opens, to be restored)."""
    try:
        return schema.value_problem(connection)
    except sqlite.DatabaseError:
        return None


def _json_object(text: Any) -> dict[str, Any]:
    """A stored JSON object ("extra" fields); anything else is out of range."""
    value = json.loads(text) if isinstance(text, str) else None
    if not isinstance(value, dict):
        raise ValueError("a stored extra field is not a JSON object")
    return value


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
