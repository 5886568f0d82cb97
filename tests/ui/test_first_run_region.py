"""First run: the region comes from the system locale, the keyboard reaches it, and the
page says the emergency number in words before Create (issue 9, item 1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.core.regions import known_regions
from crisisplan.storage import Vault
from crisisplan.ui.first_run import NO_REGION, FirstRunPage
from crisisplan.ui.main_window import MainWindow
from tests.helpers import PASSPHRASE

AT = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))
LOCALE_VARIABLES = ("LC_ALL", "LC_TELEPHONE", "LC_MESSAGES", "LC_CTYPE", "LANG")


def set_locale(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key)


def type_text(qtbot: QtBot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def test_enter_in_the_confirmation_creates_the_vault_for_the_locale(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_locale(monkeypatch, "en_NZ.UTF-8")
    page = FirstRunPage(tmp_path / "plan.vault")
    qtbot.addWidget(page)
    created: list[Vault] = []
    page.created.connect(created.append)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClicks(page.confirm, PASSPHRASE)
    qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(created), timeout=10_000)
    assert created[0].region == "NZ"
    created[0].close()


def test_keyboard_only_first_run_in_britain_makes_a_999_vault(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_locale(monkeypatch, "en_GB.UTF-8")
    made = MainWindow(tmp_path / "plan.vault", clock=lambda: AT, opener=lambda _u: True)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    made.activateWindow()
    qtbot.waitExposed(made)
    page = made.first_run
    page.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.passphrase)
    assert page.region.currentData() == "GB"
    assert page.emergency_sentence.text() == "In an emergency in the United Kingdom, call 999."
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.confirm
    type_text(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.region  # forward Tab reaches "Where you live"
    for _ in range(6):  # on past "remember" and "how to start" to Create
        if QApplication.focusWidget() is page.create_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.create_button
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not made.session.is_locked, timeout=10_000)
    assert made.session.document.region == "GB"
    assert made.session.emergency.number == "999"
    made.close()
    with Vault.open(tmp_path / "plan.vault", PASSPHRASE) as vault:
        assert vault.region == "GB"


def test_forward_tab_order_is_passphrase_confirm_region_then_create(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_locale(monkeypatch, "en_GB.UTF-8")
    page = FirstRunPage(tmp_path / "plan.vault")
    qtbot.addWidget(page)
    page.show()
    order: list[QWidget] = []
    widget: QWidget | None = page.passphrase
    while widget is not None and widget not in order:
        order.append(widget)
        widget = widget.nextInFocusChain()
    focusable = [
        w for w in order if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(page)
    ]
    positions = [
        focusable.index(w) for w in (page.passphrase, page.confirm, page.region, page.create_button)
    ]
    assert positions == sorted(positions)


def test_no_region_in_the_locale_means_nothing_preselected_and_a_reason(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    set_locale(monkeypatch, "C.UTF-8")
    page = FirstRunPage(tmp_path / "plan.vault")
    qtbot.addWidget(page)
    assert page.region.currentIndex() == -1
    assert not page.emergency_sentence.isVisibleTo(page)
    assert page.region.accessibleDescription() == NO_REGION
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    assert not page.create_button.isEnabled()
    assert page.message.text() == NO_REGION
    assert page.create_button.toolTip() == NO_REGION
    page.create_plan()  # Enter in the confirmation field: refused, with the same sentence
    assert not (tmp_path / "plan.vault").exists()
    page.region.setCurrentIndex(page.region.findData("JP"))
    assert page.emergency_sentence.text() == (
        "In an emergency in Japan, call 119 (ambulance and fire). Also 110 (police)."
    )
    assert page.create_button.isEnabled()
    assert page.message.text() == ""


def test_every_country_is_offered(qtbot: QtBot, tmp_path: Path) -> None:
    page = FirstRunPage(tmp_path / "plan.vault", region="PH")
    qtbot.addWidget(page)
    offered = [page.region.itemData(i) for i in range(page.region.count())]
    assert offered == [r.code for r in known_regions()]
    assert len(offered) >= 230
    assert page.region.currentText() == "Philippines (emergency 911)"
    assert "FR" in offered and "JP" in offered and "MX" in offered


def test_small_window_at_large_scale_scrolls_instead_of_squeezing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """200 % scaling in a small window: every text keeps the height it needs (nothing cut)
    and the page scrolls; Tab still walks the fields in order and brings each into view."""
    set_locale(monkeypatch, "en_GB.UTF-8")
    page = FirstRunPage(tmp_path / "plan.vault")
    qtbot.addWidget(page)
    page.resize(560, 300)  # about what a 1366×768 screen at 200 % leaves for the page
    page.show()
    qtbot.waitExposed(page)
    page.passphrase.setText("correct horse battery staple")
    page.confirm.setText("correct horse battery staple")  # Create is enabled, a Tab stop
    qtbot.wait(20)
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            needed = label.heightForWidth(label.width())
            assert label.height() >= needed, (label.text()[:40], label.height(), needed)
    page.passphrase.setFocus()
    for _ in range(12):
        focused = QApplication.focusWidget()
        assert focused is not None
        assert not focused.visibleRegion().isEmpty(), focused.accessibleName()
        if focused is page.create_button:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.create_button
