"""Fixtures for the packaging tests.

The frozen bundle and the .deb take a minute to build, so the tests that need them get
their paths from the environment, which `make packaging-test` (part of `make test`) sets
after building both: CRISISPLAN_BUNDLE (dist/crisisplan) and CRISISPLAN_DEB (the .deb).
Without them those tests are skipped, saying how to run them; with them, a missing file
is a failure, not a skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _built(variable: str, what: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        pytest.skip(f"needs {what}: run `make packaging-test` (sets {variable})")
    path = Path(value)
    assert path.exists(), f"{variable}={value} does not exist"
    return path


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The PyInstaller one-folder build (dist/crisisplan)."""
    return _built("CRISISPLAN_BUNDLE", "the frozen bundle")


@pytest.fixture(scope="session")
def deb() -> Path:
    """The .deb built from the bundle."""
    return _built("CRISISPLAN_DEB", "the .deb")
