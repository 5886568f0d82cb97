"""Nobody else can stop "I'm struggling" from opening (issue 11, item 1).

Another account could create the instance socket first when it sat in /tmp under a
name anyone can compute; `crisisplan --crisis` then sent "crisis" to it and exited with
no window. The socket now lives in a private folder, peers are checked, and a launch that
gets no trusted answer within a second opens its own window.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from crisisplan.storage import Vault
from crisisplan.ui import single_instance
from crisisplan.ui.single_instance import InstanceServer, send_to_running, server_name
from tests.helpers import PASSPHRASE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")


class Hostile:
    """A socket someone else created where crisisplan might look: accepts, records what it
    is told, and answers "ok" as the real instance would."""

    def __init__(self, path: Path, *, answer: bool = True) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.received: list[bytes] = []
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(5)
        self._server.settimeout(0.2)
        self._answer = answer
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                peer, _ = self._server.accept()
            except OSError:
                continue
            with peer:
                peer.settimeout(3)
                try:
                    data = peer.recv(100)
                    self.received.append(data)
                    if self._answer:
                        peer.sendall(b"ok\n")
                    else:
                        self._stop.wait(3)  # says nothing, holds the line
                except OSError:
                    pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._server.close()


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    return path


@pytest.fixture
def temp_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A /tmp of the test's own (Qt and tempfile both follow TMPDIR)."""
    folder = Path(tempfile.mkdtemp(prefix="cp-tmp-"))  # short: a Unix socket path's limit
    folder.chmod(0o1777)
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def old_name(vault: Path) -> str:
    """The name today's main used: /tmp/crisisplan-<sha256(user, vault)[:24]>."""
    return "crisisplan-" + single_instance._key(vault)


@pytest.fixture
def hostiles() -> Iterator[list[Hostile]]:
    made: list[Hostile] = []
    yield made
    for hostile in made:
        hostile.close()


def test_a_socket_at_the_old_tmp_name_is_never_told_anything(
    vault: Path, temp_dir: Path, hostiles: list[Hostile]
) -> None:
    hostiles.append(Hostile(temp_dir / old_name(vault)))
    assert not send_to_running(vault, "crisis")
    assert hostiles[0].received == []
    name = server_name(vault)
    assert name is not None and name.startswith(os.environ["XDG_RUNTIME_DIR"])


def test_the_socket_folder_is_private_and_checked(
    tmp_path: Path, temp_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = Path(os.environ["XDG_RUNTIME_DIR"])
    folder = single_instance.socket_folder()
    assert folder == runtime / "crisisplan"
    assert folder is not None and folder.stat().st_mode & 0o777 == 0o700
    # A folder others can write to is not used: the private fallback in the temp folder.
    folder.chmod(0o777)
    fallback = temp_dir / f"crisisplan-{os.getuid()}"
    assert single_instance.socket_folder() == fallback
    assert fallback.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o700)
    runtime.chmod(0o755)  # $XDG_RUNTIME_DIR itself is not private
    assert single_instance.socket_folder() == fallback
    runtime.chmod(0o700)
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert single_instance.socket_folder() == fallback
    # The fallback made by someone else first (or a symlink to elsewhere): no folder at all.
    fallback.rmdir()
    fallback.symlink_to(runtime)
    assert single_instance.socket_folder() is None
    fallback.unlink()
    fallback.mkdir(mode=0o700)
    if os.getuid() == 0:
        os.chown(fallback, 65534, 65534)
        assert single_instance.socket_folder() is None


def test_a_runtime_folder_too_deep_for_a_socket_path_gives_way(
    vault: Path, temp_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = tmp_path / ("d" * 100)
    deep.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    name = server_name(vault)
    assert name is not None and name.startswith(str(temp_dir / f"crisisplan-{os.getuid()}"))


def test_without_a_trusted_folder_there_is_no_server_and_no_hand_off(
    vault: Path, temp_dir: Path, monkeypatch: pytest.MonkeyPatch, qapp: object
) -> None:
    monkeypatch.setattr(single_instance, "_folders", lambda uid: iter(()))
    server = InstanceServer(vault)
    try:
        assert not server.listen()
        assert not send_to_running(vault, "crisis")
    finally:
        server.close()
        server.deleteLater()


def test_a_silent_instance_is_given_up_on_after_a_second(
    vault: Path, hostiles: list[Hostile]
) -> None:
    name = server_name(vault)
    assert name is not None
    hostiles.append(Hostile(Path(name), answer=False))  # e.g. a hung instance of ours
    started = time.monotonic()
    assert not send_to_running(vault, "crisis")
    assert time.monotonic() - started < 2.0
    assert hostiles[0].received == [b"crisis\n"]


def test_a_socket_file_of_another_user_is_not_connected_to(
    vault: Path, hostiles: list[Hostile]
) -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to give a file to another user")
    name = server_name(vault)
    assert name is not None
    hostiles.append(Hostile(Path(name)))
    os.chown(name, 65534, 65534)
    assert not send_to_running(vault, "crisis")
    assert hostiles[0].received == []


def test_a_peer_of_another_user_is_ignored_both_ways(
    qtbot: QtBot, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert single_instance.peer_uid(-1) is None
    server = InstanceServer(vault)
    assert server.listen()
    heard: list[str] = []
    server.messageReceived.connect(heard.append)
    try:
        assert send_to_running(vault, "raise")  # a real peer: the same user, answered
        assert heard == ["raise"]
        # Both ends now see a stranger: the client tells nothing, the server hears nothing.
        monkeypatch.setattr(single_instance, "peer_uid", lambda descriptor: os.getuid() + 1)
        assert not send_to_running(vault, "crisis")
        qtbot.wait(100)
        assert heard == ["raise"]
    finally:
        server.close()
        server.deleteLater()


def test_an_instance_of_another_user_is_told_nothing(
    vault: Path, hostiles: list[Hostile], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = server_name(vault)
    assert name is not None
    hostiles.append(Hostile(Path(name)))
    assert send_to_running(vault, "raise")  # the same user: told, and it answered
    monkeypatch.setattr(single_instance, "peer_uid", lambda descriptor: os.getuid() + 1)
    assert not send_to_running(vault, "crisis")
    assert [told for told in hostiles[0].received if told] == [b"raise\n"]


def test_the_real_peer_uid_is_read_from_the_socket() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        assert single_instance.peer_uid(left.fileno()) == os.getuid()


# --- the app as a process ------------------------------------------------------------------


def _launch_crisis(vault: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "crisisplan", "--crisis", "--vault", str(vault)],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def _own_window_answers(process: subprocess.Popen[bytes], socket_path: Path) -> bool:
    """The launched app is running its own window: it listens on its private socket and
    answers a real peer (this test, the same user)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if socket_path.exists():
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as peer:
                peer.settimeout(5)
                try:
                    peer.connect(str(socket_path))
                    peer.sendall(b"raise\n")
                    return peer.recv(10) == b"ok\n"
                except OSError:
                    pass
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("where", ["old /tmp name", "untrusted runtime folder"])
def test_crisis_opens_its_own_window_despite_a_hostile_socket(
    where: str, vault: Path, temp_dir: Path, hostiles: list[Hostile], tmp_path: Path
) -> None:
    env = dict(os.environ)
    runtime = Path(env["XDG_RUNTIME_DIR"])
    key = single_instance._key(vault)
    hostiles.append(Hostile(temp_dir / old_name(vault)))
    expected = runtime / "crisisplan" / f"{key}.sock"
    if where == "untrusted runtime folder":
        runtime = temp_dir / "run"
        runtime.mkdir(mode=0o777)
        runtime.chmod(0o777)
        hostiles.append(Hostile(runtime / "crisisplan" / f"{key}.sock"))
        env["XDG_RUNTIME_DIR"] = str(runtime)
        expected = temp_dir / f"crisisplan-{os.getuid()}" / f"{key}.sock"
    process = _launch_crisis(vault, env)
    try:
        assert _own_window_answers(process, expected), (
            process.returncode,
            process.stderr.read() if process.stderr and process.returncode is not None else "",
        )
        assert all(hostile.received == [] for hostile in hostiles)
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()


def test_crisis_opens_its_own_window_when_no_folder_can_be_trusted(
    vault: Path, temp_dir: Path, hostiles: list[Hostile], tmp_path: Path
) -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to make a folder owned by another user")
    hostiles.append(Hostile(temp_dir / old_name(vault)))
    squatted = temp_dir / f"crisisplan-{os.getuid()}"
    squatted.mkdir(mode=0o700)
    os.chown(squatted, 65534, 65534)  # another account made the fallback folder first
    env = {**os.environ, "XDG_RUNTIME_DIR": ""}
    process = _launch_crisis(vault, env)
    try:
        time.sleep(4)  # today's main exits 0 within a second, having told the hostile
        assert process.poll() is None
        assert hostiles[0].received == []
        assert list(squatted.iterdir()) == []
    finally:
        process.terminate()
        process.wait(10)
        if process.stderr:
            process.stderr.close()
