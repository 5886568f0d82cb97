"""What the crisis path and printing must not load (issue 13, docs/benchmarks.md).

Not a timing test: the launch to the crisis view with a passphrase, and `crisisplan pdf`,
are run with `python -X importtime` and the modules they import are checked against the
ones that once made them slow. Figures are in benchmarks/ (`make bench`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from crisisplan.storage.settings import Settings, save_settings
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent

# Never on the way to the crisis view: keyring (~65 ms with jaraco, urllib.request and
# importlib_metadata; a remembered key is read with secretstorage), printing, the editors
# and dialogs, vCard parsing, the network. (phonenumbers, ~16-20 ms of CPU, is there since
# every Call button dials through core/dialling.py; see docs/benchmarks.md.)
NOT_FOR_THE_CRISIS_VIEW = {
    "keyring", "secretstorage", "jaraco.context", "importlib_metadata", "importlib.metadata",
    "urllib.request", "http.client", "ssl", "reportlab", "uharfbuzz", "crisisplan.pdf",
    "crisisplan.ui.plan_editor", "crisisplan.ui.support_editor", "crisisplan.ui.contact_dialog",
    "crisisplan.ui.settings_dialog", "crisisplan.ui.passphrase_dialog",
    "crisisplan.ui.restore_dialog", "crisisplan.ui.print_dialog", "crisisplan.core.vcard",
    "vobject", "PySide6.QtNetwork", "PySide6.QtDBus",
    # Backups are taken when a session ends; the first-run page exists only without a vault.
    "crisisplan.storage.backups", "crisisplan.ui.first_run",
}  # fmt: skip
# Never for a PDF: Qt, keyring, and the app's thread-pool machinery.
NOT_FOR_PRINTING = {
    "PySide6", "keyring", "secretstorage", "concurrent.futures", "urllib.request",
    "importlib.metadata", "crisisplan.ui",
}  # fmt: skip


def imported(*args: str) -> set[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crisisplan", *args],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_the_crisis_view_loads_only_what_it_shows(
    tmp_path: Path, example_document: PlanDocument
) -> None:
    path = tmp_path / "v.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    # Every launch after the first knows the region (the very first guesses it from the
    # locale, which loads phonenumbers once).
    save_settings(Settings(region="GB"))
    modules = imported("--crisis", "--exit-when-shown", "--vault", str(path), "--passphrase-stdin")
    assert "crisisplan.ui.crisis_view" in modules  # the check itself works
    assert modules & NOT_FOR_THE_CRISIS_VIEW == set()


def test_printing_loads_no_window_toolkit(tmp_path: Path, example_document: PlanDocument) -> None:
    path = tmp_path / "v.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    modules = imported("pdf", "card", str(tmp_path / "c.pdf"), "--vault", str(path),
                       "--passphrase-stdin")  # fmt: skip
    assert "reportlab" in modules
    found = {m for m in modules if m in NOT_FOR_PRINTING or m.split(".")[0] == "PySide6"}
    found |= {m for m in modules if m.startswith("crisisplan.ui")}
    assert found == set()
