"""Hidden temporary files that a killed process left behind, found and removed by the
next run of the same command.

A file is being written by a live process as long as that process holds an exclusive
`flock` on it (`hold`); a leftover nobody holds was left by a process that is gone, and
is removed (`remove_abandoned`). Where there is no `flock` (Windows), a leftover older
than `STALE_SECONDS` is taken as abandoned.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from pathlib import Path

STALE_SECONDS = 600


def hold(descriptor: int) -> None:
    """Mark the open file as in use by this process until the descriptor is closed."""
    try:
        import fcntl
    except ImportError:  # Windows: age decides
        return
    with contextlib.suppress(OSError):
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def leftovers(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Every file in `folder` whose name matches `pattern` (not following symlinks)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    return sorted(e for e in entries if pattern.fullmatch(e.name) and not e.is_symlink())


def abandoned(path: Path) -> bool:
    """Whether no live process holds the temporary file `path`."""
    try:
        import fcntl
    except ImportError:
        try:
            return path.stat().st_mtime < time.time() - STALE_SECONDS
        except OSError:
            return False
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: being written right now
    finally:
        os.close(descriptor)
    return True


def remove_abandoned(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Remove the leftovers in `folder` that nobody holds; returns what was removed."""
    removed = []
    for path in leftovers(folder, pattern):
        if abandoned(path):
            with contextlib.suppress(OSError):  # gone meanwhile, or a read-only folder
                path.unlink()
                removed.append(path)
    return removed
