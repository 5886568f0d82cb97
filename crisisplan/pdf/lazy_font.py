"""A ReportLab TrueType face that reads only the characters a document uses.

ReportLab's `TTFontFace` decodes the whole font when it is loaded: every cmap entry, every
glyph's metrics and location, one Python call per number. For the 3.8 MB CJK face (48,000
glyphs) that is ~58 ms of every PDF with a Chinese or Korean name in it, for the dozen
glyphs the name needs; for the symbols face ~6 ms for one heart.

`LazyFace` reads the same file with ReportLab's own code for the header tables only
(`extractInfo(charInfo=0)`: names, ascent, bounding box, flags), copies the glyph metrics
and locations as arrays (`hmtx`, `loca`: one memory copy each, decoded per glyph only when
a glyph is used), keeps the chosen cmap subtable as sorted ranges, and fills
`charToGlyph` / `charWidths` / `glyphToChar` one character at a time through `ensure()`:
`FontBook.has()` calls it while choosing faces, and `LazyTTFont` for every string
ReportLab measures or splits into subsets. Everything ReportLab reads afterwards (string
widths, subsets, embedding) then finds exactly the entries a full parse would have given
for those characters, so the PDF is the same.

Only cmap formats 4 and 12 are read (what the shipped fonts carry); anything else raises
`Unsupported` and the caller loads the font the usual way.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_right, insort
from collections.abc import Sequence
from fnmatch import fnmatch
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import rl_config  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import (  # type: ignore[import-untyped]
    TTEncoding,
    TTFont,
    TTFontFace,
    TTFontFile,
)

_SWAP = sys.byteorder == "little"  # TrueType numbers are big-endian

# The codes ReportLab's subset 0 holds from the start (U+0000 in the unused slots, ASCII
# when `ttfAsciiReadable`): read at load, so that every subset it writes (glyphs, cmap,
# /Widths) is the one a full parse gives.
_ASCII = (*range(0x00, 0x20), *range(0x21, 0x80))


class Unsupported(Exception):
    """This font needs ReportLab's full parse (a cmap format not read here)."""


def _numbers(data: bytes, start: int, count: int, code: str) -> array[int]:
    values = array(code)
    values.frombytes(data[start : start + count * values.itemsize])
    if _SWAP:
        values.byteswap()
    return values


class _Cmap:
    """One cmap subtable (format 4 or 12) as sorted ranges, looked up by bisection.

    `lookup` gives what ReportLab's parse puts in `charToGlyph` for that character —
    including glyph 0 for characters inside a range that map to nothing — or None when
    no range covers it (ReportLab then has no entry either).
    """

    def __init__(self, data: bytes, offset: int) -> None:
        self._data = data
        fmt = int.from_bytes(data[offset : offset + 2], "big")
        self.format = fmt
        if fmt == 4:
            length = int.from_bytes(data[offset + 2 : offset + 4], "big")
            self._limit = offset + length
            seg_count = int.from_bytes(data[offset + 6 : offset + 8], "big") // 2
            ends = offset + 14
            starts = ends + 2 * seg_count + 2
            deltas = starts + 2 * seg_count
            self._range_offsets_at = deltas + 2 * seg_count
            self._ends = _numbers(data, ends, seg_count, "H")
            self._starts = _numbers(data, starts, seg_count, "H")
            self._deltas = _numbers(data, deltas, seg_count, "h")
            self._range_offsets = _numbers(data, self._range_offsets_at, seg_count, "H")
        elif fmt == 12:
            groups = int.from_bytes(data[offset + 12 : offset + 16], "big")
            triples = _numbers(data, offset + 16, 3 * groups, "I")
            self._starts = triples[0::3]
            self._ends = triples[1::3]
            self._first_glyphs = triples[2::3]
        else:
            raise Unsupported(f"cmap format {fmt}")

    def lookup(self, code: int) -> int | None:
        # ReportLab fills ranges in table order, so a later range overrides an earlier one
        # that overlaps it; valid fonts have no overlaps, and the last match is taken here.
        index = bisect_right(self._starts, code) - 1
        if index < 0 or code > self._ends[index]:
            return None
        if self.format == 12:
            return code - self._starts[index] + self._first_glyphs[index]
        start = self._starts[index]
        range_offset = self._range_offsets[index]
        delta = self._deltas[index]
        if range_offset == 0:
            return (code + delta) & 0xFFFF
        at = self._range_offsets_at + 2 * index + (code - start) * 2 + range_offset
        if at >= self._limit:  # ReportLab's workaround for broken fonts
            return 0
        glyph = int.from_bytes(self._data[at : at + 2], "big")
        return (glyph + delta) & 0xFFFF if glyph else 0


class _HMetrics(Sequence[tuple[float, int]]):
    """`hmetrics[gid]` = (advance, left side bearing) as ReportLab's parse lists them —
    including its quirk: glyphs past the last full metric repeat the last advance *scaled*
    to 1000 units per em (it goes into the embedded subset's hmtx as it always did)."""

    def __init__(self, data: bytes, hmtx: int, full: int, glyphs: int, scale: Any) -> None:
        pairs = _numbers(data, hmtx, 2 * full, "H")
        self._advances = pairs[0::2]
        self._bearings = pairs[1::2]
        if glyphs > full:
            self._bearings.extend(_numbers(data, hmtx + 4 * full, glyphs - full, "H"))
        self._glyphs = glyphs
        self._full = full
        self._repeated = scale(self._advances[-1])

    def advance(self, gid: int) -> int:
        return self._advances[min(gid, len(self._advances) - 1)]

    def __len__(self) -> int:
        return self._glyphs

    def __getitem__(self, gid: Any) -> Any:
        if isinstance(gid, slice):
            return [self[i] for i in range(*gid.indices(self._glyphs))]
        if not -self._glyphs <= gid < self._glyphs:
            raise IndexError(gid)
        gid %= self._glyphs
        advance = self._advances[gid] if gid < self._full else self._repeated
        return (advance, self._bearings[gid])


class _Locations(Sequence[int]):
    """`glyphPos[gid]`: where glyph `gid` starts in `glyf` (the `loca` table, decoded)."""

    def __init__(self, data: bytes, loca: int, glyphs: int, long_format: bool) -> None:
        self._offsets = _numbers(data, loca, glyphs + 1, "I" if long_format else "H")
        self._factor = 1 if long_format else 2

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, gid: Any) -> Any:
        if isinstance(gid, slice):
            return [value * self._factor for value in self._offsets[gid]]
        return self._offsets[gid] * self._factor


class LazyFace(TTFontFace):  # type: ignore[misc]
    """A `TTFontFace` whose character tables are filled by `ensure()`, on demand."""

    def __init__(self, filename: str) -> None:
        pdfmetrics.TypeFace.__init__(self, None)
        TTFontFile.__init__(self, filename, charInfo=0)  # header tables, by ReportLab
        data = self._ttf_data
        head = self.table["head"]["offset"]
        if int.from_bytes(data[head + 52 : head + 54], "big") != 0:
            raise Unsupported("glyph data format")
        long_loca = int.from_bytes(data[head + 50 : head + 52], "big") == 1
        hhea = self.table["hhea"]["offset"]
        full_metrics = int.from_bytes(data[hhea + 34 : hhea + 36], "big")
        glyphs = self.numGlyphs
        self._cmap = _Cmap(data, self._cmap_offset())
        self.hmetrics = _HMetrics(
            data, self.table["hmtx"]["offset"], full_metrics, glyphs, self._pdfScale
        )
        self.glyphPos = _Locations(data, self.table["loca"]["offset"], glyphs, long_loca)
        self.defaultWidth = self._pdfScale(self.hmetrics.advance(0))
        self.charToGlyph: dict[int, int] = {}
        self.glyphToChar: dict[int, list[int]] = {}
        self.charWidths: dict[int, float] = {}
        self._absent: set[int] = set()
        self._whole_cmap_read = False
        self._spaces()
        for code in _ASCII:
            self.ensure(code)

    def _cmap_offset(self) -> int:
        """The cmap subtable ReportLab's parse would choose (same rules, same order)."""
        data = self._ttf_data
        cmap: int = self.table["cmap"]["offset"]
        version = int.from_bytes(data[cmap : cmap + 2], "big")
        count = int.from_bytes(data[cmap + 2 : cmap + 4], "big")
        if count == 0 and version != 0:
            count = version
        chosen, kind = None, 0
        for index in range(count):
            at = cmap + 4 + 8 * index
            platform = int.from_bytes(data[at : at + 2], "big")
            encoding = int.from_bytes(data[at + 2 : at + 4], "big")
            offset = int.from_bytes(data[at + 4 : at + 8], "big")
            if platform == 3:
                chosen, kind = offset, 1
            elif platform == 1 and encoding == 0 and kind != 1:
                chosen, kind = offset, 2
            elif (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                chosen, kind = offset, 1
        if chosen is None:
            raise Unsupported("no usable cmap subtable")
        return cmap + chosen

    def _put(self, code: int, glyph: int) -> None:
        self.charToGlyph[code] = glyph
        insort(self.glyphToChar.setdefault(glyph, []), code)  # cmap order, as parsed
        if glyph < self.numGlyphs:
            self.charWidths[code] = self._pdfScale(self.hmetrics.advance(glyph))

    def _spaces(self) -> None:
        """U+0020 and U+00A0 as ReportLab's parse leaves them: the no-break space drawn
        with the space's glyph (or the space with the no-break space's, if no space)."""
        space, no_break = self._cmap.lookup(0x20), self._cmap.lookup(0xA0)
        for code, glyph in ((0x20, space), (0xA0, no_break)):
            if glyph is None:
                self._absent.add(code)
            else:
                self._put(code, glyph)
        if space is not None:
            self.charToGlyph[0xA0] = self.charToGlyph[0x20]
            if 0x20 in self.charWidths:
                self.charWidths[0xA0] = self.charWidths[0x20]
            self._absent.discard(0xA0)
        elif no_break is not None:
            self.charToGlyph[0x20] = self.charToGlyph[0xA0]
            if 0xA0 in self.charWidths:
                self.charWidths[0x20] = self.charWidths[0xA0]
            self._absent.discard(0x20)

    def ensure(self, code: int) -> bool:
        """Read `code`'s glyph into the tables; True if the font maps it."""
        if code in self.charToGlyph:
            return True
        if code in self._absent or self._whole_cmap_read:
            return False
        glyph = self._cmap.lookup(code)
        if glyph is None:
            self._absent.add(code)
            return False
        self._put(code, glyph)
        return True

    def chars_for_glyph(self, glyph: int) -> list[int] | None:
        """`glyphToChar.get(glyph)`. Shaped text (HarfBuzz) names glyphs rather than
        characters: the first time a glyph is not known from the characters read so far,
        the whole cmap is read (as ReportLab's parse would have)."""
        known = self.glyphToChar.get(glyph)
        if not known and not self._whole_cmap_read:
            self._whole_cmap_read = True
            cmap = self._cmap
            for start, end in zip(cmap._starts, cmap._ends, strict=True):
                for code in range(start, end + 1):
                    if code not in self.charToGlyph and code not in (0x20, 0xA0):
                        mapped = cmap.lookup(code)
                        if mapped is not None:
                            self._put(code, mapped)
        return self.glyphToChar.get(glyph)


def glyph_chars(face: Any, glyph: int) -> list[int] | None:
    """`face.glyphToChar.get(glyph)`, complete also for a `LazyFace`."""
    if isinstance(face, LazyFace):
        return face.chars_for_glyph(glyph)
    chars: list[int] | None = face.glyphToChar.get(glyph)
    return chars


class LazyTTFont(TTFont):  # type: ignore[misc]
    """A `TTFont` over a `LazyFace`; the same attributes as `TTFont.__init__` sets.

    Every text ReportLab measures or draws in this font passes `stringWidth` or
    `splitString`: its characters are read there first, whatever path it came by (a bold
    piece re-faced from regular, a bullet drawn directly, a caller's own string).
    """

    def __init__(self, name: str, filename: str) -> None:
        self.fontName = name
        self.face = LazyFace(filename)
        self.encoding = TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)

    def _read(self, text: str | bytes) -> None:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        face = self.face
        for code in set(map(ord, text)).difference(face.charToGlyph, face._absent):
            face.ensure(code)

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        self._read(text)
        width: float = super().stringWidth(text, size, encoding)
        return width

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> Any:  # noqa: N802
        self._read(text)
        return super().splitString(text, doc, encoding)
