"""The crisis view opens exactly the number written (issue 10, items 1 and 6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Contact, ContactMethod, MethodKind
from crisisplan.ui.crisis_view import CrisisView
from crisisplan.ui.session import Session

WEDNESDAY_7PM = dt.datetime(2026, 11, 25, 19, 0, tzinfo=ZoneInfo("Europe/London"))


def test_extension_is_carried_and_said_beside_the_button(qtbot: QtBot, session: Session) -> None:
    opened: list[str] = []

    def opener(url: QUrl) -> bool:
        opened.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True

    office = Contact(
        name="Riverside team",
        methods=(
            ContactMethod(MethodKind.PHONE, "+44 (0)20 7946 0018 ext. 123"),
            ContactMethod(MethodKind.PHONE, "+1 800 FLOWERS"),
        ),
        always_available=True,
    )
    session.replace(dataclasses.replace(session.document, contacts=(office,)))
    view = CrisisView(session, clock=lambda: WEDNESDAY_7PM, opener=opener)
    qtbot.addWidget(view)
    buttons = {b.text(): b for b in view.findChildren(QPushButton)}
    buttons["Call +44 20 7946 0018"].click()
    buttons["Call +1 800-356-9377"].click()
    assert opened == ["tel:+442079460018;ext=123", "tel:+18003569377"]
    beside = [x.text() for x in view.findChildren(QLabel) if x.property("then")]
    assert beside == ["then extension 123"]
    name = buttons["Call +44 20 7946 0018"].accessibleName()
    assert "then extension 123" in name


def test_text_keyword_is_shown_and_carried(qtbot: QtBot, session: Session) -> None:
    opened: list[str] = []

    def opener(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    view = CrisisView(session, clock=lambda: WEDNESDAY_7PM, opener=opener)
    qtbot.addWidget(view)
    shout = next(b for b in view.findChildren(QPushButton) if b.text() == "Text SHOUT to 85258")
    shout.click()
    assert opened == ["sms:85258?body=SHOUT"]
