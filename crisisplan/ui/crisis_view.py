"""The "I'm struggling" view: calm, short, and one click from every screen.

Order, top to bottom, in every layout (PRODUCT.md, issue 9): a banner with the emergency
number and the way back (always visible, outside the scroll area); a steadying line; the
people reachable now, in priority order, with their one-click actions — at most
`MAX_PEOPLE_CARDS` of them as cards, then "Show everyone reachable now (N more)"; the
professionals and crisis lines; the people not reachable now with when they next are;
then the plan's own words (reasons for living, things to try on my own, people and
places for distraction, making my surroundings safer). On a wide window the people sit
in the left column and the plan's words in the right; on a narrow one they stack in the
same order. So at 1366×768 at 100 %, 150 % and 200 % scaling, and in an 800×600 window,
the emergency number, the steadying line and the first reachable person with a button
are in view without scrolling.

Every text wraps (very long words too), so nothing needs a horizontal scrollbar from
640 px up. The minute refresh compares what it would show with what is shown and does
nothing when they are the same; when something changed, it moves, inserts or removes only
the cards and lines that changed (the other widgets stay as they are, so Qt lays out and
paints only that part) and puts keyboard focus and the scroll position back where they
were.

Nothing here counts or records how often the view is opened.

Signals:
    backRequested(): the person wants to go back to where they were.
    unlockRequested(): (locked vault) the person wants to unlock to see their own plan.
    painted(): after the next frame is painted, once `notify_next_paint()` asked for it
        (for `--exit-when-shown`, benchmarks and smoke tests).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QEnterEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from crisisplan.core.actions import Action, action_url, copyable_number, method_action
from crisisplan.core.model import (
    GROUP_LABELS,
    Contact,
    ContactMethod,
    Emergency,
    Group,
    MethodKind,
    PlanDocument,
    Section,
)
from crisisplan.core.reachability import LaterContact, Reachability, ReachableNow, reachability
from crisisplan.core.regions import emergency_for, own_contacts, region_info, starter_contacts
from crisisplan.ui.accessibility import TextBlock, TextList, announce, possessive, spoken
from crisisplan.ui.clipboard import ConcealedClipboard
from crisisplan.ui.phone_panel import (
    PHONE_SCHEMES,
    PhonePanel,
    PhoneTarget,
    copied_sentence,
    open_phone_link,
)
from crisisplan.ui.scripts import ltr_lines
from crisisplan.ui.session import Session
from crisisplan.ui.theme import crisis_colours, crisis_stylesheet

Clock = Callable[[], dt.datetime]
Opener = Callable[[QUrl], bool]

STEADYING_LINE = (
    "You opened this, and that was the right thing to do. Breathe out slowly. "
    "You only need to do the next small thing."
)
EMPTY_PROMPT = (
    "Your plan is empty for now. The lines below are there for you at any time. "
    "When you feel able, add a few things that help and the people you trust."
)
NOBODY_NOW = "Nobody on your list is available right now. The lines below are there any time."
NO_WAY_SAVED = "Free now, but no number or address is saved to reach them from here: "
PROS_LATER_HEADING = "Professionals not available right now"
LOCKED_LINE = "Your plan is locked. The lines here are there for you at any time."
NO_PLAN_YET = (
    "You have not made a plan yet. The lines here are there for you at any time, "
    "and nothing you type is needed to use them."
)
SELECTABLE_AFTER_MS = 250  # the words become selectable this long after a mouse comes
WIDE_LAYOUT_MIN_WIDTH = 980
MAX_PEOPLE_CARDS = 5  # more are one click away: the crisis lines stay within reach
RETIRED_CARDS = 2 * MAX_PEOPLE_CARDS  # hidden cards kept for reuse (same document only)
LONGEST_UNBROKEN = 20  # characters; longer words get invisible break points to wrap at
_LONG_WORD = re.compile(rf"\S{{{LONGEST_UNBROKEN + 1},}}")
BUTTON_TEXT_MAX = 30  # characters on a button; the rest is in its accessible name
PROFESSIONAL_GROUPS = frozenset({Group.PROFESSIONAL, Group.CRISIS_LINE})
VERBS = {MethodKind.PHONE: "Call", MethodKind.SMS: "Text", MethodKind.EMAIL: "Email"}


def _system_now() -> dt.datetime:
    # The computer's IANA zone, not today's fixed offset: "available again" times stay
    # right across the next change of the clocks.
    from crisisplan.core.localzone import local_now

    return local_now()


def breakable(text: str) -> str:
    """The text with zero-width spaces inside very long words, so that Qt can wrap a
    200-character name or number instead of widening the page."""
    step = LONGEST_UNBROKEN // 2

    def broken(match: re.Match[str]) -> str:
        word = match.group()
        return "\u200b".join(word[i : i + step] for i in range(0, len(word), step))

    return _LONG_WORD.sub(broken, text)


def _label(text: str, role: str = "", *, block: bool = True) -> QLabel:
    """A wrapping label for the person's words (plain text, never markup); an Arabic or
    Hebrew line stays aligned with the rest. `block` (the default): a TextBlock, which a
    screen reader reads as a paragraph or heading, not again at every focus change; only
    the emergency line and the steadying line are plain labels, read with the view's
    name when focus enters it."""
    shown = breakable(ltr_lines(text))
    label = TextBlock(shown, heading=role == "heading") if block else QLabel(shown)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setProperty("selectable", True)  # by mouse, once one comes (_make_selectable)
    label.setMinimumWidth(1)  # it wraps; it never asks the page to be wider
    if shown != ltr_lines(text):
        label.setAccessibleName(text)  # a screen reader reads the words, not the breaks
    if role:
        label.setProperty("role", role)
    return label


class CrisisView(QFrame):
    """The crisis view over a Session; works locked (crisis lines only) and unlocked.

    A QFrame, so that screen readers meet it as a named panel: when focus enters, Orca
    says "I'm struggling panel" followed by its plain labels (the emergency line and the
    steadying line; every other text is a TextBlock), then the focused person's card and
    button.
    """

    backRequested = Signal()
    unlockRequested = Signal()
    painted = Signal()

    def __init__(
        self,
        session: Session,
        *,
        locked_region: str = "",
        clock: Clock = _system_now,
        opener: Opener = open_phone_link,
        clipboard: ConcealedClipboard | None = None,
        plan_exists: Callable[[], bool] = lambda: True,
        defer_first_build: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CrisisView")
        self.setAccessibleName("I'm struggling")
        self._session = session
        self._locked_region = locked_region
        self._clock = clock
        self._opener = opener
        self._plan_exists = plan_exists  # no vault yet: nothing to unlock
        self._clipboard = clipboard or ConcealedClipboard(parent=self)
        self._notify_paint = False
        self._stale = False
        self._cards: list[QFrame] = []
        self._people_cards: list[QFrame] = []
        self._button_grids: list[tuple[QGridLayout, list[QWidget]]] = []
        # The cards on screen, by who and how they are shown: a rebuild reuses the cards of
        # people still shown the same way (new widgets cost a style-sheet polish each, and
        # a reused card keeps keyboard focus on the very same button).
        self._card_cache: dict[tuple[int, int, bool, str], _CachedCard] = {}
        self._flowed_for = 0
        self._shown_document: PlanDocument | None = None
        self._shown_key: tuple[object, ...] | None = None
        self._shown_when: tuple[str, ...] = ()
        self._later_labels: dict[bool, QLabel] = {}  # professional? → its "available again"
        self._show_everyone = False
        self._selectable = True  # every label is selectable (none built yet)
        self._reusable: dict[tuple[int, int, bool, str], _CachedCard] = {}
        # Cards of this document taken off screen lately, hidden, for when those people
        # are reachable again (hours that end and begin; "Show everyone" and back).
        self._retired: dict[tuple[int, int, bool, str], _CachedCard] = {}
        self._spare_later: dict[bool, QLabel] = {}
        self._kept: dict[str, QWidget] = {}  # the people's part's headings, notes, button
        self._spare: dict[str, QWidget] = {}
        self._unlock_offered = True
        self.show_everyone_button: QPushButton | None = None
        self._said_reachable: list[str] | None = None  # who was reachable, as said
        self.last_opened_url: str | None = None
        self._region = locked_region

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        # The banner: the way back and the emergency number, one compact row.
        self.emergency_bar = QFrame()
        self.emergency_bar.setObjectName("EmergencyBar")
        bar = QHBoxLayout(self.emergency_bar)
        bar.setContentsMargins(12, 8, 12, 8)
        bar.setSpacing(12)
        self.back_button = QPushButton("← Back")
        self.back_button.setObjectName("BackButton")
        self.back_button.setAccessibleName("Back to where I was")
        self.back_button.setToolTip("Back to where you were (Esc)")
        self.back_button.clicked.connect(self.backRequested)
        bar.addWidget(self.back_button)
        self.emergency_label = _label("", block=False)
        bar.addWidget(self.emergency_label, 1)
        self.emergency_button = QPushButton()
        self.emergency_button.setObjectName("EmergencyCall")
        self.emergency_button.clicked.connect(self._call_emergency)
        bar.addWidget(self.emergency_button)
        outer.addWidget(self.emergency_bar)
        # In place, under the banner and outside the scroll area: what Call and Text do
        # when this computer cannot call (ui/phone_panel.py).
        self.phone_panel = PhonePanel(self._clipboard)
        outer.addWidget(self.phone_panel)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop of its own (the buttons inside are); arrow keys and Page Up/Down
        # still scroll it from any button inside.
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setAccessibleName("Your plan and the people you can reach")
        self.page = _Page()
        self.page.setObjectName("CrisisPage")
        # A page that grows or shrinks by a line repaints only what moved or was
        # uncovered, not all of itself (the minute refresh, issue 9 item 13).
        self.page.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.scroll_area.setWidget(self.page)
        outer.addWidget(self.scroll_area, 1)

        page = QVBoxLayout(self.page)
        page.setContentsMargins(16, 12, 16, 16)
        page.setSpacing(10)
        self.steadying_label = _label(STEADYING_LINE, "steadying", block=False)
        page.addWidget(self.steadying_label)
        self.note_label = _label("", "muted")
        page.addWidget(self.note_label)
        self.unlock_button = QPushButton("Unlock to see my own plan")
        self.unlock_button.setAccessibleName("Unlock to see my own plan")
        self.unlock_button.clicked.connect(self.unlockRequested)
        page.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.setSpacing(24)
        page.addLayout(self._columns, 1)
        self.people_column = QVBoxLayout()
        self.plan_column = QVBoxLayout()
        for column in (self.people_column, self.plan_column):
            column.setSpacing(10)
        self._columns.addLayout(self.people_column, 3)
        self._columns.addLayout(self.plan_column, 2)

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self._on_escape)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_minute)

        session.documentChanged.connect(self._on_document_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_theme)
        self.apply_theme()
        if defer_first_build:  # built when first shown or asked about (_current())
            self._stale = True
        else:
            self.refresh()

    # --- public -------------------------------------------------------------------------

    @property
    def emergency_number(self) -> str:
        return self._emergency().number

    def _current(self) -> None:
        """Build now what a hidden view left for later (a document that came while hidden,
        or the first build deferred by the main window), before anyone looks at it."""
        if self._stale:
            self.refresh()

    def set_locked_region(self, region: str) -> None:
        self._locked_region = region
        self.refresh()

    def set_unlock_offered(self, offered: bool) -> None:
        """Whether "Unlock to see my own plan" may show (not where unlocking cannot
        happen, such as the crisis window above a dialog)."""
        self._unlock_offered = offered
        self.unlock_button.setVisible(offered and self._session.is_locked and self._plan_exists())

    def refresh(self, at: dt.datetime | None = None) -> None:
        """Bring the content up to `at` (default: now) and schedule the next minute.

        Nothing on screen changes when nothing would: no widget is rebuilt, so keyboard
        focus and the scroll position stay exactly where they are.
        """
        self._stale = False
        at = at or self._clock()
        self._build(at)
        self._schedule_next_minute(at)
        self._announce_reachable()

    def _announce_reachable(self) -> None:
        """Say who became or stopped being reachable while the view is on screen (a new
        look at the view, or another plan, says nothing: focus tells it all)."""
        if not self.isVisible():
            self._said_reachable = None
            return
        now = self.reachable_names()
        before, self._said_reachable = self._said_reachable, now
        if before is None or before == now:
            return
        gone = [name for name in before if name not in now]
        new = [name for name in now if name not in before]
        parts = []
        if new:
            parts.append(_joined(new) + (" is" if len(new) == 1 else " are") + " reachable now.")
        if gone:
            parts.append(
                _joined(gone) + (" is" if len(gone) == 1 else " are") + " no longer reachable now."
            )
        announce(self, " ".join(parts))

    def _on_document_changed(self) -> None:
        """Rebuild now if on screen; otherwise at the next show. A lock always clears at
        once, so no name stays in a hidden widget."""
        self._said_reachable = None  # another plan (or the same, edited): nothing to say
        if self.isVisible():
            self.refresh()
        elif self._session.is_locked:
            self._clear()
        else:
            self._stale = True
        if self._session.is_locked:
            self.phone_panel.reset()  # it may show a person's number

    def reachable_names(self) -> list[str]:
        """The names shown as reachable now, in display order (for tests and checks)."""
        self._current()
        return [c.property("contactName") for c in self._cards if c.property("reachable")]

    def first_action(self) -> QPushButton:
        """The first reachable person's first action (else the emergency call)."""
        self._current()
        for card in self._cards:
            buttons = card.findChildren(QPushButton)
            if buttons:
                return min(buttons, key=lambda b: b.property("order") or 0)
        return self.emergency_button

    def focus_first_action(self) -> None:
        """Keyboard focus where the person most likely wants to act first, scrolled into
        view (once laid out) so that its focus ring is seen."""
        button = self.first_action()
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.scroll_area.isAncestorOf(button):
            QTimer.singleShot(
                0, button, lambda: self.scroll_area.ensureWidgetVisible(button, 16, 16)
            )

    def minimum_useful_size(self) -> QSize:
        """The least size (logical px) that shows the banner, the steadying line and the
        first reachable person's card without scrolling, at the current font."""
        self._current()
        width = 640
        height = _height_for(self.emergency_bar, width)
        page = self.page.layout()
        assert page is not None
        margins = page.contentsMargins()
        inner = width - margins.left() - margins.right()
        height += margins.top() + margins.bottom()
        for widget in (self.steadying_label, self.note_label, self.unlock_button):
            if not widget.isHidden():
                height += _height_for(widget, inner) + page.spacing()
        first = self.first_action()
        card = next((c for c in self._cards if first in c.findChildren(QPushButton)), None)
        if card is not None:
            heading = self.people_column.itemAt(0)
            heading_widget = heading.widget() if heading is not None else None
            if heading_widget is not None:
                height += _height_for(heading_widget, inner) + self.people_column.spacing()
            height += _height_for(card, inner)
        return QSize(width, height + 8)

    def apply_theme(self) -> None:
        sheet = crisis_stylesheet(crisis_colours(), self.font().pointSizeF())
        if sheet != self.styleSheet():  # a new sheet re-polishes every card (~14 ms)
            self.setStyleSheet(sheet)

    # --- building -----------------------------------------------------------------------

    def _emergency(self) -> Emergency:
        region = self._session.document.region if not self._session.is_locked else ""
        return emergency_for(region or self._locked_region)

    def _document(self) -> tuple[PlanDocument, bool]:
        """The document to show, and whether it is the person's own (unlocked)."""
        if self._session.is_locked:
            region = self._locked_region
            return PlanDocument(region=region, contacts=starter_contacts(region)), False
        document = self._session.document
        return document, True

    def _drop_retired_cards(self) -> None:
        """Forget the hidden cards kept for reuse (benchmarks: the cost of new cards)."""
        for retired in self._retired.values():
            _discard(retired.card)
        self._retired = {}

    def _clear(self) -> None:
        """Empty both columns: every card, heading and word goes (another document, or
        the plan was locked: no name stays in a widget)."""
        for column in (self.people_column, self.plan_column):
            while column.count():
                item = column.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    _discard(widget)
        self._drop_retired_cards()
        self._card_cache = {}
        self._kept = {}
        self._cards = []
        self._people_cards = []
        self._button_grids = []
        self.show_everyone_button = None
        self._shown_document = None
        self._shown_key = None
        self._later_labels = {}

    def _build(self, at: dt.datetime) -> None:
        document, own = self._document()
        self._region = document.region
        emergency = emergency_for(document.region)
        contacts = document.contacts
        if own and not any(c.group is Group.CRISIS_LINE for c in contacts):
            contacts = contacts + starter_contacts(document.region)  # never without a line
        result = reachability(contacts, at, emergency)
        key = (
            own,
            document.region,
            emergency.number,
            self._show_everyone,
            tuple((r.priority, r.hours_set) for r in result.reachable),
            tuple(e.priority for e in result.later),
        )
        when = tuple(e.reason for e in result.later)
        # The same document shown the same way (own, or the locked region's lines): only
        # then may a rebuild keep widgets. Locking always starts afresh: no name stays.
        shown_own = self._shown_key[0] if self._shown_key is not None else None
        same_document = shown_own == own and (not own or document is self._shown_document)
        if same_document and key == self._shown_key:
            if when != self._shown_when:  # only "available again …" moved on: in place
                self._shown_when = when
                self._update_later_lists(result, at)
            return  # nothing else would change: every widget, focus and scroll stay

        focused = self._focused_key()
        scroll = self.scroll_area.verticalScrollBar().value()
        if not same_document:
            self._clear()
        # What is on screen now may be used again: a rebuild takes what it shows from
        # these, and only what is left over goes (see `_place`).
        self._reusable = {**self._retired, **self._card_cache}
        self._card_cache, self._retired = {}, {}
        self._spare_later, self._later_labels = self._later_labels, {}
        self._spare, self._kept = self._kept, {}
        self._cards, self._people_cards, self._button_grids = [], [], []
        self.show_everyone_button = None
        self._fill(document, own, emergency, result, at)
        for key_, unused in self._reusable.items():  # off screen now; kept a while
            unused.card.hide()
            self._retired[key_] = unused
        while len(self._retired) > RETIRED_CARDS:
            _discard(self._retired.pop(next(iter(self._retired))).card)
        for spare in (*self._spare_later.values(), *self._spare.values()):
            _discard(spare)
        self._reusable, self._spare_later, self._spare = {}, {}, {}
        self._flowed_for = self._card_inner_width()
        for grid, buttons in self._button_grids:  # in the page now: styled, true sizes
            if grid.property("flowedFor") != self._flowed_for:  # new cards only
                _flow(grid, buttons, self._flowed_for)
        self._shown_document = document if own else None
        self._shown_key = key
        self._shown_when = when
        self._restore_focus(focused)
        if focused is not None or scroll:
            self.scroll_area.verticalScrollBar().setValue(scroll)

    def _fill(
        self,
        document: PlanDocument,
        own: bool,
        emergency: Emergency,
        result: Reachability,
        at: dt.datetime,
    ) -> None:
        self._selectable = False  # new labels (_make_selectable)
        # Where services have their own numbers (Japan: 110 police) they follow on one
        # short line, so the bar grows by a line at most and the people stay in view.
        others = region_info(document.region).other_numbers_line()
        banner = f"In danger right now? Call {emergency.number}"
        self.emergency_label.setTextFormat(Qt.TextFormat.RichText)  # table text, escaped
        self.emergency_label.setText(
            html.escape(banner)
            + (
                f'<br><span style="font-size:{self.font().pointSizeF():.1f}pt;'
                f' font-weight:400">{html.escape(others)}</span>'
                if others
                else ""
            )
        )
        self.emergency_button.setText(f"Call {emergency.number}")
        self.emergency_button.setAccessibleName(f"Call the emergency number, {emergency.number}")
        self.emergency_label.setAccessibleName(banner + (f". {others}" if others else ""))
        self.unlock_button.setVisible(not own and self._unlock_offered and self._plan_exists())

        plan = document.plan
        empty = own and not any(plan.sections.values()) and not own_contacts(document)
        if not own:
            note = LOCKED_LINE if self._plan_exists() else NO_PLAN_YET
        else:
            note = EMPTY_PROMPT if empty else ""
        self.note_label.setText(note)
        self.note_label.setVisible(bool(note))

        people_now = [r for r in result.reachable if r.contact.group not in PROFESSIONAL_GROUPS]
        people_later = [r for r in result.later if r.contact.group not in PROFESSIONAL_GROUPS]
        pros_now = [r for r in result.reachable if r.contact.group in PROFESSIONAL_GROUPS]
        pros_later = [r for r in result.later if r.contact.group in PROFESSIONAL_GROUPS]

        # The people's part, top to bottom; `_place` puts it in the column moving only
        # what changed, so the cards and headings that stay are not touched.
        wanted: list[QWidget] = []
        has_people = own and any(c.group not in PROFESSIONAL_GROUPS for c in document.contacts)
        if has_people:
            wanted.append(self._kept_label("People I can reach now", "heading"))
            # Someone free now but with no way saved to reach them gets words, not an
            # empty card with no action.
            no_way = [r.contact.name for r in people_now if not r.contact.methods]
            people_now = [r for r in people_now if r.contact.methods]
            if not people_now and not no_way:
                wanted.append(self._kept_label(NOBODY_NOW, "muted"))
            shown = people_now if self._show_everyone else people_now[:MAX_PEOPLE_CARDS]
            self._people_cards = [self._reachable_card(entry) for entry in shown]
            wanted.extend(self._people_cards)
            hidden = len(people_now) - len(shown)
            if hidden:
                more = self._spare.pop("ShowEveryone", None)
                if not isinstance(more, QPushButton):
                    more = QPushButton()
                    more.setObjectName("ShowEveryone")
                    more.setProperty("alignLeft", True)
                    more.clicked.connect(self._show_all_people)
                _set_text(more, f"Show everyone reachable now ({hidden} more)")
                more.setAccessibleName(f"Show everyone reachable now, {hidden} more")
                self._kept["ShowEveryone"] = more
                self.show_everyone_button = more
                wanted.append(more)
            if no_way:
                no_way_label = self._kept_label("", "muted", key="no way")
                sentence = NO_WAY_SAVED + ", ".join(no_way)
                _set_text(no_way_label, breakable(sentence))
                no_way_label.setAccessibleName(sentence)
                wanted.append(no_way_label)
        wanted.append(self._kept_label("Professionals and crisis lines", "heading"))
        wanted.extend(self._reachable_card(entry) for entry in pros_now)
        if pros_later:
            wanted.append(self._kept_label(PROS_LATER_HEADING, "heading"))
            self._later_labels[True] = self._later_list(pros_later, at, professional=True)
            wanted.append(self._later_labels[True])
        if has_people and people_later:
            wanted.append(self._kept_label("Not available right now", "heading"))
            self._later_labels[False] = self._later_list(people_later, at, professional=False)
            wanted.append(self._later_labels[False])
        _place(self.people_column, wanted)

        words = self.plan_column
        if words.count():  # kept from before: the plan's words change only with the document
            return
        self._add_items(words, "My reasons for living", plan.items(Section.REASONS_FOR_LIVING))
        self._add_items(words, "Things I can try on my own", plan.items(Section.COPING_STRATEGIES))
        self._add_items(
            words,
            "People and places that take my mind off things",
            plan.items(Section.DISTRACTIONS),
        )
        self._add_items(words, "Making my surroundings safer", plan.items(Section.MAKING_SAFE))
        words.addStretch(1)

    def _add_items(self, column: QVBoxLayout, title: str, items: Iterable[str]) -> None:
        items = list(items)
        if not items:
            return
        column.addWidget(_label(title, "heading"))
        # A list to a screen reader ("My reasons for living list with 2 items"), one
        # label per item, each saying the item itself without the bullet.
        shown = TextList(title)
        for item in items:
            label = _label(f"•  {item}")
            assert isinstance(label, TextBlock)
            shown.add(label, item)
        column.addWidget(shown)

    def _kept_label(self, text: str, role: str, *, key: str = "") -> QLabel:
        """A label of the people's part, the same widget from one refresh to the next."""
        key = key or text
        label = self._spare.pop(key, None)
        if not isinstance(label, QLabel):
            label = _label(text, role)
        self._kept[key] = label
        return label

    def _reachable_card(self, entry: ReachableNow) -> QFrame:
        key = (id(entry.contact), entry.priority, entry.hours_set, self._region)
        cached = self._reusable.pop(key, None)
        if cached is None:
            cached = self._new_card(entry)
        self._card_cache[key] = cached
        if cached.grid is not None:
            self._button_grids.append((cached.grid, cached.buttons))
        self._cards.append(cached.card)
        return cached.card

    def _new_card(self, entry: ReachableNow) -> _CachedCard:
        contact = entry.contact
        card = QFrame()
        card.setProperty("role", "card")
        card.setProperty("contactName", contact.name)
        card.setProperty("reachable", True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(_label(contact.name, "name"))
        details = _details(contact)
        if not entry.hours_set and contact.group is not Group.CRISIS_LINE:
            details += " · hours not set"
        if details:
            details_label = _label(details, "muted")
            details_label.setAccessibleName(spoken(details))  # not "middle dot"
            layout.addWidget(details_label)
        buttons, notes = self._action_buttons(entry)
        grid = None
        if buttons:
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(6)
            for index, button in enumerate(buttons):  # one row; flowed once styled
                grid.addWidget(button, 0, index)
            layout.addLayout(grid)
        for note in notes:
            layout.addWidget(_label(note, "muted"))
        if contact.helps_with:
            layout.addWidget(_label(contact.helps_with, "muted"))
        state = "reachable now" + ("" if entry.hours_set else ", hours not set")
        helps = f". {contact.helps_with}" if contact.helps_with else ""
        card.setAccessibleName(spoken(f"{contact.name}, {details}, {state}{helps}"))
        return _CachedCard(contact, card, grid, buttons)

    def _action_buttons(self, entry: ReachableNow) -> tuple[list[QWidget], list[str]]:
        """The one place a person's action buttons are made: Call, Text, Email, Open link
        for each way to reach them, then Copy number once per number; a click that this
        computer cannot carry out shows the phone panel (`_open`). Returns the buttons
        (with any "then extension 123" beside its button) and the free-text ways."""
        contact = entry.contact
        actions: list[QWidget] = []
        copies: list[QPushButton] = []
        notes: list[str] = []
        copied: set[str] = set()
        for index, method in enumerate(contact.methods):
            action = method_action(method, contact.message, self._region)
            if action is not None:
                button = QPushButton(_button_text(action))
                button.setObjectName(f"action-{entry.priority}-{index}")
                said = f"{action.label}, {action.then}" if action.then else action.label
                button.setAccessibleName(f"{said}, {contact.name}")  # no brackets read out
                button.setToolTip(action.url if method.kind is MethodKind.WEB else method.value)
                button.clicked.connect(
                    lambda _=False, a=action: self._open(a.url, contact.name, a.display, a.then)
                )
                actions.append(button)
                if action.then:  # what the link may not carry: said beside the button
                    then = _label(action.then, "muted")
                    then.setProperty("then", True)
                    actions.append(then)
            elif method.kind is MethodKind.OTHER:
                notes.append(method.value)
            number = copyable_number(method)
            if number is not None and number not in copied:
                copied.add(number)
                copy = QPushButton("Copy number")
                copy.setProperty("number", number)
                copy.setObjectName(f"copy-{entry.priority}-{index}")
                copy.setAccessibleName(f"Copy {possessive(contact.name)} number, {number}")
                copy.setToolTip(
                    "Copies the number; it is cleared from the clipboard after a minute"
                )
                copy.clicked.connect(
                    lambda _=False, a=action, n=number: self._copy_number(a, contact.name, n)
                )
                copies.append(copy)
        if len(copies) > 1:  # two numbers (call and text): say which each copies
            for copy in copies:
                copy.setText(f"Copy {copy.property('number')}")
        widgets: list[QWidget] = [*actions, *copies]
        for order, widget in enumerate(widgets):
            widget.setProperty("order", order)
        return widgets, notes

    def _later_list(
        self, entries: list[LaterContact], at: dt.datetime, *, professional: bool
    ) -> QLabel:
        label = self._spare_later.pop(professional, None) or _label("", "muted")
        _set_later_text(label, entries, at)
        return label

    def _update_later_lists(self, result: Reachability, at: dt.datetime) -> None:
        for professional, label in self._later_labels.items():
            entries = [
                e for e in result.later if (e.contact.group in PROFESSIONAL_GROUPS) is professional
            ]
            _set_later_text(label, entries, at)

    def _show_all_people(self) -> None:
        """Cards for everyone reachable now; focus moves to the first new card."""
        first_hidden = len(self._people_cards)
        self._show_everyone = True
        self.refresh()
        if first_hidden < len(self._people_cards):
            buttons = self._people_cards[first_hidden].findChildren(QPushButton)
            if buttons:
                min(buttons, key=lambda b: b.property("order") or 0).setFocus()

    # --- focus across a rebuild ---------------------------------------------------------

    def _focused_key(self) -> str | None:
        focused = QApplication.focusWidget()
        if focused is None or not self.page.isAncestorOf(focused):
            return None
        return focused.objectName() or None

    def _restore_focus(self, key: str | None) -> None:
        if key is None:
            return
        shown = (b for b in self.page.findChildren(QPushButton, key) if b.isVisibleTo(self.page))
        found = next(shown, None)  # not a button of a hidden card kept for reuse
        if found is not None:
            found.setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # that person is no longer reachable: the nearest sensible place
            self.focus_first_action()

    # --- actions ------------------------------------------------------------------------

    def _open(self, url: str, who: str = "", number: str = "", then: str = "") -> None:
        """Open the link; a call or text this computer cannot make shows the phone panel."""
        self.last_opened_url = url
        if not self._opener(QUrl(url)) and url.split(":", 1)[0].lower() in PHONE_SCHEMES:
            target = PhoneTarget(url, who, number, then)
            self.phone_panel.show_for(target, return_focus=self.focusWidget())

    def _on_escape(self) -> None:
        """Esc closes the phone panel first (like any pop-up), then goes back."""
        if self.phone_panel.isVisible():
            self.phone_panel.close_panel()
        else:
            self.backRequested.emit()

    def _copy_number(self, action: Action | None, who: str, number: str) -> None:
        """Copy, and confirm it in the phone panel (which also shows the number large)."""
        if action is None or action.kind not in (MethodKind.PHONE, MethodKind.SMS):
            self._clipboard.copy(number)
            announce(self, copied_sentence(self._clipboard))
            return
        target = PhoneTarget(action.url, who, number, action.then)
        self.phone_panel.show_for(target, return_focus=self.focusWidget())
        self.phone_panel.copy_number()

    def _call_emergency(self) -> None:
        emergency = self._emergency()
        phone = ContactMethod(MethodKind.PHONE, emergency.number)
        url = action_url(phone, region=emergency.region) or f"tel:{emergency.number}"
        self._open(url, "the emergency number", emergency.number)

    # --- time ---------------------------------------------------------------------------

    def _schedule_next_minute(self, at: dt.datetime) -> None:
        """Recompute on the next minute boundary, so "reachable now" stays true."""
        into_minute = at.second * 1000 + at.microsecond // 1000
        self._timer.start(max(1_000, 60_000 - into_minute))

    def _on_minute(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._schedule_next_minute(self._clock())

    # --- Qt events ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        if not event.spontaneous():  # opened anew (not un-minimised): short again
            self._show_everyone = False
        self._said_reachable = None  # a fresh look: nothing to announce as changed
        self.refresh()  # what is reachable may have changed while hidden
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.width() >= WIDE_LAYOUT_MIN_WIDTH
        self._columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        width = self._card_inner_width()
        if width != self._flowed_for:
            self._flowed_for = width
            for grid, buttons in self._button_grids:
                _flow(grid, buttons, width)
        super().resizeEvent(event)

    def _card_inner_width(self) -> int:
        """The width a card's buttons have, worked out from the view's own width (the
        cards themselves are laid out only after this resize)."""
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        page = self.width() - scrollbar - 32  # the page's side margins
        if self.width() >= WIDE_LAYOUT_MIN_WIDTH:
            page = (page - self._columns.spacing()) * 3 // 5  # the people column's share
        return max(120, page - 24 - 2 - 8)  # card margins, border, to spare

    def event(self, event: QEvent) -> bool:
        # The system switched light/dark by palette (not by colour scheme). Only the
        # application-wide change (it reaches event(), not changeEvent()): our own
        # setStyleSheet() sends a plain PaletteChange.
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            QTimer.singleShot(0, self.apply_theme)  # after the new palette is in place
        return super().event(event)

    def notify_next_paint(self) -> None:
        """Emit `painted` once the next frame has been painted."""
        self._notify_paint = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._notify_paint:
            self._notify_paint = False
            QTimer.singleShot(0, self.painted.emit)
        if not self._selectable and self.underMouse():  # rebuilt under a resting mouse
            QTimer.singleShot(SELECTABLE_AFTER_MS, self._make_selectable)

    def enterEvent(self, event: QEnterEvent) -> None:
        # Not at once: a window that opens under the pointer gets this before its first
        # frame, and the frame comes first.
        QTimer.singleShot(SELECTABLE_AFTER_MS, self._make_selectable)
        super().enterEvent(event)

    def _make_selectable(self) -> None:
        """Let the person select (and copy) any text with the mouse — once a mouse is
        over the view: a selectable word-wrapped label lays its text out as a rich-text
        document at every height-for-width query, ~9 % of the work to the first frame
        (docs/benchmarks.md), for what only a mouse can use. It looks the same."""
        if self._selectable:
            return
        self._selectable = True
        flag = Qt.TextInteractionFlag.TextSelectableByMouse
        for label in self.findChildren(QLabel):
            if label.property("selectable") and not label.textInteractionFlags() & flag:
                label.setTextInteractionFlags(flag)


def _set_later_text(label: QLabel, entries: list[LaterContact], at: dt.datetime) -> None:
    lines = [f"{e.contact.name}: {e.reason}" for e in entries]
    text = "\n".join(lines)
    label.setText(breakable(text))
    label.setAccessibleName("Not available right now: " + "; ".join(lines))


@dataclass(frozen=True, slots=True)
class _CachedCard:
    """A card on screen; `contact` is held so that the id() in its key stays unique."""

    contact: Contact
    card: QFrame
    grid: QGridLayout | None
    buttons: list[QWidget]


def _discard(widget: QWidget) -> None:
    widget.hide()
    widget.setParent(None)  # gone from the tree now, not at the next loop
    widget.deleteLater()


def _button_text(action: Action) -> str:
    """The action's label, short enough for a button: a long text keyword gives way to
    the number (the keyword still goes in the message), and the number is never cut
    before anything else is."""
    if len(action.label) <= BUTTON_TEXT_MAX:
        return action.label
    verb = action.label.split(" ", 1)[0]
    if action.kind in (MethodKind.PHONE, MethodKind.SMS):
        return f"{verb} {_shortened(action.display)}"
    return _shortened(action.label)


def _shortened(value: str) -> str:
    return value if len(value) <= BUTTON_TEXT_MAX else value[: BUTTON_TEXT_MAX - 1] + "…"


def _set_text(widget: QLabel | QPushButton, text: str) -> None:
    if widget.text() != text:  # the same text again would still lay the label out anew
        widget.setText(text)


def _place(column: QVBoxLayout, wanted: list[QWidget]) -> None:
    """Make `column` hold `wanted` in that order, then a stretch, by taking out what is
    no longer wanted and inserting only what is new or moved: the widgets that stay keep
    their place in the layout, so Qt has only the changed part to lay out and paint."""
    keep = {id(widget) for widget in wanted}
    for index in reversed(range(column.count())):
        item = column.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is None or id(widget) not in keep:
            column.takeAt(index)  # a stretch, or a widget the caller discards
    for index, widget in enumerate(wanted):
        item = column.itemAt(index)
        if item is not None and item.widget() is widget:
            continue
        if column.indexOf(widget) >= 0:
            column.removeWidget(widget)
        left = widget.property("alignLeft")
        column.insertWidget(
            index, widget, 0, Qt.AlignmentFlag.AlignLeft if left else Qt.AlignmentFlag(0)
        )
    column.addStretch(1)


def _flow(grid: QGridLayout, buttons: list[QWidget], width: int) -> None:
    """Lay the buttons out left to right, starting a new row where the next one would not
    fit in `width`, so that a card never asks for more width than the window has."""
    for button in buttons:
        grid.removeWidget(button)
        button.ensurePolished()  # the style sheet's font and padding decide its width
    row = column = used = 0
    for button in buttons:
        wanted = button.sizeHint().width()
        if column and used + grid.horizontalSpacing() + wanted > width:
            row, column, used = row + 1, 0, 0
        grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignLeft)
        used += (grid.horizontalSpacing() if column else 0) + wanted
        column += 1
    for index in range(grid.columnCount()):
        grid.setColumnStretch(index, 0)
    grid.setColumnStretch(grid.columnCount(), 1)
    grid.setProperty("flowedFor", width)


def _height_for(widget: QWidget, width: int) -> int:
    if widget.hasHeightForWidth():
        return max(widget.heightForWidth(width), widget.minimumSizeHint().height())
    return widget.sizeHint().height()


class _Page(QWidget):
    """The scrolled page. Qt's height-for-width through nested box layouts with wrapped
    labels under-reports the height, and the scroll area then squeezes the cards flat;
    without height-for-width the scroll area uses the (correct) minimum size hint."""

    def hasHeightForWidth(self) -> bool:
        return False


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _details(contact: Contact) -> str:
    group = GROUP_LABELS[contact.group]
    return f"{contact.role} · {group.lower()}" if contact.role else group
