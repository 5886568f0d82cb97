"""Reading the JSON tree that walker.py prints."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Node = dict[str, Any]


def nodes(tree: Node, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Node]]:
    here = (*path, f"{tree['role']} {tree['name']!r}")
    yield here, tree
    for child in tree.get("children", []):
        yield from nodes(child, here)


def nameless(tree: Node) -> list[str]:
    """Every showing interactive object (a Tab stop, a button, a field…) without a name."""
    return [
        " > ".join(path[-3:])
        for path, node in nodes(tree)
        if node["interactive"] and "showing" in node["states"] and not node["name"].strip()
    ]


def focused(tree: Node) -> list[str]:
    return [" > ".join(path[-2:]) for path, node in nodes(tree) if "focused" in node["states"]]


def find(tree: Node, role: str, name: str) -> Node | None:
    for _path, node in nodes(tree):
        if node["role"] == role and node["name"] == name:
            return node
    return None
