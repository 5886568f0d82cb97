"""The PyInstaller bundle (dist/crisisplan), run as it is: needs `make packaging-test`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from crisisplan.storage import Vault
from tests.helpers import PASSPHRASE
from tests.packaging.helpers import VERSION, assert_passed, clean_env, run_self_test


def test_self_test_offscreen(bundle: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert_passed(run_self_test([str(bundle / "crisisplan")], env), "offscreen")
    assert not any(Path(env["HOME"]).rglob("*.vault"))


def test_self_test_on_a_real_x_screen(bundle: Path, tmp_path: Path) -> None:
    result = run_self_test([str(bundle / "crisisplan")], clean_env(tmp_path), under_xvfb=True)
    assert_passed(result, "xcb")


def test_version_comes_from_pyproject(bundle: Path, tmp_path: Path) -> None:
    result = subprocess.run([str(bundle / "crisisplan"), "--version"], capture_output=True,
                            text=True, env=clean_env(tmp_path), timeout=60)  # fmt: skip
    assert result.stdout == f"crisisplan {VERSION}\n", result.stderr


def test_crisis_view_from_a_real_vault(bundle: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    result = subprocess.run(
        [str(bundle / "crisisplan"), "--crisis", "--exit-when-shown", "--vault", str(path),
         "--passphrase-stdin"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60,
        env=clean_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The offscreen platform's notes about features it lacks are all it may say.
    said = {line for line in result.stderr.splitlines() if line}
    assert said <= {"This plugin does not support propagateSizeHints()"}, result.stderr


def test_command_line_works_frozen(bundle: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.vault"
    Vault.create(path, PASSPHRASE, "GB").close()
    result = subprocess.run(
        [str(bundle / "crisisplan"), "now", "--vault", str(path), "--passphrase-stdin",
         "--at", "2026-11-27T23:30:00+00:00"],
        input=PASSPHRASE + "\n", capture_output=True, text=True, timeout=60,
        env=clean_env(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Emergency number (GB): 999" in result.stdout


def test_bundle_holds_what_the_app_needs_and_not_what_it_does_not(bundle: Path) -> None:
    internal = bundle / "_internal"
    fonts = {p.name for p in (internal / "resources" / "fonts").iterdir()}
    assert {"NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "OFL-Noto.txt"} <= fonts
    assert (internal / "resources" / "crisis_lines.json").is_file()
    assert not (internal / "resources" / "fonts" / "make_subsets.py").exists()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "platforms" / "libqwayland.so").is_file()
    assert (plugins / "platforms" / "libqoffscreen.so").is_file()
    names = {p.name for p in internal.rglob("*")}
    for unwanted in ("libqgtk3.so", "libgtk-3.so.0", "QtQml.abi3.so", "QtWebEngineCore.abi3.so",
                     "libQt6Qml.so.6", "pytest", "mypy"):  # fmt: skip
        assert unwanted not in names, f"{unwanted} should not be in the bundle"
    dangling = [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_every_library_in_the_bundle_resolves(bundle: Path) -> None:
    """ldd finds every library each bundled program, module and Qt plugin needs."""
    missing = []
    for path in sorted(bundle.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True)
        missing += [f"{path.name}: {line.strip()}" for line in result.stdout.splitlines()
                    if "not found" in line]  # fmt: skip
    assert missing == []


def test_the_frozen_app_reads_a_remembered_key_in_a_helper(bundle: Path, tmp_path: Path) -> None:
    """The helper that reads a remembered key (secrets/secret_service.py): the bundle's own
    small program, or the app itself with CHILD_FLAG. With no session bus each says so,
    having found secretstorage."""
    from crisisplan.secrets.secret_service import CHILD_FLAG, HELPER_PROGRAM

    env = clean_env(tmp_path, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus")
    request = '{"service": "crisisplan", "username": "x"}\n'
    for command in ([str(bundle / HELPER_PROGRAM)], [str(bundle / "crisisplan"), CHILD_FLAG]):
        result = subprocess.run(command, input=request, capture_output=True, text=True,
                                timeout=60, env=env)  # fmt: skip
        assert result.returncode == 0, (command, result.stderr)
        said = json.loads(result.stdout)
        assert said["kind"] == "unreachable", said
        assert "No module named" not in said["message"]
