""" "Call from your phone": what a Call or Text button does on a computer that cannot call.

Most desktops have no phone. `QDesktopServices.openUrl("tel:…")` returns False when no
program handles the link, and on Linux `xdg-open` "succeeds" even when nothing is set up
for `tel:`, so a Call button would do nothing at all. `open_phone_link` asks the system
first; when it cannot call (or text), the crisis view shows this panel in place instead:
the number in large type grouped for reading aloud, a QR code that a phone's camera opens
straight in its dialler (`tel:`) or messages app (`SMSTO:number:message`), "Copy number"
and "Copy message", and a confirmation of each copy in words, on screen and to a screen
reader.

Everything the panel shows is derived from the link the crisis view would have opened, so
there is exactly one place that turns a stored number into what a phone dials
(`crisisplan.core.actions`); the panel and the QR code follow it.

Signals (PhonePanel):
    closed(): the person closed the panel (focus goes back to where they were).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from urllib.parse import unquote

import shiboken6
from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crisisplan.ui import accessibility
from crisisplan.ui.clipboard import ConcealedClipboard

PHONE_SCHEMES = frozenset({"tel", "sms"})
QR_QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
# Logical pixels per module: a short tel: code is then about 3.5 cm across on a typical
# screen, which a phone camera reads from half a metre, and the panel stays short enough
# for a 1366×768 screen at 200 %.
QR_MODULE_PX = 4


# --- the link, the QR code and the words ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhoneTarget:
    """A number to call or text from a phone, derived from the crisis view's link.

    Attributes:
        uri: the `tel:` or `sms:` link the view tried to open.
        who: whom the number reaches ("Sam Okafor", "the emergency number").
        number: the number as it reads (what "Copy number" copies).
        then: what the link cannot carry ("then extension 123"), from `core/dialling`.
    """

    uri: str
    who: str
    number: str
    then: str = ""

    @property
    def is_text(self) -> bool:
        return self.uri.lower().startswith("sms:")

    @property
    def dialled(self) -> str:
        """What the phone dials: the link's target without parameters ("+447700900123")."""
        target = self.uri.split(":", 1)[1]
        return target.split("?", 1)[0].split(";", 1)[0]

    @property
    def message(self) -> str:
        """The ready message a text carries (empty for calls)."""
        if not self.is_text or "?" not in self.uri:
            return ""
        for pair in self.uri.split("?", 1)[1].split("&"):
            name, _, value = pair.partition("=")
            if name.lower() == "body":
                return unquote(value)
        return ""

    @property
    def extension(self) -> str:
        """An extension the link carries (`;ext=123`), which a QR dialler may drop."""
        for parameter in self.uri.split("?", 1)[0].split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.lower() == "ext":
                return value
        return ""

    @property
    def qr_payload(self) -> str:
        """What the QR code holds: the `tel:` link itself for a call, and for a text the
        `SMSTO:number:message` form that phone cameras open in the messages app."""
        if self.is_text:
            return f"SMSTO:{self.dialled}:{self.message}"
        return self.uri


def grouped_for_reading(number: str) -> str:
    """The number in groups a person can read aloud and type: as written when the person
    grouped it ("+44 7700 900123"), else in threes and fours ("116 123", "0800 123 456")."""
    written = " ".join(number.replace("-", " ").replace(".", " ").split())
    if " " in written or len(written) <= 4:
        return written
    plus = "+" if written.startswith("+") else ""
    digits = written.removeprefix("+")
    groups: list[str] = []
    while len(digits) > 4:
        groups.append(digits[:3])
        digits = digits[3:]
    groups.append(digits)
    return plus + " ".join(groups)


def spoken_number(number: str) -> str:
    """The number as a screen reader should say it: digit by digit, a pause per group
    ("plus 4 4, 7 7 0 0, 9 0 0 1 2 3"), never "seven thousand seven hundred"."""
    groups = grouped_for_reading(number).split(" ")
    words = []
    for group in groups:
        spelled = " ".join("plus" if ch == "+" else ch for ch in group)
        words.append(spelled)
    return ", ".join(words)


def copied_sentence(clipboard: ConcealedClipboard) -> str:
    seconds = max(1, round(clipboard.timeout_ms / 1000))
    return f"Copied. It clears from the clipboard in {seconds} seconds."


# --- can this computer call? ----------------------------------------------------------------


def system_can_open(scheme: str) -> bool:
    """Whether some program on this computer says it handles `scheme:` links.

    Linux: `xdg-mime` names a default handler (xdg-open "succeeds" without one). Windows:
    the scheme is registered as a URL protocol. macOS: FaceTime and Messages always are.
    """
    if sys.platform == "darwin":
        return True
    if sys.platform == "win32":
        from PySide6.QtCore import QSettings

        key = QSettings(f"HKEY_CLASSES_ROOT\\{scheme}", QSettings.Format.NativeFormat)
        return key.contains("URL Protocol")
    import shutil  # here, not at import: only a click on Call or Text needs them
    import subprocess

    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None:
        return False
    try:
        answer = subprocess.run(  # a local helper, no shell, short timeout
            [xdg_mime, "query", "default", f"x-scheme-handler/{scheme}"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return answer.returncode == 0 and bool(answer.stdout.strip())


def open_phone_link(url: QUrl) -> bool:
    """Open a link with the system; for `tel:`/`sms:` only when something handles them.

    Returns False when the link was not opened, so the caller can offer the phone panel.
    """
    if url.scheme().lower() in PHONE_SCHEMES and not system_can_open(url.scheme().lower()):
        return False
    return QDesktopServices.openUrl(url)


# --- widgets ----------------------------------------------------------------------------


class QrCode(QWidget):
    """A QR code drawn from its module matrix: crisp at any scale, dark on white in light
    and dark mode alike (phone cameras read inverted codes badly)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[bool]] = []
        self.payload = ""
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_payload(self, payload: str) -> None:
        import segno  # on first use: the crisis path starts without it

        self.payload = payload
        code = segno.make_qr(payload, error="m")
        self._rows = [[bool(module) for module in row] for row in code.matrix]
        self.setFixedSize(self.sizeHint())
        self.update()

    def clear(self) -> None:
        self.payload = ""
        self._rows = []
        self.update()

    def sizeHint(self) -> QSize:
        side = (len(self._rows) + 2 * QR_QUIET_ZONE) * QR_MODULE_PX
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        dark = QColor("#000000")
        offset = QR_QUIET_ZONE * QR_MODULE_PX
        for y, row in enumerate(self._rows):
            for x, module in enumerate(row):
                if module:
                    painter.fillRect(
                        offset + x * QR_MODULE_PX,
                        offset + y * QR_MODULE_PX,
                        QR_MODULE_PX,
                        QR_MODULE_PX,
                        dark,
                    )
        painter.end()


class _WrappedLabel(QLabel):
    """A wrapped label that asks for the height its text needs at its width: box layouts
    nested beside the QR code under-report it, and the second line was cut in half."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def _label(text: str = "", role: str = "") -> QLabel:
    label = _WrappedLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the person's words, never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say `text` now (politely, after what it is saying); Orca 43
    ignores Qt's announcement event, so this goes through ui/accessibility.py."""
    accessibility.announce(widget, text)


class PhonePanel(QFrame):
    """The "Call from your phone" panel, shown in place by the crisis view."""

    closed = Signal()

    def __init__(self, clipboard: ConcealedClipboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PhonePanel")
        self._clipboard = clipboard
        self._return_focus: QWidget | None = None
        self.target: PhoneTarget | None = None

        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(16)
        self.qr = QrCode()
        outer.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)

        column = QVBoxLayout()
        column.setSpacing(6)
        self.heading = _label(role="heading")
        self.explanation = _label(role="muted")
        self.number = _label(role="number")
        self.number.setObjectName("PhoneNumber")
        self.extension = _label(role="muted")
        self.message = _label()
        for label in (self.heading, self.explanation, self.number, self.extension, self.message):
            column.addWidget(label)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.copy_number_button = QPushButton("Copy number")
        self.copy_number_button.clicked.connect(self.copy_number)
        self.copy_message_button = QPushButton("Copy message")
        self.copy_message_button.clicked.connect(self.copy_message)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.close_panel)
        for button in (self.copy_number_button, self.copy_message_button, self.close_button):
            button.setAccessibleName(button.text())  # made precise in show_for()
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.confirmation = _label(role="confirmation")
        self.confirmation.setAccessibleName("")
        column.addWidget(self.confirmation)
        column.addStretch(1)
        outer.addLayout(column, 1)
        self.hide()

    def show_for(self, target: PhoneTarget, *, return_focus: QWidget | None = None) -> None:
        """Show the panel for `target`; focus its first button and say what it is."""
        self.target = target
        self._return_focus = return_focus
        shown = grouped_for_reading(target.number or target.dialled)
        verb = "Text" if target.is_text else "Call"
        self.heading.setText(f"{verb} from your phone")
        if target.is_text:
            self.explanation.setText(
                f"This computer cannot send texts. To text {target.who}, scan the code with "
                "your phone's camera: it opens a text with your message. Or type it:"
            )
        else:
            self.explanation.setText(
                f"This computer cannot make calls. To call {target.who}, scan the code with "
                "your phone's camera, or dial:"
            )
        self.number.setText(shown)
        self.number.setAccessibleName(f"Number: {spoken_number(shown)}")
        then = target.then or (f"then extension {target.extension}" if target.extension else "")
        self.extension.setText(then)
        self.extension.setVisible(bool(then))
        self.message.setText(f"Message: {target.message}" if target.message else "")
        self.message.setVisible(bool(target.message))
        self.copy_number_button.setAccessibleName(f"Copy the number, {spoken_number(shown)}")
        self.copy_message_button.setVisible(bool(target.message))
        self.copy_message_button.setAccessibleName("Copy the message")
        self.close_button.setAccessibleName(f"Close {verb.lower()} from your phone")
        self.confirmation.setText("")
        self.confirmation.hide()  # no empty line until there is something to confirm
        self.qr.set_payload(target.qr_payload)
        self.qr.setAccessibleName(
            f"QR code: point your phone's camera here to {verb.lower()} {target.who}"
        )
        self.setAccessibleName(f"{verb} {target.who} from your phone")
        self.show()
        self._fit_height()
        self.copy_number_button.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(self, f"{self.heading.text()}. {self.explanation.text()} {spoken_number(shown)}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Never squeeze the wrapped words: a box layout given less height than its
        height-for-width clips them (the crisis view's outer layout does, when short)."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > 0 and needed != self.minimumHeight():
                self.setMinimumHeight(needed)

    def copy_number(self) -> None:
        if self.target is not None:
            self._clipboard.copy(self.target.number or self.target.dialled)
            self._confirm()

    def copy_message(self) -> None:
        if self.target is not None and self.target.message:
            self._clipboard.copy(self.target.message)
            self._confirm()

    def close_panel(self) -> None:
        """Close, and put keyboard focus back on the button that opened the panel (if a
        refresh has not replaced it since)."""
        back_to = self._return_focus
        self.reset()
        if back_to is not None and shiboken6.isValid(back_to) and back_to.isVisible():
            back_to.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    def reset(self) -> None:
        """Hide and forget the number (on lock, nothing personal stays in a widget)."""
        self.hide()
        self.target = None
        self._return_focus = None
        for label in (self.number, self.message, self.explanation, self.confirmation):
            label.setText("")
        self.qr.clear()

    def _confirm(self) -> None:
        sentence = copied_sentence(self._clipboard)
        self.confirmation.setText(sentence)
        self.confirmation.show()
        announce(self.confirmation, sentence)
