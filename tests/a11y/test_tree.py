"""The accessible tree as a screen reader sees it (pyatspi over AT-SPI): every page and
dialog a keyboard reaches, walked; no interactive object may be nameless."""

from __future__ import annotations

from pathlib import Path

from tests.a11y.plans import EVENING, FIRST
from tests.a11y.stack import Stack
from tests.a11y.tree import find, focused, nameless
from tests.helpers import PASSPHRASE


def walk_clean(stack: Stack, where: str) -> dict[str, object]:
    stack.settle(0.6, timeout=5)
    tree = stack.walk()
    assert nameless(tree) == [], where
    return tree


def test_every_page_and_dialog_names_every_control(stack: Stack, vault: Path) -> None:
    stack.launch_app(vault, passphrase=PASSPHRASE)
    stack.wait_for_speech("My plan", since=0, timeout=20)
    tree = walk_clean(stack, "My plan")
    # Only the keyboard's place reports focus: not also the current tab or list item.
    assert focused(tree) == ["filler '' > push button \"I'm struggling\""], focused(tree)
    stack.key("Tab", "Tab", "Tab")  # into the first section's list, then its text field
    stack.type_text("x")  # the line edit's clear button appears
    walk_clean(stack, "My plan, typing")

    stack.key("ctrl+h")
    tree = walk_clean(stack, "I'm struggling")
    assert len(focused(tree)) == 1, focused(tree)  # one focus, on the first action
    reasons = find(tree, "list", "My reasons for living")  # a list, not one paragraph
    assert reasons is not None
    items = [(child["role"], child["name"]) for child in reasons["children"]]
    assert items == [("list item", "My niece Ada"), ("list item", "The sea in the morning")]

    mark = stack.mark()
    stack.launch_app(vault, passphrase=PASSPHRASE)  # again, focus on "I'm struggling"
    stack.wait_for_speech("My plan", since=mark, timeout=20)
    stack.settle(0.8)
    stack.key("Tab", "Right")  # the tab bar, then My people
    tree = walk_clean(stack, "My people")
    assert [path.split(" > ")[-1] for path in focused(tree)] == ["page tab 'My people'"]
    mark = stack.mark()
    stack.key("Tab", "Tab", "Tab")  # the group filter, Import, then the list of people
    stack.wait_for_speech("Support system, in priority order tree", since=mark, timeout=15)
    stack.settle(0.6)
    mark = stack.mark()
    stack.key("Down")  # Orca reads the next person's row (through the table)
    said = stack.wait_for_speech("Friend from work", since=mark, timeout=15)  # the row read
    assert "2." in said[0] and f"{EVENING}." in said and "Friend from work." in said, said
    tree = walk_clean(stack, "My people, in the list")
    # The current row's cell has the focus, not also the tree (Qt said both).
    assert [path.split(" > ")[-1] for path in focused(tree)] == ["table cell '2'"], focused(tree)
    people = find(tree, "tree", "Support system, in priority order")
    assert people is not None
    names = [child["name"] for child in people["children"]]
    assert names[:3] == ["#", "Name", "Role"] and FIRST in names and EVENING in names, names
    mark = stack.mark()
    stack.key("Tab")  # Add; the list keeps its current row (Edit, Delete, Move need it)
    stack.wait_for_speech("Add a person push button", since=mark, timeout=15)
    tree = walk_clean(stack, "My people, on Add")
    # Only Add: Qt's current cell of the list said "focused" too.
    assert [path.split(" > ")[-1] for path in focused(tree)] == ["push button 'Add a person'"], (
        focused(tree)
    )
    mark = stack.mark()
    stack.key("Return")  # Add a person
    stack.wait_for_speech("Add a person dialog", since=mark, timeout=15)
    stack.type_text("Ada")  # the name field's clear button appears
    stack.key("Tab", "Tab", "Tab", "Tab")
    stack.type_text("12")  # the number's clear button, and a problem
    walk_clean(stack, "Add a person")
    mark = stack.mark()
    stack.key("Escape")  # something was typed: it asks before throwing it away
    stack.wait_for_speech("Discard the changes to Ada?", since=mark, timeout=15)
    walk_clean(stack, "Discard the changes?")
    mark = stack.mark()
    stack.key("alt+d")
    # Back in the main window before Ctrl+P (a busy machine delivered it to the closing
    # dialog, and no print dialog came).
    stack.wait_for_speech("push button", since=mark, timeout=15)
    stack.settle(0.5)
    mark = stack.mark()
    stack.key("ctrl+p")
    stack.wait_for_speech("Print my plan", since=mark, timeout=15)
    walk_clean(stack, "Print my plan")
