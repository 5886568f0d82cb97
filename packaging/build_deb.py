"""Build dist/crisisplan_<version>_<arch>.deb from the PyInstaller bundle (make deb).

    .venv/bin/python packaging/build_deb.py [--bundle dist/crisisplan] [--out dist]

Layout of the package:
    /opt/crisisplan/                       the one-folder bundle, as built
    /usr/bin/crisisplan                    -> /opt/crisisplan/crisisplan (on the PATH)
    /usr/share/applications/crisisplan.desktop   (with the "I'm struggling" action)
    /usr/share/metainfo/io.github.crisisplan.metainfo.xml
    /usr/share/icons/hicolor/<N>x<N>/apps/crisisplan.png, scalable/apps/crisisplan.svg
    /usr/share/doc/crisisplan/copyright

`Depends` is worked out from the bundle itself: every shared library that a bundled
program or library needs and that the bundle does not carry (PyInstaller leaves out libc,
OpenGL, libxcb and a few others on purpose) is looked up with `ldconfig -p` and `dpkg -S`
on the build machine, and libc6's minimum version is the newest GLIBC_ symbol version
used. A library that cannot be found fails the build, naming it.

Built with `dpkg-deb --root-owner-group -Zzstd`: files owned by root without fakeroot,
compressed fast. dpkg's own triggers refresh the icon cache and the desktop database, so
there are no maintainer scripts. The vault lives in each person's home folder, which
installing or removing the package never touches.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
METAINFO = "io.github.crisisplan.metainfo.xml"
INSTALL_DIR = Path("opt/crisisplan")

SYNOPSIS = 'private, offline crisis safety plan with an "I\'m struggling" view'
LONG_DESCRIPTION = """\
You write your crisis safety plan and your support system once, calmly; when things
are bad, one click ("I'm struggling") shows who you can reach right now, in your order,
with the emergency number always in view. Everything is kept in one encrypted file
(SQLCipher) in your home folder. Nothing is sent anywhere, ever.
.
If you are in danger now, call your local emergency number."""

COPYRIGHT = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: crisisplan

Files: *
Copyright: The crisisplan authors
License: GPL-3.0-or-later
 On Debian systems the full text is in /usr/share/common-licenses/GPL-3.

Files: opt/crisisplan/_internal/*
Copyright: The authors of each bundled library (Python, Qt/PySide6, SQLCipher,
 ReportLab, HarfBuzz, pdfium, keyring and others)
License: various free software licences
 Each library's own licence files are kept beside it in the bundle, in its
 *.dist-info folder where it has one. The fonts' licences (SIL OFL 1.1, Apache
 2.0 and the Symbola terms) are in opt/crisisplan/_internal/resources/fonts.
"""


def project() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    author = data["authors"][0]
    # Debian wants "Name <address>"; pyproject's first author, with an address once it has one.
    maintainer = f"{author['name']} <{author['email']}>" if "email" in author else author["name"]
    return {
        "name": data["name"],
        "version": data["version"],
        "summary": data["description"],
        "maintainer": maintainer,
    }


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def needed_from_system(bundle: Path) -> tuple[set[str], str]:
    """Sonames the bundle needs but does not carry, and the newest GLIBC_ version used."""
    carried = {path.name for path in bundle.rglob("*") if path.is_file() or path.is_symlink()}
    needed: set[str] = set()
    glibc = (2, 17)
    for path in sorted(bundle.rglob("*")):
        if not is_elf(path):
            continue
        dump = run("objdump", "-p", "-T", str(path))
        needed.update(n for n in re.findall(r"^\s+NEEDED\s+(\S+)$", dump, re.M) if n not in carried)
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", dump):
            glibc = max(glibc, (int(major), int(minor)))
    return needed, f"{glibc[0]}.{glibc[1]}"


def packages_providing(sonames: set[str]) -> list[str]:
    """The Debian packages that hold these libraries here (`ldconfig -p`, `dpkg -S`)."""
    cache: dict[str, str] = {}
    word = {"x86_64": "x86-64", "aarch64": "AArch64"}.get(platform.machine(), "")
    for line in run("/sbin/ldconfig", "-p").splitlines()[1:]:
        match = re.match(r"\s*(\S+) \((.*)\) => (\S+)$", line)
        if match and word in match[2]:
            cache.setdefault(match[1], match[3])
    missing = sorted(name for name in sonames if name not in cache)
    if missing:
        raise SystemExit(
            f"The bundle needs libraries this machine does not have: {' '.join(missing)}. "
            "Install them (make deb installs PACKAGING_PACKAGES) and rebuild the bundle."
        )
    packages: set[str] = set()
    for name in sorted(sonames):
        path = cache[name]
        answer = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
        if answer.returncode != 0:
            answer = subprocess.run(
                ["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True
            )
        if answer.returncode != 0:
            raise SystemExit(f"No Debian package holds {path} (needed as {name}).")
        package = answer.stdout.split(":", 1)[0].split(",")[0].strip()
        packages.add(package)
    return sorted(packages)


def control(meta: dict[str, str], arch: str, installed_kib: int, depends: list[str]) -> str:
    return (
        f"Package: {meta['name']}\n"
        f"Version: {meta['version']}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {meta['maintainer']}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        "Recommends: fonts-dejavu-core | fonts-noto-core\n"
        f"Description: {SYNOPSIS}\n"
        + "".join(f" {line}\n" for line in LONG_DESCRIPTION.splitlines())
    )


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under `root` (the future /)."""
    shutil.copytree(bundle, root / INSTALL_DIR, symlinks=True)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin/crisisplan").symlink_to(Path("/") / INSTALL_DIR / "crisisplan")
    applications = root / "usr/share/applications"
    applications.mkdir(parents=True)
    shutil.copy2(RESOURCES / "crisisplan.desktop", applications / "crisisplan.desktop")
    metainfo = root / "usr/share/metainfo"
    metainfo.mkdir(parents=True)
    shutil.copy2(RESOURCES / METAINFO, metainfo / METAINFO)
    icons = root / "usr/share/icons/hicolor"
    shutil.copytree(RESOURCES / "icons/hicolor", icons)
    (icons / "scalable/apps").mkdir(parents=True)
    shutil.copy2(RESOURCES / "crisisplan.svg", icons / "scalable/apps/crisisplan.svg")
    doc = root / "usr/share/doc/crisisplan"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT, "utf-8")
    for path in [root, *root.rglob("*")]:  # what dpkg installs is what is here
        if path.is_symlink():
            continue
        if path.is_dir() or os.access(path, os.X_OK):
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    return "".join(lines)


def build(bundle: Path, out: Path) -> Path:
    meta = project()
    if not (bundle / meta["name"]).is_file():
        raise SystemExit(f"No bundle at {bundle}; run `make bundle` first.")
    arch = run("dpkg", "--print-architecture").strip()
    work = ROOT / "build" / "deb"
    shutil.rmtree(work, ignore_errors=True)
    root = work / f"{meta['name']}_{meta['version']}_{arch}"
    stage(bundle, root)
    sonames, glibc = needed_from_system(root / INSTALL_DIR)
    depends = [f"libc6 (>= {glibc})"] + [p for p in packages_providing(sonames) if p != "libc6"]
    size_kib = sum(
        (p.lstat().st_size + 1023) // 1024 for p in root.rglob("*") if not p.is_dir()
    ) + sum(1 for p in root.rglob("*") if p.is_dir())
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control(meta, arch, size_kib, depends), "utf-8")
    (debian / "md5sums").write_text(md5sums(root), "utf-8")
    for path in debian.iterdir():
        path.chmod(0o644)
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{root.name}.deb"
    deb.unlink(missing_ok=True)
    run("dpkg-deb", "--root-owner-group", "-Zzstd", "-z3", "--build", str(root), str(deb))
    return deb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "crisisplan")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    start = time.perf_counter()
    deb = build(args.bundle, args.out)
    size_mb = deb.stat().st_size / 1e6
    print(f"built {deb} ({size_mb:.0f} MB) in {time.perf_counter() - start:.0f} s")
    print(run("dpkg-deb", "--field", str(deb), "Depends").strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
