"""What the windows say is never confusing: no empty card, no twin buttons, every list
under a heading, right-to-left names in line with the rest, nothing to unlock before a
plan exists, the way to "My people" from steps 4-5, and an untouched plan reads empty."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
)
from crisisplan.core.regions import starter_contacts
from crisisplan.storage import Vault
from crisisplan.ui.crisis_view import (
    EMPTY_PROMPT,
    NO_PLAN_YET,
    NO_WAY_SAVED,
    PROS_LATER_HEADING,
    CrisisView,
)
from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.plan_editor import PlanEditor, completeness_text
from crisisplan.ui.session import Session
from tests.helpers import PASSPHRASE

LONDON = ZoneInfo("Europe/London")
WEDNESDAY_7PM = dt.datetime(2026, 11, 25, 19, 0, tzinfo=LONDON)


def make_view(qtbot: QtBot, session: Session, **kwargs: object) -> CrisisView:
    view = CrisisView(session, clock=lambda: WEDNESDAY_7PM, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    return view


def texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def visible_buttons(widget: QWidget) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if b.isVisibleTo(widget)]


def always(
    name: str, group: Group = Group.FRIEND, *methods: ContactMethod, **kw: object
) -> Contact:
    return Contact(
        name=name,
        group=group,
        methods=methods,
        time_zone="Europe/London",
        always_available=True,
        **kw,  # type: ignore[arg-type]
    )


PHONE = ContactMethod(MethodKind.PHONE, "+44 7700 900123")


# --- item 11: confusing content ------------------------------------------------------------


def test_someone_with_no_way_to_reach_them_gets_words_not_an_empty_card(
    qtbot: QtBot, session: Session
) -> None:
    session.replace(
        PlanDocument(
            region="GB", contacts=(always("Alex Byrne"), always("Sam Okafor", Group.FAMILY, PHONE))
        )
    )
    view = make_view(qtbot, session)
    assert view.reachable_names() == ["Sam Okafor", *(c.name for c in starter_contacts("GB"))]
    shown = texts(view)
    assert NO_WAY_SAVED + "Alex Byrne" in shown
    for card in view.findChildren(QFrame):
        if card.property("reachable"):
            assert [
                b
                for b in card.findChildren(QPushButton)
                if b.text().startswith(("Call", "Text", "Email", "Open"))
            ]


def test_a_line_with_two_numbers_says_which_each_copy_button_copies(
    qtbot: QtBot, session: Session
) -> None:
    session.replace(PlanDocument(region="AU", contacts=starter_contacts("AU")))
    view = make_view(qtbot, session)
    for card in view.findChildren(QFrame):
        if card.property("reachable"):
            labels = [b.text() for b in card.findChildren(QPushButton)]
            assert len(labels) == len(set(labels)), labels
    lifeline = next(c for c in view.findChildren(QFrame) if c.property("contactName") == "Lifeline")
    copies = [b.text() for b in lifeline.findChildren(QPushButton) if b.text().startswith("Copy")]
    assert copies == ["Copy 13 11 14", "Copy 0477 13 11 14"]


def test_professionals_not_available_now_are_under_a_heading(
    qtbot: QtBot, session: Session
) -> None:
    at_night = WEDNESDAY_7PM.replace(hour=23)
    view = CrisisView(session, clock=lambda: at_night)
    qtbot.addWidget(view)
    shown = texts(view)
    heading = shown.index(PROS_LATER_HEADING)
    assert shown[heading + 1].startswith("Dr Helen Marsh: available again")


def ink_left_edges(label: QLabel) -> list[int]:
    """The x of the leftmost drawn pixel on each line of a label."""
    image = label.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = QColor(image.pixel(image.width() - 1, 0))
    line = label.fontMetrics().lineSpacing()
    edges = []
    top = label.contentsRect().top()
    while top + line <= image.height():
        xs = [
            x
            for y in range(top, top + line)
            for x in range(image.width())
            if abs(QColor(image.pixel(x, y)).lightness() - background.lightness()) > 60
        ]
        if xs:
            edges.append(min(xs))
        top += line
    return edges


def test_right_to_left_names_and_items_line_up_with_the_rest(
    qtbot: QtBot, session: Session
) -> None:
    plan = Plan(
        sections={Section.REASONS_FOR_LIVING: ("My niece", "ابنة أختي", "הכלב שלי", "Spring")}
    )
    contacts = (
        always("سارة أحمد", Group.FAMILY, PHONE, role="Sister"),
        always("דנה כהן", Group.FRIEND, PHONE, role="Friend"),
        always("Sam Okafor", Group.FAMILY, PHONE, role="Brother"),
    )
    session.replace(PlanDocument(region="GB", plan=plan, contacts=contacts))
    view = make_view(qtbot, session)
    items = ("My niece", "ابنة أختي", "הכלב שלי", "Spring")
    reasons = [  # one label per item: the crisis view's lists are lists to a screen reader
        label
        for label in view.findChildren(QLabel)
        if any(item in label.text() for item in items) and label.text().lstrip("\u200e")[0] == "•"
    ]
    edges = [
        label.mapTo(view, label.contentsRect().topLeft()).x() + edge
        for label in reasons
        for edge in ink_left_edges(label)
    ]
    assert len(edges) == 4 and max(edges) - min(edges) <= 2, edges  # bullets in one column

    names = [
        label
        for label in view.findChildren(QLabel)
        if label.property("role") == "name" and label.isVisibleTo(view)
    ]
    assert len(names) == 3 + len(starter_contacts("GB"))  # the people and the seeded lines
    left = [
        label.mapTo(view, label.contentsRect().topLeft()).x() + ink_left_edges(label)[0]
        for label in names
    ]
    assert max(left) - min(left) <= 2, left


def test_crisis_view_before_any_plan_offers_nothing_to_unlock(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(
        tmp_path / "none-yet.vault", clock=lambda: WEDNESDAY_7PM, opener=lambda u: True
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.show_crisis()
    QApplication.processEvents()
    view = window.crisis_view
    assert not view.unlock_button.isVisibleTo(view)
    shown = "\n".join(texts(view))
    assert NO_PLAN_YET in shown
    assert "Your plan is locked" not in shown
    window.close()


def test_open_my_people_appears_on_steps_4_and_5_and_goes_there(
    qtbot: QtBot, tmp_path: Path, example_document: PlanDocument
) -> None:
    path = tmp_path / "example.vault"
    with Vault.create(path, PASSPHRASE, "GB") as vault:
        vault.replace(example_document)
    window = MainWindow(path, clock=lambda: WEDNESDAY_7PM, opener=lambda u: True)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_button.click()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    editor = window.tabs.currentWidget()
    assert isinstance(editor, PlanEditor)
    editor.show_part(3)
    button = editor.support_page.open_people
    qtbot.waitUntil(button.isVisible, timeout=2000)
    button.click()
    assert window.tabs.currentIndex() == 1
    window.close()


# --- item 12: what the app added is not the person's own ------------------------------------


@pytest.fixture
def new_session(tmp_path: Path, qapp: object) -> Iterator[Session]:
    """A session on a brand-new vault, seeded with the region's lines as first run does."""
    path = tmp_path / "new.vault"
    with Vault.create(path, PASSPHRASE, "GB", starter_contacts("GB")):
        pass
    session = Session(Vault.open(path, PASSPHRASE))
    yield session
    session.lock()
    session.deleteLater()


def test_an_untouched_plan_reads_empty_with_the_lines_and_the_prompt(
    qtbot: QtBot, new_session: Session
) -> None:
    document = new_session.document
    lines = [c.name for c in starter_contacts("GB")]
    assert [c.name for c in document.contacts] == lines
    assert completeness_text(document) == "0 of 6 sections filled · not yet reviewed"
    view = make_view(qtbot, new_session)
    assert EMPTY_PROMPT in texts(view)
    assert view.reachable_names() == lines

    # The person's first own entry is theirs: the prompt goes, the count moves.
    friend = always("Sam Okafor", Group.FAMILY, PHONE)
    new_session.edit_contacts((friend, *document.contacts), "Add")
    assert EMPTY_PROMPT not in texts(view)
    assert completeness_text(new_session.document).startswith("1 of 6")


def test_an_edited_seeded_line_counts_as_the_persons_own(new_session: Session) -> None:
    lines = new_session.document.contacts
    mine = dataclasses.replace(lines[0], notes="Ask for Jo, she knows me")
    new_session.edit_contacts((mine, lines[1]), "Edit")
    assert completeness_text(new_session.document).startswith("1 of 6")


def test_a_new_plan_made_on_the_first_run_reads_0_of_6(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(
        tmp_path / "fresh.vault", clock=lambda: WEDNESDAY_7PM, opener=lambda u: True
    )
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.first_run
    page.region.setCurrentIndex(page.region.findData("GB"))
    page.passphrase.setText(PASSPHRASE)
    page.confirm.setText(PASSPHRASE)
    page.create_plan()
    qtbot.waitUntil(lambda: not window.session.is_locked, timeout=5000)
    assert window.session.document.contacts  # the region's lines are there...
    assert window.status_label.text() == "0 of 6 steps filled"  # ...but are not the person's
    window.show_crisis()
    QApplication.processEvents()
    assert EMPTY_PROMPT in texts(window.crisis_view)
    window.close()
