"""Lines of text in any script, for ReportLab's canvas.

ReportLab draws a string in one font, left to right, one glyph per character. People's
words need more, so this module does, per paragraph:

1. **Faces** — every character gets a face from `fonts.FontBook` (by script, then by
   coverage); runs of one face, style and direction become *pieces*.
2. **Direction** — the Unicode bidirectional algorithm (python-bidi's reference
   implementation) gives each character an embedding level; the paragraph's direction is
   its first strong character ("auto") or left-to-right where the sentence is ours.
3. **Shaping** — pieces in Arabic, Hebrew, Devanagari or Thai, and every right-to-left
   piece, go through HarfBuzz, which joins Arabic letters, reorders Indic vowels, places
   marks and mirrors brackets. Its glyphs are drawn by glyph id (a private code point is
   mapped to a glyph that has no character of its own), inside an `/ActualText` span so
   that copying and text extraction still give the person's words.
4. **Lines** — greedy breaking at spaces (and between CJK characters); a word longer
   than the line is split between characters. Each line's pieces are then put in visual
   order (rule L2), so a right-to-left name reads right to left inside an English line.
5. **Cutting** — `layout(..., max_lines=n)` cuts the last line with a visible "…".

Simple pieces (most Latin text) skip HarfBuzz and use ReportLab's own widths, so the
common case stays fast.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import uharfbuzz as hb  # type: ignore[import-untyped]
from bidi import algorithm as bidi_algorithm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]

from crisisplan.pdf.fonts import (
    COMPLEX_SCRIPT_FONTS,
    LATIN,
    LATIN_BOLD,
    REPLACEMENT,
    FontBook,
    alias_glyph,
    font_book,
    font_path,
    is_default_ignorable,
)
from crisisplan.pdf.lazy_font import glyph_chars

ELLIPSIS = "\u2026"
Direction = Literal["auto", "ltr", "rtl"]
Align = Literal["start", "left", "right", "centre"]
RGB = tuple[float, float, float]

# Characters that make a paragraph need the bidirectional algorithm.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067"
    "\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Characters between which a line may break even without a space.
_CJK_BREAKABLE = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0002ffff]"
)
# No line starts with these (closing punctuation, small kana marks).
_NO_BREAK_BEFORE = frozenset("、。，．・：；？！）」』】〕〉》ー々…,.;:!?)]}")
# Fake bold: stroke width as a share of the font size.
_FAKE_BOLD_STROKE = 0.035


@dataclass(frozen=True, slots=True)
class Style:
    """How a span of text looks: size in points, weight, colour, line spacing."""

    size: float
    bold: bool = False
    color: RGB = (0.11, 0.15, 0.18)
    leading: float = 1.3

    def at(self, size: float) -> Style:
        return Style(size, self.bold, self.color, self.leading)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style


@dataclass(frozen=True, slots=True)
class Glyph:
    """One shaped glyph: the character ReportLab encodes it as, and its placement."""

    char: str
    advance: float
    x_offset: float
    y_offset: float


@dataclass(slots=True)
class Piece:
    """A run of one face, style and embedding level inside one word."""

    text: str
    style: Style
    face: str
    fake_bold: bool
    level: int
    start: int
    end: int
    is_space: bool
    width: float = 0.0
    glyphs: tuple[Glyph, ...] | None = None


@dataclass(slots=True)
class Line:
    """A laid-out line: pieces in visual (drawing) order."""

    pieces: list[Piece]
    width: float
    start: int
    end: int
    rtl: bool
    height: float
    size: float


@dataclass(slots=True)
class Laid:
    """A laid-out paragraph; `cut` is True when `max_lines` made it drop text."""

    lines: list[Line]
    cut: bool = False
    missing: set[str] = field(default_factory=set)

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines)

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0)


@dataclass(slots=True)
class _Word:
    pieces: list[Piece]
    content: float  # width without trailing spaces
    spaces: float  # width of trailing spaces
    hard_break: bool  # ends with a newline


class TextEngine:
    """Lays out and draws paragraphs made of styled spans. One per process is enough."""

    def __init__(self, fonts: FontBook | None = None) -> None:
        self.fonts = fonts or font_book()
        self._hb_fonts: dict[str, tuple[Any, int]] = {}
        self._prepared: dict[
            tuple[tuple[str, ...], str],
            tuple[str, tuple[str, ...], tuple[int, ...], int, frozenset[str]],
        ] = {}
        self._lock = threading.Lock()

    # --- public --------------------------------------------------------------------------

    def forget(self) -> None:
        """Drop the cached paragraphs (the person's words); renderers call this when done,
        so no copy outlives the document, e.g. after the app locks."""
        self._prepared.clear()

    def layout(
        self,
        spans: Sequence[Span],
        width: float,
        *,
        direction: Direction = "auto",
        max_lines: int | None = None,
    ) -> Laid:
        """Break `spans` into lines no wider than `width` (points)."""
        paragraph = self._prepare(spans, direction)
        words = self._words(paragraph)
        lines = self._break(words, width, paragraph)
        laid = Laid(lines, missing=paragraph.missing)
        if max_lines is not None and len(lines) > max_lines:
            laid.lines = lines[:max_lines] if max_lines > 0 else []
            laid.cut = True
            if max_lines > 0:
                laid.lines[-1] = self._cut_line(spans, laid.lines[-1], width, direction)
        return laid

    def width(self, spans: Sequence[Span], *, direction: Direction = "auto") -> float:
        """The width of `spans` on one line, unbroken."""
        laid = self.layout(spans, float("inf"), direction=direction)
        return laid.width

    def draw(
        self, canvas: Any, line: Line, x: float, baseline: float, width: float, align: Align
    ) -> None:
        """Draw `line` on `canvas` with its baseline at `baseline`, in the box x…x+width."""
        if align == "start":
            align = "right" if line.rtl else "left"
        if align == "right":
            cursor = x + width - line.width
        elif align == "centre":
            cursor = x + (width - line.width) / 2
        else:
            cursor = x
        # Spaces are drawn too (invisible), so that copied and extracted text has them;
        # neighbouring simple pieces in one face and style become one string.
        run: list[Piece] = []
        run_x = cursor
        for piece in line.pieces:
            if run and (
                piece.glyphs is not None
                or (piece.face, piece.style, piece.fake_bold)
                != (run[0].face, run[0].style, run[0].fake_bold)
            ):
                self._draw_simple(canvas, run, run_x, baseline)
                run = []
            if piece.glyphs is not None:
                self._draw_piece(canvas, piece, cursor, baseline)
            else:
                if not run:
                    run_x = cursor
                run.append(piece)
            cursor += piece.width
        if run:
            self._draw_simple(canvas, run, run_x, baseline)

    def draw_laid(
        self,
        canvas: Any,
        laid: Laid,
        x: float,
        top: float,
        width: float,
        align: Align = "start",
    ) -> float:
        """Draw every line of `laid` from `top` down; returns the y under the last line."""
        y = top
        for line in laid.lines:
            self.draw(canvas, line, x, y - line.size * 0.98, width, align)
            y -= line.height
        return y

    # --- preparation ---------------------------------------------------------------------

    def _prepare(self, spans: Sequence[Span], direction: Direction) -> _Paragraph:
        styles: list[Style] = []
        texts = tuple(clean(span.text) for span in spans)
        for span, text in zip(spans, texts, strict=True):
            styles.extend([span.style] * len(text))
        # faces and levels do not depend on size or weight: a card tried at several sizes
        # (and the same words on every card) reuse them
        key = (texts, direction)
        cached = self._prepared.get(key)
        if cached is None:
            cached = self._faces_and_levels("".join(texts), direction)
            if len(self._prepared) > 4096:
                self._prepared.clear()
            self._prepared[key] = cached
        text, faces, levels, base, missing = cached
        return _Paragraph(text, styles, list(faces), list(levels), base, set(missing))

    def _faces_and_levels(
        self, text: str, direction: Direction
    ) -> tuple[str, tuple[str, ...], tuple[int, ...], int, frozenset[str]]:
        chars = list(text)
        if direction == "ltr":
            base = 0
        elif direction == "rtl":
            base = 1
        else:
            base = int(bidi_algorithm.get_base_level(text)) if _RTL.search(text) else 0
        levels = _bidi_levels(text, base) if (base or _RTL.search(text)) else [0] * len(text)

        faces: list[str] = []
        missing: set[str] = set()
        previous: str | None = None
        for index, char in enumerate(chars):
            if char == "\n":
                faces.append(previous or LATIN)
                continue
            face = self.fonts.face_for(char, previous)
            if face is None:
                if not is_default_ignorable(char):
                    missing.add(char)
                    chars[index] = REPLACEMENT
                face = LATIN
            faces.append(face)
            previous = face
        return "".join(chars), tuple(faces), tuple(levels), base, frozenset(missing)

    def _words(self, paragraph: _Paragraph) -> list[_Word]:
        text = paragraph.text
        words: list[_Word] = []
        start = 0
        length = len(text)
        while start < length:
            end = start
            # the word's content: up to a space, a newline or a CJK break opportunity
            while end < length and not text[end].isspace():
                end += 1
                if end < length and _breaks_between(text[end - 1], text[end]):
                    break
            content_end = end
            hard = False
            while end < length and text[end].isspace():
                if text[end] == "\n":
                    end += 1
                    hard = True
                    break
                end += 1
            content = self._pieces(paragraph, start, content_end, is_space=False)
            spaces = self._pieces(paragraph, content_end, end, is_space=True)
            words.append(
                _Word(
                    content + spaces,
                    sum(p.width for p in content),
                    sum(p.width for p in spaces),
                    hard,
                )
            )
            start = end
        return words

    def _pieces(
        self, paragraph: _Paragraph, start: int, end: int, *, is_space: bool
    ) -> list[Piece]:
        pieces: list[Piece] = []
        index = start
        while index < end:
            style = paragraph.styles[index]
            face = paragraph.faces[index]
            level = paragraph.levels[index]
            stop = index + 1
            while (
                stop < end
                and paragraph.styles[stop] == style
                and paragraph.faces[stop] == face
                and paragraph.levels[stop] == level
            ):
                stop += 1
            pieces.append(
                self._piece(paragraph.text[index:stop], style, face, level, index, is_space)
            )
            index = stop
        return pieces

    def _piece(
        self, text: str, style: Style, face: str, level: int, start: int, is_space: bool
    ) -> Piece:
        fake_bold = style.bold and face != LATIN
        if style.bold and face == LATIN:
            face = LATIN_BOLD
        if is_space:
            text = text.replace("\n", "")
        piece = Piece(text, style, face, fake_bold, level, start, start + len(text), is_space)
        self._measure(piece)
        return piece

    def _measure(self, piece: Piece) -> None:
        needs_shaping = (
            piece.level % 2 == 1
            or piece.face in COMPLEX_SCRIPT_FONTS
            or any(unicodedata.category(c)[0] == "M" for c in piece.text)
        )
        if piece.is_space or not needs_shaping:
            piece.text = "".join(c for c in piece.text if not is_default_ignorable(c))
            piece.glyphs = None
            piece.width = pdfmetrics.stringWidth(piece.text, piece.face, piece.style.size)
            return
        piece.glyphs = self._shape(piece.text, piece.face, piece.style.size, piece.level % 2 == 1)
        piece.width = sum(g.advance for g in piece.glyphs)

    # --- shaping -------------------------------------------------------------------------

    def _hb_font(self, face: str) -> tuple[Any, int]:
        cached = self._hb_fonts.get(face)
        if cached is None:
            with self._lock:
                cached = self._hb_fonts.get(face)
                if cached is None:
                    hb_face = hb.Face(hb.Blob.from_file_path(str(font_path(face))))
                    cached = (hb.Font(hb_face), int(hb_face.upem))
                    self._hb_fonts[face] = cached
        return cached

    def _shape(self, text: str, face: str, size: float, rtl: bool) -> tuple[Glyph, ...]:
        hb_font, upem = self._hb_font(face)
        buffer = hb.Buffer()
        buffer.add_codepoints([ord(c) for c in text])  # clusters are then character indices
        buffer.guess_segment_properties()
        buffer.direction = "rtl" if rtl else "ltr"
        hb.shape(hb_font, buffer, {"kern": True, "liga": True})
        infos = buffer.glyph_infos
        font_face = self.fonts.font(face).face
        texts = _alias_texts(text, [(info.cluster, info.codepoint) for info in infos], font_face)
        scale = size / upem
        glyphs = []
        for info, position, source in zip(infos, buffer.glyph_positions, texts, strict=True):
            gid = info.codepoint
            if gid == 0:
                continue
            known = glyph_chars(font_face, gid)
            if known:
                char = chr(known[0])
            else:
                advance = hb_font.get_glyph_h_advance(gid) * 1000 / upem
                char = chr(alias_glyph(font_face, gid, advance, source))
            glyphs.append(
                Glyph(
                    char,
                    position.x_advance * scale,
                    position.x_offset * scale,
                    position.y_offset * scale,
                )
            )
        return tuple(glyphs)

    # --- lines ---------------------------------------------------------------------------

    def _break(self, words: list[_Word], width: float, paragraph: _Paragraph) -> list[Line]:
        lines: list[Line] = []
        current: list[_Word] = []
        used = 0.0

        def finish() -> None:
            nonlocal current, used
            lines.append(self._make_line(current, paragraph))
            current = []
            used = 0.0

        for word in words:
            if current:
                pending = current[-1].spaces
                if used + pending + word.content > width + 1e-6:
                    finish()
            if not current and word.content > width + 1e-6:
                for part in self._split_word(word, width, paragraph):
                    if current:
                        finish()
                    current.append(part)
                    used = part.content
            else:
                used += (current[-1].spaces if current else 0.0) + word.content
                current.append(word)
            if word.hard_break:
                finish()
        if current or not lines:
            lines.append(self._make_line(current, paragraph))
        return lines

    def _split_word(self, word: _Word, width: float, paragraph: _Paragraph) -> list[_Word]:
        """Split a word wider than the line between characters (never before a mark)."""
        content = [p for p in word.pieces if not p.is_space]
        spaces = [p for p in word.pieces if p.is_space]
        start = content[0].start
        end = content[-1].end
        parts: list[_Word] = []
        while start < end:
            cut = start + 1
            best = start + 1
            while cut <= end:
                if cut < end and not _can_split_before(paragraph.text[cut]):
                    cut += 1
                    continue
                trial = self._pieces(paragraph, start, cut, is_space=False)
                if sum(p.width for p in trial) > width + 1e-6 and best > start + 1:
                    break
                best = cut
                cut += 1
            pieces = self._pieces(paragraph, start, best, is_space=False)
            parts.append(_Word(pieces, sum(p.width for p in pieces), 0.0, False))
            start = best
        last = parts[-1]
        parts[-1] = _Word(
            last.pieces + spaces, last.content, sum(p.width for p in spaces), word.hard_break
        )
        return parts

    def _make_line(self, words: list[_Word], paragraph: _Paragraph) -> Line:
        pieces = [p for w in words for p in w.pieces]
        while pieces and pieces[-1].is_space:  # rule L1: trailing spaces take no room
            pieces.pop()
        size = max((p.style.size for p in pieces), default=_paragraph_size(paragraph))
        leading = max((p.style.leading for p in pieces), default=1.3)
        start = pieces[0].start if pieces else 0
        end = pieces[-1].end if pieces else 0
        visual = _visual_order(pieces)
        return Line(
            visual,
            sum(p.width for p in visual),
            start,
            end,
            paragraph.base == 1,
            size * leading,
            size,
        )

    def _cut_line(
        self, spans: Sequence[Span], line: Line, width: float, direction: Direction
    ) -> Line:
        """The last kept line, shortened until it and "…" fit in `width`."""
        text_spans = _slice_spans(spans, 0, line.end)
        keep = line.end
        while True:
            head = _slice_spans(text_spans, line.start, keep)
            trimmed = _rstrip_spans(head)
            style = trimmed[-1].style if trimmed else spans[0].style
            trial = self.layout(
                [*trimmed, Span(ELLIPSIS, style)], float("inf"), direction=direction
            )
            candidate = trial.lines[0]
            if candidate.width <= width + 1e-6 or keep <= line.start:
                candidate.start, candidate.end = line.start, keep
                candidate.rtl = line.rtl
                return candidate
            keep -= 1

    # --- drawing -------------------------------------------------------------------------

    def _draw_simple(self, canvas: Any, run: list[Piece], x: float, baseline: float) -> None:
        text = "".join(p.text for p in run)
        if text.strip():
            first = run[0]
            self._draw_piece(canvas, replace(first, text=text), x, baseline)

    def _draw_piece(self, canvas: Any, piece: Piece, x: float, baseline: float) -> None:
        style = piece.style
        canvas.saveState()
        canvas.setFillColorRGB(*style.color)
        if piece.fake_bold:
            canvas.setStrokeColorRGB(*style.color)
            canvas.setLineWidth(style.size * _FAKE_BOLD_STROKE)
        text = canvas.beginText(x, baseline)
        text.setFont(piece.face, style.size)
        if piece.fake_bold:
            text.setTextRenderMode(2)
        if piece.glyphs is None:
            text.textOut(piece.text)
            canvas.drawText(text)
        else:
            canvas.addLiteral(f"/Span<</ActualText<FEFF{_utf16_hex(piece.text)}>>>BDC")
            expected_x, expected_y = x, baseline
            pen = x
            for glyph in piece.glyphs:
                gx, gy = pen + glyph.x_offset, baseline + glyph.y_offset
                if abs(gx - expected_x) > 0.005 or abs(gy - expected_y) > 0.005:
                    text.setTextOrigin(gx, gy)
                text.textOut(glyph.char)
                natural = pdfmetrics.stringWidth(glyph.char, piece.face, style.size)
                expected_x, expected_y = gx + natural, gy
                pen += glyph.advance
            canvas.drawText(text)
            canvas.addLiteral("EMC")
        canvas.restoreState()


@dataclass(slots=True)
class _Paragraph:
    text: str
    styles: list[Style]
    faces: list[str]
    levels: list[int]
    base: int
    missing: set[str]


def clean(text: str) -> str:
    """Text as it is laid out: composed (NFC), tabs as spaces, one kind of newline."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    return text.replace("\t", " ").replace("\r", "\n")


def _paragraph_size(paragraph: _Paragraph) -> float:
    return paragraph.styles[0].size if paragraph.styles else 10.0


def _breaks_between(before: str, after: str) -> bool:
    if after in _NO_BREAK_BEFORE:
        return False
    return bool(_CJK_BREAKABLE.match(before) or _CJK_BREAKABLE.match(after))


def _can_split_before(char: str) -> bool:
    return unicodedata.category(char)[0] != "M" and not is_default_ignorable(char)


def _alias_texts(text: str, glyphs: list[tuple[int, int]], font_face: Any) -> list[str]:
    """For each shaped glyph (cluster, glyph id), the text it stands for when it has no
    character of its own: its cluster's text less the characters of the cluster's other,
    ordinary glyphs ("कि" drawn as [i-sign variant, क] gives the variant "ि")."""
    starts = sorted({cluster for cluster, _ in glyphs})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    remaining: dict[int, str] = {}
    for cluster in starts:
        rest = text[cluster : ends[cluster]]
        for other_cluster, gid in glyphs:
            known = glyph_chars(font_face, gid)
            if other_cluster == cluster and known:
                rest = rest.replace(chr(known[0]), "", 1)
        remaining[cluster] = rest
    result = []
    for cluster, gid in glyphs:
        if glyph_chars(font_face, gid):
            result.append("")
        else:
            result.append(remaining[cluster])
            remaining[cluster] = ""
    return result


def _bidi_levels(text: str, base: int) -> list[int]:
    """Resolved embedding levels (rules X1–I2) per character, by python-bidi's reference
    implementation. Characters that rule X9 removes take the level before them."""
    storage = bidi_algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    bidi_algorithm.get_embedding_levels(text, storage)
    every = list(storage["chars"])
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage, False)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    kept = {id(entry) for entry in storage["chars"]}
    levels: list[int] = []
    previous = base
    for entry in every:
        if id(entry) in kept:
            previous = int(entry["level"])
        levels.append(previous)
    return levels


def _visual_order(pieces: list[Piece]) -> list[Piece]:
    """Rule L2: from the highest level down to the lowest odd one, reverse every run of
    pieces at that level or above."""
    if not pieces or all(p.level == 0 for p in pieces):
        return list(pieces)
    order = list(pieces)
    highest = max(p.level for p in order)
    lowest_odd = min((p.level for p in order if p.level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if order[index].level >= level:
                stop = index
                while stop < len(order) and order[stop].level >= level:
                    stop += 1
                order[index:stop] = reversed(order[index:stop])
                index = stop
            else:
                index += 1
    return order


def _slice_spans(spans: Sequence[Span], start: int, end: int) -> list[Span]:
    """The spans covering characters start…end of their (normalised) joined text."""
    result: list[Span] = []
    offset = 0
    for span in spans:
        text = clean(span.text)
        low, high = max(start - offset, 0), min(end - offset, len(text))
        if low < high:
            result.append(Span(text[low:high], span.style))
        offset += len(text)
    return result


def _rstrip_spans(spans: list[Span]) -> list[Span]:
    result = list(spans)
    while result:
        stripped = result[-1].text.rstrip(" ,;·-–—")
        if stripped:
            result[-1] = Span(stripped, result[-1].style)
            break
        result.pop()
    return result


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


_ENGINE: TextEngine | None = None


def text_engine() -> TextEngine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = TextEngine()
    return _ENGINE
