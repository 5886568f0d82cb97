"""What the packages say about the app: desktop file, AppStream metainfo, icons, the spec,
macOS Info.plist and the dmg recipe. Fast; no build needed."""

from __future__ import annotations

import plistlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.packaging.helpers import ROOT, VERSION, needs_tool

RESOURCES = ROOT / "resources"
DESKTOP = RESOURCES / "crisisplan.desktop"
METAINFO = RESOURCES / "io.github.crisisplan.metainfo.xml"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def test_desktop_file_validates_with_its_crisis_action() -> None:
    tool = needs_tool("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    text = DESKTOP.read_text("utf-8")
    assert "Actions=crisis;" in text
    assert "[Desktop Action crisis]\nName=I'm struggling\nExec=crisisplan --crisis" in text
    assert "\nIcon=crisisplan\n" in text and "\nExec=crisisplan\n" in text


def test_metainfo_validates_even_pedantically() -> None:
    tool = needs_tool("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", "--pedantic", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful" in result.stdout, result.stdout


def test_metainfo_names_this_version_and_the_desktop_file() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == "io.github.crisisplan"
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "crisisplan"
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == VERSION, (
        "add a <release> for the pyproject version to the metainfo"
    )


def test_icons_exist_in_every_size_and_match_the_svg() -> None:
    for size in SIZES:
        png = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "crisisplan.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), "--check"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (RESOURCES / "crisisplan.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (RESOURCES / "crisisplan.icns").read_bytes()[:4] == b"icns"


def test_spec_reads_name_and_version_from_pyproject() -> None:
    spec = (ROOT / "packaging" / "crisisplan.spec").read_text("utf-8")
    assert "tomllib" in spec and 'PROJECT["version"]' in spec and 'PROJECT["name"]' in spec
    assert not re.search(r"\b0\.\d+\.\d+\b", spec), "no version written into the spec"
    for backend in ("SecretService", "kwallet", "macOS", "Windows", "chainer", "fail", "null"):
        assert f'"keyring.backends.{backend}"' in spec


def test_macos_info_plist_values() -> None:
    info = plistlib.loads((ROOT / "installer" / "macos" / "Info.plist").read_bytes())
    assert info["CFBundleIdentifier"] == "io.github.crisisplan"
    assert info["CFBundleExecutable"] == "crisisplan"
    assert info["CFBundleIconFile"] == "crisisplan.icns"
    assert info["NSHighResolutionCapable"] is True
    assert info["LSMinimumSystemVersion"] == "13.0"  # PySide6-Essentials 6.11's wheel
    assert "CFBundleShortVersionString" not in info, "the spec adds the version from pyproject"
    plistlib.loads((ROOT / "installer" / "macos" / "entitlements.plist").read_bytes())


def test_dmg_recipe_passes_shellcheck() -> None:
    script = ROOT / "installer" / "macos" / "make_dmg.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    tool = needs_tool("shellcheck")
    result = subprocess.run([tool, str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert Path(script).stat().st_mode & 0o111, "make_dmg.sh should be executable"
