"""Where wallet cards go on a sheet: trim boxes, crop marks and fold marks, in points.

Every card is an ISO/IEC 7810 ID-1 panel, 85.60 × 53.98 mm.

- `fold`: each card is a strip of two panels side by side (171.20 × 53.98 mm), front on
  the left, back on the right; folded on the centre line, printed sides out, it makes one
  card. Printed one-sided; four strips to an A4 or Letter sheet.
- `duplex`: page 1 holds fronts, page 2 backs, two columns by four rows. The grid is
  centred across the page, so a back sits at the mirror image of its front's position
  (x → page width − x): printed double-sided and flipped on the long edge, each back
  lands behind its front.

Crop marks are short lines in line with the trim edges that start `MARK_OFFSET` outside
the corner and run `MARK_LENGTH` outward, so no mark is on a card. Cards are `GUTTER`
apart, which leaves room for both neighbours' marks without touching.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplan.pdf.paper import MM, paper_size

CARD_WIDTH = 85.60 * MM
CARD_HEIGHT = 53.98 * MM
MARK_OFFSET = 1.5 * MM
MARK_LENGTH = 3.0 * MM
GUTTER = 2 * (MARK_OFFSET + MARK_LENGTH) + 1 * MM  # 10 mm
ROWS = 4
LAYOUTS = ("fold", "duplex")


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class Mark:
    """A straight line from (x0, y0) to (x1, y1)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True, slots=True)
class CardSlot:
    """One card on the sheet: where its front and back panels are, by page."""

    front_page: int
    front: Rect
    back_page: int
    back: Rect


@dataclass(frozen=True, slots=True)
class Sheet:
    """The whole print layout: page size, cards, the trim boxes to cut, and their marks."""

    layout: str
    page_size: tuple[float, float]
    pages: int
    slots: tuple[CardSlot, ...]
    trims: tuple[tuple[int, Rect], ...]  # (page, rectangle to cut out)
    fold_lines: tuple[tuple[int, float, Rect], ...]  # (page, x of the fold, its strip)


def sheet(layout: str, paper: str) -> Sheet:
    """The positions of every card for `layout` ("fold" or "duplex") on `paper`."""
    width, height = paper_size(paper)
    if layout == "fold":
        columns, panel_columns = 1, 2
    elif layout == "duplex":
        columns, panel_columns = 2, 1
    else:
        raise ValueError(f"Unknown card layout {layout!r}; use one of: {', '.join(LAYOUTS)}.")
    unit_width = panel_columns * CARD_WIDTH
    grid_width = columns * unit_width + (columns - 1) * GUTTER
    grid_height = ROWS * CARD_HEIGHT + (ROWS - 1) * GUTTER
    left = (width - grid_width) / 2
    # a little lower than centre: the printing note sits above the grid
    bottom = (height - grid_height) / 2 - 3 * MM
    slots: list[CardSlot] = []
    trims: list[tuple[int, Rect]] = []
    folds: list[tuple[int, float, Rect]] = []
    for row in range(ROWS):
        y = bottom + (ROWS - 1 - row) * (CARD_HEIGHT + GUTTER)
        for column in range(columns):
            x = left + column * (unit_width + GUTTER)
            if layout == "fold":
                strip = Rect(x, y, unit_width, CARD_HEIGHT)
                front = Rect(x, y, CARD_WIDTH, CARD_HEIGHT)
                back = Rect(x + CARD_WIDTH, y, CARD_WIDTH, CARD_HEIGHT)
                slots.append(CardSlot(0, front, 0, back))
                trims.append((0, strip))
                folds.append((0, x + CARD_WIDTH, strip))
            else:
                front = Rect(x, y, CARD_WIDTH, CARD_HEIGHT)
                back = Rect(width - front.right, y, CARD_WIDTH, CARD_HEIGHT)
                slots.append(CardSlot(0, front, 1, back))
                trims.append((0, front))
                trims.append((1, back))
    return Sheet(
        layout,
        (width, height),
        1 if layout == "fold" else 2,
        tuple(slots),
        tuple(trims),
        tuple(folds),
    )


def crop_marks(trim: Rect) -> tuple[Mark, ...]:
    """Eight marks, two at each corner of `trim`, all outside it."""
    marks: list[Mark] = []
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    for x, dx in ((trim.x, -1), (trim.right, 1)):
        for y, dy in ((trim.y, -1), (trim.top, 1)):
            marks.append(Mark(x + dx * near, y, x + dx * far, y))  # along the horizontal edge
            marks.append(Mark(x, y + dy * near, x, y + dy * far))  # along the vertical edge
    return tuple(marks)


def fold_marks(x: float, strip: Rect) -> tuple[Mark, ...]:
    """Two marks on the fold line, above and below the strip, outside it."""
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    return (
        Mark(x, strip.top + near, x, strip.top + far),
        Mark(x, strip.y - near, x, strip.y - far),
    )
