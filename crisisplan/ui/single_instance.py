"""One crisisplan per person and vault: a second launch raises the first.

The first instance listens on a local socket (a Unix socket or a Windows named pipe,
never the network) named from the user and the vault path. A second launch connects,
says "raise" or "crisis", and exits; the first raises its window and, for "crisis",
opens the crisis view.

Signals (on `InstanceServer`):
    messageReceived(str): "raise" or "crisis".
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGES = frozenset({"raise", "crisis"})
TIMEOUT_MS = 1_000


def server_name(vault_path: Path) -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "user"
    key = f"{user}\n{vault_path.resolve()}".encode()
    return "crisisplan-" + hashlib.sha256(key).hexdigest()[:24]


def send_to_running(vault_path: Path, message: str) -> bool:
    """Pass `message` to a running instance; False if there is none."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(vault_path))
    if not socket.waitForConnected(TIMEOUT_MS):
        return False
    socket.write((message + "\n").encode())
    socket.flush()
    socket.waitForBytesWritten(TIMEOUT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    messageReceived = Signal(str)

    def __init__(self, vault_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self.name = server_name(vault_path)

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # A socket left behind by a crashed instance: nobody answered, so take it over.
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                continue
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            message = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            if message in MESSAGES:
                self.messageReceived.emit(message)
