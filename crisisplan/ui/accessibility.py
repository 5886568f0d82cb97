"""What a screen reader needs that Qt does not give by itself (docs/desktop-app.md,
"Using crisisplan with a screen reader").

- `install(app)`: once per application. Enter and Space press the focused button in
  every window (Qt's main windows ignore Enter on a focused QPushButton); `Announcer`s
  report the Notification role, `TextBlock`s the Paragraph or Heading role (ListItem in
  a `TextList`, which reports the List role).
- `announce(widget, text)`: say `text` without moving focus. On Linux, Orca 43 speaks a
  Notification object when it is shown (Orca ≥ 46 also hears Qt's announcement event,
  but Orca 43 ignores it); on Windows and macOS Qt's `QAccessibleAnnouncementEvent`
  reaches Narrator, NVDA and VoiceOver. Nothing is said for an empty text, and the same
  text is said again only when asked again (a changed thing, never a timer tick).
- `possessive(name)`: "Samaritans'", "Sam's".
- `spoken(text)`: a visible text with separators such as "·" turned into pauses, for an
  accessible name that must not read "middle dot".
- `name_from_buddy(label)`: the label's text (without "&" or ":") as the accessible name
  of its buddy; `hidden_label(field, text)` a buddy label for a field that has no visible
  one: Qt on Linux exposes a combo box's current value instead of its name.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

SEPARATORS = (" · ", " • ", " — ", " – ")
_installed = False


def possessive(name: str) -> str:
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


def spoken(text: str) -> str:
    for separator in SEPARATORS:
        text = text.replace(separator, ", ")
    return text


def name_from_buddy(label: QLabel) -> None:
    buddy = label.buddy()
    if buddy is not None and not buddy.accessibleName():
        text = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        buddy.setAccessibleName(text.strip().rstrip(":").strip())


def hidden_label(field: QWidget, text: str = "") -> QLabel:
    """A label no one sees, as `field`'s buddy: Qt on Linux names a combo box after its
    current value and ignores its accessibleName, but screen readers say the label that
    a buddy relation points to ("Kind, way to reach them 1 combo box, Phone call").
    `field` must already have its parent."""
    label = QLabel(text, field.parentWidget())
    label.setBuddy(field)
    label.hide()
    return label


class Announcer(QWidget):
    """A tiny Notification object in a window; `say()` shows it with the text as name."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Announcer")
        self.setFixedSize(1, 1)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.last = ""
        self.hide()

    def say(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        self.last = text
        self.setAccessibleName(text)
        if sys.platform.startswith("linux"):
            self.hide()
            self.show()  # ObjectShow: Orca speaks "notification" and the name
            self.raise_()
        else:
            event = QAccessibleAnnouncementEvent(self, text)
            QAccessible.updateAccessibility(event)


def announcer(widget: QWidget) -> Announcer:
    """The Announcer of `widget`'s outermost window (made on first use). A dialog's
    words go through its main window: Orca would read a dialog ancestor again in full
    before the words themselves."""
    window = widget.window()
    owner = window.parentWidget()
    while owner is not None:
        window = owner.window()
        owner = window.parentWidget()
    found = window.findChild(Announcer, "Announcer", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else Announcer(window)


def announce(widget: QWidget, text: str) -> None:
    announcer(widget).say(text)


class TextBlock(QLabel):
    """A text of the page (a paragraph, or a heading with `heading=True`), not a label of
    something: screen readers read it in place, and Orca does not read it again as one of
    a panel's "unrelated labels" each time focus enters the panel. The accessible name is
    the visible text unless `setAccessibleName` gives a spoken form of it."""

    def __init__(self, text: str = "", *, heading: bool = False) -> None:
        super().__init__(text)
        self.heading = heading
        self.list_item = False


class TextList(QWidget):
    """A list of the person's words, exposed as a list: a container with the List role,
    named `name` (its heading's words), holding one TextBlock per item with the ListItem
    role. Orca says "My reasons for living list with 2 items", then each item, instead
    of one paragraph of all of them. Looks like lines of one paragraph (no spacing)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

    def add(self, item: TextBlock, spoken_name: str = "") -> None:
        """`item` shows the item (a bullet, break points…); `spoken_name` is what a
        screen reader says when it differs from the visible text."""
        item.list_item = True
        if spoken_name:
            item.setAccessibleName(spoken_name)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(item)


class _TextBlockInterface(QAccessibleWidget):
    def __init__(self, block: TextBlock) -> None:
        role = QAccessible.Role.Heading if block.heading else QAccessible.Role.Paragraph
        if block.list_item:
            role = QAccessible.Role.ListItem
        super().__init__(block, role, "")
        self._block = block

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._block.accessibleName() or self._block.text()
        return str(super().text(kind))


def _factory(key: str, obj: QObject) -> QAccessibleWidget | None:
    if isinstance(obj, Announcer):
        return QAccessibleWidget(obj, QAccessible.Role.Notification, "")
    if isinstance(obj, TextBlock):
        return _TextBlockInterface(obj)
    if isinstance(obj, TextList):
        return QAccessibleWidget(obj, QAccessible.Role.List, "")
    if isinstance(obj, QStackedWidget) and obj.objectName() == "Pages":
        # The main window's pages: a plain container, not a "layered pane" said aloud.
        return QAccessibleWidget(obj, QAccessible.Role.Client, "")
    return None


def _name_inner_parts(widget: QObject) -> None:
    """Names for the parts Qt builds inside other controls: a line edit's clear button
    ("Clear <field>") and an editable combo box's own line edit (the combo's name)."""
    parent = widget.parent()
    if isinstance(widget, QToolButton) and isinstance(parent, QLineEdit):
        if not widget.accessibleName():
            field = parent.accessibleName() or parent.placeholderText() or "the text"
            widget.setAccessibleName(f"Clear {field}")
    elif (
        isinstance(widget, QLineEdit)
        and isinstance(parent, QComboBox)
        and not widget.accessibleName()
    ):
        widget.setAccessibleName(parent.accessibleName() or "Type or choose")


class _KeyboardActivation(QObject):
    """Enter presses the focused button everywhere (dialogs already do it themselves);
    names the inner parts of line edits and combo boxes as they are shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, (QToolButton, QLineEdit)):
            _name_inner_parts(watched)
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QLineEdit)
            and not watched.text()
        ):
            assert isinstance(event, QFocusEvent)
            if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
                # Tab into an empty line edit: Qt "selects all" of nothing and reports that
                # caret move before the focus, and Orca 43 takes the caret event as the
                # focus change and says nothing. The same focus without the select-all.
                QApplication.sendEvent(
                    watched, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason)
                )
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QAbstractButton):
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            toggles = isinstance(watched, (QCheckBox, QRadioButton))
            in_dialog = isinstance(watched.window(), QDialog)
            if enter and plain and not toggles and not in_dialog and watched.hasFocus():
                if watched.isEnabled():
                    watched.animateClick()
                return True
        return False


def install(app: QApplication) -> None:
    """Once per process; safe to call again."""
    global _installed
    if _installed:
        return
    _installed = True
    QAccessible.installFactory(_factory)
    filter_ = _KeyboardActivation(app)
    app.installEventFilter(filter_)
