"""`crisisplan --self-test`: does this installation work, from the vault to the windows?

Run after building or installing (CI runs it on the frozen bundle and on the installed
.deb). Everything happens in a temporary folder that is deleted afterwards: every per-user
folder (data, config, cache, state, and HOME) is pointed into it first and checked to be
there, and the keyring is the null backend, so the person's own vault, settings and
keyring are never read or written.

Steps: create a vault, write the example plan, read it back and refuse a wrong
passphrase; render the full plan and both wallet-card layouts with text in every shipped
script; import each keyring backend (so a frozen build that lost one fails here); build the
main window, unlock it, open the editors, paint the crisis view and the card preview, on
the current platform (offscreen when there is no display). Success is one line on stdout
and exit code 0; a failure names its step on stderr and exits 1.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

EXIT_FAILED = 1

# Text in every script the PDF fonts cover (Latin, Greek, Cyrillic, Arabic, Hebrew,
# Devanagari, Thai, CJK): a frozen build that lost a font or the shaping libraries prints
# replacement marks, which `unprintable_characters` reports.
EVERY_SCRIPT = "Zoë Łukasz Ελένη Дарья محمد דוד देवनागरी ภาษาไทย 中文"

KEYRING_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "keyring.backends.libsecret",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
    "keyring.backends.chainer",
    "keyring.backends.fail",
    "keyring.backends.null",
)


class SelfTestFailed(Exception):
    """A check did not hold; the message says which and how."""


@contextlib.contextmanager
def _isolated_environment(root: Path) -> Iterator[None]:
    """Point every per-user folder into `root` for the run; restore the environment after."""
    saved = dict(os.environ)
    home = root / "home"
    folders = {
        "HOME": home,  # macOS: ~/Library/Application Support; also Qt's and fontconfig's
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        # platformdirs on Windows honours these overrides of the known folders.
        "WIN_PD_OVERRIDE_APPDATA": home / "AppData" / "Roaming",
        "WIN_PD_OVERRIDE_LOCAL_APPDATA": home / "AppData" / "Local",
        "APPDATA": home / "AppData" / "Roaming",
        "LOCALAPPDATA": home / "AppData" / "Local",
        "USERPROFILE": home,
    }
    if not os.environ.get("XDG_RUNTIME_DIR"):  # Qt warns without one; never replace a real
        folders["XDG_RUNTIME_DIR"] = root / "runtime"  # one (Wayland's socket is in it)
    for name, folder in folders.items():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[name] = str(folder)
    # The null keyring: nothing is stored, nothing is asked of the real one.
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a server, a CI machine
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _check_isolated(root: Path) -> None:
    """Refuse to go on unless the vault and settings the app would use are inside `root`."""
    from crisisplan.storage import default_vault_path
    from crisisplan.storage.settings import settings_path

    for what, path in (("vault", default_vault_path()), ("settings", settings_path())):
        if not path.resolve().is_relative_to(root.resolve()):
            raise SelfTestFailed(
                f"the default {what} path {path} is outside the temporary folder; "
                "stopped before touching it"
            )


def _check_vault(folder: Path, passphrase: str) -> Path:
    from crisisplan.core import interchange
    from crisisplan.resources import resource_path
    from crisisplan.storage import Vault, WrongPassphrase

    example = interchange.loads(resource_path("example_plan.json").read_bytes())
    path = folder / "self-test.vault"
    with Vault.create(path, passphrase, example.region) as vault:
        vault.replace(example)
    if path.read_bytes()[:16] == b"SQLite format 3\0":
        raise SelfTestFailed("the vault was written without encryption")
    with Vault.open(path, passphrase) as vault:
        if vault.load() != example:
            raise SelfTestFailed("the plan read back from the vault differs from what was written")
    try:
        Vault.open(path, passphrase + " wrong").close()
    except WrongPassphrase:
        pass
    else:
        raise SelfTestFailed("a wrong passphrase opened the vault")
    return path


def _check_pdfs() -> None:
    from crisisplan import pdf
    from crisisplan.core import interchange
    from crisisplan.resources import resource_path

    document = interchange.loads(resource_path("example_plan.json").read_bytes())
    missing = pdf.unprintable_characters(document, EVERY_SCRIPT)
    if missing:
        raise SelfTestFailed(f"no font prints {' '.join(missing)} (are the fonts bundled?)")
    paper = pdf.default_paper(document.region)
    documents = {"plan": pdf.render_plan(document, paper=paper, name=EVERY_SCRIPT)}
    for layout in pdf.LAYOUTS:
        documents[f"{layout} card"] = pdf.render_card(document, layout=layout, paper=paper).pdf
    for what, data in documents.items():
        if not data.startswith(b"%PDF-") or b"/FontFile2" not in data:
            raise SelfTestFailed(f"the {what} PDF is not a PDF with embedded fonts")


def _check_keyring() -> None:
    """Every backend module is there (a frozen build finds them by name at run time), and
    the run uses the null backend, which stores nothing and asks the real keyring nothing."""
    import importlib

    import keyring
    import keyring.core

    for name in KEYRING_BACKENDS:
        importlib.import_module(name)
    # PYTHON_KEYRING_BACKEND already chose the null backend, unless this process (a test)
    # had chosen another before; set it anyway, and put the previous one back afterwards.
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.core.load_keyring("keyring.backends.null.Keyring"))
    try:
        if keyring.get_password("crisisplan self-test", "nobody") is not None:
            raise SelfTestFailed("the null keyring returned a password")
    finally:
        keyring.set_keyring(previous)


def _check_windows(vault_path: Path, passphrase: str) -> str:
    from crisisplan.ui.self_test import WindowCheckFailed, check_windows  # Qt only here

    try:
        return check_windows(vault_path, passphrase)
    except WindowCheckFailed as failure:
        raise SelfTestFailed(str(failure)) from None


def run_self_test() -> int:
    """Run every check in a temporary folder; the process exit code."""
    start = time.perf_counter()
    step = "setting up"
    try:
        with (
            tempfile.TemporaryDirectory(prefix="crisisplan-self-test-") as name,
            _isolated_environment(Path(name)),
        ):
            root = Path(name)
            passphrase = secrets.token_urlsafe(16)
            _check_isolated(root)
            step = "the vault"
            vault_path = _check_vault(root / "vault", passphrase)
            step = "the PDFs"
            _check_pdfs()
            step = "the keyring backends"
            _check_keyring()
            step = "the windows"
            platform = _check_windows(vault_path, passphrase)
    except SelfTestFailed as failure:
        _say(sys.stderr, f"crisisplan self-test failed ({step}): {failure}")
        return EXIT_FAILED
    except Exception:
        _say(sys.stderr, traceback.format_exc().rstrip("\n"))
        _say(sys.stderr, f"crisisplan self-test failed ({step}): see the traceback above")
        return EXIT_FAILED
    import crisisplan

    elapsed = time.perf_counter() - start
    _say(
        sys.stdout,
        f"crisisplan {crisisplan.__version__} self-test passed: vault, PDFs, keyring backends, "
        f"windows ({platform}) in {elapsed:.1f} s",
    )
    return 0


def _say(stream: TextIO | None, line: str) -> None:
    """Write a line, if there is anywhere to write it (a windowed Windows program has no
    stdout or stderr: the exit code still tells)."""
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()
