"""On a computer that cannot call, Call and Text never do nothing: the crisis view shows the
"Call from your phone" panel in place, with a QR code a real decoder reads back as exactly
the link the button would have opened, and every copy is confirmed in words and speech."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import PIL.Image
import pytest
import zxingcpp
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QAccessible, QAccessibleEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument
from crisisplan.ui import phone_panel
from crisisplan.ui.clipboard import ConcealedClipboard
from crisisplan.ui.crisis_view import CrisisView
from crisisplan.ui.phone_panel import (
    PhoneTarget,
    grouped_for_reading,
    open_phone_link,
    spoken_number,
)
from crisisplan.ui.session import Session

WEDNESDAY_7PM = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))
COPIED = "Copied. It clears from the clipboard in 60 seconds."


def cannot_call(url: QUrl) -> bool:
    return False


def make_view(qtbot: QtBot, session: Session, **kwargs: object) -> CrisisView:
    view = CrisisView(session, clock=lambda: WEDNESDAY_7PM, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()  # widgets added while shown appear on the next turn
    return view


def button(widget: QWidget, text: str) -> QPushButton:
    for candidate in widget.findChildren(QPushButton):
        if candidate.text() == text and candidate.isVisibleTo(widget):
            return candidate
    raise AssertionError(f"no button {text!r}")


def decoded_qr(view: CrisisView) -> list[str]:
    """Decode the panel as it is drawn on screen, with a real QR decoder."""
    png = QByteArray()
    buffer = QBuffer(png)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert view.phone_panel.grab().save(buffer, "PNG")
    image = PIL.Image.open(io.BytesIO(png.data()))
    return [code.text for code in zxingcpp.read_barcodes(image)]


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app asks a screen reader to announce."""
    said: list[str] = []
    real = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            said.append(event.message())  # type: ignore[attr-defined]
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", record)
    # On Linux the words go to Orca as a Notification object (ui/accessibility.py).
    from crisisplan.ui.accessibility import Announcer

    real_say = Announcer.say

    def say(self: Announcer, text: str) -> None:
        said.append(text)
        real_say(self, text)

    monkeypatch.setattr(Announcer, "say", say)
    return said


def test_this_machine_has_no_phone_handler_and_the_real_opener_says_so() -> None:
    # The offscreen test platform (and this machine) cannot open tel:, like most desktops.
    assert not phone_panel.system_can_open("tel")
    assert open_phone_link(QUrl("tel:+447700900123")) is False


@pytest.mark.skipif(sys.platform != "linux", reason="xdg-mime is the Linux way to ask")
def test_a_registered_handler_is_found_through_xdg_mime(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xdg_mime = tmp_path / "xdg-mime"
    xdg_mime.write_text(
        '#!/bin/sh\n[ "$3" = "x-scheme-handler/tel" ] && echo softphone.desktop\nexit 0\n'
    )
    xdg_mime.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert phone_panel.system_can_open("tel")
    assert not phone_panel.system_can_open("sms")  # nothing answers for texts


def test_call_with_no_handler_shows_the_panel_with_a_dialler_qr(
    qtbot: QtBot, session: Session, announcements: list[str]
) -> None:
    view = make_view(qtbot, session)  # the real opener: nothing here can call
    assert not view.phone_panel.isVisible()
    button(view, "Call +44 7700 900123").click()
    panel = view.phone_panel
    assert panel.isVisible()
    assert panel.heading.text() == "Call from your phone"
    assert panel.number.text() == "+44 7700 900123"
    assert "Sam Okafor" in panel.explanation.text()
    assert panel.number.accessibleName() == "Number: plus 4 4, 7 7 0 0, 9 0 0 1 2 3"
    assert decoded_qr(view) == ["tel:+447700900123"]
    assert not panel.copy_message_button.isVisible()
    assert panel.copy_number_button.hasFocus()
    assert announcements and announcements[-1].startswith("Call from your phone.")


def test_when_opening_fails_even_with_a_handler_the_panel_appears(
    qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def refuses(url: QUrl) -> bool:
        opened.append(url.toString())
        return False

    monkeypatch.setattr(phone_panel, "system_can_open", lambda scheme: True)
    monkeypatch.setattr(QDesktopServices, "openUrl", refuses)
    view = make_view(qtbot, session)
    button(view, "Call 116 123").click()
    assert opened == ["tel:116123"]
    assert view.phone_panel.isVisible()
    assert view.phone_panel.number.text() == "116 123"
    assert decoded_qr(view) == ["tel:116123"]


def test_a_working_handler_is_used_and_no_panel_appears(qtbot: QtBot, session: Session) -> None:
    opened: list[str] = []

    def calls(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    view = make_view(qtbot, session, opener=calls)
    button(view, "Call 116 123").click()
    assert opened == ["tel:116123"]
    assert not view.phone_panel.isVisible()


def test_text_shows_the_ready_message_in_an_smsto_qr_and_copies_it(
    qtbot: QtBot, session: Session, announcements: list[str]
) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    button(view, "Text +44 7700 900123").click()
    panel = view.phone_panel
    assert panel.heading.text() == "Text from your phone"
    assert panel.message.text() == "Message: I'm struggling, could you call me?"
    assert decoded_qr(view) == ["SMSTO:+447700900123:I'm struggling, could you call me?"]

    panel.copy_message_button.click()
    assert QGuiApplication.clipboard().text() == "I'm struggling, could you call me?"
    assert panel.confirmation.text() == COPIED
    assert panel.confirmation.isVisible()
    assert announcements[-1] == COPIED

    panel.confirmation.setText("")
    panel.copy_number_button.click()
    assert QGuiApplication.clipboard().text() == "+44 7700 900123"
    assert panel.confirmation.text() == COPIED
    assert announcements[-1] == COPIED


def test_an_extension_is_said_beside_the_number_and_kept_in_the_qr(
    qtbot: QtBot, session: Session
) -> None:
    surgery = Contact(
        name="Riverside Surgery",
        group=Group.PROFESSIONAL,
        methods=(ContactMethod(MethodKind.PHONE, "+44 20 7946 0018 ext 123"),),
        time_zone="Europe/London",
        always_available=True,
    )
    session.replace(PlanDocument(region="GB", contacts=(surgery,)))
    view = make_view(qtbot, session, opener=cannot_call)
    button(view, "Call +44 20 7946 0018").click()
    panel = view.phone_panel
    assert panel.number.text() == "+44 20 7946 0018"
    assert panel.extension.text() == "then extension 123"
    assert panel.extension.isVisible()
    assert decoded_qr(view) == ["tel:+442079460018;ext=123"]


def test_the_emergency_call_gets_the_same_panel(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    view.emergency_button.click()
    assert view.phone_panel.isVisible()
    assert view.phone_panel.number.text() == "999"
    assert "the emergency number" in view.phone_panel.explanation.text()
    assert decoded_qr(view) == ["tel:999"]


def test_copy_number_on_a_card_is_confirmed_in_words(
    qtbot: QtBot, session: Session, announcements: list[str]
) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    copies = [
        b
        for b in view.findChildren(QPushButton)
        if b.text() == "Copy number" and b.isVisibleTo(view)  # not the hidden phone panel's
    ]
    copies[0].click()
    assert QGuiApplication.clipboard().text() == "+44 7700 900123"
    assert view.phone_panel.isVisible()
    assert view.phone_panel.confirmation.text() == COPIED
    assert announcements[-1] == COPIED


def test_close_returns_focus_and_locking_forgets_the_number(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    call = button(view, "Call +44 7700 900123")
    call.setFocus()
    call.click()
    view.phone_panel.close_button.click()
    assert not view.phone_panel.isVisible()
    assert call.hasFocus()

    call.click()
    session.lock()
    assert not view.phone_panel.isVisible()
    assert view.phone_panel.number.text() == ""
    assert view.phone_panel.qr.payload == ""


def test_escape_closes_the_panel_before_it_goes_back(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    went_back: list[bool] = []
    view.backRequested.connect(lambda: went_back.append(True))
    button(view, "Call +44 7700 900123").click()
    qtbot.keyClick(view.phone_panel.copy_number_button, Qt.Key.Key_Escape)
    assert not view.phone_panel.isVisible() and not went_back
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert went_back == [True]


def test_the_panel_survives_the_minute_refresh(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    button(view, "Call +44 7700 900123").click()
    view.refresh(WEDNESDAY_7PM + dt.timedelta(minutes=1))
    assert view.phone_panel.isVisible()
    assert decoded_qr(view) == ["tel:+447700900123"]


@pytest.mark.parametrize("size", [(640, 480), (683, 384), (1200, 900)])
def test_no_word_of_the_panel_is_cut_off(
    qtbot: QtBot, session: Session, size: tuple[int, int]
) -> None:
    view = make_view(qtbot, session, opener=cannot_call)
    view.resize(*size)
    button(view, "Text +44 7700 900123").click()
    view.phone_panel.copy_message_button.click()
    QApplication.processEvents()
    QApplication.processEvents()
    for label in view.phone_panel.findChildren(QLabel):
        if label.isVisible() and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert view.phone_panel.qr.isVisible()


def test_copy_confirmation_says_the_clipboard_timeout() -> None:
    clipboard = ConcealedClipboard(timeout_ms=30_000)
    assert phone_panel.copied_sentence(clipboard) == (
        "Copied. It clears from the clipboard in 30 seconds."
    )
    clipboard.deleteLater()


@pytest.mark.parametrize(
    ("written", "grouped"),
    [
        ("+44 7700 900123", "+44 7700 900123"),
        ("116123", "116 123"),
        ("988", "988"),
        ("1-800-273-8255", "1 800 273 8255"),
        ("+447700900123", "+447 700 900 123"),
        ("07700900123", "077 009 001 23"),
    ],
)
def test_numbers_are_grouped_for_reading_aloud(written: str, grouped: str) -> None:
    assert grouped_for_reading(written) == grouped


def test_spoken_number_reads_digit_by_digit() -> None:
    assert spoken_number("116 123") == "1 1 6, 1 2 3"


def test_link_parts_and_qr_payloads() -> None:
    call = PhoneTarget("tel:+441632960000;ext=123", "the surgery", "01632 960000 ext 123")
    assert call.dialled == "+441632960000"
    assert call.extension == "123"
    assert call.qr_payload == "tel:+441632960000;ext=123"
    text = PhoneTarget("sms:85258?body=SHOUT%20now", "Shout", "85258")
    assert text.is_text and text.message == "SHOUT now"
    assert text.qr_payload == "SMSTO:85258:SHOUT now"
    assert PhoneTarget("sms:85258", "Shout", "85258").qr_payload == "SMSTO:85258:"
