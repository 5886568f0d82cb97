"""The wallet card: a front for the worst moments and a back with the person's own words.

Front: "If I'm struggling" and the emergency number, then the people marked "on the card"
in the person's order with their numbers, then the crisis lines on the card. Back:
warning signs, things to try, a reason for living, and medical notes if there are any.

Fitting: each panel is laid out at 9 pt and, while it does not fit, again a quarter point
smaller, down to 6.5 pt (phone numbers never go below 8 pt). If it still does not fit,
text is cut with a visible "…" and whole people are left out with a "… N more" line; a
number is never cut. Everything left out is described in `CardResult.did_not_fit`, in
sentences the app and the command line show as they are.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from crisisplan.core.model import Contact, Group, PlanDocument, Section
from crisisplan.core.regions import emergency_for
from crisisplan.pdf.card_sheet import (
    CARD_HEIGHT,
    CARD_WIDTH,
    Rect,
    Sheet,
    crop_marks,
    fold_marks,
    sheet,
)
from crisisplan.pdf.document import language_tag, new_canvas
from crisisplan.pdf.paper import MM, PAPER_NAMES
from crisisplan.pdf.phrases import card_number, card_then
from crisisplan.pdf.text import ELLIPSIS, Laid, Span, Style, TextEngine, text_engine

TITLE = "My wallet card"
FRONT_TITLE = "If I'm struggling"
BACK_SECTIONS: tuple[tuple[str, Section], ...] = (
    ("Warning signs", Section.WARNING_SIGNS),
    ("Things to try", Section.COPING_STRATEGIES),
    ("A reason for living", Section.REASONS_FOR_LIVING),
)
MEDICAL_TITLE = "Medical notes"

INK = (0.10, 0.13, 0.16)
MUTED = (0.30, 0.35, 0.39)
ACCENT = (0.09, 0.35, 0.42)
MARK = (0.0, 0.0, 0.0)
FOLD = (0.62, 0.68, 0.70)

LARGEST = 9.0
SMALLEST = 6.5  # the legible minimum for card text
NUMBER_MINIMUM = 8.0  # phone numbers never smaller
STEP = 0.25
PADDING = 3.2 * MM  # the safe area inside the trim: a careless cut takes nothing
CONTENT_WIDTH = CARD_WIDTH - 2 * PADDING
CONTENT_HEIGHT = CARD_HEIGHT - 2 * PADDING
NUMBER_GAP = 6.0
NAME_LINES = 2
SEPARATOR = " \u00b7 "


@dataclass(frozen=True, slots=True)
class CardResult:
    """The card sheet as PDF bytes, and sentences about anything that did not fit."""

    pdf: bytes
    did_not_fit: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    """One row of a panel: text on the left, optionally a number on the right."""

    left: Laid
    right: Laid | None = None
    before: float = 0.0
    rule_after: float = 0.0

    @property
    def height(self) -> float:
        right = self.right.height if self.right is not None else 0.0
        return self.before + max(self.left.height, right) + self.rule_after


@dataclass(slots=True)
class _Panel:
    rows: list[_Row]
    size: float
    problems: list[str] = field(default_factory=list)

    @property
    def height(self) -> float:
        return sum(row.height for row in self.rows)


@dataclass(frozen=True, slots=True)
class _Styles:
    body: Style
    bold: Style
    muted: Style
    heading: Style
    title: Style
    number: Style
    title_number: Style

    @staticmethod
    def at(size: float) -> _Styles:
        number = max(NUMBER_MINIMUM, size)
        return _Styles(
            body=Style(size, False, INK, 1.22),
            bold=Style(size, True, INK, 1.22),
            muted=Style(size, False, MUTED, 1.22),
            heading=Style(size + 0.5, True, ACCENT, 1.2),
            title=Style(size + 1.5, True, ACCENT, 1.2),
            number=Style(number, True, INK, 1.22),
            title_number=Style(max(NUMBER_MINIMUM, size + 1.5), True, INK, 1.2),
        )


def _sizes() -> list[float]:
    count = round((LARGEST - SMALLEST) / STEP)
    return [round(LARGEST - STEP * i, 2) for i in range(count + 1)]


# --- front ---------------------------------------------------------------------------------


def on_card_people(document: PlanDocument) -> list[Contact]:
    """People and services (not crisis lines) marked for the card, in the person's order."""
    return [c for c in document.contacts if c.on_card and c.group is not Group.CRISIS_LINE]


def on_card_lines(document: PlanDocument) -> list[Contact]:
    return [c for c in document.contacts if c.on_card and c.group is Group.CRISIS_LINE]


class _Front:
    def __init__(self, engine: TextEngine, document: PlanDocument) -> None:
        self.engine = engine
        self.emergency = emergency_for(document.region).number
        self.region = document.region
        self.people = on_card_people(document)
        self.lines = on_card_lines(document)

    def number_row(
        self, left: Sequence[Span], number: str, styles: _Styles, *, cut: bool, before: float
    ) -> _Row:
        right = (
            self.engine.layout([Span(number, styles.number)], float("inf"), direction="ltr")
            if number
            else None
        )
        room = CONTENT_WIDTH - (right.width + NUMBER_GAP if right is not None else 0.0)
        laid = self.engine.layout(
            left, room, direction="ltr", max_lines=NAME_LINES if cut else None
        )
        return _Row(laid, right, before=before)

    def header(self, styles: _Styles) -> _Row:
        right = self.engine.layout(
            [Span("Emergency ", styles.title), Span(self.emergency, styles.title_number)],
            float("inf"),
            direction="ltr",
        )
        room = CONTENT_WIDTH - right.width - NUMBER_GAP
        left = self.engine.layout([Span(FRONT_TITLE, styles.title)], room, direction="ltr")
        return _Row(left, right, rule_after=4.0)

    def person(self, contact: Contact, styles: _Styles, *, cut: bool) -> _Row:
        spans = [Span(contact.name, styles.bold)]
        if contact.role and contact.group is not Group.CRISIS_LINE:
            spans.append(Span(SEPARATOR + contact.role, styles.muted))
        number = card_number(contact, self.region)
        then = card_then(contact, self.region)
        if then:  # beside the number: the card is read aloud to whoever answers
            spans.append(Span(SEPARATOR + then, styles.body))
        if not number:
            other = next((m.value for m in contact.methods), "")
            if other:
                spans.append(Span(SEPARATOR + other, styles.body))
        return self.number_row(spans, number, styles, cut=cut, before=2.0)

    def label(self, text: str, styles: _Styles) -> _Row:
        return _Row(
            self.engine.layout([Span(text, styles.heading)], CONTENT_WIDTH, direction="ltr"),
            before=4.0,
        )

    def more(self, count: int, styles: _Styles) -> _Row:
        text = f"{ELLIPSIS} and {count} more in my safety plan"
        return _Row(
            self.engine.layout([Span(text, styles.muted)], CONTENT_WIDTH, direction="ltr"),
            before=2.0,
        )

    def full(self, size: float) -> _Panel:
        styles = _Styles.at(size)
        rows = [self.header(styles)]
        rows += [self.person(c, styles, cut=False) for c in self.people]
        if self.lines:
            rows.append(self.label("Any time, day or night", styles))
            rows += [self.person(c, styles, cut=False) for c in self.lines]
        return _Panel(rows, size)

    def cut(self, size: float) -> _Panel:
        """The front at `size` with people left out (and names cut) until it fits."""
        styles = _Styles.at(size)
        header = self.header(styles)
        problems: list[str] = []
        room = CONTENT_HEIGHT - header.height
        # crisis lines first: they answer at any hour
        line_rows: list[_Row] = []
        kept_lines: list[Contact] = []
        if self.lines:
            label = self.label("Any time, day or night", styles)
            used = label.height
            for contact in self.lines:
                row = self.person(contact, styles, cut=True)
                if used + row.height <= room:
                    line_rows.append(row)
                    kept_lines.append(contact)
                    used += row.height
                else:
                    problems.append(
                        f"Front of the card: the crisis line {contact.name} did not fit."
                    )
            if line_rows:
                line_rows.insert(0, label)
                room -= used
        # then people in order; those left over become one "… N more" line
        rows = [self.person(c, styles, cut=True) for c in self.people]
        shown = len(rows)
        marker: _Row | None = None
        if sum(r.height for r in rows) > room:
            while shown > 0:
                shown -= 1
                marker = self.more(len(rows) - shown, styles)
                if sum(r.height for r in rows[:shown]) + marker.height <= room:
                    break
            if marker is not None and marker.height > room:
                marker = None
        people_rows = rows[:shown] + ([marker] if marker is not None else [])
        left_out = self.people[shown:]
        if left_out:
            names = ", ".join(c.name for c in left_out)
            problems.append(
                f"Front of the card: {len(left_out)} of the {len(self.people)} people "
                f"marked for the card did not fit ({names}); they are in your full plan."
            )
        for contact, row in [*zip(self.people[:shown], rows[:shown], strict=True),
                             *zip(kept_lines, line_rows[1:], strict=True)]:  # fmt: skip
            if row.left.cut:
                problems.append(f"Front of the card: {contact.name}'s details were shortened.")
        return _Panel([header, *people_rows, *line_rows], size, problems)


# --- back ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Section:
    title: str
    items: list[str]
    medical: bool = False

    def text(self) -> str:
        return SEPARATOR.join(self.items)


class _Back:
    def __init__(self, engine: TextEngine, document: PlanDocument) -> None:
        self.engine = engine
        plan = document.plan
        self.sections: list[_Section] = []
        for title, section in BACK_SECTIONS:
            items = [i.strip() for i in plan.items(section) if i.strip()]
            if section is Section.REASONS_FOR_LIVING:
                items = items[:1]
            if items:
                self.sections.append(_Section(title, items))
        medical = " ".join(plan.medical_notes.split())
        if medical:
            self.sections.append(_Section(MEDICAL_TITLE, [medical], medical=True))

    def _title(self, section: _Section, styles: _Styles, first: bool) -> _Row:
        laid = self.engine.layout(
            [Span(section.title, styles.heading)], CONTENT_WIDTH, direction="ltr"
        )
        return _Row(laid, before=0.0 if first else 3.0)

    def _body(self, section: _Section, styles: _Styles, max_lines: int | None) -> _Row:
        laid = self.engine.layout(
            [Span(section.text(), styles.body)], CONTENT_WIDTH, max_lines=max_lines
        )
        return _Row(laid)

    def empty(self, styles: _Styles) -> _Panel:
        text = (
            "Write your warning signs and the things you can try in your plan, then print "
            "this card again."
        )
        laid = self.engine.layout([Span(text, styles.muted)], CONTENT_WIDTH, direction="ltr")
        return _Panel([_Row(laid)], styles.body.size)

    def full(self, size: float) -> _Panel:
        styles = _Styles.at(size)
        if not self.sections:
            return self.empty(styles)
        rows: list[_Row] = []
        for number, section in enumerate(self.sections):
            rows.append(self._title(section, styles, number == 0))
            rows.append(self._body(section, styles, None))
        return _Panel(rows, size)

    def cut(self, size: float) -> _Panel:
        """Each section gets its title and one line first, then more lines in order."""
        styles = _Styles.at(size)
        titles = [self._title(s, styles, i == 0) for i, s in enumerate(self.sections)]
        bodies = [self._body(s, styles, None) for s in self.sections]
        room = CONTENT_HEIGHT
        allotted = [0] * len(self.sections)
        included = [False] * len(self.sections)
        for index, (title, body) in enumerate(zip(titles, bodies, strict=True)):
            first_line = body.left.lines[0].height if body.left.lines else 0.0
            if title.height + first_line <= room:
                included[index] = True
                allotted[index] = 1
                room -= title.height + first_line
        for index, body in enumerate(bodies):
            if not included[index]:
                continue
            for line in body.left.lines[1:]:
                if line.height > room:
                    break
                allotted[index] += 1
                room -= line.height
        rows: list[_Row] = []
        problems: list[str] = []
        for index, section in enumerate(self.sections):
            if not included[index]:
                problems.append(f"Back of the card: \u201c{section.title}\u201d did not fit.")
                continue
            body = self._body(section, styles, allotted[index])
            rows.append(self._title(section, styles, not rows))
            rows.append(body)
            if body.left.cut:
                problems.append(self._shortened(section, body.left))
        return _Panel(rows, size, problems)

    def _shortened(self, section: _Section, laid: Laid) -> str:
        if section.medical or len(section.items) == 1:
            return f"Back of the card: \u201c{section.title}\u201d was shortened."
        kept_chars = laid.lines[-1].end if laid.lines else 0
        whole = 0
        position = 0
        for item in section.items:
            position += len(item)
            if position <= kept_chars:
                whole += 1
            position += len(SEPARATOR)
        return (
            f"Back of the card: \u201c{section.title}\u201d was shortened; "
            f"{whole} of {len(section.items)} items fit whole."
        )


# --- fitting and drawing -------------------------------------------------------------------


def _fit(builder: _Front | _Back) -> _Panel:
    """The panel at the largest size that fits (a smaller size never needs more room, so
    a binary search finds it), or cut at the smallest size."""
    sizes = _sizes()
    panel = builder.full(sizes[0])
    if panel.height <= CONTENT_HEIGHT + 1e-6:
        return panel
    best: _Panel | None = None
    low, high = 1, len(sizes) - 1  # sizes[low..high] are candidates, largest first
    while low <= high:
        middle = (low + high) // 2
        panel = builder.full(sizes[middle])
        if panel.height <= CONTENT_HEIGHT + 1e-6:
            best = panel
            high = middle - 1
        else:
            low = middle + 1
    return best if best is not None else builder.cut(SMALLEST)


def _draw_panel(canvas: Any, engine: TextEngine, panel: _Panel, rect: Rect) -> None:
    x = rect.x + PADDING
    y = rect.top - PADDING
    for row in panel.rows:
        y -= row.before
        top = y
        first_sizes = [row.left.lines[0].size] if row.left.lines else []
        if row.right is not None and row.right.lines:
            first_sizes.append(row.right.lines[0].size)
        baseline = top - max(first_sizes, default=panel.size) * 0.98
        line_y = baseline
        for line in row.left.lines:
            engine.draw(canvas, line, x, line_y, CONTENT_WIDTH, "start" if row.right is None
                        else "left")  # fmt: skip
            line_y -= line.height
        if row.right is not None and row.right.lines:
            engine.draw(canvas, row.right.lines[0], x, baseline, CONTENT_WIDTH, "right")
        y -= max(row.left.height, row.right.height if row.right is not None else 0.0)
        if row.rule_after:
            canvas.saveState()
            canvas.setStrokeColorRGB(*ACCENT)
            canvas.setLineWidth(0.6)
            rule_y = y - row.rule_after / 2 + 1
            canvas.line(x, rule_y, x + CONTENT_WIDTH, rule_y)
            canvas.restoreState()
            y -= row.rule_after


def _draw_marks(canvas: Any, layout: Sheet, page: int) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(*MARK)
    canvas.setLineWidth(0.25)
    for trim_page, trim in layout.trims:
        if trim_page != page:
            continue
        for mark in crop_marks(trim):
            canvas.line(mark.x0, mark.y0, mark.x1, mark.y1)
    for fold_page, x, strip in layout.fold_lines:
        if fold_page != page:
            continue
        canvas.setDash([2, 1.5])
        for mark in fold_marks(x, strip):
            canvas.line(mark.x0, mark.y0, mark.x1, mark.y1)
        # a faint dotted guide on the fold itself, for folding after cutting out
        canvas.setStrokeColorRGB(*FOLD)
        canvas.setDash([0.6, 2.4])
        canvas.line(x, strip.y + 2 * MM, x, strip.top - 2 * MM)
        canvas.setStrokeColorRGB(*MARK)
        canvas.setDash([])
    canvas.restoreState()


def _draw_note(canvas: Any, engine: TextEngine, layout: Sheet, page: int, paper: str) -> None:
    """The printing note and a 50 mm bar to check the scale, above the grid."""
    grid_top = max(trim.top for _, trim in layout.trims)
    left = min(trim.x for _, trim in layout.trims)
    right = max(trim.right for _, trim in layout.trims)
    style = Style(8.5, False, INK, 1.3)
    bold = Style(8.5, True, INK, 1.3)
    if layout.layout == "fold":
        how = "Cut on the corner marks, then fold on the centre line with the print outside."
    elif page == 0:
        how = (
            "Print double-sided, flipping on the long edge (page 2 holds the backs). "
            "Cut on the corner marks."
        )
    else:
        how = "Backs of the cards: this page prints on the back of page 1."
    spans = [
        Span("Print at 100 % (\u201cActual size\u201d), not \u201cFit to page\u201d", bold),
        Span(f" on {PAPER_NAMES[paper]} paper. {how}", style),
    ]
    bar = 50 * MM
    text_width = right - left - bar - 12
    laid = engine.layout(spans, text_width, direction="ltr")
    top = grid_top + 6 * MM + laid.height
    engine.draw_laid(canvas, laid, left, top, text_width, "left")
    # the check bar, right-aligned with the grid
    bar_y = top - 9
    canvas.saveState()
    canvas.setStrokeColorRGB(*INK)
    canvas.setLineWidth(0.8)
    canvas.line(right - bar, bar_y, right, bar_y)
    canvas.line(right - bar, bar_y - 2.5, right - bar, bar_y + 2.5)
    canvas.line(right, bar_y - 2.5, right, bar_y + 2.5)
    canvas.restoreState()
    label = engine.layout(
        [Span("This bar should be 50 mm long", Style(7.5, False, MUTED, 1.2))],
        bar,
        direction="ltr",
    )
    engine.draw(canvas, label.lines[0], right - bar, bar_y - 10, bar, "centre")


def render_card(document: PlanDocument, *, layout: str = "fold", paper: str = "a4") -> CardResult:
    """The wallet card sheet as PDF bytes (not encrypted), and what did not fit.

    Args:
        document: the plan and support system; only contacts marked on_card appear.
        layout: "fold" (two-panel strips folded in half) or "duplex" (fronts on page 1,
            backs on page 2 for double-sided printing, flipped on the long edge).
        paper: "a4" or "letter".
    """
    sheet_layout = sheet(layout, paper)
    engine = text_engine()
    try:
        return _render_card(document, engine, sheet_layout, layout, paper)
    finally:
        engine.forget()


def _render_card(
    document: PlanDocument, engine: TextEngine, sheet_layout: Sheet, layout: str, paper: str
) -> CardResult:
    front = _fit(_Front(engine, document))
    back = _fit(_Back(engine, document))
    problems = [*front.problems, *back.problems]
    missing = sorted({c for panel in (front, back) for row in panel.rows for c in _missing(row)})
    if missing:
        problems.append(
            "Some characters cannot be printed with the fonts crisisplan includes and show "
            f"as \ufffd: {' '.join(missing)}"
        )

    buffer = io.BytesIO()
    canvas = new_canvas(
        buffer, sheet_layout.page_size, title=TITLE, lang=language_tag(document.region)
    )
    canvas.setViewerPreference("PrintScaling", "None")
    if layout == "duplex":
        canvas.setViewerPreference("Duplex", "DuplexFlipLongEdge")
    for page in range(sheet_layout.pages):
        for slot in sheet_layout.slots:
            if slot.front_page == page:
                _draw_panel(canvas, engine, front, slot.front)
            if slot.back_page == page:
                _draw_panel(canvas, engine, back, slot.back)
        _draw_marks(canvas, sheet_layout, page)
        _draw_note(canvas, engine, sheet_layout, page, paper)
        canvas.showPage()
    canvas.save()
    return CardResult(buffer.getvalue(), problems)


def _missing(row: _Row) -> set[str]:
    found = set(row.left.missing)
    if row.right is not None:
        found |= row.right.missing
    return found


def card_sizes() -> tuple[float, float]:
    """The card's trim size in points (for previews at true size)."""
    return CARD_WIDTH, CARD_HEIGHT
