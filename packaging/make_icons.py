"""Render resources/crisisplan.svg into every icon the packages need.

    .venv/bin/python packaging/make_icons.py          # write them
    .venv/bin/python packaging/make_icons.py --check  # exit 1 if any is missing or stale

Writes resources/icons/hicolor/<N>x<N>/apps/crisisplan.png (the freedesktop sizes, copied
as they are into /usr/share/icons/hicolor by the .deb), resources/crisisplan.ico (Windows,
several sizes in one file) and resources/crisisplan.icns (macOS). The SVG is drawn with
Qt's own renderer (QtSvg, in PySide6-Essentials), so no extra tool is needed; Pillow
(already installed for the tests) packs the .ico and .icns. The outputs are committed, so
a build needs neither.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "crisisplan.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICO = ROOT / "resources" / "crisisplan.ico"
ICNS = ROOT / "resources" / "crisisplan.icns"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512)
TOLERANCE = 2  # per channel, 0-255: allows a different rasteriser build, not a new drawing


def png_path(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / "crisisplan.png"


def render(size: int) -> bytes:
    """The SVG drawn at size x size pixels, as PNG bytes (premultiplied alpha resolved)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write() -> None:
    from PIL import Image

    pngs = {size: render(size) for size in sorted(set(SIZES) | set(ICO_SIZES) | set(ICNS_SIZES))}
    for size in SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pngs[size])
    images = {size: Image.open(io.BytesIO(data)).convert("RGBA") for size, data in pngs.items()}
    largest = images[max(ICO_SIZES)]
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES])  # fmt: skip
    images[max(ICNS_SIZES)].save(ICNS, format="ICNS",
                                 append_images=[images[s] for s in ICNS_SIZES])  # fmt: skip
    for path in (*[png_path(s) for s in SIZES], ICO, ICNS):
        print(f"wrote {path.relative_to(ROOT)}")


def stale() -> list[str]:
    """What is missing, the wrong size, or no longer drawn from the SVG."""
    from PIL import Image, ImageChops

    problems = []
    for size in SIZES:
        path = png_path(size)
        if not path.exists():
            problems.append(f"{path.relative_to(ROOT)} is missing")
            continue
        committed = Image.open(path).convert("RGBA")
        if committed.size != (size, size):
            problems.append(f"{path.relative_to(ROOT)} is {committed.size}, not {size}x{size}")
            continue
        fresh = Image.open(io.BytesIO(render(size))).convert("RGBA")
        worst = max(high for _, high in ImageChops.difference(committed, fresh).getextrema())
        if worst > TOLERANCE:
            problems.append(f"{path.relative_to(ROOT)} differs from the SVG (by {worst}/255)")
    for path in (ICO, ICNS):
        if not path.exists():
            problems.append(f"{path.relative_to(ROOT)} is missing")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args()
    if args.check:
        problems = stale()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Run: .venv/bin/python packaging/make_icons.py", file=sys.stderr)
        return 1 if problems else 0
    write()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
