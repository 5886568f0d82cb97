"""Issue 9 item 3: the window opens on a sensible part of the screen the first time, then
where the person left it (maximised too), from a file outside the vault; the crisis view
never opens smaller than it needs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from crisisplan.ui import window_memory
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.window_memory import Placement, first_rect, load_placement, placement_path

Make = Callable[[], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Make]:
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(tmp_path / "none.vault")
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


def available() -> QRect:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    return screen.availableGeometry()


def test_first_launch_fills_a_sensible_part_of_the_screen(make_window: Make) -> None:
    window = make_window()
    window.place_on_screen()
    window.show()
    screen = available()
    assert window.width() >= screen.width() * 0.8 and window.height() >= screen.height() * 0.8
    assert screen.contains(window.frameGeometry()), (window.frameGeometry(), screen)
    assert window.width() > 558 and window.height() > 500  # the old scrap of a window


def test_first_size_follows_the_screen() -> None:
    small = first_rect(QRect(0, 0, 683, 384), QSize(640, 300))  # 1366×768 at 200 %
    assert small.width() >= 640 and small.height() >= 300
    assert QRect(0, 0, 683, 384).contains(small)
    roomy = first_rect(QRect(0, 0, 2560, 1400), QSize(640, 300))
    assert roomy.size() == window_memory.FIRST_SIZE
    assert abs(roomy.center().x() - 1280) < 20  # centred


def test_size_position_and_maximised_state_are_remembered(make_window: Make) -> None:
    window = make_window()
    window.place_on_screen()
    window.show()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(40, 60, 700, 520)
    window.close()
    saved = load_placement()
    assert saved is not None and (saved.width, saved.height) == (700, 520)
    assert not saved.maximized
    assert placement_path().parent.name == "crisisplan"  # beside settings.json, not in the vault
    assert set(json.loads(placement_path().read_text())) == {
        "x", "y", "width", "height", "maximized"
    }  # fmt: skip

    again = make_window()
    again.place_on_screen()
    again.show()
    assert again.size() == QSize(700, 520)
    assert again.pos() == window.pos()

    again.setWindowState(Qt.WindowState.WindowMaximized)
    again.close()
    saved = load_placement()
    assert saved is not None and saved.maximized
    third = make_window()
    third.place_on_screen()
    assert third.windowState() & Qt.WindowState.WindowMaximized


def test_a_window_left_off_screen_comes_back(make_window: Make) -> None:
    window_memory.save_placement(Placement(9000, 9000, 800, 600))
    window = make_window()
    window.place_on_screen()
    window.show()
    assert available().intersects(window.geometry())
    assert window.width() >= available().width() * 0.8


def test_crisis_view_never_opens_smaller_than_it_needs(make_window: Make) -> None:
    window_memory.save_placement(Placement(0, 0, 300, 200))  # the person made it tiny
    window = make_window()
    window.place_on_screen()
    window.show()
    window.resize(300, 200)
    window.show_crisis()
    need = window.crisis_view.minimum_useful_size()
    assert window.width() >= need.width() and window.height() >= need.height()
    viewport = window.crisis_view.scroll_area.viewport()
    assert viewport is not None
    card = window.crisis_view.first_action()
    assert card.isVisible()


def test_unreadable_placement_file_is_ignored(make_window: Make) -> None:
    placement_path().parent.mkdir(parents=True, exist_ok=True)
    placement_path().write_text('{"x": "left", "width": -3}')
    assert load_placement() is None
    window = make_window()
    window.place_on_screen()
    assert window.width() >= available().width() * 0.8


def test_first_run_fits_a_200_percent_screen(make_window: Make, qtbot: QtBot) -> None:
    """1366×768 at 200 % leaves about 683×369 logical pixels: the first-run page scrolls
    instead of pushing the window, and its Create button, off the bottom of the screen."""
    window = make_window()
    assert window.pages.currentWidget() is window.first_run
    window.resize(683, 369)
    window.show()
    qtbot.waitExposed(window)
    assert window.minimumSizeHint().height() <= 369
    assert window.height() <= 369
    area = window.first_run.scroll_area  # the page scrolls itself (ui/first_run.py)
    create = window.first_run.create_button
    area.ensureWidgetVisible(create)
    viewport = area.viewport()
    assert viewport is not None
    assert viewport.rect().contains(create.mapTo(viewport, create.rect().topLeft()))
