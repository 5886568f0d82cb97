"""Make the two subset fonts in this folder from Debian's font packages.

- SymbolaSymbols.ttf from fonts-symbola 2.60 (Symbola_hint.ttf): the symbol, dingbat and
  emoji blocks (U+2000-2BFF, U+1F000-1FAFF, variation selectors); 3.2 MB -> 1.5 MB.
- WenQuanYiMicroHeiCJK.ttf from fonts-wqy-microhei 0.2.0-beta (wqy-microhei.ttc, face 0):
  everything from U+1100 up (Hangul, CJK, kana, fullwidth forms), as a single TrueType
  font; 5.1 MB collection -> 3.8 MB.

Both drop hinting, which print does not need. Both licences allow modified copies (see
LICENSE-Symbola.txt and LICENSE-Apache-2.0-WenQuanYi.txt). Run by hand after
`apt-get install fonts-symbola fonts-wqy-microhei`:

    .venv/bin/python resources/fonts/make_subsets.py
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import uharfbuzz as hb

HERE = Path(__file__).resolve().parent

SUBSETS: tuple[tuple[Path, int, str, Callable[[int], bool]], ...] = (
    (
        Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
        0,
        "SymbolaSymbols.ttf",
        lambda c: 0x2000 <= c <= 0x2BFF or 0x1F000 <= c <= 0x1FAFF or 0xFE00 <= c <= 0xFE0F,
    ),
    (
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        0,
        "WenQuanYiMicroHeiCJK.ttf",
        lambda c: c >= 0x1100,
    ),
)


def main() -> int:
    for source, index, target, keep in SUBSETS:
        face = hb.Face(hb.Blob.from_file_path(str(source)), index)
        subset_input = hb.SubsetInput()
        for code in face.unicodes:
            if keep(code):
                subset_input.unicode_set.add(code)
        subset_input.flags = hb.SubsetFlags.NO_HINTING
        out = HERE / target
        out.write_bytes(hb.subset(face, subset_input).blob.data)
        sys.stdout.write(f"wrote {out} ({out.stat().st_size:,} bytes)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
