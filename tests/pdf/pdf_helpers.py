"""Reading PDFs back the way a person's tools would: poppler, pypdf, pdfplumber, pixels."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
from PIL import Image

MM = 72 / 25.4
TOLERANCE = 0.1 * MM  # geometry must be right to 0.1 mm


def poppler_text(pdf: bytes, *args: str) -> str:
    """`pdftotext` of the whole document (layout order, UTF-8)."""
    result = subprocess.run(
        ["pdftotext", *args, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def pypdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """`pdffonts` rows: name, type, emb, sub, uni."""
    result = subprocess.run(
        ["pdffonts", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    rows = []
    for line in result.stdout.decode().splitlines()[2:]:
        parts = line.split()
        # name type [type] encoding emb sub uni id gen: read the flags from the end
        rows.append(
            {
                "name": parts[0],
                "emb": parts[-5],
                "sub": parts[-4],
                "uni": parts[-3],
                "type": " ".join(parts[1:-6]),
            }  # fmt: skip
        )
    return rows


def render(pdf: bytes, page: int = 1, dpi: int = 100) -> Image.Image:
    """Page `page` (1-based) as an RGB image, by poppler's `pdftoppm`."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(Path(folder) / "out"),
            ],  # fmt: skip
            check=True,
            timeout=60,
        )
        with Image.open(Path(folder) / "out.png") as image:
            return image.convert("RGB")


def ink(image: Image.Image, box: tuple[float, float, float, float]) -> int:
    """How many clearly dark pixels are inside `box` (left, top, right, bottom in pixels)."""
    left, top, right, bottom = (round(v) for v in box)
    crop = image.crop((left, top, right, bottom)).convert("L")
    return sum(crop.histogram()[:128])


def plumber(pdf: bytes) -> Any:
    return pdfplumber.open(io.BytesIO(pdf))


def catalog(pdf: bytes) -> Any:
    return pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Root"]


def info(pdf: bytes) -> dict[str, Any]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    entries: Any = reader.trailer["/Info"].get_object()
    return {str(key): entries[key] for key in entries}
