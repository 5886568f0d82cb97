"""`crisisplan --self-test` from the source tree (the frozen and installed runs are in
test_frozen.py and test_deb.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from crisisplan import selftest
from tests.packaging.helpers import assert_passed, clean_env, run_self_test


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_passes_offscreen_and_touches_nothing_outside_its_folder(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    result = run_self_test([sys.executable, "-m", "crisisplan"], env)
    assert_passed(result, "offscreen")
    assert files_under(Path(env["HOME"])) == [], "the self-test wrote into HOME"


def test_refuses_to_run_when_the_vault_path_is_outside_its_folder(tmp_path: Path) -> None:
    # The test suite's own isolated folders are under tmp_path, not under tmp_path/other.
    with pytest.raises(selftest.SelfTestFailed, match="outside the temporary folder"):
        selftest._check_isolated(tmp_path / "other")


def test_environment_is_restored_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "/somewhere/real")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    with selftest._isolated_environment(tmp_path):
        assert os.environ["XDG_DATA_HOME"].startswith(str(tmp_path))
        assert os.environ["PYTHON_KEYRING_BACKEND"] == "keyring.backends.null.Keyring"
    assert os.environ["XDG_DATA_HOME"] == "/somewhere/real"
    assert "PYTHON_KEYRING_BACKEND" not in os.environ


def test_a_failing_step_is_named_on_stderr_with_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise selftest.SelfTestFailed("no font prints x")

    monkeypatch.setattr(selftest, "_check_pdfs", broken)
    assert selftest.run_self_test() == selftest.EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "crisisplan self-test failed (the PDFs): no font prints x\n"
