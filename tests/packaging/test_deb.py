"""The .deb: its contents, then a real `dpkg -i`, the installed `crisisplan --self-test`
(offscreen and under Xvfb), and `dpkg -r` leaving nothing behind. Needs
`make packaging-test` and root (CI runs as root)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.helpers import VERSION, assert_passed, clean_env, needs_tool, run_self_test

INSTALLED = [
    "/opt/crisisplan/crisisplan",
    "/opt/crisisplan/_internal/resources/fonts/NotoSans-Regular.ttf",
    "/usr/bin/crisisplan",
    "/usr/share/applications/crisisplan.desktop",
    "/usr/share/metainfo/io.github.crisisplan.metainfo.xml",
    "/usr/share/icons/hicolor/48x48/apps/crisisplan.png",
    "/usr/share/icons/hicolor/512x512/apps/crisisplan.png",
    "/usr/share/icons/hicolor/scalable/apps/crisisplan.svg",
    "/usr/share/doc/crisisplan/copyright",
]


def field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True,
                          text=True, check=True).stdout.strip()  # fmt: skip


def package_status() -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "crisisplan"],
                            capture_output=True, text=True)  # fmt: skip
    return result.stdout if result.returncode == 0 else "not-installed"


def test_control_fields(deb: Path) -> None:
    assert field(deb, "Package") == "crisisplan"
    assert field(deb, "Version") == VERSION
    depends = field(deb, "Depends")
    assert depends.startswith("libc6 (>= 2."), depends
    for package in ("libgl1", "libegl1", "libxcb1"):  # what PyInstaller does not bundle
        assert package in depends


def test_contents_and_owners(deb: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
    for path in INSTALLED:
        assert f" .{path}" in listing, f"{path} missing from the package"
    assert "./usr/bin/crisisplan -> /opt/crisisplan/crisisplan" in listing
    owners = {line.split()[1] for line in listing.splitlines()}
    assert owners == {"root/root"}


def test_installed_tree_validates(deb: Path, tmp_path: Path) -> None:
    """desktop file, metainfo and icons where software centres look for them."""
    tool = needs_tool("appstreamcli")
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(tmp_path)], check=True)
    result = subprocess.run([tool, "validate-tree", "--no-net", str(tmp_path)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def installed(deb: Path) -> Iterator[None]:
    if os.geteuid() != 0:
        pytest.skip("installing a .deb needs root (CI runs as root)")
    if package_status() != "not-installed":
        pytest.skip("a crisisplan package is already installed here; leaving it alone")
    result = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True,
                            timeout=300)  # fmt: skip
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        yield
    finally:
        subprocess.run(["dpkg", "-r", "crisisplan"], capture_output=True, timeout=300)


def test_install_run_and_remove(installed: None, deb: Path, tmp_path: Path) -> None:
    assert package_status() == "install ok installed"
    for path in INSTALLED:
        assert os.path.lexists(path), path
    env = clean_env(tmp_path, PATH="/usr/bin:/bin")
    assert_passed(run_self_test(["crisisplan"], env), "offscreen")
    assert_passed(run_self_test(["crisisplan"], env, under_xvfb=True), "xcb")

    removed = subprocess.run(["dpkg", "-r", "crisisplan"], capture_output=True, text=True,
                             timeout=300)  # fmt: skip
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert package_status() in ("not-installed", "deinstall ok config-files")
    left = [path for path in INSTALLED if os.path.lexists(path)]
    assert left == [], f"dpkg -r left {left}"
    assert not os.path.lexists("/opt/crisisplan")
