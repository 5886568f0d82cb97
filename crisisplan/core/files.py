"""Reading a file the person chose, without trusting what it is.

`/dev/zero` would be read until memory runs out, a named pipe (FIFO) would block forever
waiting for a writer, and a 4 GB file would be read whole before being refused. So the
path is looked at first (`stat`, which never blocks), opened non-blocking, checked again
on the open descriptor (the path may have been swapped in between), and read only up to
the cap.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["UnreadableFile", "read_regular_file", "size_words"]


class UnreadableFile(Exception):
    """The file cannot be read as a plan or address book: one sentence saying why."""


def size_words(size: int) -> str:
    """ "1.2 MB", "20 MB", "3.4 GB": sizes as people read them (decimal units)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            value = size / scale
            return (
                f"{value:.0f} {unit}"
                if value >= 10 or value == int(value)
                else (f"{value:.1f} {unit}")
            )
    return f"{size} bytes"


def _not_a_file(path: Path, mode: int, what: str) -> UnreadableFile:
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not an ordinary file"
    return UnreadableFile(f"{path} is {kind}, not {what}; choose an ordinary file.")


def _too_big(path: Path, size: int, limit: int, what: str) -> UnreadableFile:
    return UnreadableFile(
        f"{path} is {size_words(size)}; {what} is at most {size_words(limit)}, so this is not one."
    )


def read_regular_file(path: Path, limit: int, what: str = "a plan file") -> bytes:
    """The bytes of the ordinary file at `path`, at most `limit` of them.

    Raises:
        UnreadableFile: not an ordinary file (device, FIFO, folder, socket), or over
            `limit`, with one sentence naming `what` was expected.
        OSError: it could not be opened or read (missing, no permission, …).
    """
    path = Path(path)
    info = os.stat(path)  # follows links; never blocks, unlike open() on a FIFO
    if not stat.S_ISREG(info.st_mode):
        raise _not_a_file(path, info.st_mode, what)
    if info.st_size > limit:
        raise _too_big(path, info.st_size, limit, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):  # swapped for something else since stat()
            raise _not_a_file(path, opened.st_mode, what)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise _too_big(path, total, limit, what)
        return b"".join(chunks)
    finally:
        os.close(descriptor)
