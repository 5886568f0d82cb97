"""The screen-reader stack for tests/a11y: one Orca per test module, one app per test.

These tests need Linux (AT-SPI, Orca). Elsewhere they skip, saying so. On Linux a missing
tool is a failure naming the Debian packages (the Makefile installs them for `make test`),
never a silent skip.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.a11y.stack import Stack, missing_tools

PACKAGES = "orca at-spi2-core python3-pyatspi speech-dispatcher xvfb openbox xdotool faketime"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not sys.platform.startswith("linux"):
        pytest.skip("Orca and AT-SPI exist only on Linux; these tests run there (and in CI)")
    missing = missing_tools()
    if missing:
        pytest.fail(
            f"the screen-reader tests need {', '.join(missing)}: "
            f"apt-get install {PACKAGES} (make test does it as root)"
        )
    with Stack(tmp_path_factory.mktemp("orca")) as running:
        yield running


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    from tests.a11y.plans import make_vault

    return make_vault(tmp_path / "a11y.vault")
