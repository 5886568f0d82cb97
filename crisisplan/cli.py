"""The command line: `crisisplan init | import | export | now | pdf | calendar | backup |
restore`.

Exit codes: 0 ok, 1 an unexpected error (a bug: a traceback is printed), 2 usage, 3 wrong
passphrase, 4 invalid input file, 5 vault problem (missing, empty, corrupt, not a vault,
newer schema, busy, disk full, read-only), 6 keyring problem (`remember` / `forget`: none,
unsafe, locked or silent), 130 interrupted (Ctrl+C), 141 output closed early (a pipe).
Known problems print one sentence on stderr and no traceback. The passphrase is never an
argument or an environment variable: it is typed at the terminal, or read from the first
line of standard input with --passphrase-stdin. Without --passphrase-stdin, a key
remembered in the OS keyring (`crisisplan remember`) is tried first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import getpass
import json
import os
import shlex
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisisplan.core.actions import action_url, method_action
from crisisplan.core.model import ContactMethod, MethodKind, PlanDocument
from crisisplan.core.reachability import Reachability, reachability
from crisisplan.core.regions import (
    emergency_for,
    region_from_locale,
    region_info,
    starter_contacts,
)
from crisisplan.core.validation import region_problem
from crisisplan.core.wording import (
    DAY_NAMES,
    METHOD_VERBS,
    MONTHS,
    describe_contact,
    describe_method,
)
from crisisplan.secrets.errors import KeyStoreError
from crisisplan.storage import Vault, VaultError, WrongPassphrase, default_vault_path
from crisisplan.storage.atomic import write_atomically

if TYPE_CHECKING:
    from concurrent.futures import Future  # ~6 ms with logging: only the app needs it

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_INVALID_INPUT = 4
EXIT_VAULT = 5
EXIT_KEYRING = 6
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE, what a shell reports for tools killed by it

MIN_PASSPHRASE = 8

DESCRIPTION = """\
crisisplan keeps your crisis safety plan and the people who support you in one
encrypted file on this computer, and shows who you can reach right now.

Your passphrase is asked for at the terminal, or read from the first line of standard
input with --passphrase-stdin. It is never taken as an argument. If you asked crisisplan
to remember your key on this computer (crisisplan remember), it is used instead, unless
you give --passphrase-stdin.
"""

EPILOG = """\
exit codes: 0 ok, 1 unexpected error (a bug; please report the traceback), 2 usage
            (also a missing output folder), 3 wrong passphrase, 4 invalid input file,
            5 vault problem (missing, empty, damaged, not a vault, newer version, busy,
            an existing file in the way), 6 keyring problem (none, unsafe, locked or
            not answering), 130 interrupted, 141 output closed early (e.g. | head)

examples:
  crisisplan init --region GB
  crisisplan import my-plan.json
  crisisplan now
  crisisplan now --at 2026-11-27T23:30:00+00:00 --json
  crisisplan export my-plan.json
  crisisplan pdf plan my-plan.pdf --paper a4
  crisisplan pdf card my-card.pdf --layout duplex
  crisisplan calendar rota.ics --contact "Sam Okafor" --as time-off --dry-run
  crisisplan remember                 # open without the passphrase on this computer
  crisisplan passwd
  crisisplan backup                   # an encrypted backup into the backups folder
  crisisplan restore ~/.local/share/crisisplan/backups/crisisplan-…-session.vault
"""


class CliError(Exception):
    """A known problem: one sentence for stderr, and the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (importlib.metadata is slow)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        import crisisplan

        print(f"crisisplan {crisisplan.__version__}")
        parser.exit()


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--vault",
        type=Path,
        metavar="PATH",
        help="the vault file (default: crisisplan.vault in your user data folder)",
    )
    parser.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase from the first line of standard input",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisisplan",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (vault, PDFs, windows) in a temporary "
        "folder, never touching your own vault or keyring, and exit",
    )
    app = parser.add_argument_group(
        "the desktop app (no COMMAND)", "Without a COMMAND, crisisplan opens the desktop app."
    )
    app.add_argument(
        "--crisis",
        action="store_true",
        help='open straight to the "I\'m struggling" view (raises a running app)',
    )
    app.add_argument(
        "--exit-when-shown",
        action="store_true",
        help="exit 0 as soon as the crisis view is painted (for smoke tests and benchmarks)",
    )
    app.add_argument("--vault", dest="gui_vault", type=Path, metavar="PATH", help="the vault file")
    app.add_argument(
        "--passphrase-stdin",
        dest="gui_passphrase_stdin",
        action="store_true",
        help="unlock with the first line of standard input",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init",
        help="create a new vault",
        description="Create a new, encrypted vault. Never overwrites an existing file. "
        "The vault starts with your region's crisis lines, which you can edit or remove.",
    )
    init.add_argument(
        "--region",
        metavar="CODE",
        help="your two-letter region, e.g. GB, IE, US, CA, AU, NZ (default: from your "
        "system's locale); sets the emergency number and the crisis lines you start with",
    )
    _common(init)

    importer = commands.add_parser(
        "import",
        help="replace the plan and people with a plan file's",
        description="Check a crisisplan JSON file and, only if all of it is right, replace the "
        "vault's plan, people and region with its contents. Your plan as it was is first "
        "kept in an encrypted backup (crisisplan backups lists it). The first 50 problems "
        "are listed.",
    )
    importer.add_argument("file", type=Path, metavar="PLAN.json")
    _common(importer)

    export = commands.add_parser(
        "export",
        help="write the plan and people to a JSON file (not encrypted)",
        description="Write the plan and people as a crisisplan JSON file (format version 2). "
        "The file is NOT encrypted. Never over an existing file unless --force. Use - to "
        "write to standard output.",
    )
    export.add_argument("out", metavar="OUT.json")
    export.add_argument(
        "--force", action="store_true", help="replace OUT.json if a file is already there"
    )
    _common(export)

    now = commands.add_parser(
        "now",
        help="who you can reach right now, and when the others are next available",
        description="Show what the 'I'm struggling' view shows: the emergency number, the "
        "people you can reach now in your order, and when the others next are.",
    )
    now.add_argument(
        "--at",
        metavar="WHEN",
        help="an instant in ISO 8601 with its offset, e.g. 2026-11-27T23:30:00+00:00 "
        "(default: now)",
    )
    now.add_argument("--json", action="store_true", help="print JSON instead of text")
    _common(now)

    pdf = commands.add_parser(
        "pdf",
        help="print your plan or wallet card to a PDF file (not encrypted)",
        description="Write your full plan or a sheet of wallet cards as a PDF file. The PDF "
        "is NOT encrypted. Use - to write to standard output.",
    )
    kinds = pdf.add_subparsers(dest="kind", metavar="KIND", required=True)
    paper_help = "paper size (default: your region's, A4 or US Letter)"
    pdf_plan = kinds.add_parser(
        "plan",
        help="the full plan: every section, people with numbers and hours, a page for helpers",
        description="Write the full safety plan as a PDF (not encrypted).",
    )
    pdf_plan.add_argument("out", metavar="OUT.pdf")
    pdf_plan.add_argument("--paper", choices=("a4", "letter"), help=paper_help)
    pdf_plan.add_argument(
        "--name", default="", help="your name for the first page (never put in the metadata)"
    )
    _common(pdf_plan)
    pdf_card = kinds.add_parser(
        "card",
        help="a sheet of wallet cards with crop marks",
        description="Write a sheet of wallet cards (85.60 x 53.98 mm) as a PDF (not "
        "encrypted). Print it at 100 % (actual size). 'fold': each card is a strip folded in "
        "half; 'duplex': fronts on page 1, backs on page 2, printed double-sided (flip on the "
        "long edge). Only people marked for the card appear on it.",
    )
    pdf_card.add_argument("out", metavar="OUT.pdf")
    pdf_card.add_argument(
        "--layout", choices=("fold", "duplex"), default="fold", help="(default: fold)"
    )
    pdf_card.add_argument("--paper", choices=("a4", "letter"), help=paper_help)
    _common(pdf_card)
    _keyring_commands(commands)
    _calendar_command(commands)
    _backup_commands(commands)
    _vcard_command(commands)
    return parser


def _keyring_commands(commands: Any) -> None:
    remember = commands.add_parser(
        "remember",
        help="open the vault without the passphrase on this computer (OS keyring)",
        description="Keep the vault's key (derived from your passphrase, never the passphrase "
        "itself) in this computer's keyring, so crisisplan opens without asking. Anyone who "
        "can use your account on this computer can then open your plan. Refused when the "
        "keyring would not keep the key safely.",
    )
    _common(remember)
    forget = commands.add_parser(
        "forget",
        help="remove the remembered key from this computer's keyring",
        description="Remove the vault's key from the keyring; the passphrase is asked for "
        "again from then on. No passphrase is needed.",
    )
    _common(forget)
    passwd = commands.add_parser(
        "passwd",
        help="change the passphrase",
        description="Re-encrypt the vault under a new passphrase (and update a remembered "
        "key). With --passphrase-stdin, the current passphrase is the first line of standard "
        "input and the new one the second. Close the app first. Backups made before the "
        "change still open with the old passphrase.",
    )
    _common(passwd)


# --- passphrases -------------------------------------------------------------------------


def _read_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    if getattr(args, "passphrase_stdin", False) or getattr(args, "gui_passphrase_stdin", False):
        line = sys.stdin.buffer.readline().decode("utf-8", errors="strict")
        passphrase = line.removesuffix("\n").removesuffix("\r")
        if not passphrase:
            raise CliError("The passphrase on standard input is empty.", EXIT_USAGE)
        return passphrase
    if not sys.stdin.isatty():
        raise CliError(
            "There is no terminal to ask for your passphrase; use --passphrase-stdin.", EXIT_USAGE
        )
    try:
        passphrase = getpass.getpass("Passphrase: ")
        again = getpass.getpass("Passphrase again: ") if confirm else passphrase
    except EOFError:  # Ctrl+D at the prompt
        print("", file=sys.stderr)
        raise CliError("No passphrase was typed; nothing was changed.", EXIT_USAGE) from None
    if again != passphrase:
        raise CliError("The two passphrases are different; nothing was created.", EXIT_USAGE)
    if not passphrase:
        raise CliError("The passphrase is empty.", EXIT_USAGE)
    return passphrase


def _vault_path(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "vault", None) or getattr(args, "gui_vault", None)
    return Path(chosen) if chosen else default_vault_path()


def _open_vault(args: argparse.Namespace) -> Vault:
    path = _vault_path(args)
    if not path.exists():
        hint = " Create one with: crisisplan init"
        raise CliError(f"There is no vault at {path}.{hint}", EXIT_VAULT)
    _refuse_plan_file_as_vault(path)
    if not getattr(args, "passphrase_stdin", False):
        vault = _open_remembered(path)
        if vault is not None:
            return vault
    passphrase = _read_passphrase(args)
    return Vault.open(path, passphrase)


def _refuse_plan_file_as_vault(path: Path) -> None:
    """A plan file (JSON) given as --vault is named as such, not called a damaged vault."""
    import stat

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return  # Vault.open says what is wrong
    # A vault is encrypted from its first byte: it never reads as text. Allow for a
    # character cut in two at the end of what was read.
    if not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith((b"{", b"[")):
        return
    if not any(_is_utf8(head[: len(head) - cut]) for cut in range(4)):
        return
    if b'"crisisplan-plan"' in head:
        raise CliError(
            f"{path} is a plan file (JSON), not a vault. To put its plan in your vault: "
            f"{shlex.join(['crisisplan', 'import', str(path)])}",
            EXIT_VAULT,
        )
    raise CliError(f"{path} is a JSON text file, not a crisisplan vault.", EXIT_VAULT)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _open_vault_meanwhile(args: argparse.Namespace) -> Callable[[], Vault]:
    """`_open_vault`, but a passphrase's key derivation (~0.1 s, in C without the GIL)
    runs on a thread while the caller imports what it needs (ReportLab, the fonts: ~65 ms);
    call the result to wait for the vault (or its error, as `_open_vault` raises it)."""
    path = _vault_path(args)
    if path.exists():
        _refuse_plan_file_as_vault(path)
    if not path.exists() or not getattr(args, "passphrase_stdin", False):
        vault = _open_vault(args)  # errors at once; a remembered key opens in ~1 ms
        return lambda: vault
    passphrase = _read_passphrase(args)
    result: list[Vault] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(Vault.open(path, passphrase))
        except BaseException as error:  # raised again in the caller's thread
            failure.append(error)

    thread = threading.Thread(target=work, name="unlock", daemon=True)
    thread.start()

    def wait() -> Vault:
        thread.join()
        if failure:
            raise failure[0]
        return result[0]

    return wait


# --- the OS keyring: remember, forget, passwd (see crisisplan/secrets/) ------------------


def _open_remembered(path: Path) -> Vault | None:
    """The vault opened with its remembered key, or None (after saying why, if it was
    remembered) so that the passphrase is asked for."""
    from crisisplan.secrets.keyring_store import KeyringStore
    from crisisplan.secrets.remembered import NotRemembered, open_remembered

    try:
        return open_remembered(path, KeyringStore())
    except NotRemembered as why:
        if str(why):
            print(f"crisisplan: {why}", file=sys.stderr)
        return None


def _existing_vault(args: argparse.Namespace) -> Path:
    path = _vault_path(args)
    if not path.exists():
        raise CliError(f"There is no vault at {path}. Create one with: crisisplan init", EXIT_VAULT)
    return path


def cmd_remember(args: argparse.Namespace) -> int:
    from crisisplan.secrets.background import call_with_timeout
    from crisisplan.secrets.keyring_store import KeyringStore
    from crisisplan.secrets.remembered import remember

    path = _existing_vault(args)
    store = KeyringStore()
    reason = call_with_timeout(store.unavailable_reason)  # before asking for the passphrase
    if reason:
        raise KeyStoreError(reason)
    remember(path, _read_passphrase(args), store)
    print(
        f"Remembered the key of {path} in {_keyring_words(store.describe())}: "
        "crisisplan now opens it without your passphrase, also after you move or rename "
        "it. Anyone who can use your account here can do the same. To undo: crisisplan forget",
        file=sys.stderr,
    )
    return EXIT_OK


def _keyring_words(backend: str) -> str:
    """ "the Secret Service keyring (GNOME Keyring, KWallet …)" for a backend class path."""
    known = (
        ("SecretService", "this computer's keyring (Secret Service: GNOME Keyring, KWallet …)"),
        ("kwallet", "KWallet, this computer's keyring"),
        ("macOS", "the macOS Keychain"),
        ("Windows", "Windows Credential Manager"),
    )
    for marker, words in known:
        if marker.lower() in backend.lower():
            return words
    return "this computer's keyring"


def cmd_forget(args: argparse.Namespace) -> int:
    from crisisplan.secrets.keyring_store import KeyringStore
    from crisisplan.secrets.remembered import forget

    path = _vault_path(args)
    try:
        removed = forget(path, KeyringStore())
    except KeyStoreError as error:
        raise KeyStoreError(
            f"{error} crisisplan no longer uses the key, but it may still be in the keyring; "
            "try again once the keyring is unlocked."
        ) from None
    entries = f" ({removed} keyring entries removed)" if removed > 1 else ""
    missing = (
        ""
        if path.exists()
        else " There is no vault there, so only a key remembered for that place was looked "
        "for: to forget a vault that has moved, give its new place with --vault."
    )
    print(
        f"This computer no longer remembers the key of {path}{entries}; crisisplan will ask "
        f"for your passphrase.{missing}",
        file=sys.stderr,
    )
    return EXIT_OK


def _read_new_passphrase(args: argparse.Namespace) -> str:
    """The new passphrase: line 2 of stdin, or typed twice at the terminal."""
    from crisisplan.core.passphrase import passphrase_strength

    if args.passphrase_stdin:
        line = sys.stdin.buffer.readline().decode("utf-8", errors="strict")
        new = line.removesuffix("\n").removesuffix("\r")
        if not new:
            raise CliError(
                "The new passphrase (line 2 of standard input) is missing; nothing changed.",
                EXIT_USAGE,
            )
    else:
        new = getpass.getpass("New passphrase: ")
        if getpass.getpass("New passphrase again: ") != new:
            raise CliError("The two new passphrases are different; nothing changed.", EXIT_USAGE)
    strength = passphrase_strength(new)
    if len(new) < MIN_PASSPHRASE or not strength.acceptable:
        raise CliError(
            f"The new passphrase is too weak: {strength.advice} Nothing changed.", EXIT_USAGE
        )
    return new


def cmd_passwd(args: argparse.Namespace) -> int:
    from crisisplan.secrets.keyring_store import KeyringStore
    from crisisplan.secrets.remembered import change_passphrase

    path = _existing_vault(args)
    if not args.passphrase_stdin and sys.stdin.isatty():
        current = getpass.getpass("Current passphrase: ")
        if not current:
            raise CliError("The passphrase is empty.", EXIT_USAGE)
    else:
        current = _read_passphrase(args)
    with Vault.open(path, current) as vault:  # WrongPassphrase before asking for a new one
        new = _read_new_passphrase(args)
        if new == current:
            raise CliError("The new passphrase is the same as the current one.", EXIT_USAGE)
        note = change_passphrase(vault, new, KeyringStore())
    print(
        f"Changed the passphrase of {path}; the old one no longer opens it. Backups made "
        "before now still open only with the old passphrase.",
        file=sys.stderr,
    )
    if note:
        print(f"crisisplan: {note}", file=sys.stderr)
    return EXIT_OK


# --- commands ----------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    region = args.region.upper() if args.region else region_from_locale()
    if region is None:
        raise CliError(
            "Could not tell which region you are in; say it with --region (like GB or US).",
            EXIT_USAGE,
        )
    problem = region_problem(region)
    if problem:
        raise CliError(f"--region: {problem}.", EXIT_USAGE)
    path = _vault_path(args)
    if path.exists() or path.is_symlink():
        raise CliError(f"A file already exists at {path}; it has been left as it is.", EXIT_VAULT)
    passphrase = _read_passphrase(args, confirm=True)
    if len(passphrase) < MIN_PASSPHRASE:
        raise CliError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; nothing was created.",
            EXIT_USAGE,
        )
    contacts = starter_contacts(region)
    with Vault.create(path, passphrase, region, contacts):
        pass
    info = region_info(region)
    print(
        f"Created your vault at {path} (region {region}, emergency number {info.emergency}, "
        f"{len(contacts)} crisis line{'s' if len(contacts) != 1 else ''} to start with).\n"
        f"{info.emergency_sentence()}\n"
        "Your passphrase cannot be recovered if you forget it: keep it somewhere safe.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from crisisplan.core import interchange

    path: Path = args.file
    try:
        document = interchange.read_file(path)
    except OSError as error:
        raise CliError(
            f"Cannot read {path}: {error.strerror or error}.", EXIT_INVALID_INPUT
        ) from None
    except interchange.InterchangeError as error:
        message = str(error)
        if len(error.problems) == 1 and not error.problems[0].path:
            message = error.problems[0].message  # one sentence about the file as a whole
            if message.startswith(str(path)):
                raise CliError(message, EXIT_INVALID_INPUT) from None
        raise CliError(f"{path}: {message}", EXIT_INVALID_INPUT) from None
    with _open_vault(args) as vault:
        kept = _back_up_before_replacing(vault)
        vault.replace(document)
    print(
        f"Imported {path}: {_people(len(document.contacts))} and "
        f"{_count(sum(len(items) for items in document.plan.sections.values()), 'plan item')}.",
        file=sys.stderr,
    )
    _say_kept(kept, args)
    return EXIT_OK


def _back_up_before_replacing(vault: Vault) -> Path | None:
    """An encrypted backup of a vault that holds anything, before it is replaced; None
    for an empty vault. A backup that cannot be made stops the import (exit 5)."""
    from crisisplan.storage import backups

    current = vault.load()
    if not current.contacts and not any(current.plan.sections.values()):
        return None
    return backups.make_backup(vault, backups.Kind.MANUAL)


def _count(count: int, thing: str) -> str:
    return f"{count} {thing}{'' if count == 1 else 's'}"


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _restore_hint(backup: Path, args: argparse.Namespace) -> str:
    """The command that puts `backup` back, quoted for a shell, with --vault if given."""
    words = ["crisisplan", "restore", str(backup)]
    chosen = getattr(args, "vault", None)
    if chosen is not None:
        words += ["--vault", str(chosen)]
    return shlex.join(words)


def cmd_export(args: argparse.Namespace) -> int:
    from crisisplan.core import interchange

    out = Path(args.out)
    if args.out != "-" and not args.force and (out.exists() or out.is_symlink()):
        raise CliError(
            f"A file already exists at {out}; it has been left as it is. To replace it, "
            "add --force.",
            EXIT_VAULT,
        )
    if args.out != "-":
        _check_folder(out)
    with _open_vault(args) as vault:
        data = interchange.dumps(vault.load())
    if args.out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        print("Note: this output is not encrypted.", file=sys.stderr)
        return EXIT_OK
    try:
        write_atomically(out, data)
    except OSError as error:
        raise _cannot_write(out, error) from None
    print(
        f"Wrote {out}. It is not encrypted: anyone who can read the file can read your plan.",
        file=sys.stderr,
    )
    return EXIT_OK


def _parse_at(value: str | None) -> tuple[dt.datetime, str]:
    """The instant to judge, read in the zone times are shown in, and a line naming it.

    Without --at: now, in the computer's own IANA zone (so times after a clock change are
    right). With --at: that instant, read in the computer's zone when the offset given is
    that zone's offset at that instant (as when the time is copied from this computer),
    otherwise at the fixed offset given.
    """
    from crisisplan.core.localzone import local_zone

    zone = local_zone()
    if value is None:
        at = dt.datetime.now(zone.tzinfo)
        return at, _zone_line(at, zone.name, given=False, exact=zone.exact)
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CliError(
            f"--at: {value!r} is not a date and time (use e.g. 2026-11-27T23:30:00+00:00).",
            EXIT_USAGE,
        ) from None
    if at.tzinfo is None:
        raise CliError(
            f"--at: {value!r} needs its UTC offset (e.g. +00:00 or Z) to be exact.", EXIT_USAGE
        )
    if zone.exact:
        local = at.astimezone(zone.tzinfo)
        if local.utcoffset() == at.utcoffset():
            return local, _zone_line(local, zone.name, given=True)
    return at, _zone_line(at, None, given=True, exact=False)


def _zone_line(at: dt.datetime, name: str | None, *, given: bool, exact: bool = True) -> str:
    """Which clock the times of `now` are read on, in one sentence."""
    offset = at.strftime("%z")
    offset_text = f"UTC{offset[:3]}:{offset[3:]}"
    if exact:
        abbreviation = at.tzname() or offset_text
        if abbreviation[:1] in "+-":  # zones without a letter abbreviation, e.g. "+0545"
            abbreviation = offset_text
        when = f"{DAY_NAMES[at.weekday()]} {at.day} {MONTHS[at.month - 1]} {at:%H:%M}"
        return (
            f"Times are in {name + ', ' if name else ''}this computer's time zone ({when} "
            f"{abbreviation} "
            f"{'at --at' if given else 'now'})."
        )
    if given:
        return f"Times are at {offset_text}, the offset given with --at."
    return (
        f"Times are at {offset_text}: this computer's time zone has no name crisisplan "
        "knows, so times after a change of the clocks may be an hour out."
    )


def _method_json(method: ContactMethod, message: str, region: str) -> dict[str, Any]:
    """One way to reach someone: as stored, the URI the crisis view opens, how it reads."""
    action = method_action(method, message, region)
    return {
        "kind": method.kind.value,
        "value": method.value,
        "uri": action.url if action is not None else None,
        "display": action.display if action is not None else method.value.strip(),
        "then": action.then if action is not None else "",
    }


def now_json(result: Reachability, region: str = "") -> dict[str, Any]:
    """The `now --json` shape (documented in docs/cli.md and docs/interchange.md)."""
    emergency = ContactMethod(MethodKind.PHONE, result.emergency.number)
    return {
        "at": result.at.isoformat(),
        "emergency": {
            "region": result.emergency.region,
            "number": result.emergency.number,
            "uri": action_url(emergency, region=region) or f"tel:{result.emergency.number}",
        },
        "reachable": [
            {
                "name": entry.contact.name,
                "group": entry.contact.group.value,
                "hours_set": entry.hours_set,
                "methods": [
                    _method_json(m, entry.contact.message, region) for m in entry.contact.methods
                ],
            }
            for entry in result.reachable
        ],
        "later": [
            {
                "name": entry.contact.name,
                "group": entry.contact.group.value,
                "next_available": entry.next_available.isoformat(),
                "reason": entry.reason,
            }
            for entry in result.later
        ],
    }


def now_text(result: Reachability, region: str = "", zone_line: str = "") -> str:
    lines = [f"Emergency number ({result.emergency.region}): {result.emergency.number}", ""]
    if result.reachable:
        lines.append("You can reach now, in your order:")
        for number, entry in enumerate(result.reachable, start=1):
            flag = " — hours not set" if not entry.hours_set else ""
            lines.append(f"  {number}. {describe_contact(entry.contact)}{flag}")
            methods = " · ".join(
                describe_method(m, region, entry.contact.message) for m in entry.contact.methods
            )
            if methods:
                lines.append(f"     {methods}")
    else:
        lines.append("Nobody on your list is available right now.")
        lines.append(f"If you are in danger, call {result.emergency.number}.")
    if result.later:
        lines.append("")
        lines.append("Not available now:")
        for later in result.later:
            lines.append(f"  {describe_contact(later.contact)}: {later.reason}")
    if zone_line:
        lines.extend(("", zone_line))
    return "\n".join(lines)


def cmd_now(args: argparse.Namespace) -> int:
    at, zone_line = _parse_at(args.at)
    with _open_vault(args) as vault:
        document: PlanDocument = vault.load()
    result = reachability(document.contacts, at, emergency_for(document.region))
    if args.json:
        print(json.dumps(now_json(result, document.region), ensure_ascii=False, indent=2))
    else:
        print(now_text(result, document.region, zone_line))
    return EXIT_OK


def cmd_pdf(args: argparse.Namespace) -> int:
    if args.out == "-" and sys.stdout.isatty():
        raise CliError(
            "A PDF is not for reading in a terminal: give a file name (crisisplan pdf "
            f"{args.kind} my-{args.kind}.pdf), or send it to a program (… - | lpr).",
            EXIT_USAGE,
        )
    if args.out != "-":
        _check_folder(Path(args.out))
    opened = _open_vault_meanwhile(args)
    # While the key is derived: ReportLab and the fonts (imported only for this command),
    # and phonenumbers (~20 ms), which core/dialling.py loads on first use — numbers print
    # as they are dialled.
    import phonenumbers  # noqa: F401

    from crisisplan import pdf

    with opened() as vault:
        document: PlanDocument = vault.load()
    paper = args.paper or pdf.default_paper(document.region)
    notes: list[str] = []
    if args.kind == "plan":
        data = pdf.render_plan(document, paper=paper, name=args.name)
        missing = pdf.unprintable_characters(document, args.name)
        if missing:
            notes.append(
                "Some characters cannot be printed with the fonts crisisplan includes and "
                f"show as \ufffd: {' '.join(missing)}"
            )
    else:
        result = pdf.render_card(document, layout=args.layout, paper=paper)
        data = result.pdf
        notes.extend(result.did_not_fit)
    if args.out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        where = "Wrote the PDF to standard output"
    else:
        out = Path(args.out)
        try:
            write_atomically(out, data)
        except OSError as error:
            raise _cannot_write(out, error) from None
        where = f"Wrote {out}"
    print(
        f"{where}. It is not encrypted: anyone who can read the file can read your plan.",
        file=sys.stderr,
    )
    if notes:
        print("Not everything fit:" if args.kind == "card" else "Note:", file=sys.stderr)
        for note in notes:
            print(f"  - {note}", file=sys.stderr)
    return EXIT_OK


def _check_folder(out: Path) -> None:
    """Refuse, before the passphrase is asked, to write into a folder that is not there."""
    folder = out.parent
    if not folder.is_dir():
        raise CliError(
            f"There is no folder {folder} to write {out.name} into. Nothing was written.",
            EXIT_USAGE,
        )


def _cannot_write(out: Path, error: OSError) -> CliError:
    """The sentence for an output file that could not be written (nothing was left)."""
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):  # exit 5, as for the vault
        return CliError(
            f"Could not write {out}: {error.strerror or error} — the disk is full. Nothing "
            "was written; free some space and try again.",
            EXIT_VAULT,
        )
    return CliError(
        f"Could not write {out}: {error.strerror or error}. Nothing was written.", EXIT_USAGE
    )


# --- a supporter's calendar file (see crisisplan/core/calendar_import.py) ----------------


def _calendar_command(commands: Any) -> None:
    calendar = commands.add_parser(
        "calendar",
        help="add a supporter's calendar file (.ics) as their time off or extra times",
        description="Read a calendar file (.ics) from disk for one person on your list: its "
        "events in the next 12 weeks, repeating ones expanded, become their time off (busy, "
        "e.g. shifts) or their extra times (free). Importing the same file again replaces "
        "what it added before, and nothing else. Use --dry-run to see the entries first.",
    )
    calendar.add_argument("file", type=Path, metavar="FILE.ics")
    calendar.add_argument(
        "--contact", required=True, metavar="NAME", help="the person's name, as on your list"
    )
    calendar.add_argument(
        "--as",
        dest="kind",
        required=True,
        choices=("time-off", "extra-times"),
        help="time-off: they cannot be reached during the events; extra-times: they can",
    )
    calendar.add_argument(
        "--dry-run", action="store_true", help="show what would change, and change nothing"
    )
    calendar.add_argument(
        "--from",
        dest="from_day",
        metavar="YYYY-MM-DD",
        help="the first day of the 12 weeks (default: today in the person's time zone)",
    )
    _common(calendar)


def cmd_calendar(args: argparse.Namespace) -> int:
    from crisisplan.core.calendar_import import (
        CalendarError,
        CalendarKind,
        apply_import,
        read_calendar,
        read_calendar_file,
        replaced_count,
        source_key,
    )
    from crisisplan.core.validation import parse_date, validate_contact

    path: Path = args.file
    from_day = None
    if args.from_day is not None:
        from_day = parse_date(args.from_day)
        if from_day is None:
            raise CliError(f"--from: {args.from_day!r} is not a date (use YYYY-MM-DD).", EXIT_USAGE)
    try:
        data = read_calendar_file(path)
    except CalendarError as error:
        raise CliError(f"{path}: {error}. Nothing was changed.", EXIT_INVALID_INPUT) from None
    with _open_vault(args) as vault:
        document: PlanDocument = vault.load()
        wanted = " ".join(args.contact.split()).casefold()
        matches = [
            index
            for index, contact in enumerate(document.contacts)
            if " ".join(contact.name.split()).casefold() == wanted
        ]
        if len(matches) != 1:
            how_many = "Nobody" if not matches else f"{len(matches)} people"
            raise CliError(
                f"{how_many} on your list {'is' if not matches else 'are'} called "
                f"{args.contact!r}; give one name exactly as on your list. Nothing was changed.",
                EXIT_USAGE,
            )
        index = matches[0]
        contact = document.contacts[index]
        import zoneinfo

        try:
            zone = zoneinfo.ZoneInfo(contact.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise CliError(
                f"{contact.name}'s time zone {contact.time_zone!r} is not known; fix it first.",
                EXIT_USAGE,
            ) from None
        today = from_day or dt.datetime.now(zone).date()
        source = source_key(path)
        try:
            imported = read_calendar(
                data,
                source=source,
                time_zone=contact.time_zone,
                kind=CalendarKind(args.kind),
                today=today,
            )
        except CalendarError as error:
            raise CliError(f"{path}: {error}. Nothing was changed.", EXIT_INVALID_INPUT) from None
        updated = apply_import(contact, imported)
        problems = validate_contact(updated, document.region)
        if problems:
            raise CliError(f"{path}: {problems[0]}. Nothing was changed.", EXIT_INVALID_INPUT)
        what = "time off" if imported.kind is CalendarKind.TIME_OFF else "extra times"
        weeks = f"{imported.first_day.isoformat()} to {imported.last_day.isoformat()}"
        before = replaced_count(contact, source)
        entries = f"{before} {'entry' if before == 1 else 'entries'}"
        if not imported.count:
            # An empty file replaces what it added before, like any other: the person's
            # calendar says they have nothing on, so the old entries are out of date.
            print(f"{path.name} for {contact.name} has no events from {weeks}.")
            if imported.skipped:
                print(f"({imported.skipped} cancelled or free events left out)")
            if not before:
                print("Nothing to import; nothing was changed.", file=sys.stderr)
                return EXIT_OK
            print(f"Importing it removes the {entries} added from {path.name} before.")
        else:
            print(
                f"{path.name} for {contact.name}, as {what}, {weeks}: {imported.count} "
                f"{'entry' if imported.count == 1 else 'entries'}"
            )
            for line in imported.lines():
                print(f"  {line}")
            notes = []
            if before:
                notes.append(f"replaces the {before} added from {path.name} before")
            if imported.skipped:
                notes.append(f"{imported.skipped} cancelled or free events left out")
            if notes:
                print("(" + "; ".join(notes) + ")")
        if args.dry_run:
            print("Nothing was changed (--dry-run).", file=sys.stderr)
            return EXIT_OK
        contacts = list(document.contacts)
        contacts[index] = updated
        vault.save_contacts(tuple(contacts))
    if not imported.count:
        print(
            f"Removed the {entries} added from {path.name} before for {contact.name}.",
            file=sys.stderr,
        )
    else:
        print(
            f"Saved {imported.count} {what} entries from {path.name} for {contact.name}.",
            file=sys.stderr,
        )
    return EXIT_OK


# --- backups (see crisisplan/storage/backups.py) -----------------------------------------


def _backup_commands(commands: Any) -> None:
    backup = commands.add_parser(
        "backup",
        help="make an encrypted backup of the vault",
        description="Write an encrypted copy of the vault into the backups folder beside it "
        "(the last 10 are kept), or to FILE with --to. A backup opens with the passphrase "
        "in use when it was made: if you change your passphrase later, the backup still "
        "needs the old one. The app also makes one after each session with changes, and "
        "one is made before every upgrade of the vault and before every import.",
    )
    backup.add_argument(
        "--to", type=Path, metavar="FILE", help="write the backup to FILE (never over a file)"
    )
    _common(backup)
    restore = commands.add_parser(
        "restore",
        help="replace the vault with a backup (the vault as it is now is kept first)",
        description="Check that the backup opens with the passphrase you give and is whole, "
        "keep the vault as it is now as a backup, then put the backup in its place. A "
        "backup opens with the passphrase it was made under: if you have changed your "
        "passphrase since, give the old one. Close the app first.",
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    _common(restore)
    listing = commands.add_parser(
        "backups",
        help="list the backups in the backups folder, newest first",
        description="List the vault's backups with when they were made (your time) and their "
        "size. No passphrase is needed.",
    )
    _common(listing)  # --passphrase-stdin is accepted, as on every command; none is read


def cmd_backup(args: argparse.Namespace) -> int:
    from crisisplan.storage import backups

    if args.to is not None:
        _check_folder(args.to)
    with _open_vault(args) as vault:
        if args.to is not None:
            path = backups.backup_to(vault, args.to)
        else:
            path = backups.make_backup(vault, backups.Kind.MANUAL)
    size = backups.size_text(path.stat().st_size)
    print(
        f"Wrote an encrypted backup to {path} ({size}). It opens with the passphrase your "
        f"vault has now. To put it back: {_restore_hint(path, args)}",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from crisisplan.storage import backups

    path = _vault_path(args)
    if not args.file.exists():
        raise CliError(f"There is no backup at {args.file}.", EXIT_VAULT)
    result = backups.restore(path, args.file, _read_passphrase(args))
    kept = f" Your vault as it was is kept as {result.kept_as}." if result.kept_as else ""
    print(
        f"Restored {args.file} into {path}.{kept} The vault now opens with the passphrase "
        "this backup was made under (a backup opens with the passphrase it was made under). "
        "If this computer remembered your key, run crisisplan remember again.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from crisisplan.storage import backups

    path = _vault_path(args)
    folder = backups.backups_folder(path)
    if folder.is_symlink():
        raise CliError(str(backups.SymlinkedFolder(folder)), EXIT_VAULT)
    found = backups.list_backups(path)
    if not found:
        print(f"There are no backups in {backups.backups_folder(path)} yet.", file=sys.stderr)
    for backup in found:
        print(f"{backup.describe()}\t{backup.path}")
    for leftover in backups.restoring_leftovers(path):
        print(
            f"Left by a restore that was stopped: {leftover} (a copy of a backup, encrypted). "
            "The next restore removes it, or you can delete it.",
            file=sys.stderr,
        )
    return EXIT_OK


NO_SCREEN = (
    "There is no screen here, so the desktop app cannot open; commands such as "
    "'crisisplan now' work without one."
)


def no_screen() -> bool:
    """Whether Qt would find no display to open a window on (it would abort with 134).

    Only on Linux and the other X11/Wayland systems: Windows and macOS always have one.
    A chosen QT_QPA_PLATFORM (offscreen, vnc, eglfs…) is the person's own choice.
    """
    if sys.platform.startswith(("win", "darwin")) or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _run_app(args: argparse.Namespace) -> int:
    """Open the desktop app; a passphrase from stdin is read here, before Qt starts."""
    if no_screen():
        print(f"crisisplan: {NO_SCREEN}", file=sys.stderr)
        return EXIT_USAGE
    passphrase = _read_passphrase(args) if args.gui_passphrase_stdin else None
    path = _vault_path(args)
    opening = _open_in_background(path, passphrase) if passphrase and path.exists() else None
    remembered = _remembered_in_background(path) if passphrase is None else None
    from crisisplan.app import run_gui  # Qt is imported only for the app

    return run_gui(
        path,
        passphrase=passphrase,
        opening=opening,
        remembered=remembered,
        crisis=args.crisis,
        exit_when_shown=args.exit_when_shown,
    )


def _open_in_background(path: Path, passphrase: str) -> Future[Vault]:
    """Start the key derivation (~0.1 s, GIL released) while Qt loads and the window is
    built, instead of after."""
    from concurrent.futures import Future

    opening: Future[Vault] = Future()

    def work() -> None:
        try:
            opening.set_result(Vault.open(path, passphrase))
        except BaseException as error:  # handed to the GUI, which says what went wrong
            opening.set_exception(error)

    threading.Thread(target=work, name="unlock", daemon=True).start()
    return opening


def _remembered_in_background(path: Path) -> Future[Vault] | None:
    """Start opening with the remembered key (importing keyring, asking it, opening the
    vault) while Qt loads; None when this vault's key is not remembered."""
    from crisisplan.secrets.remembered import is_remembered

    if not path.exists() or not is_remembered(path):
        return None
    from crisisplan.secrets.background import start
    from crisisplan.secrets.keyring_store import KeyringStore
    from crisisplan.secrets.remembered import open_remembered

    store = KeyringStore(read_in_child=True)  # the window is built meanwhile: no GIL for it
    return start(lambda: open_remembered(path, store), name="unlock-remembered")


# --- vcard: people from an address book -----------------------------------------------


def _vcard_command(commands: Any) -> None:
    vcard = commands.add_parser(
        "vcard",
        help="preview the people in a vCard (.vcf) address book, and add chosen ones",
        description="Read a vCard file (as phones and email programs export address books) "
        "and list the people found, numbered, with every note on what was left out or "
        "changed. Nothing changes unless you give --add: then the people chosen with --pick "
        "(all, without --pick) go to the end of your support system, not marked as agreed, "
        "after an encrypted backup of the vault. National numbers are read in your vault's "
        "region (or --region, which lets a preview run without opening the vault).",
    )
    vcard.add_argument("file", type=Path, metavar="FILE.vcf")
    vcard.add_argument("--json", action="store_true", help="print the preview as JSON")
    vcard.add_argument("--add", action="store_true", help="add the chosen people to the vault")
    vcard.add_argument(
        "--pick", metavar="N,N,…", help="the numbers of the people to add, e.g. 1,3 (default: all)"
    )
    vcard.add_argument(
        "--region", metavar="CODE", help="read national numbers as in this region (preview only)"
    )
    _common(vcard)


def _picked(value: str | None, count: int) -> list[int]:
    """--pick "1,3" as 0-based indexes into the candidates; all of them without --pick."""
    if value is None:
        return list(range(count))
    chosen: list[int] = []
    for part in value.split(","):
        text = part.strip()
        if not text.isdigit() or not 1 <= int(text) <= count:
            shown = f"1–{count}" if count > 1 else "1"
            raise CliError(
                f"--pick: {text or 'an empty number'!s} is not one of the people found ({shown}).",
                EXIT_USAGE,
            )
        if int(text) - 1 not in chosen:
            chosen.append(int(text) - 1)
    return chosen


def _vcard_json(result: Any, path: Path) -> dict[str, Any]:
    return {
        "file": str(path),
        "cards": result.cards_found,
        "candidates": [
            {
                "number": number,
                "card": candidate.card,
                "flagged": candidate.flagged,
                "name": candidate.contact.name,
                "role": candidate.contact.role,
                "methods": [
                    {"kind": m.kind.value, "value": m.value} for m in candidate.contact.methods
                ],
                "time_zone": candidate.contact.time_zone,
                "notes": candidate.contact.notes,
                "problems": [p.message for p in result.problems_for(candidate.card)],
            }
            for number, candidate in enumerate(result.candidates, start=1)
        ],
        "problems": [{"card": p.card, "message": str(p)} for p in result.file_problems],
    }


def _vcard_text(result: Any, path: Path, region: str) -> str:
    people = len(result.candidates)
    cards = f"{result.cards_found:,} card{'s' if result.cards_found != 1 else ''}"
    lines = [f"{path}: {cards}, {_people(people)} found.", ""]
    for number, candidate in enumerate(result.candidates, start=1):
        contact = candidate.contact
        head = f"{contact.name} — {contact.role}" if contact.role else contact.name
        flag = " (no name: check it)" if candidate.flagged else ""
        lines.append(f"  {number}. {head}{flag}")
        shown = [m for m in contact.methods if m.kind is not MethodKind.SMS] or list(
            contact.methods
        )
        if shown:
            lines.append(
                "     "
                + " · ".join(
                    describe_method(m, region) if METHOD_VERBS[m.kind] else f"other: {m.value}"
                    for m in shown
                )
            )
        lines += [f"     ! {p.message}" for p in result.problems_for(candidate.card)]
    if result.file_problems:
        lines += ["", "Notes on the file:"]
        lines += [f"  {p}" for p in result.file_problems]
    return "\n".join(lines)


def cmd_vcard(args: argparse.Namespace) -> int:
    from crisisplan.core.files import UnreadableFile
    from crisisplan.core.validation import CONTACTS_MAX
    from crisisplan.core.vcard import parse_vcards, read_vcard_file

    path: Path = args.file
    try:
        data = read_vcard_file(path)
    except UnreadableFile as error:
        raise CliError(str(error), EXIT_INVALID_INPUT) from None
    except OSError as error:
        raise CliError(
            f"Cannot read {path}: {error.strerror or error}.", EXIT_INVALID_INPUT
        ) from None
    if args.add and args.region:
        raise CliError(
            "--region is for a preview; --add reads numbers in your vault's region.", EXIT_USAGE
        )
    if args.region and not args.add:
        region = args.region.upper()
        problem = region_problem(region)
        if problem:
            raise CliError(f"--region: {problem}.", EXIT_USAGE)
        return _show_vcard(parse_vcards(data, region), path, args, region)
    with _open_vault(args) as vault:
        document = vault.load()
        result = parse_vcards(data, document.region)
        if not args.add:
            return _show_vcard(result, path, args, document.region)
        if not result.candidates:
            _show_vcard(result, path, args, document.region)
            raise CliError(
                f"There is no one in {path} to add; nothing was changed.", EXIT_INVALID_INPUT
            )
        chosen = [result.candidates[i].contact for i in _picked(args.pick, len(result.candidates))]
        room = CONTACTS_MAX - len(document.contacts)
        if len(chosen) > room:
            raise CliError(
                f"There is room for {_people(max(0, room))} more; pick fewer. Nothing was changed.",
                EXIT_USAGE,
            )
        kept = _back_up_before_replacing(vault)
        vault.save_contacts(document.contacts + tuple(chosen))
    if args.json:
        shown = _vcard_json(result, path)
        shown["added"] = [c.name for c in chosen]
        print(json.dumps(shown, ensure_ascii=False, indent=2))
    names = ", ".join(contact.name for contact in chosen)
    print(
        f"Added {_people(len(chosen))} to the end of your support system: {names}. "
        "They are not marked as agreed yet: ask them, then add their hours.",
        file=sys.stderr,
    )
    _say_kept(kept, args)
    return EXIT_OK


def _say_kept(kept: Path | None, args: argparse.Namespace) -> None:
    """Where the backup taken before replacing or adding to the plan is, and how back."""
    if kept is not None:
        print(
            f"Your plan as it was is kept in an encrypted backup: {kept}\n"
            f"To put it back: {_restore_hint(kept, args)}",
            file=sys.stderr,
        )


def _show_vcard(result: Any, path: Path, args: argparse.Namespace, region: str) -> int:
    if args.json:
        print(json.dumps(_vcard_json(result, path), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(_vcard_text(result, path, region))
    if result.candidates:
        numbers = ",".join(str(n) for n in range(1, min(3, len(result.candidates)) + 1))
        hint = shlex.join(["crisisplan", "vcard", str(path), "--add", "--pick", numbers])
        print(f"Nothing was changed. To add people, give their numbers: {hint}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "import": cmd_import,
    "export": cmd_export,
    "now": cmd_now,
    "pdf": cmd_pdf,
    "calendar": cmd_calendar,
    "remember": cmd_remember,
    "forget": cmd_forget,
    "passwd": cmd_passwd,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "backups": cmd_backups,
    "vcard": cmd_vcard,
}


def main(argv: Sequence[str] | None = None) -> int:
    from crisisplan.secrets.coredumps import disable_core_dumps

    disable_core_dumps()  # before any passphrase or key is read (docs/security.md)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from crisisplan.selftest import run_self_test

        return run_self_test()
    try:
        if args.command is None:
            return _run_app(args)
        return COMMANDS[args.command](args)
    except CliError as error:
        print(f"crisisplan: {error}", file=sys.stderr)
        return error.code
    except WrongPassphrase as error:
        print(f"crisisplan: {error}", file=sys.stderr)
        return EXIT_WRONG_PASSPHRASE
    except VaultError as error:
        print(f"crisisplan: {error}", file=sys.stderr)
        return EXIT_VAULT
    except KeyStoreError as error:
        print(f"crisisplan: {error}", file=sys.stderr)
        return EXIT_KEYRING
    except UnicodeDecodeError:
        print("crisisplan: the passphrase on standard input is not UTF-8 text.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _output_closed()


def _output_closed() -> int:
    """The reader went away (`crisisplan now | head -3`): stop quietly, as Unix tools do.

    stdout is pointed at /dev/null so that the interpreter's own flush at exit does not
    raise a second BrokenPipeError.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_OUTPUT_CLOSED


if __name__ == "__main__":
    raise SystemExit(main())
