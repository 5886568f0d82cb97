"""Calm colours and large type for the crisis view, in light and dark; readable editors.

Every text/background pair of the crisis view is chosen for a contrast of at least 7:1
(WCAG AAA); `tests/ui/test_theme.py` computes each ratio. The light or dark set follows the
system's colour scheme. No colour carries meaning on its own: every state is also said in
words.

A focused button is drawn inverted (the page colour inside an action-coloured ring), so
its ring contrasts at least 3:1 with both what is inside it and the page around it: a
single ring colour cannot do that between a light page and a dark button.

The editors keep the system's palette, with three corrections (`readable_palette`):
placeholder guidance and disabled text at least 4.5:1 against their background (the
usual half-transparent grey is about 4:1, disabled text about 1.6:1), and a focus
highlight at least 3:1 against the fields and buttons it touches.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton


@dataclass(frozen=True, slots=True)
class CrisisColours:
    background: str
    surface: str  # cards
    text: str
    muted_text: str  # still ≥ 7:1 on surface and background
    action_background: str
    action_text: str
    emergency_background: str
    emergency_text: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(name, foreground, background) for every pair that carries text."""
        return [
            ("text on background", self.text, self.background),
            ("text on surface", self.text, self.surface),
            ("muted text on background", self.muted_text, self.background),
            ("muted text on surface", self.muted_text, self.surface),
            ("action text", self.action_text, self.action_background),
            ("emergency text", self.emergency_text, self.emergency_background),
        ]


LIGHT = CrisisColours(
    background="#f4f1ea",  # warm paper
    surface="#fffdf8",
    text="#1c2024",
    muted_text="#3a424c",
    action_background="#0f4c5a",  # deep teal
    action_text="#ffffff",
    emergency_background="#5c1a2b",  # deep plum: serious, not alarming
    emergency_text="#ffffff",
)

DARK = CrisisColours(
    background="#15181c",
    surface="#1e2329",
    text="#eef1f4",
    muted_text="#c4ccd6",
    action_background="#a7d8e0",
    action_text="#0a1f24",
    emergency_background="#4a1d27",  # a deep rose that does not glare at night
    emergency_text="#ffe9ec",
)


def is_dark() -> bool:
    """True when the system asks for a dark colour scheme (or the palette is dark)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    # Unknown, or "light" from a platform that reports no preference: the palette decides
    # (a dark theme set through the palette still counts as dark).
    return QGuiApplication.palette().window().color().lightness() < 128


def crisis_colours(dark: bool | None = None) -> CrisisColours:
    return DARK if (is_dark() if dark is None else dark) else LIGHT


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def crisis_stylesheet(colours: CrisisColours, base_point_size: float) -> str:
    """The crisis view's style sheet; sizes scale from the system font, never fixed pixels."""
    body = max(base_point_size * 1.3, 12.0)
    heading = body * 1.25
    steadying = body * 1.45
    names = {f.name: getattr(colours, f.name) for f in fields(colours)}
    return f"""
    #CrisisView, #CrisisView QScrollArea, #CrisisView #CrisisPage {{
        background: {names["background"]};
    }}
    #CrisisView QLabel {{ color: {names["text"]}; font-size: {body:.1f}pt; }}
    #CrisisView QLabel[role="steadying"] {{ font-size: {steadying:.1f}pt; }}
    #CrisisView QLabel[role="heading"] {{ font-size: {heading:.1f}pt; font-weight: 600; }}
    #CrisisView QLabel[role="muted"] {{ color: {names["muted_text"]}; }}
    #CrisisView QLabel[role="name"] {{ font-weight: 600; font-size: {heading:.1f}pt; }}
    #CrisisView QFrame[role="card"] {{
        background: {names["surface"]}; border: 1px solid {names["muted_text"]};
        border-radius: 6px;
    }}
    #CrisisView QPushButton {{
        background: {names["action_background"]}; color: {names["action_text"]};
        font-size: {body:.1f}pt; border: 3px solid transparent; border-radius: 6px;
        padding: 4px 12px;
    }}
    #CrisisView QPushButton:focus {{
        outline: none; background: {names["surface"]}; color: {names["action_background"]};
        border: 3px solid {names["action_background"]};
    }}
    #CrisisView QFrame#PhonePanel {{
        background: {names["surface"]}; border-bottom: 3px solid {names["action_background"]};
    }}
    #CrisisView QLabel[role="number"] {{
        font-size: {steadying * 1.4:.1f}pt; font-weight: 700; letter-spacing: 1px;
    }}
    #CrisisView QLabel[role="confirmation"] {{ font-weight: 600; }}
    #CrisisView QFrame#EmergencyBar {{ background: {names["emergency_background"]}; }}
    #CrisisView QFrame#EmergencyBar QLabel {{
        color: {names["emergency_text"]}; font-size: {heading:.1f}pt; font-weight: 600;
    }}
    #CrisisView QFrame#EmergencyBar QPushButton {{
        background: {names["emergency_text"]}; color: {names["emergency_background"]};
        font-weight: 600;
    }}
    #CrisisView QFrame#EmergencyBar QPushButton:focus {{
        background: {names["emergency_background"]}; color: {names["emergency_text"]};
        border: 3px solid {names["emergency_text"]};
    }}
    """


def crisis_button_stylesheet(colours: CrisisColours) -> str:
    """The "I'm struggling" button: the calm action colour, the same on every screen."""
    return f"""
    QPushButton#CrisisButton {{
        background: {colours.action_background}; color: {colours.action_text};
        border: 3px solid transparent; border-radius: 8px; padding: 6px 18px;
    }}
    QPushButton#CrisisButton:focus {{
        background: {colours.surface}; color: {colours.action_background};
        border: 3px solid {colours.action_background};
    }}
    """


# --- the editors: the system palette, made readable ------------------------------------

PLACEHOLDER_MIN = 4.5
DISABLED_MIN = 4.5
FOCUS_MIN = 3.0

_G = QPalette.ColorGroup
_R = QPalette.ColorRole
# (text role, the background it is read on)
_DISABLED_TEXT = (
    (_R.Text, _R.Base),
    (_R.WindowText, _R.Window),
    (_R.ButtonText, _R.Button),
    (_R.PlaceholderText, _R.Base),
)


def _hex(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


def composited(colour: QColor, background: QColor) -> str:
    """The opaque colour a (half-transparent) colour shows as over `background`."""
    alpha = colour.alphaF()
    mixed = QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )
    return _hex(mixed)


def _readable_between(text: QColor, background: QColor, minimum: float) -> QColor:
    """The softest mix of `text` into `background` that still reaches `minimum`: reads
    as secondary (placeholder, disabled) yet stays readable."""
    back = _hex(background)
    for step in range(0, 21):
        t = step / 20
        mixed = QColor.fromRgbF(
            text.redF() * t + background.redF() * (1 - t),
            text.greenF() * t + background.greenF() * (1 - t),
            text.blueF() * t + background.blueF() * (1 - t),
        )
        if contrast_ratio(_hex(mixed), back) >= minimum + 0.05:
            return mixed
    return QColor(text)


def fusion_focus_outline(highlight: QColor) -> QColor:
    """The colour the Fusion style (Qt's default on Linux) draws a focus ring in: the
    highlight 25 % darker, with its lightness capped at 160 (qfusionstyle.cpp)."""
    outline = highlight.darker(125)
    if outline.value() > 160:
        outline.setHsl(outline.hue(), outline.saturation(), 160)  # as Fusion does
    return outline


def readable_palette(palette: QPalette) -> QPalette | None:
    """`palette` with placeholder and disabled text at 4.5:1 and a focus highlight at 3:1,
    or None when it already is (so applying it twice changes nothing)."""
    result = QPalette(palette)
    changed = False
    groups = (_G.Active, _G.Inactive)
    for group in groups:
        base = palette.color(group, _R.Base)
        placeholder = palette.color(group, _R.PlaceholderText)
        if contrast_ratio(composited(placeholder, base), _hex(base)) < PLACEHOLDER_MIN:
            text = palette.color(group, _R.Text)
            result.setColor(group, _R.PlaceholderText, _readable_between(text, base, 4.5))
            changed = True
    for role, background_role in _DISABLED_TEXT:
        background = palette.color(_G.Disabled, background_role)
        colour = palette.color(_G.Disabled, role)
        if contrast_ratio(composited(colour, background), _hex(background)) < DISABLED_MIN:
            normal = palette.color(_G.Active, _R.Text if role is _R.PlaceholderText else role)
            result.setColor(_G.Disabled, role, _readable_between(normal, background, 4.5))
            changed = True
    for group in groups:
        highlight = palette.color(group, _R.Highlight)
        on = _hex(palette.color(group, _R.HighlightedText))
        touching = [_hex(palette.color(group, r)) for r in (_R.Base, _R.Button, _R.Window)]

        def stands_out(colour: QColor, on: str = on, touching: list[str] = touching) -> bool:
            """A focus ring and selection: 3:1 against its surroundings (also as the Fusion
            style draws the ring, a shade darker), its text 4.5:1."""
            rings = (_hex(colour), _hex(fusion_focus_outline(colour)))
            return (
                min(contrast_ratio(ring, c) for ring in rings for c in touching) >= FOCUS_MIN
                and contrast_ratio(on, rings[0]) >= 4.5
            )

        if stands_out(highlight):
            continue
        ink = palette.color(group, _R.Text)
        # Towards the text colour until it stands out, keeping the system's selected-text
        # colour if possible, else black or white.
        mixes = [
            QColor.fromRgbF(
                ink.redF() * t + highlight.redF() * (1 - t),
                ink.greenF() * t + highlight.greenF() * (1 - t),
                ink.blueF() * t + highlight.blueF() * (1 - t),
            )
            for t in (step / 20 for step in range(1, 21))
        ]
        fixed = next((m for m in mixes if stands_out(m)), None)
        if fixed is None:
            for mix in mixes:
                ring = _hex(mix)
                best = "#000000" if contrast_ratio("#000000", ring) >= 4.5 else "#ffffff"
                if stands_out(mix, best):
                    fixed, on = mix, best
                    break
            else:
                fixed = mixes[-1]
        result.setColor(group, _R.Highlight, fixed)
        result.setColor(group, _R.HighlightedText, QColor(on))
        changed = True
    return result if changed else None


def apply_readable_palette() -> None:
    """Make the application palette readable (idempotent: safe on every palette change)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    readable = readable_palette(QGuiApplication.palette())
    if readable is not None:
        QGuiApplication.setPalette(readable)


# --- a disabled action says why ------------------------------------------------------------


def enable_or_say_why(button: QAbstractButton, why_not: str) -> None:
    """Enable `button`, or disable it with the reason in its tooltip and its accessible
    description (what a pointer hover and a screen reader give), never a silent grey."""
    ready_tip = button.property("readyToolTip")
    if ready_tip is None:
        ready_tip = button.toolTip()
        button.setProperty("readyToolTip", ready_tip)
    button.setEnabled(not why_not)
    button.setToolTip(f"{why_not} ({ready_tip})" if why_not and ready_tip else why_not or ready_tip)
    button.setAccessibleDescription(why_not)


def move_buttons_why_not(row: int, count: int, what: str) -> tuple[str, str, str]:
    """Why Edit/Delete, Move up and Move down are unavailable for the selected `row` of
    `count` ("" when available); `what` is "someone" or "an item"."""
    if row < 0:
        choose = f"Choose {what} in the list first."
        return choose, choose, choose
    top = "Already at the top of the list." if row == 0 else ""
    bottom = "Already at the bottom of the list." if row >= count - 1 else ""
    return "", top, bottom
