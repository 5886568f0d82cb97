"""What Orca really says on the crisis path (Orca 43 over AT-SPI, speech in a text file)."""

from __future__ import annotations

from pathlib import Path

from tests.a11y.stack import Stack
from tests.helpers import PASSPHRASE


def test_orca_hears_the_app(stack: Stack, vault: Path) -> None:
    """The whole chain works: Qt's AT-SPI bridge, Orca, speech-dispatcher, the log."""
    mark = stack.mark()
    stack.launch_app(vault, "--crisis", passphrase=PASSPHRASE)
    said = stack.wait_for_speech("push button", since=mark, timeout=20)
    assert any("crisisplan" in line for line in said)
