"""The whole command-line flow with every socket forbidden: the app needs no network."""

from __future__ import annotations

import io
import socket
import sys
from pathlib import Path
from typing import Any

import pytest

from crisisplan import cli
from crisisplan.resources import resource_path
from tests.helpers import PASSPHRASE


class NoNetwork(AssertionError):
    pass


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NoNetwork("crisisplan tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def run_cli(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    stdin = io.TextIOWrapper(io.BytesIO((PASSPHRASE + "\n").encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    return cli.main(list(args))


def test_full_cli_flow_without_network(
    no_sockets: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = str(tmp_path / "v.vault")
    common = ["--vault", vault, "--passphrase-stdin"]
    assert run_cli(monkeypatch, "init", "--region", "GB", *common) == 0
    assert run_cli(monkeypatch, "import", str(resource_path("example_plan.json")), *common) == 0
    assert run_cli(monkeypatch, "now", "--json", *common) == 0
    assert run_cli(monkeypatch, "now", *common) == 0
    assert run_cli(monkeypatch, "export", str(tmp_path / "out.json"), *common) == 0
    captured = capsys.readouterr()
    assert "Sam Okafor" in captured.out
    # Nothing personal in what the program says on stderr.
    assert "Sam" not in captured.err and "Sertraline" not in captured.err
    assert PASSPHRASE not in captured.err + captured.out


def test_the_socket_guard_works(no_sockets: None) -> None:
    with pytest.raises(NoNetwork):
        socket.create_connection(("127.0.0.1", 9))
