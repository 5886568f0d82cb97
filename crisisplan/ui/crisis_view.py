"""The "I'm struggling" view: calm, short, and one click from every screen.

Order, top to bottom (PRODUCT.md): the emergency number (always visible, outside the
scroll area), a steadying line, reasons for living, things to try on my own, people and
places for distraction, people reachable now in priority order with one-click actions,
people not reachable now with when they next are, professionals and crisis lines, and
making my surroundings safer. On a wide window the plan's own words sit in the left
column and the people in the right, so that at 1366×768 the steadying line, the first
three reachable people and the emergency number are all in view without scrolling.

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
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QHideEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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
from crisisplan.core.reachability import LaterContact, ReachableNow, reachability
from crisisplan.core.regions import emergency_for, own_contacts, region_info, starter_contacts
from crisisplan.ui.accessibility import TextBlock, announce, possessive, spoken
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
WIDE_LAYOUT_MIN_WIDTH = 980
PROFESSIONAL_GROUPS = frozenset({Group.PROFESSIONAL, Group.CRISIS_LINE})
VERBS = {MethodKind.PHONE: "Call", MethodKind.SMS: "Text", MethodKind.EMAIL: "Email"}


def _system_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _label(text: str, role: str = "", *, wrap: bool = True, block: bool = True) -> QLabel:
    """A text of the view; `block` (the default) for texts inside the scroll area, which
    a screen reader reads as paragraphs and headings (accessibility.TextBlock)."""
    text = ltr_lines(text)  # an Arabic or Hebrew line stays aligned with the rest
    label = TextBlock(text, heading=role == "heading") if block else QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the person's words, never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        self._shown_reachable: list[str] | None = None  # what was announced on screen
        self._built_key: object = None  # what the widgets show (see _view_key)
        self.last_opened_url: str | None = None
        self._region = locked_region

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 8)
        self.back_button = QPushButton("← Back")
        self.back_button.setAccessibleName("Back to where I was")
        self.back_button.setToolTip("Back to where you were (Esc)")
        self.back_button.clicked.connect(self.backRequested)
        top.addWidget(self.back_button)
        top.addStretch(1)
        self.unlock_button = QPushButton("Unlock to see my own plan")
        self.unlock_button.setAccessibleName("Unlock to see my own plan")
        self.unlock_button.clicked.connect(self.unlockRequested)
        top.addWidget(self.unlock_button)
        outer.addLayout(top)

        self.emergency_bar = QFrame()
        self.emergency_bar.setObjectName("EmergencyBar")
        bar = QHBoxLayout(self.emergency_bar)
        bar.setContentsMargins(16, 10, 16, 10)
        self.emergency_label = _label("", wrap=True, block=False)
        bar.addWidget(self.emergency_label, 1)
        self.emergency_button = QPushButton()
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
        self.scroll_area.setWidget(self.page)
        outer.addWidget(self.scroll_area, 1)

        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.page)
        self._columns.setContentsMargins(16, 12, 16, 16)
        self._columns.setSpacing(24)
        self.left_column = QVBoxLayout()
        self.right_column = QVBoxLayout()
        for column in (self.left_column, self.right_column):
            column.setSpacing(10)
        self._columns.addLayout(self.left_column, 2)
        self._columns.addLayout(self.right_column, 3)

        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self._on_escape)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_minute)

        session.documentChanged.connect(self._on_document_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self.apply_theme)
        self.apply_theme()
        self.refresh()

    # --- public -------------------------------------------------------------------------

    @property
    def emergency_number(self) -> str:
        return self._emergency().number

    def set_locked_region(self, region: str) -> None:
        self._locked_region = region
        self.refresh()

    def refresh(self, at: dt.datetime | None = None, *, fresh: bool = False) -> None:
        """Rebuild the content for `at` (default: now) and schedule the next minute.

        On screen, focus stays on the same action (by its accessible name) and a change
        in who is reachable is announced; `fresh` (another plan: unlocked, locked,
        replaced) puts focus on the first action instead and announces nothing."""
        self._stale = False
        at = at or self._clock()
        focus = self.window().focusWidget()  # also while the window is not active
        inside = focus is not None and self.isAncestorOf(focus)
        focus_name = focus.accessibleName() if inside and focus is not None else ""
        key = self._view_key(at)
        if key == self._built_key and not fresh:  # nothing changed: nothing to rebuild,
            self._schedule_next_minute(at)  # nothing moves, nothing is said
            if self.isVisible() and self._shown_reachable is None:
                self._shown_reachable = self.reachable_names()
            return
        self._build(at)
        self._built_key = key
        self._schedule_next_minute(at)
        if not self.isVisible():
            self._shown_reachable = None
            return
        now = self.reachable_names()
        if fresh:
            if inside or focus is None:
                self.focus_first_action()
        else:
            if focus_name:
                self._restore_focus(focus_name)
            if self._shown_reachable is not None:
                self._announce_change(self._shown_reachable, now)
        self._shown_reachable = now

    def first_action(self) -> QPushButton:
        """The first reachable person's first action, or the emergency call."""
        for card in self._cards:
            if card.property("reachable"):
                buttons = card.findChildren(QPushButton)
                if buttons:
                    return buttons[0]
        return self.emergency_button

    def focus_first_action(self) -> None:
        self._focus(self.first_action())

    def _focus(self, button: QPushButton) -> None:
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.scroll_area.isAncestorOf(button):  # the focus ring in view, once laid out
            QTimer.singleShot(
                0, button, lambda: self.scroll_area.ensureWidgetVisible(button, 16, 16)
            )

    def _restore_focus(self, name: str) -> None:
        for button in self.findChildren(QPushButton):
            if button.accessibleName() == name and button.isVisibleTo(self):
                self._focus(button)
                return
        self.focus_first_action()

    def _announce_change(self, before: list[str], after: list[str]) -> None:
        if before == after:
            return
        gone = [name for name in before if name not in after]
        new = [name for name in after if name not in before]
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
        if self.isVisible():
            self.refresh(fresh=True)
        elif self._session.is_locked:
            self._clear()
        if self._session.is_locked:
            self.phone_panel.reset()  # it may show a person's number
        else:
            self._stale = True

    def reachable_names(self) -> list[str]:
        """The names shown as reachable now, in display order (for tests and checks)."""
        return [c.property("contactName") for c in self._cards if c.property("reachable")]

    def apply_theme(self) -> None:
        colours = crisis_colours()
        self.setStyleSheet(crisis_stylesheet(colours, self.font().pointSizeF()))

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

    def _contacts(self, document: PlanDocument, own: bool) -> tuple[Contact, ...]:
        contacts = document.contacts
        if own and not any(c.group is Group.CRISIS_LINE for c in contacts):
            contacts = contacts + starter_contacts(document.region)  # never without a line
        return contacts

    def _view_key(self, at: dt.datetime) -> object:
        """Everything the view shows at `at`: equal keys, equal screens."""
        document, own = self._document()
        result = reachability(self._contacts(document, own), at, emergency_for(document.region))
        return (
            own,
            document,
            [(r.contact.name, r.hours_set) for r in result.reachable],
            [(e.contact.name, e.reason) for e in result.later],
        )

    def _clear(self) -> None:
        self._built_key = None
        for column in (self.left_column, self.right_column):
            while column.count():
                item = column.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.setParent(None)  # gone from the tree now, not at the next loop
                    widget.deleteLater()
        self._cards = []

    def _build(self, at: dt.datetime) -> None:
        self._clear()
        document, own = self._document()
        self._region = document.region
        emergency = emergency_for(document.region)
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
        self.unlock_button.setVisible(not own and self._plan_exists())

        result = reachability(self._contacts(document, own), at, emergency)
        plan = document.plan
        empty = own and not any(plan.sections.values()) and not own_contacts(document)

        left, right = self.left_column, self.right_column
        # A plain label (not a TextBlock): read with the view's name when focus enters.
        left.addWidget(_label(STEADYING_LINE, "steadying", block=False))
        if not own:
            left.addWidget(_label(LOCKED_LINE if self._plan_exists() else NO_PLAN_YET, "muted"))
        elif empty:
            left.addWidget(_label(EMPTY_PROMPT, "muted"))
        self._add_items(left, "My reasons for living", plan.items(Section.REASONS_FOR_LIVING))
        self._add_items(left, "Things I can try on my own", plan.items(Section.COPING_STRATEGIES))
        self._add_items(
            left, "People and places that take my mind off things", plan.items(Section.DISTRACTIONS)
        )
        left.addStretch(1)

        people_now = [r for r in result.reachable if r.contact.group not in PROFESSIONAL_GROUPS]
        people_later = [r for r in result.later if r.contact.group not in PROFESSIONAL_GROUPS]
        pros_now = [r for r in result.reachable if r.contact.group in PROFESSIONAL_GROUPS]
        pros_later = [r for r in result.later if r.contact.group in PROFESSIONAL_GROUPS]

        if own and any(c.group not in PROFESSIONAL_GROUPS for c in document.contacts):
            right.addWidget(_label("People I can reach now", "heading"))
            # Someone free now but with no way saved to reach them gets words, not an
            # empty card with no action.
            no_way = [r.contact.name for r in people_now if not r.contact.methods]
            people_now = [r for r in people_now if r.contact.methods]
            if not people_now and not no_way:
                right.addWidget(_label(NOBODY_NOW, "muted"))
            for entry in people_now:
                right.addWidget(self._reachable_card(entry))
            if no_way:
                right.addWidget(_label(NO_WAY_SAVED + ", ".join(no_way), "muted"))
            if people_later:
                right.addWidget(_label("Not available right now", "heading"))
                right.addWidget(self._later_list(people_later, at))
        right.addWidget(_label("Professionals and crisis lines", "heading"))
        for entry in pros_now:
            right.addWidget(self._reachable_card(entry))
        if pros_later:
            right.addWidget(_label(PROS_LATER_HEADING, "heading"))
            right.addWidget(self._later_list(pros_later, at))
        self._add_items(right, "Making my surroundings safer", plan.items(Section.MAKING_SAFE))
        right.addStretch(1)

    def _add_items(self, column: QVBoxLayout, title: str, items: Iterable[str]) -> None:
        items = list(items)
        if not items:
            return
        column.addWidget(_label(title, "heading"))
        text = "\n".join(f"•  {item}" for item in items)
        label = _label(text)
        # The items themselves, without the bullets read out; the heading says the title.
        label.setAccessibleName(". ".join(item.rstrip(".") for item in items) + ".")
        column.addWidget(label)

    def _reachable_card(self, entry: ReachableNow) -> QFrame:
        contact = entry.contact
        card = QFrame()
        card.setProperty("role", "card")
        card.setProperty("contactName", contact.name)
        card.setProperty("reachable", True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)
        heading = QHBoxLayout()
        heading.addWidget(_label(contact.name, "name", wrap=False), 1)
        details = _details(contact)
        if not entry.hours_set and contact.group is not Group.CRISIS_LINE:
            details += " · hours not set"
        if details:
            details_label = _label(details, "muted", wrap=False)
            details_label.setAccessibleName(spoken(details))  # not "middle dot"
            heading.addWidget(details_label, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(heading)
        if contact.helps_with:
            layout.addWidget(_label(contact.helps_with, "muted"))
        actions = QHBoxLayout()
        actions.setSpacing(8)
        copy_buttons: list[QPushButton] = []
        copied: set[str] = set()
        for method in contact.methods:
            action = method_action(method, contact.message, self._region)
            if action is not None:
                button = QPushButton(action.label)
                said = f"{action.label}, {action.then}" if action.then else action.label
                button.setAccessibleName(f"{said}, {contact.name}")  # no brackets read out
                button.setToolTip(action.url if method.kind is MethodKind.WEB else method.value)
                button.clicked.connect(
                    lambda _=False, a=action: self._open(a.url, contact.name, a.display, a.then)
                )
                actions.addWidget(button)
                if action.then:  # what the link may not carry: said beside the button
                    then = _label(action.then, "muted")
                    then.setProperty("then", True)
                    actions.addWidget(then)
            elif method.kind is MethodKind.OTHER:
                layout.addWidget(_label(method.value, "muted"))
            number = copyable_number(method)
            if number is not None and number not in copied:
                copied.add(number)
                copy = QPushButton("Copy number")
                copy.setProperty("number", number)
                copy.setAccessibleName(f"Copy {possessive(contact.name)} number, {number}")
                copy.setToolTip(
                    "Copies the number; it is cleared from the clipboard after a minute"
                )
                copy.clicked.connect(
                    lambda _=False, a=action, n=number: self._copy_number(a, contact.name, n)
                )
                copy_buttons.append(copy)
        if len(copy_buttons) > 1:  # two numbers (call and text): say which each copies
            for copy in copy_buttons:
                copy.setText(f"Copy {copy.property('number')}")
        for copy in copy_buttons:
            actions.addWidget(copy)
        actions.addStretch(1)
        layout.addLayout(actions)
        state = "reachable now" + ("" if entry.hours_set else ", hours not set")
        helps = f". {contact.helps_with}" if contact.helps_with else ""
        card.setAccessibleName(spoken(f"{contact.name}, {details}, {state}{helps}"))
        self._cards.append(card)
        return card

    def _later_list(self, entries: list[LaterContact], at: dt.datetime) -> QLabel:
        lines = [f"{e.contact.name}: {e.reason}" for e in entries]
        label = _label("\n".join(lines), "muted")
        label.setAccessibleName("Not available right now: " + "; ".join(lines))
        return label

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
        self._shown_reachable = None  # a fresh look: nothing to announce as changed
        self.refresh()  # what is reachable may have changed while hidden
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._shown_reachable = None
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = self.width() >= WIDE_LAYOUT_MIN_WIDTH
        self._columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

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
