"""Writing files so that a crash or a full disk never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

from crisisplan.storage.leftovers import hold, remove_abandoned


def temporary_names(path: Path) -> re.Pattern[str]:
    """The hidden temporary names `write_atomically` uses for `path`."""
    return re.compile(re.escape(f".{path.name}.") + r"[0-9a-f]{12}\.tmp")


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it into
    place: on any error the old file (or no file) remains, never half a file.

    A temporary file that an earlier, killed run left for the same `path` (for an export,
    a whole plaintext copy) is removed first; one that a live process is writing is held
    (`leftovers.hold`) and left alone."""
    remove_abandoned(path.parent, temporary_names(path))
    temporary = path.with_name(f".{path.name}.{os.urandom(6).hex()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
        with os.fdopen(descriptor, "wb") as file:
            hold(file.fileno())
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
            if sys.platform != "win32":  # renamed while held: never taken for a leftover
                os.replace(temporary, path)
        if sys.platform == "win32":  # Windows renames no open file
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
