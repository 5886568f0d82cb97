"""Calm colours and large type for the crisis view, in light and dark.

Every text/background pair is chosen for a contrast of at least 7:1 (WCAG AAA);
`tests/ui/test_theme.py` computes each ratio. The light or dark set follows the system's
colour scheme. No colour carries meaning on its own: every state is also said in words.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


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
    focus: str

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
    focus="#b35c00",
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
    focus="#ffb454",
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
    #CrisisView QPushButton:focus {{ outline: none; border: 3px solid {names["focus"]}; }}
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
    """


def crisis_button_stylesheet(colours: CrisisColours) -> str:
    """The "I'm struggling" button: the calm action colour, the same on every screen."""
    return f"""
    QPushButton#CrisisButton {{
        background: {colours.action_background}; color: {colours.action_text};
        border: 3px solid transparent; border-radius: 8px; padding: 6px 18px;
    }}
    QPushButton#CrisisButton:focus {{ border: 3px solid {colours.focus}; }}
    """
