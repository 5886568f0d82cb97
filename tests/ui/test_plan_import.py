"""Importing a plan file in the app: off the GUI thread, asked before replacing, backed up
first, and a hostile file's endless problems cut to a readable box."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from crisisplan.core import interchange
from crisisplan.core.model import PlanDocument
from crisisplan.resources import resource_path
from crisisplan.storage import Vault, backups
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.plan_import import PlanImport
from tests.helpers import PASSPHRASE
from tests.ui.test_main_window import AT, no_open, unlock


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, example_document: PlanDocument) -> Iterator[MainWindow]:
    path = tmp_path / "example.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    shown_window = MainWindow(path, clock=lambda: AT, opener=no_open)
    qtbot.addWidget(shown_window)
    shown_window.resize(1366, 768)
    shown_window.show()
    unlock(qtbot, shown_window)
    yield shown_window
    shown_window.close()


def shown(qtbot: QtBot, job: PlanImport) -> QMessageBox:
    qtbot.waitUntil(lambda: job.box is not None and job.box.isVisible(), timeout=10_000)
    assert job.box is not None
    return job.box


def test_the_app_asks_naming_what_is_replaced_and_backs_up_first(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    raw = json.loads(resource_path("example_plan.json").read_text("utf-8"))
    raw["contacts"] = raw["contacts"][:1]
    raw["contacts"][0]["name"] = "Only Person"
    incoming = tmp_path / "theirs.json"
    incoming.write_text(json.dumps(raw), "utf-8")
    before = window.session.document
    job = window.import_file(incoming)
    box = shown(qtbot, job)
    text = box.text()
    assert "Replace your plan with theirs.json?" in text
    assert f"{len(before.contacts)} people (Sam Okafor, Priya Shah, Daniel Reyes and " in text
    assert "1 person (Only Person)" in text
    assert "backup" in text
    assert box.defaultButton() is not job.replace_button  # Enter keeps the plan
    with qtbot.waitSignal(job.finished) as blocker:
        box.reject()  # Escape: "Keep my plan"
    assert blocker.args == [False]
    assert window.session.document == before
    assert backups.list_backups(window.vault_path) == []

    job = window.import_file(incoming)
    box = shown(qtbot, job)
    with qtbot.waitSignal(job.finished) as blocker:
        job.replace_button.click()
    assert blocker.args == [True]
    assert [c.name for c in window.session.document.contacts] == ["Only Person"]
    [kept] = backups.list_backups(window.vault_path)
    assert "kept in a backup" in window.status_label.text()
    with Vault.open(kept.path, PASSPHRASE) as old:
        assert old.load() == before


def test_two_hundred_thousand_problems_give_a_small_box_and_the_window_keeps_working(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    raw = json.loads(resource_path("example_plan.json").read_text("utf-8"))
    raw["plan"]["warning_signs"] = [7] * 200_000
    bad = tmp_path / "many.json"
    bad.write_text(json.dumps(raw), "utf-8")
    job = window.import_file(bad)
    assert job.task.is_running()  # returned at once: the reading happens on a thread
    assert window.status_label.text() == "Reading many.json…"
    box = shown(qtbot, job)
    assert "it has 200,000 problems. The first: plan.warning_signs[0]: should be text" in (
        box.text()
    )
    detail = box.detailedText()
    assert detail.count("\n") == 51 and detail.endswith("… and 199,950 more")
    assert box.sizeHint().height() < 400
    box.close()


def test_a_fifo_is_refused_in_the_app_without_hanging(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    job = window.import_file(fifo)
    box = shown(qtbot, job)
    assert "is a named pipe (FIFO), not a plan file" in box.text()
    box.close()
    assert interchange.MAX_FILE_BYTES  # (the cap itself is tested in test_hostile_plan_files)
