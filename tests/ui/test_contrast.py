"""Contrast outside the crisis view, computed from the palettes and style sheets the app
really uses: text at least 4.5:1 in the editors (placeholder guidance and disabled text
included), focus rings at least 3:1 against what they touch, light and dark."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from crisisplan.ui.main_window import MainWindow
from crisisplan.ui.session import Session
from crisisplan.ui.support_editor import SupportSystemEditor
from crisisplan.ui.theme import (
    DARK,
    LIGHT,
    CrisisColours,
    composited,
    contrast_ratio,
    crisis_button_stylesheet,
    crisis_stylesheet,
    fusion_focus_outline,
    readable_palette,
)

G = QPalette.ColorGroup
R = QPalette.ColorRole


def rules(stylesheet: str) -> dict[str, dict[str, str]]:
    """selector → {property: value} of a Qt style sheet (enough of CSS for ours)."""
    result: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", stylesheet):
        props = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                props[name.strip()] = value.strip()
        for selector in selectors.split(","):
            result.setdefault(" ".join(selector.split()), {}).update(props)
    return result


def ring(props: dict[str, str]) -> str:
    match = re.search(r"#[0-9a-fA-F]{6}", props["border"])
    assert match, props
    return match.group(0)


def light_system_palette() -> QPalette:
    """Qt's own light palette (Fusion on Linux), as the system gives it before we correct it:
    a half-transparent black placeholder and #bebebe disabled text."""
    palette = QPalette()
    for role, colour in (
        (R.Window, "#efefef"),
        (R.WindowText, "#000000"),
        (R.Base, "#ffffff"),
        (R.Text, "#000000"),
        (R.Button, "#efefef"),
        (R.ButtonText, "#000000"),
        (R.Highlight, "#308cc6"),
        (R.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(R.PlaceholderText, QColor(0, 0, 0, 128))
    for role in (R.Text, R.WindowText, R.ButtonText):
        palette.setColor(G.Disabled, role, QColor("#bebebe"))
    for role in (R.Base, R.Window, R.Button):
        palette.setColor(G.Disabled, role, QColor("#efefef"))
    return palette


def dark_system_palette() -> QPalette:
    """A dark desktop palette as Qt gets it from a dark theme (Fusion's dark colours),
    with the same half-transparent placeholder and grey disabled text."""
    palette = QPalette()
    for role, colour in (
        (R.Window, "#323232"),
        (R.WindowText, "#f0f0f0"),
        (R.Base, "#1e1e1e"),
        (R.Text, "#f0f0f0"),
        (R.Button, "#3c3c3c"),
        (R.ButtonText, "#f0f0f0"),
        (R.Highlight, "#2a5a8c"),
        (R.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(R.PlaceholderText, QColor(240, 240, 240, 110))
    for role in (R.Text, R.WindowText, R.ButtonText):
        palette.setColor(G.Disabled, role, QColor("#6e6e6e"))
    palette.setColor(G.Disabled, R.Base, QColor("#1e1e1e"))
    palette.setColor(G.Disabled, R.Window, QColor("#323232"))
    palette.setColor(G.Disabled, R.Button, QColor("#3c3c3c"))
    return palette


def check_palette(palette: QPalette) -> None:
    def hex_(group: QPalette.ColorGroup, role: QPalette.ColorRole) -> str:
        return palette.color(group, role).name()

    for group in (G.Active, G.Inactive):
        base = palette.color(group, R.Base)
        placeholder = composited(palette.color(group, R.PlaceholderText), base)
        assert contrast_ratio(placeholder, base.name()) >= 4.5, "placeholder text"
        ring = fusion_focus_outline(palette.color(group, R.Highlight)).name()
        for touching in (R.Base, R.Button, R.Window):
            ratio = contrast_ratio(hex_(group, R.Highlight), hex_(group, touching))
            assert ratio >= 3.0, f"focus highlight on {touching.name}: {ratio:.2f}"
            ratio = contrast_ratio(ring, hex_(group, touching))
            assert ratio >= 3.0, f"Fusion's focus ring on {touching.name}: {ratio:.2f}"
        assert contrast_ratio(hex_(group, R.HighlightedText), hex_(group, R.Highlight)) >= 4.5
    for role, background in (
        (R.Text, R.Base),
        (R.WindowText, R.Window),
        (R.ButtonText, R.Button),
        (R.PlaceholderText, R.Base),
    ):
        back = palette.color(G.Disabled, background)
        text = composited(palette.color(G.Disabled, role), back)
        ratio = contrast_ratio(text, back.name())
        assert ratio >= 4.5, f"disabled {role.name} on {background.name}: {ratio:.2f}"


def test_the_system_palettes_fail_and_the_readable_ones_pass(qapp: QApplication) -> None:
    for system in (light_system_palette(), dark_system_palette()):
        with pytest.raises(AssertionError):
            check_palette(system)
        fixed = readable_palette(system)
        assert fixed is not None
        check_palette(fixed)
        assert readable_palette(fixed) is None  # applying twice changes nothing


def test_the_main_window_makes_the_application_palette_readable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(tmp_path / "new.vault")
    qtbot.addWidget(window)
    window.show()
    QApplication.processEvents()  # the palette reaches existing widgets by an event
    check_palette(QGuiApplication.palette())
    # "Create my plan", disabled, is readable and says what it is waiting for.
    page = window.first_run
    button = page.create_button
    assert not button.isEnabled()
    palette = button.palette()
    back = palette.color(G.Disabled, R.Button)
    text = composited(palette.color(G.Disabled, R.ButtonText), back)
    assert contrast_ratio(text, back.name()) >= 4.5
    # Said where it can be seen, to a pointer and to a screen reader.
    assert page.message.isVisible() and page.message.text() == "Choose a passphrase first."
    assert button.toolTip() == button.accessibleDescription() == page.message.text()
    page.passphrase.setText("blue kettle morning river")
    assert button.toolTip() == "Type the same passphrase twice first."
    page.confirm.setText("blue kettle morning river")
    if button.isEnabled():
        assert button.toolTip() == "" and page.message.text() == ""
    else:  # the locale named no region: that is what it waits for now
        assert page.message.text() == button.toolTip() != ""
    window.close()


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_crisis_view_focus_rings_stand_out_from_what_they_touch(colours: CrisisColours) -> None:
    sheet = rules(crisis_stylesheet(colours, 10.0))
    focus = sheet["#CrisisView QPushButton:focus"]
    fill = focus["background"]
    for touching in (fill, colours.background, colours.surface):  # inside; page; card/panel
        assert contrast_ratio(ring(focus), touching) >= 3.0, touching
    assert contrast_ratio(focus["color"], fill) >= 7.0  # the label stays AAA while focused

    emergency = sheet["#CrisisView QFrame#EmergencyBar QPushButton:focus"]
    for touching in (emergency["background"], colours.emergency_background):
        assert contrast_ratio(ring(emergency), touching) >= 3.0
    assert contrast_ratio(emergency["color"], emergency["background"]) >= 7.0


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_the_crisis_button_focus_ring_stands_out(
    qapp: QApplication, colours: CrisisColours
) -> None:
    sheet = rules(crisis_button_stylesheet(colours))
    focus = sheet["QPushButton#CrisisButton:focus"]
    window = (QGuiApplication.palette() if colours is LIGHT else dark_system_palette()).color(
        R.Window
    )
    for touching in (focus["background"], window.name()):
        assert contrast_ratio(ring(focus), touching) >= 3.0, touching
    assert contrast_ratio(focus["color"], focus["background"]) >= 4.5


def test_disabled_editor_buttons_say_why(qtbot: QtBot, session: Session) -> None:
    editor = SupportSystemEditor(session)
    qtbot.addWidget(editor)
    for button in (editor.edit_button, editor.delete_button, editor.up_button):
        assert not button.isEnabled()
        assert button.toolTip().startswith("Choose someone in the list first.")
        assert button.accessibleDescription() == "Choose someone in the list first."
    editor.view.setCurrentIndex(editor.model.index(0, 0))
    assert editor.edit_button.isEnabled()
    assert editor.edit_button.toolTip() == "Edit (Enter or double-click)"
    assert not editor.up_button.isEnabled()
    assert editor.up_button.toolTip().startswith("Already at the top of the list.")
    assert editor.down_button.isEnabled() and not editor.down_button.accessibleDescription()
