"""One crisisplan per person and vault: a second launch raises the first.

The first instance listens on a local socket (a Unix socket or a Windows named pipe,
never the network). A second launch connects, says "raise" or "crisis", waits up to a
second for "ok", and exits; the first raises its window and, for "crisis", opens the
crisis view.

Nobody else may stand in for the first instance (docs/security.md, "One window per
vault"): on Linux and macOS the socket is a full path inside a folder only the person can
enter — `$XDG_RUNTIME_DIR/crisisplan/` (Linux), else `<temp folder>/crisisplan-<uid>/`
(the per-user `$TMPDIR` on macOS) — created 0700 and checked for owner, mode and "not a
symlink" before each use. Each end checks the other's user id (SO_PEERCRED on Linux,
getpeereid elsewhere) and ignores a stranger. When no folder can be trusted, or the
running instance does not answer within a second, the new launch simply opens its own
window: the crisis view never depends on another process answering.

Signals (on `InstanceServer`):
    messageReceived(str): "raise" or "crisis".
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGES = frozenset({"raise", "crisis"})
ANSWER = b"ok\n"
TIMEOUT_MS = 1_000
# sun_path is 108 bytes on Linux, 104 on macOS and the BSDs (with its final NUL).
MAX_SOCKET_PATH = 104
_SOL_SOCKET, _SO_PEERCRED = 1, 17  # Linux (x86-64, arm64)


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)
    return int(getuid()) if getuid is not None else None


def _key(vault_path: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    return hashlib.sha256(f"{user}\n{vault_path.resolve()}".encode()).hexdigest()[:24]


def _trusted_folder(folder: Path, uid: int) -> bool:
    """A real folder (not a symlink) owned by `uid` that nobody else can enter or write."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == uid and not info.st_mode & 0o077


def _private_folder(folder: Path, uid: int) -> Path | None:
    """`folder`, created 0700 if missing; None unless it is ours and private."""
    with contextlib.suppress(FileExistsError, OSError):
        os.mkdir(folder, 0o700)
    return folder if _trusted_folder(folder, uid) else None


def _folders(uid: int) -> Iterator[Path]:
    """The private folders to try, best first (each made 0700 if missing, and checked)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute() and _trusted_folder(Path(runtime), uid):
        found = _private_folder(Path(runtime) / "crisisplan", uid)
        if found is not None:
            yield found
    found = _private_folder(Path(tempfile.gettempdir()) / f"crisisplan-{uid}", uid)
    if found is not None:
        yield found


def socket_folder() -> Path | None:
    """The private folder for the instance socket, or None when none can be trusted (then
    there is no single instance: every launch opens its own window)."""
    uid = _uid()
    if uid is None:  # Windows: named pipes, see server_name
        return None
    return next(_folders(uid), None)


def server_name(vault_path: Path) -> str | None:
    """What QLocalServer listens on: a full socket path in a private folder (None when
    there is none, or no path fits a Unix socket's limit); on Windows a pipe name (the
    pipe is the user's only, `UserAccessOption`)."""
    if sys.platform == "win32":
        return "crisisplan-" + _key(vault_path)
    uid = _uid()
    if uid is None:
        return None
    for folder in _folders(uid):  # a $XDG_RUNTIME_DIR too deep: the temp folder's
        path = str(folder / f"{_key(vault_path)}.sock")
        if len(os.fsencode(path)) < MAX_SOCKET_PATH:
            return path
    return None


def peer_uid(descriptor: int) -> int | None:
    """The user id of the process at the other end of a connected Unix socket; None if
    it cannot be told (then the 0700 folder is the protection)."""
    if descriptor < 0 or _uid() is None:
        return None
    try:
        if sys.platform.startswith("linux"):
            return _so_peercred(descriptor)
        return _getpeereid(descriptor)
    except (OSError, AttributeError):
        return None


def _so_peercred(descriptor: int) -> int | None:
    """Linux: getsockopt(SOL_SOCKET, SO_PEERCRED) gives struct ucred {pid, uid, gid}
    (through ctypes: the socket module is kept out of crisisplan, tests/test_layers.py)."""
    import ctypes

    class Ucred(ctypes.Structure):
        _fields_ = [("pid", ctypes.c_int32), ("uid", ctypes.c_uint32), ("gid", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    credentials = Ucred()
    size = ctypes.c_uint32(ctypes.sizeof(credentials))
    if libc.getsockopt(
        descriptor, _SOL_SOCKET, _SO_PEERCRED, ctypes.byref(credentials), ctypes.byref(size)
    ):
        return None
    return int(credentials.uid)


def _getpeereid(descriptor: int) -> int | None:
    """macOS and the BSDs: getpeereid(2), through ctypes."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return None
    libc = ctypes.CDLL(name, use_errno=True)
    if not hasattr(libc, "getpeereid"):
        return None
    uid, gid = ctypes.c_uint32(), ctypes.c_uint32()
    if libc.getpeereid(descriptor, ctypes.byref(uid), ctypes.byref(gid)) != 0:
        return None
    return int(uid.value)


def _stranger(socket: QLocalSocket) -> bool:
    """Whether the peer is known to be another user."""
    uid = _uid()
    if uid is None:
        return False
    peer = peer_uid(int(socket.socketDescriptor()))
    return peer is not None and peer != uid


def _socket_is_ours(name: str) -> bool:
    """A Unix socket file owned by this user (not a symlink, not another file)."""
    uid = _uid()
    if uid is None:
        return True
    try:
        info = os.lstat(name)
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == uid


def send_to_running(vault_path: Path, message: str) -> bool:
    """Pass `message` to a running instance of this person; True only if it answered
    "ok" within a second. False if there is none, it cannot be trusted, or it is silent.

    Runs a local event loop for at most `TIMEOUT_MS` (rather than Qt's blocking waitFor…
    calls, which keep Python's other threads waiting all that time)."""
    name = server_name(vault_path)
    if name is None or (sys.platform != "win32" and not _socket_is_ours(name)):
        return False
    socket = QLocalSocket()
    loop = QEventLoop()
    answer = bytearray()
    answered = False

    def connected() -> None:
        if _stranger(socket):  # another user's instance: tell it nothing
            loop.quit()
            return
        socket.write((message + "\n").encode())
        socket.flush()

    def read() -> None:
        nonlocal answered
        answer.extend(bytes(socket.readAll().data()))
        if answer.endswith(b"\n") or len(answer) >= len(ANSWER):
            answered = bytes(answer) == ANSWER
            loop.quit()

    socket.connected.connect(connected)
    socket.readyRead.connect(read)
    socket.errorOccurred.connect(lambda _error: loop.quit())
    socket.disconnected.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(TIMEOUT_MS)  # one second in all: a hung or hostile peer cannot hold us
    socket.connectToServer(name)
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        loop.exec()
    timer.stop()
    socket.abort()
    socket.deleteLater()
    return answered


class InstanceServer(QObject):
    messageReceived = Signal(str)

    def __init__(self, vault_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self.name = server_name(vault_path)

    def listen(self) -> bool:
        """Listen in the private folder; False (and no server) when there is none."""
        if self.name is None:
            return False
        if self._server.listen(self.name):
            return True
        # A socket left behind by a crashed (or hung) instance of ours: nobody answered,
        # so take it over. Only in our own private folder.
        if sys.platform != "win32" and not _socket_is_ours(self.name):
            return False
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                continue
            socket.disconnected.connect(socket.deleteLater)
            if _stranger(socket):  # another user: never acted on
                socket.abort()
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            message = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            if message in MESSAGES:
                socket.write(ANSWER)
                socket.flush()
                self.messageReceived.emit(message)
