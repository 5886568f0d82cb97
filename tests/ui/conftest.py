"""Fixtures for widget tests: a real vault holding the example plan, and a Session on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from crisisplan.ui.session import Session
from tests.helpers import PASSPHRASE


@pytest.fixture
def vault(tmp_path: Path, example_document: PlanDocument) -> Iterator[Vault]:
    """A real SQLCipher vault holding the fictional example plan."""
    with Vault.create(tmp_path / "ui.vault", PASSPHRASE, example_document.region) as created:
        created.replace(example_document)
    opened = Vault.open(tmp_path / "ui.vault", PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture
def session(vault: Vault, qapp: object) -> Iterator[Session]:
    """A Session over the example vault (closed, and its data dropped, after the test)."""
    result = Session(vault)
    yield result
    result.lock()
    result.deleteLater()


@pytest.fixture(autouse=True)
def no_window_left_open(qapp: object) -> Iterator[None]:
    """Every test closes what it opens: no visible top-level widget survives a test."""
    from PySide6.QtWidgets import QApplication

    yield
    QApplication.processEvents()
    left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for widget in left:
        widget.close()
    assert not left, f"widgets left open: {[type(w).__name__ for w in left]}"
