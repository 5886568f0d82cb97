"""A small page composer for the full plan: blocks of paragraphs, flowed onto pages.

Platypus could flow the plan, but its paragraphs use one font per run and have no
right-to-left shaping; our own lines (`text.TextEngine`) need their own flow. This one is
deliberately plain: blocks stack top to bottom, a block that does not fit starts a new
page, headings stay with what follows, and a block taller than a page is split between
lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from crisisplan.pdf.text import RGB, Align, Laid, TextEngine

_EPSILON = 1e-6


@dataclass(slots=True)
class Para:
    """A laid-out paragraph placed `indent` points from the left edge of the column."""

    laid: Laid
    indent: float = 0.0
    before: float = 0.0
    bullet: Laid | None = None
    align: Align = "start"

    @property
    def height(self) -> float:
        return self.before + self.laid.height


@dataclass(slots=True)
class Block:
    """Paragraphs that belong together (a heading, an item, a person)."""

    paras: list[Para]
    before: float = 0.0
    keep_with_next: bool = False
    new_page: bool = False
    box: RGB | None = None
    padding: float = 0.0

    @property
    def height(self) -> float:
        return sum(p.height for p in self.paras) + 2 * self.padding


@dataclass(slots=True)
class Placed:
    block: Block
    top: float


@dataclass(slots=True)
class Frame:
    """The column every page flows into, in points from the page's bottom-left corner."""

    left: float
    width: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def paginate(blocks: list[Block], frame: Frame) -> list[list[Placed]]:
    """Place `blocks` on as many pages as they need."""
    pages: list[list[Placed]] = [[]]
    y = frame.top
    queue = list(blocks)
    index = 0
    while index < len(queue):
        block = queue[index]
        page = pages[-1]
        if block.new_page and page:
            pages.append([])
            page, y = pages[-1], frame.top
        before = block.before if page else 0.0
        needed = before + block.height
        if block.keep_with_next and index + 1 < len(queue):
            follower = queue[index + 1]
            needed += follower.before + _first_height(follower)
        if y - needed < frame.bottom - _EPSILON and page and block.height <= frame.height:
            pages.append([])
            y = frame.top
            continue
        if y - before - block.height < frame.bottom - _EPSILON:
            # taller than what is left of an empty page: split it between lines
            head, tail = _split(block, y - before - frame.bottom)
            if head is not None:
                page.append(Placed(head, y - before))
            pages.append([])
            y = frame.top
            queue[index] = tail
            continue
        page.append(Placed(block, y - before))
        y -= before + block.height
        index += 1
    return [page for page in pages if page] or [[]]


def _first_height(block: Block) -> float:
    if not block.paras:
        return 0.0
    first = block.paras[0]
    line = first.laid.lines[0].height if first.laid.lines else 0.0
    return block.padding + first.before + line


def _split(block: Block, room: float) -> tuple[Block | None, Block]:
    """The lines of `block` that fit in `room`, and a block with the rest."""
    used = block.padding
    head: list[Para] = []
    for number, para in enumerate(block.paras):
        if used + para.height <= room:
            head.append(para)
            used += para.height
            continue
        lines_fit = 0
        height = used + para.before
        for line in para.laid.lines:
            if height + line.height > room:
                break
            height += line.height
            lines_fit += 1
        if lines_fit == 0 and not head:
            lines_fit = 1  # always make progress
        rest = block.paras[number + 1 :]
        if lines_fit:
            head.append(replace(para, laid=Laid(para.laid.lines[:lines_fit])))
            tail_para = replace(
                para, laid=Laid(para.laid.lines[lines_fit:]), before=0.0, bullet=None
            )
            tail_paras = [tail_para, *rest] if tail_para.laid.lines else rest
        else:
            tail_paras = [para, *rest]
        tail = replace(block, paras=tail_paras, before=0.0, new_page=False)
        return (replace(block, paras=head) if head else None), tail
    return replace(block, paras=head), replace(block, paras=[])


def draw_page(
    canvas: Any,
    engine: TextEngine,
    placed: list[Placed],
    frame: Frame,
    decorate: Callable[[Any], None] | None = None,
) -> None:
    """Draw one page's blocks (boxes first, then text)."""
    for item in placed:
        block = item.block
        if block.box is not None:
            canvas.saveState()
            canvas.setFillColorRGB(*block.box)
            canvas.roundRect(
                frame.left, item.top - block.height, frame.width, block.height, 6, stroke=0, fill=1
            )
            canvas.restoreState()
        y = item.top - block.padding
        for para in block.paras:
            y -= para.before
            x = frame.left + block.padding + para.indent
            width = frame.width - 2 * block.padding - para.indent
            if para.bullet is not None and para.laid.lines:
                first = para.laid.lines[0]
                bullet_line = para.bullet.lines[0]
                baseline = y - first.size * 0.98
                if first.rtl:  # a right-to-left item: the bullet (and indent) on the right
                    x -= para.indent
                    engine.draw(canvas, bullet_line, x + width + 4, baseline, 14, "left")
                else:
                    engine.draw(canvas, bullet_line, x - 14, baseline, 14, "left")
            y = engine.draw_laid(canvas, para.laid, x, y, width, para.align)
    if decorate is not None:
        decorate(canvas)
