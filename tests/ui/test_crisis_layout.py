"""The crisis view as a person sees it at real sizes and scales (issue 9 items 4 and 5):
measured in a process of its own (tests/helpers/crisis_geometry.py) so that
QT_SCALE_FACTOR and QT_FONT_DPI apply exactly as on a desktop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

# 1366×768 with a window manager's title bar (about 30 px) above a maximised window.
SCREEN = (1366, 738)


def geometry(
    width: int, height: int, *args: str, env: dict[str, str] | None = None
) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "tests.helpers.crisis_geometry", str(width), str(height), *args],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


@pytest.mark.parametrize(
    ("size", "env", "people"),
    [
        (SCREEN, {"QT_SCALE_FACTOR": "1"}, 3),
        (SCREEN, {"QT_SCALE_FACTOR": "1.5"}, 1),
        (SCREEN, {"QT_SCALE_FACTOR": "2"}, 1),
        (SCREEN, {"QT_FONT_DPI": "144"}, 1),
        ((800, 600), {"QT_SCALE_FACTOR": "1"}, 1),
    ],
    ids=["1366x768@100", "1366x768@150", "1366x768@200", "1366x768@144dpi", "800x600@100"],
)
def test_banner_steadying_line_and_first_people_in_view(
    size: tuple[int, int], env: dict[str, str], people: int
) -> None:
    shown = geometry(*size, env=env)
    assert shown["banner"], shown
    assert shown["steadying"], shown
    assert shown["first_buttons"][:people] == [True] * people, shown
    assert shown["first_names"][0] == "Sam Okafor"
    assert not shown["menu_visible"] and not shown["top_bar_visible"]  # compact chrome
    assert shown["focus"] == "action-0-0"  # on the first person's first action


@pytest.mark.parametrize("width", [640, 720, 900, 1100, 1366])
def test_long_names_roles_and_messages_wrap_without_a_horizontal_scrollbar(width: int) -> None:
    shown = geometry(width, 700, "--long")
    assert not shown["horizontal_scrollbar"], shown
    assert shown["page_width"] <= shown["viewport_width"], shown
    assert shown["clipped_labels"] == [], shown
    assert shown["banner"] and shown["first_buttons"][0], shown
