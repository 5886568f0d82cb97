"""Auto-lock: after idle time (short intervals here), never while the crisis view is open,
when the computer sleeps or the screen locks — including a real D-Bus signal."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from crisisplan.core.model import PlanDocument
from crisisplan.storage import Vault
from crisisplan.storage.settings import Settings, load_settings, save_settings
from crisisplan.ui.main_window import MainWindow
from tests.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, example_document: PlanDocument) -> Iterator[MainWindow]:
    path = tmp_path / "idle.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    made = MainWindow(path)
    qtbot.addWidget(made)
    made.show()
    made.unlock_page.unlock(PASSPHRASE)
    qtbot.waitUntil(lambda: not made.session.is_locked, timeout=5000)
    yield made
    made.close()


def test_default_is_ten_minutes_and_on_sleep(window: MainWindow) -> None:
    assert load_settings().auto_lock_minutes == 10
    assert window.security.idle.interval_ms == 10 * 60_000
    assert window.security._lock_on_sleep_enabled


def test_locks_after_idle_time(qtbot: QtBot, window: MainWindow) -> None:
    window.show_crisis()
    window.leave_crisis()
    assert window.pages.currentWidget() is window.tabs
    window.security.idle.set_interval_ms(200)
    qtbot.waitUntil(lambda: window.session.is_locked, timeout=3000)
    assert window.pages.currentWidget() is window.unlock_page
    assert window.session.document.contacts == ()  # the views' data is dropped


def test_input_postpones_the_lock(qtbot: QtBot, window: MainWindow) -> None:
    window.security.idle.set_interval_ms(300)
    for _ in range(8):  # 8 × 100 ms of typing: longer than the interval
        qtbot.keyClick(window.tabs, Qt.Key.Key_Shift)
        qtbot.wait(100)
        assert not window.session.is_locked
    qtbot.waitUntil(lambda: window.session.is_locked, timeout=3000)


def test_turned_off_it_never_locks(qtbot: QtBot, window: MainWindow) -> None:
    window.security.idle.set_minutes(0)
    qtbot.wait(400)
    assert not window.session.is_locked


def test_never_while_the_crisis_view_is_open(qtbot: QtBot, window: MainWindow) -> None:
    window.show_crisis()
    window.security.idle.set_interval_ms(100)
    qtbot.wait(500)
    assert not window.session.is_locked  # the person may be reading it for a long time
    window.leave_crisis()
    qtbot.waitUntil(lambda: window.session.is_locked, timeout=3000)


def test_locks_when_the_computer_sleeps(qtbot: QtBot, window: MainWindow) -> None:
    window.security.sleep.sleeping.emit()
    assert window.session.is_locked


def test_sleep_lock_can_be_turned_off(qtbot: QtBot, window: MainWindow) -> None:
    window.security.apply(Settings(lock_on_sleep=False))
    window.security.sleep.sleeping.emit()
    assert not window.session.is_locked


def test_saved_settings_apply_at_start(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument
) -> None:
    save_settings(Settings(auto_lock_minutes=3, lock_on_sleep=False))
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    made = MainWindow(path)
    qtbot.addWidget(made)
    assert made.security.idle.interval_ms == 3 * 60_000
    assert not made.security._lock_on_sleep_enabled


SCRIPT = r"""
import subprocess, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from crisisplan.ui.idle import SleepWatcher

app = QApplication([])
watcher = SleepWatcher()
print("listening:", ", ".join(watcher.listening), flush=True)
watcher.sleeping.connect(lambda: (print("sleeping", flush=True), app.exit(0)))
send = ["dbus-send", "--session", "--type=signal"]
QTimer.singleShot(100, lambda: subprocess.run(send + [
    "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:false"]))
QTimer.singleShot(300, lambda: subprocess.run(send + [
    "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "boolean:true"]))
QTimer.singleShot(10_000, lambda: app.exit(3))
sys.exit(app.exec())
"""


def test_a_screen_lock_signal_on_dbus_is_heard(tmp_path: Path) -> None:
    missing = [tool for tool in ("dbus-run-session", "dbus-send") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test the D-Bus screen-lock signal; missing: {missing}")
        pytest.skip(f"no D-Bus session tools (missing {missing}); `make test` installs dbus")
    script = tmp_path / "sleep_watcher.py"
    script.write_text(SCRIPT, "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(script)],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "org.gnome.ScreenSaver.ActiveChanged" in done.stdout
    assert done.stdout.strip().endswith("sleeping")
    assert done.stdout.count("sleeping") == 1  # ActiveChanged(false) is not a lock
