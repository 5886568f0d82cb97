"""Where the read-only files in `resources/` are, from a source tree or a frozen bundle."""

from __future__ import annotations

import functools
import sys
from pathlib import Path


@functools.cache  # resolve() walks the path with a system call per folder: once is enough
def resource_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, in `_MEIPASS` when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    return resource_dir() / name
