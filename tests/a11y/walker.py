"""Walk an application's AT-SPI tree and print it as JSON (runs with the SYSTEM Python).

    /usr/bin/python3 tests/a11y/walker.py APP_NAME

pyatspi comes from the Debian package python3-pyatspi and is not in the venv; tests run
this file with /usr/bin/python3 (see stack.py). It imports nothing from crisisplan.

Each node: role, name, description, states (showing, visible, focused, focusable,
invalid-entry, …), text (for objects with a Text interface), label (the name of what
labels it, LABELLED_BY), interactive (a role a keyboard user stops on) and children.
Only showing objects are visited: what a person can reach on the current page.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import pyatspi

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_PAGE_TAB_LIST,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_SCROLL_PANE,
    pyatspi.ROLE_TEXT,
}
STATES = {
    pyatspi.STATE_SHOWING: "showing",
    pyatspi.STATE_VISIBLE: "visible",
    pyatspi.STATE_FOCUSED: "focused",
    pyatspi.STATE_FOCUSABLE: "focusable",
    pyatspi.STATE_INVALID_ENTRY: "invalid",
    pyatspi.STATE_EDITABLE: "editable",
    pyatspi.STATE_SENSITIVE: "sensitive",
    pyatspi.STATE_ACTIVE: "active",
}
MAX_NODES = 3000


def node(obj: Any, budget: list[int]) -> dict[str, Any] | None:
    budget[0] -= 1
    if budget[0] < 0:
        return None
    try:
        state = obj.getState()
        role = obj.getRole()
        entry: dict[str, Any] = {
            "role": obj.getRoleName(),
            "name": obj.name or "",
            "description": obj.description or "",
            "states": [label for key, label in STATES.items() if state.contains(key)],
            "interactive": role in INTERACTIVE,
        }
    except Exception:  # noqa: BLE001 (an object that went away while walking)
        return None
    if role not in (pyatspi.ROLE_APPLICATION, pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG) and (
        not state.contains(pyatspi.STATE_SHOWING)
    ):
        return None
    try:
        text = obj.queryText()
        entry["text"] = text.getText(0, min(text.characterCount, 2000))
    except NotImplementedError:
        pass
    except Exception:  # noqa: BLE001
        pass
    try:
        for relation in obj.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                target = relation.getTarget(0)
                entry["label"] = target.name if target is not None else ""
    except Exception:  # noqa: BLE001
        pass
    children = []
    try:
        count = min(obj.childCount, 500)
    except Exception:  # noqa: BLE001
        count = 0
    for index in range(count):
        try:
            child = obj.getChildAtIndex(index)
        except Exception:  # noqa: BLE001
            continue
        if child is not None:
            walked = node(child, budget)
            if walked is not None:
                children.append(walked)
    entry["children"] = children
    return entry


def main(app_name: str) -> int:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name == app_name:
                print(json.dumps(node(app, [MAX_NODES])))
                return 0
        time.sleep(0.2)
    print(f"no application {app_name!r} on the AT-SPI bus", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
