"""STYLE.md's layers, enforced: Qt only in ui/ and app.py; SQL only in storage/;
storage and secrets never import the UI; no network modules anywhere."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "crisisplan"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", SOURCES, ids=relative)
def test_qt_only_in_ui_and_app(path: Path) -> None:
    if relative(path).startswith("ui/") or relative(path) == "app.py":
        return
    qt = {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}}
    assert not qt, f"{relative(path)} imports {qt}"


@pytest.mark.parametrize("path", SOURCES, ids=relative)
def test_lower_layers_never_import_the_ui(path: Path) -> None:
    if relative(path).split("/")[0] not in {"core", "storage", "secrets", "pdf"}:
        return
    upward = {
        m for m in imported_modules(path) if m.startswith(("crisisplan.ui", "crisisplan.app"))
    }
    assert not upward, f"{relative(path)} imports {upward}"


@pytest.mark.parametrize("path", SOURCES, ids=relative)
def test_no_sql_outside_storage(path: Path) -> None:
    if relative(path).startswith("storage/"):
        return
    source = path.read_text("utf-8")
    for call in (".execute(", ".executemany(", ".executescript("):
        assert call not in source, f"{relative(path)} runs SQL ({call})"
    assert "sqlcipher3" not in imported_modules(path)


@pytest.mark.parametrize("path", SOURCES, ids=relative)
def test_no_network_modules(path: Path) -> None:
    network = {"socket", "http", "urllib.request", "requests", "httpx", "ssl", "ftplib", "smtplib"}
    found = {
        m for m in imported_modules(path) if m in network or m.split(".")[0] in network - {"urllib"}
    }
    assert not found, f"{relative(path)} imports {found}"


def test_no_import_cycles_among_ui_modules() -> None:
    """Every import counts, those under TYPE_CHECKING too: a controller takes what it needs
    (ui/controller_host.py) instead of importing the main window."""
    ui = {p.stem: p for p in (PACKAGE / "ui").glob("*.py")}
    graph = {
        name: {
            m.rsplit(".", 1)[-1] for m in imported_modules(path) if m.startswith("crisisplan.ui.")
        }
        for name, path in ui.items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for step in graph.get(start, set()) - seen:
            if step == goal or reaches(step, goal, seen | {step}):
                return True
        return False

    cycles = sorted(name for name in graph if reaches(name, name, set()))
    assert cycles == [], f"ui modules in an import cycle: {cycles}"
