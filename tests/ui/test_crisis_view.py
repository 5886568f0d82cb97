"""The crisis view: the right people in the right order at a fixed clock, real actions,
the emergency number always there, never blank, and within one screen at 1366×768."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication, QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, Plan, PlanDocument
from crisisplan.ui.clipboard import ConcealedClipboard
from crisisplan.ui.crisis_view import (
    EMPTY_PROMPT,
    MAX_PEOPLE_CARDS,
    STEADYING_LINE,
    CrisisView,
)
from crisisplan.ui.session import Session

LONDON = ZoneInfo("Europe/London")
WEDNESDAY_7PM = dt.datetime(2026, 11, 25, 19, 0, tzinfo=LONDON)
FRIDAY_1130PM = dt.datetime(2026, 11, 27, 23, 30, tzinfo=LONDON)


class Opened:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True


def make_view(qtbot: QtBot, session: Session, at: dt.datetime, **kwargs: object) -> CrisisView:
    view = CrisisView(session, clock=lambda: at, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    return view


def texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def button(widget: QWidget, text: str) -> QPushButton:
    for candidate in widget.findChildren(QPushButton):
        if candidate.text() == text and candidate.isVisibleTo(widget):
            return candidate
    raise AssertionError(f"no button {text!r}")


def test_reachable_people_in_priority_order(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    assert view.reachable_names() == [
        "Sam Okafor", "Priya Shah", "Daniel Reyes", "Samaritans", "Shout",
    ]  # fmt: skip
    view.refresh(FRIDAY_1130PM)
    assert view.reachable_names() == ["Sam Okafor", "Daniel Reyes", "Samaritans", "Shout"]
    shown = texts(view)
    assert "Priya Shah: available again tomorrow 08:00" in shown
    assert "Dr Helen Marsh: available again Mon 08:00" in shown


def test_order_and_content_follow_the_product_spec(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    shown = texts(view)
    order = [  # issue 9: the people reachable now first, then the rest
        STEADYING_LINE,
        "People I can reach now",
        "Professionals and crisis lines",
        "Not available right now",
        "My reasons for living",
        "Things I can try on my own",
        "People and places that take my mind off things",
        "Making my surroundings safer",
    ]
    positions = [shown.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "In danger right now? Call 999" in shown


def test_actions_open_the_right_urls(qtbot: QtBot, session: Session) -> None:
    opened = Opened()
    view = make_view(qtbot, session, WEDNESDAY_7PM, opener=opened)
    qtbot.mouseClick(button(view, "Call +44 7700 900123"), Qt.MouseButton.LeftButton)
    button(view, "Text +44 7700 900123").click()
    button(view, "Email").click()
    button(view, "Call 116 123").click()
    button(view, "Text SHOUT to 85258").click()
    view.emergency_button.click()
    assert opened.urls == [
        "tel:+447700900123",
        "sms:+447700900123?body=I%27m%20struggling%2C%20could%20you%20call%20me%3F",
        "mailto:priya@example.org?subject=I%27m%20struggling&body=Having%20a%20hard%20time.%20Could%20we%20talk%20or%20go%20for%20a%20walk%3F",
        "tel:116123",
        "sms:85258?body=SHOUT",
        "tel:999",
    ]


def test_copy_number_is_concealed_and_cleared(qtbot: QtBot, session: Session) -> None:
    clipboard = ConcealedClipboard(timeout_ms=50)
    view = make_view(qtbot, session, WEDNESDAY_7PM, clipboard=clipboard)
    copies = [
        b
        for b in view.findChildren(QPushButton)
        if b.text() == "Copy number" and b.isVisibleTo(view)  # not the hidden phone panel's
    ]
    copies[0].click()
    system = QGuiApplication.clipboard()
    assert system.text() == "+44 7700 900123"
    mime = system.mimeData()
    assert mime is not None and bytes(mime.data("x-kde-passwordManagerHint").data()) == b"secret"
    qtbot.waitUntil(lambda: system.text() == "", timeout=2000)
    # Something the person copied since is never wiped.
    copies[0].click()
    system.setText("my own note")
    qtbot.wait(120)
    assert system.text() == "my own note"
    clipboard.deleteLater()


def test_empty_plan_shows_crisis_lines_and_a_gentle_prompt(qtbot: QtBot, session: Session) -> None:
    session.replace(PlanDocument(region="US", plan=Plan()))
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    shown = texts(view)
    assert EMPTY_PROMPT in shown
    assert "In danger right now? Call 911" in shown
    assert "988 Suicide & Crisis Lifeline" in view.reachable_names()


def test_locked_view_shows_region_lines_without_unlocking(qtbot: QtBot, session: Session) -> None:
    session.lock()
    view = make_view(qtbot, session, WEDNESDAY_7PM, locked_region="NZ")
    assert view.emergency_number == "111"
    assert view.unlock_button.isVisibleTo(view)
    assert any("1737" in name for name in view.reachable_names())
    assert "Sam Okafor" not in texts(view)


def test_view_recomputes_when_the_document_changes(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    view.show()
    contacts = session.document.contacts
    session.edit_contacts(contacts[1:], "Delete")
    assert "Sam Okafor" not in view.reachable_names()
    session.undo_stack.undo()
    assert view.reachable_names()[0] == "Sam Okafor"


def test_fits_1366x768_without_scrolling(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    view.resize(1366, 768 - 110)  # the window's menu and top bar take the rest
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    viewport = view.scroll_area.viewport()
    assert viewport is not None
    visible_height = viewport.height()
    cards = [c for c in view._cards if c.property("reachable")][:3]
    assert len(cards) == 3
    for card in cards:
        bottom = card.mapTo(view.page, card.rect().bottomLeft()).y()
        assert bottom <= visible_height, (card.property("contactName"), bottom, visible_height)
    steadying = next(x for x in view.findChildren(QLabel) if x.text() == STEADYING_LINE)
    assert steadying.mapTo(view.page, steadying.rect().bottomLeft()).y() <= visible_height
    assert view.emergency_bar.isVisible()


def test_every_button_has_an_accessible_name(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    for widget in view.findChildren(QPushButton):
        assert widget.accessibleName(), widget.text()


def test_hidden_view_catches_up_when_shown_and_drops_data_on_lock(
    qtbot: QtBot, session: Session
) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    contacts = session.document.contacts
    session.edit_contacts(contacts[1:], "Delete")  # while hidden: rebuilt on show
    view.show()
    assert "Sam Okafor" not in view.reachable_names()
    view.hide()
    session.lock()
    assert "Priya Shah" not in texts(view)  # cleared at once, even hidden


def test_people_in_time_off_say_why_and_when_they_are_back(qtbot: QtBot, session: Session) -> None:
    import dataclasses

    from crisisplan.core.model import TimeOff

    holiday = TimeOff(
        to_day=dt.date(2026, 11, 29), from_day=dt.date(2026, 11, 20), reason="on holiday"
    )
    sam, *others = session.document.contacts
    assert session.save_contacts((dataclasses.replace(sam, time_off=(holiday,)), *others))
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    assert "Sam Okafor" not in view.reachable_names()
    assert "Sam Okafor: on holiday until Mon 30 Nov; available again Mon 18:00" in (texts(view))


def test_banner_names_the_other_services_numbers_and_people_stay_in_view(
    qtbot: QtBot, session: Session
) -> None:
    """Issue 10 item 6: Japan's banner says 119 and, compactly, police 110; the bar grows
    by one line at most, so the first three reachable people still fit at 1366×768."""
    session.replace(dataclasses.replace(session.document, region="JP"))
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    shown = QTextDocumentFragment.fromHtml(view.emergency_label.text()).toPlainText()
    assert " ".join(shown.split()) == "In danger right now? Call 119 Police: 110"
    assert "font-weight:400" in view.emergency_label.text()  # the main number stays the bold one
    assert view.emergency_label.accessibleName() == "In danger right now? Call 119. Police: 110"
    assert button(view, "Call 119")  # the button still dials the main number only
    view.resize(1366, 768 - 110)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    viewport = view.scroll_area.viewport()
    assert viewport is not None
    cards = [c for c in view._cards if c.property("reachable")][:3]
    assert len(cards) == 3
    for card in cards:
        bottom = card.mapTo(view.page, card.rect().bottomLeft()).y()
        assert bottom <= viewport.height(), (card.property("contactName"), bottom)


def test_banner_says_one_number_where_the_others_reach_the_same_service(
    qtbot: QtBot, session: Session
) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)  # GB: 999, and 112 reaches the same
    assert view.emergency_label.text() == "In danger right now? Call 999"  # one line only


class Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


def test_minute_refresh_keeps_focus_and_scroll(qtbot: QtBot, session: Session) -> None:
    clock = Clock(WEDNESDAY_7PM)
    view = CrisisView(session, clock=clock)
    qtbot.addWidget(view)
    view.resize(700, 420)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    call = button(view, "Call 116 123")
    scrollbar = view.scroll_area.verticalScrollBar()
    view.scroll_area.ensureWidgetVisible(call)
    call.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is call)
    scrolled = scrollbar.value()
    assert scrolled > 0
    labels = set(view.page.findChildren(QLabel))

    clock.at = WEDNESDAY_7PM + dt.timedelta(minutes=1)  # nothing changes at 19:01
    view._timer.timeout.emit()
    QApplication.processEvents()
    assert QApplication.focusWidget() is call
    assert scrollbar.value() == scrolled
    assert set(view.page.findChildren(QLabel)) == labels  # nothing was rebuilt

    # When something does change (Sam's and Priya's evening hours end by 23:00), focus
    # stays on the same button and the page does not jump.
    clock.at = dt.datetime(2026, 11, 25, 23, 0, tzinfo=LONDON)
    view._timer.timeout.emit()
    QApplication.processEvents()
    assert "Sam Okafor" not in view.reachable_names()  # it did change
    assert QApplication.focusWidget() is call  # the Samaritans' card was kept as it was
    assert scrollbar.value() == scrolled


def crowd(session: Session, count: int) -> None:
    people = [
        Contact(
            name=f"Friend {n:03d}",
            group=Group.FRIEND,
            methods=(ContactMethod(MethodKind.PHONE, f"+44 7700 9{n:05d}"),),
            always_available=True,
        )
        for n in range(count)
    ]
    session.edit_contacts((*people, *session.document.contacts), "Add")


def test_two_hundred_people_show_five_cards_then_a_button(qtbot: QtBot, session: Session) -> None:
    crowd(session, 200)
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    view.resize(1366, 700)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    people = [n for n in view.reachable_names() if n.startswith("Friend")]
    assert people == [f"Friend {n:03d}" for n in range(MAX_PEOPLE_CARDS)]
    more = view.show_everyone_button
    assert more is not None and more.isVisible()
    total_now = 200 + 3  # the crowd and the example's own people reachable at 19:00
    assert more.text() == f"Show everyone reachable now ({total_now - MAX_PEOPLE_CARDS} more)"
    # The crisis lines are within reach without scrolling past the crowd.
    samaritans = button(view, "Call 116 123")
    viewport = view.scroll_area.viewport()
    assert viewport is not None
    assert samaritans.mapTo(view.page, samaritans.rect().bottomLeft()).y() < viewport.height() * 2

    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert len([n for n in view.reachable_names() if n.startswith("Friend")]) == 200
    assert view.show_everyone_button is None
    focused = QApplication.focusWidget()
    assert isinstance(focused, QPushButton) and focused.text() == "Call +44 7700 900005"


def test_a_new_day_rewords_available_again_in_place(qtbot: QtBot, session: Session) -> None:
    clock = Clock(dt.datetime(2026, 11, 25, 23, 58, tzinfo=LONDON))
    view = CrisisView(session, clock=clock)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.focus_first_action()
    focused = QApplication.focusWidget()
    assert focused is not None
    before = set(view.page.findChildren(QLabel))
    assert "tomorrow" in texts(view)

    clock.at = dt.datetime(2026, 11, 26, 0, 1, tzinfo=LONDON)
    view._timer.timeout.emit()
    assert set(view.page.findChildren(QLabel)) == before  # the same labels, new words
    assert "tomorrow" not in texts(view) and "today" in texts(view)
    assert QApplication.focusWidget() is focused


def test_long_words_get_break_points_only_for_display() -> None:
    from crisisplan.ui.crisis_view import breakable

    assert breakable("Sam Okafor") == "Sam Okafor"
    long = "Oyelaran-Featherstonehaugh-Montgomery-Smythe"
    assert breakable(long).replace("\u200b", "") == long
    assert max(len(part) for part in breakable(long).split("\u200b")) <= 20


def test_locking_while_shown_drops_the_plan_and_the_people(qtbot: QtBot, session: Session) -> None:
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    view.show()
    assert "Seeing my niece grow up" in texts(view) and "Sam Okafor" in view.reachable_names()
    session.lock()
    shown = texts(view)
    assert "Seeing my niece grow up" not in shown and "Sam Okafor" not in shown
    assert "Priya Shah" not in shown


def test_a_long_text_keyword_never_cuts_the_number(qtbot: QtBot, session: Session) -> None:
    keyword = "CALLMEBACKPLEASE2026"  # one word of 20: "Text … to …" is too long
    person = Contact(
        name="Ana Keyword",
        group=Group.FRIEND,
        methods=(ContactMethod(MethodKind.SMS, "+44 7700 900777"),),
        always_available=True,
        message=keyword,
    )
    session.edit_contacts((person, *session.document.contacts), "Add")
    opened = Opened()
    view = make_view(qtbot, session, WEDNESDAY_7PM, opener=opened)
    text = button(view, "Text +44 7700 900777")
    assert keyword in text.accessibleName()  # said in full to a screen reader
    text.click()
    assert keyword in opened.urls[-1]


def test_a_minute_with_no_change_rebuilds_nothing_and_says_nothing(
    qtbot: QtBot, session: Session
) -> None:
    from crisisplan.ui.accessibility import Announcer

    view = make_view(qtbot, session, WEDNESDAY_7PM)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    first = view.first_action()
    first.setFocus()
    view.refresh(WEDNESDAY_7PM + dt.timedelta(minutes=1))
    assert view.first_action() is first  # the same widget: focus and scroll untouched
    assert not [a for a in view.findChildren(Announcer) if a.last]  # nothing announced

    view.refresh(FRIDAY_1130PM)  # Priya Shah's hours are over: said, focus kept by name
    said = [a.last for a in view.window().findChildren(Announcer) if a.last]
    assert said == ["Priya Shah is no longer reachable now."]
    assert view.focusWidget() is not None
    assert view.focusWidget().accessibleName() == first.accessibleName()


def test_a_change_touches_only_the_cards_that_changed(qtbot: QtBot, session: Session) -> None:
    """When someone's hours end, only their card goes: every other widget (the headings,
    the other cards and their buttons, the plan's words) is the very same object."""
    crowd(session, 2)  # five cards: two friends, then the example's people
    clock = Clock(WEDNESDAY_7PM)
    view = CrisisView(session, clock=clock)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()
    QApplication.processEvents()
    before = shown_widgets(view)
    cards = {c.property("contactName"): c for c in view._cards}

    clock.at = dt.datetime(2026, 11, 25, 23, 0, tzinfo=LONDON)  # Sam's and Priya's hours end
    view._timer.timeout.emit()
    QApplication.processEvents()
    gone = {name for name in cards if name not in view.reachable_names()}
    assert gone == {"Sam Okafor", "Priya Shah"}
    went = {w for name in gone for w in [cards[name], *cards[name].findChildren(QWidget)]}
    assert before - shown_widgets(view) == went


def shown_widgets(view: CrisisView) -> set[QWidget]:
    return {w for w in view.page.findChildren(QWidget) if w.isVisibleTo(view.page)}


def test_the_plans_lists_are_lists_to_a_screen_reader(qtbot: QtBot, session: Session) -> None:
    """Each of the plan's lists is a List named after its heading, one ListItem per item
    saying the item itself (no bullet read out) — not one paragraph of all of them."""
    from PySide6.QtGui import QAccessible

    from crisisplan.core.model import Section
    from crisisplan.ui import accessibility

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    view = make_view(qtbot, session, WEDNESDAY_7PM)
    plan = session.document.plan
    lists = {
        face.text(QAccessible.Text.Name): face
        for face in (QAccessible.queryAccessibleInterface(w) for w in view.findChildren(QWidget))
        if face is not None and face.role() == QAccessible.Role.List
    }
    for title, section in (
        ("My reasons for living", Section.REASONS_FOR_LIVING),
        ("Things I can try on my own", Section.COPING_STRATEGIES),
    ):
        items = list(plan.items(section))
        assert items, title
        face = lists[title]
        children = [face.child(i) for i in range(face.childCount())]
        assert [c.role() for c in children] == [QAccessible.Role.ListItem] * len(items)
        assert [c.text(QAccessible.Text.Name) for c in children] == items
