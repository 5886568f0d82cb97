"""What Orca really says on the crisis path (Orca 43 over AT-SPI, speech in a text file).

Each test starts crisisplan on the module's screen-reader stack (stack.py) with the plan
from plans.py, presses real keys with xdotool and reads back what Orca said. The opening
test prints Orca's words; docs/desktop-app.md quotes them.
"""

from __future__ import annotations

from pathlib import Path

from tests.a11y.plans import EVENING, FIRST, FIRST_NUMBER
from tests.a11y.stack import Stack
from tests.a11y.tree import focused
from tests.helpers import PASSPHRASE

EMERGENCY = "Call 999"
STEADYING = "You opened this, and that was the right thing to do."
FIRST_ACTION = f"900123, {FIRST} push button"  # "Call +44 7700 900123, Sam Okafor"


def position(said: list[str], text: str) -> int:
    for index, line in enumerate(said):
        if text in line:
            return index
    raise AssertionError(f"Orca did not say {text!r}; it said: {said}")


def assert_crisis_view_opened(said: list[str]) -> None:
    """The view's name, the emergency number, the steadying line, the first reachable
    person and their first action, in this order, within the first utterances."""
    order = [
        position(said, "I'm struggling panel"),
        position(said, EMERGENCY),
        position(said, STEADYING),
        position(said, f"{FIRST}, Sister, family, reachable now"),
        position(said, f"{FIRST_ACTION}"),
    ]
    assert order == sorted(order), said
    assert order[-1] < 12, said
    assert "push button" in said[order[-1]]  # focus is on the action itself
    assert not any("middle dot" in line for line in said), said


# Before Priya Shah's hours (08:00-19:00 London): Sam's card is followed by the lines.
BEFORE_EIGHT = "@2026-11-25 06:30:00"


def open_plan(stack: Stack, vault: Path, faketime: str | None = None) -> None:
    mark = stack.mark()
    stack.launch_app(vault, passphrase=PASSPHRASE, faketime=faketime)
    # The keyboard is on "I'm struggling"; Orca may say the selected tab last (Qt reports
    # the tab selection as if it were the focus; docs/desktop-app.md, "Not done yet").
    stack.wait_for_speech("My plan", since=mark, timeout=20)
    stack.settle(1.0)


def test_opening_from_the_plan_page(stack: Stack, vault: Path) -> None:
    open_plan(stack, vault)
    mark = stack.mark()
    stack.key("ctrl+h")
    said = stack.wait_for_speech("push button", since=mark, timeout=15)
    stack.settle(0.8)
    said = stack.said_since(mark)
    print("Orca, Ctrl+H on the plan page:", said)  # quoted in docs/desktop-app.md
    assert_crisis_view_opened(said)


def test_opening_at_launch(stack: Stack, vault: Path) -> None:
    mark = stack.mark()
    stack.launch_app(vault, "--crisis", passphrase=PASSPHRASE)
    stack.wait_for_speech(FIRST_ACTION, since=mark, timeout=20)
    stack.settle(0.8)
    said = stack.said_since(mark)
    print("Orca, crisisplan --crisis:", said)
    assert "I'm struggling" in said[0]  # the window title names the page
    assert_crisis_view_opened(said)
    assert focused(stack.walk()) == [  # one object has focus: the first action
        f"panel '{FIRST}, Sister, family, reachable now' > push button "
        f"'Call {FIRST_NUMBER}, {FIRST}'"
    ]


def test_opening_from_a_dialog(stack: Stack, vault: Path) -> None:
    open_plan(stack, vault)
    mark = stack.mark()
    stack.key("ctrl+p")  # Print my plan…
    stack.wait_for_speech("dialog", since=mark, timeout=15)
    stack.settle(0.8)
    mark = stack.mark()
    stack.key("ctrl+h")
    stack.wait_for_speech(FIRST_ACTION, since=mark, timeout=15)
    stack.settle(0.8)
    assert_crisis_view_opened(stack.said_since(mark))


def test_tab_through_the_first_person_then_copy(stack: Stack, vault: Path) -> None:
    open_plan(stack, vault, faketime=BEFORE_EIGHT)  # by the wall clock, Priya came next
    mark = stack.mark()
    stack.key("ctrl+h")
    stack.wait_for_speech(FIRST_ACTION, since=mark, timeout=15)
    stack.settle(0.8)
    mark = stack.mark()
    stack.key("Tab")
    said = stack.wait_for_speech("push button", since=mark)
    assert any(f"Copy {FIRST}'s number" in line for line in said), said

    mark = stack.mark()
    stack.key("space")  # copies, and shows the number large in "Call from your phone"
    said = stack.wait_for_speech("60 seconds", since=mark)
    assert any("Copied" in line for line in said), said
    stack.settle(0.8)

    mark = stack.mark()
    stack.key("Escape")  # closes the phone panel: back on Copy
    stack.wait_for_speech("Copy", since=mark)
    stack.settle(0.5)
    mark = stack.mark()
    stack.key("Tab")  # on to the next card: its name, then its first action
    said = stack.wait_for_speech("push button", since=mark)
    assert any("Samaritans" in line and "reachable now" in line for line in said), said


def test_the_minute_refresh_keeps_focus_and_says_who_left(stack: Stack, vault: Path) -> None:
    """Started at 18:59:35 London time (time for a slow start on a busy machine): at
    19:00 Priya Shah's hours end."""
    mark = stack.mark()
    stack.launch_app(
        vault,
        "--crisis",
        passphrase=PASSPHRASE,
        faketime="@2026-11-25 18:59:35",
        tz="Europe/London",
    )
    stack.wait_for_speech(FIRST_ACTION, since=mark, timeout=20)
    stack.settle(0.5)
    mark = stack.mark()
    said = stack.wait_for_speech("no longer reachable now", since=mark, timeout=45)
    stack.settle(1.0)
    said = stack.said_since(mark)
    assert any(f"{EVENING} is no longer reachable now" in line for line in said), said
    assert not any("I'm struggling push button" in line for line in said), said  # focus kept
    mark = stack.mark()
    stack.key("Tab")  # still in Sam's card: Tab goes on to Copy, not from the top bar
    said = stack.wait_for_speech("push button", since=mark)
    assert any(f"Copy {FIRST}'s number" in line for line in said), said


def test_a_validation_message_in_the_contact_dialog(stack: Stack, vault: Path) -> None:
    open_plan(stack, vault)
    # The tab bar, My people, then Show, Import, the list, Add a person.
    mark = stack.mark()
    stack.key("Tab", "Right", "Tab", "Tab", "Tab", "Tab")
    stack.wait_for_speech("Add a person push button", since=mark)
    mark = stack.mark()
    stack.key("Return")
    stack.wait_for_speech("Add a person dialog", since=mark, timeout=15)
    stack.settle(0.8)
    stack.type_text("Ada")
    stack.key("Tab", "Tab")  # Role, Group
    mark = stack.mark()
    stack.key("Tab")  # the kind of the first way to reach them: named, not only its value
    stack.wait_for_speech("Kind, way to reach them 1 combo box", since=mark)
    mark = stack.mark()
    stack.key("Tab")  # into the empty number field: said, not silent
    stack.wait_for_speech("Number, address or link, way to reach them 1 text", since=mark)
    stack.type_text("12")
    stack.settle(0.5)
    mark = stack.mark()
    stack.key("Tab")  # leaving the field says the problem once, then the next control
    said = stack.wait_for_speech("Remove way to reach them 1 push button", since=mark)
    problem = position(said, "notification")
    assert "is not a phone number" in said[problem], said
    assert not any("dialog" in line for line in said), said  # not the whole dialog again
    mark = stack.mark()
    stack.key("shift+Tab")  # back into the field: its name, then its problem (description)
    said = stack.wait_for_speech("is not a phone number", since=mark)
    field = position(said, "Number, address or link, way to reach them 1 text")
    assert field < position(said, "is not a phone number"), said
