"""The Windows installer script: its promises read from the source, and a real `makensis
-WX` compile against a small bundle (the full bundle is compiled by `make installer-check`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.helpers import ROOT, VERSION, needs_tool

SCRIPT = ROOT / "installer" / "crisisplan.nsi"
FILES = ROOT / "packaging" / "nsis_files.py"


def script_code() -> str:
    """The script without its comments."""
    return "\n".join(
        line for line in SCRIPT.read_text("utf-8").splitlines() if not line.lstrip().startswith(";")
    )


def test_installs_per_user_without_administrator_rights() -> None:
    code = script_code()
    assert "RequestExecutionLevel user" in code
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\crisisplan"' in code
    assert "HKLM" not in code and "$PROGRAMFILES" not in code
    assert "SetShellVarContext current" in code and "SetShellVarContext all" not in code


def test_start_menu_has_the_app_and_im_struggling() -> None:
    code = script_code()
    assert re.search(r'CreateShortCut "\$\{MENU_FOLDER\}\\I\'m struggling\.lnk" '
                     r'"\$INSTDIR\\\$\{APP_EXE\}" "--crisis"', code)  # fmt: skip
    assert 'CreateShortCut "${MENU_FOLDER}\\${APP_NAME}.lnk"' in code


def test_uninstaller_never_removes_the_vault_and_says_so() -> None:
    code = script_code()
    assert "RMDir /r" not in code, "remove only what was installed"
    assert not re.search(r"(Delete|RMDir)[^\n]*DATA_FOLDER", code)
    assert not re.search(r"(Delete|RMDir)[^\n]*\.vault", code)
    confirm = re.search(r'MUI_UNCONFIRMPAGE_TEXT_TOP "([^"]*)"', code)
    assert confirm and "Your plan is NOT removed" in confirm[1] and "${DATA_FOLDER}" in confirm[1]
    # platformdirs' user data folder on Windows (roaming=False), where the vault lives.
    assert '!define DATA_FOLDER "$LOCALAPPDATA\\crisisplan"' in code


def write_fake_bundle(folder: Path) -> Path:
    bundle = folder / "crisisplan"
    (bundle / "_internal" / "resources" / "fonts").mkdir(parents=True)
    (bundle / "crisisplan.exe").write_bytes(b"MZ not really a program")
    (bundle / "_internal" / "python311.dll").write_bytes(b"MZ")
    (bundle / "_internal" / "resources" / "fonts" / "Noto $ans & it's.ttf").write_bytes(b"")
    return bundle


def test_file_list_escapes_dollars_and_removes_folders_deepest_first(
    tmp_path: Path,
) -> None:
    bundle = write_fake_bundle(tmp_path)
    out = tmp_path / "files.nsh"
    subprocess.run([sys.executable, str(FILES), "--bundle", str(bundle), "--out", str(out)],
                   check=True, capture_output=True)  # fmt: skip
    text = out.read_text("utf-8")
    assert f'File "{bundle}/_internal/resources/fonts/Noto $ans & it\'s.ttf"' in text
    assert 'Delete "$INSTDIR\\_internal\\resources\\fonts\\Noto $$ans & it\'s.ttf"' in text
    rmdirs = re.findall(r'RMDir "([^"]*)"', text)
    assert rmdirs == [
        "$INSTDIR\\_internal\\resources\\fonts",
        "$INSTDIR\\_internal\\resources",
        "$INSTDIR\\_internal",
    ]
    assert "RMDir /r" not in text


@pytest.mark.parametrize("check_only", [True, False], ids=["check-only", "lzma"])
def test_script_compiles_with_warnings_as_errors(tmp_path: Path, check_only: bool) -> None:
    makensis = needs_tool("makensis")
    bundle = write_fake_bundle(tmp_path)
    files = tmp_path / "files.nsh"
    subprocess.run([sys.executable, str(FILES), "--bundle", str(bundle), "--out", str(files)],
                   check=True, capture_output=True)  # fmt: skip
    setup = tmp_path / "crisisplan-check.exe"  # (a bare "setup.exe" is warned about)
    command = [makensis, "-WX", "-V2", f"-DVERSION={VERSION}", f"-DFILES_NSH={files}",
               f"-DOUTFILE={setup}", str(SCRIPT)]  # fmt: skip
    if check_only:
        command.insert(1, "-DCHECK_ONLY")
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert setup.read_bytes()[:2] == b"MZ"
