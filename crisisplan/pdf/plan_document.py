"""The full safety plan as a PDF: for the fridge, a clinician, or a helper.

Page 1 starts with the title, the dates, and a box with the emergency number and the
crisis lines; then the six steps in order (steps 4 and 5 are the support system, with
numbers and hours), then the reasons for living. A separate page speaks to helpers:
what helps, what does not, who not to contact, medical notes. Every page's footer
repeats the emergency number and says "Page n of m". Body text is 12 pt, nothing is
below 11 pt.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from crisisplan.core.model import (
    SECTION_TITLES,
    Contact,
    Group,
    PlanDocument,
    Section,
    completeness,
)
from crisisplan.core.regions import emergency_for
from crisisplan.core.wording import beyond_the_week_text, date_text
from crisisplan.pdf.document import language_tag, new_canvas
from crisisplan.pdf.layout import Block, Frame, Para, Placed, draw_page, paginate
from crisisplan.pdf.paper import MM, paper_size
from crisisplan.pdf.phrases import card_number, card_then, hours_text, methods_text, who_text
from crisisplan.pdf.text import Direction, Span, Style, TextEngine, text_engine

TITLE = "My safety plan"

INK = (0.11, 0.15, 0.18)
MUTED = (0.29, 0.34, 0.38)
ACCENT = (0.09, 0.35, 0.42)
BOX = (0.91, 0.95, 0.96)
RULE = (0.75, 0.82, 0.84)

TITLE_STYLE = Style(26, True, ACCENT, 1.2)
NAME_STYLE = Style(17, False, INK, 1.3)
HEADING = Style(15, True, ACCENT, 1.3)
BODY = Style(12, False, INK, 1.35)
BODY_BOLD = Style(12, True, INK, 1.35)
DETAIL = Style(11, False, MUTED, 1.35)
EMERGENCY = Style(15, True, INK, 1.3)
FOOTER = Style(11, False, MUTED, 1.2)
FOOTER_BOLD = Style(11, True, INK, 1.2)
BULLET = Style(12, True, ACCENT, 1.35)

MARGIN_X = 20 * MM
MARGIN_TOP = 18 * MM
MARGIN_BOTTOM = 22 * MM
FOOTER_BASELINE = 12 * MM
ITEM_INDENT = 16.0
PROFESSIONAL_GROUPS = frozenset({Group.PROFESSIONAL, Group.CRISIS_LINE})


class _Composer:
    """Turns the plan into blocks of laid-out paragraphs for one column width."""

    def __init__(self, engine: TextEngine, width: float) -> None:
        self.engine = engine
        self.width = width
        self.region = ""  # the vault's, for reading numbers as they are dialled

    def para(
        self,
        spans: Sequence[Span],
        *,
        indent: float = 0.0,
        before: float = 0.0,
        direction: Direction = "auto",
        inner: float = 0.0,
    ) -> Para:
        laid = self.engine.layout(spans, self.width - indent - inner, direction=direction)
        return Para(laid, indent=indent, before=before)

    def heading(self, text: str, *, before: float = 18.0) -> Block:
        return Block([self.para([Span(text, HEADING)], direction="ltr")], before=before,
                     keep_with_next=True)  # fmt: skip

    def items(self, items: Sequence[str], empty: str) -> list[Block]:
        if not items:
            return [Block([self.para([Span(empty, DETAIL)], indent=ITEM_INDENT)], before=4)]
        blocks = []
        bullet = self.engine.layout([Span("\u2022", BULLET)], 20)
        for item in items:
            para = self.para([Span(item, BODY)], indent=ITEM_INDENT)
            para.bullet = bullet
            blocks.append(Block([para], before=5))
        return blocks

    def contact(self, contact: Contact, today: dt.date) -> Block:
        paras = [
            self.para(
                [Span(contact.name, BODY_BOLD), Span("   " + who_text(contact), DETAIL)],
                indent=ITEM_INDENT,
                direction="ltr",
            )
        ]
        for line in methods_text(contact.methods, self.region, contact.message):
            verb, _, value = line.partition(" ")
            if line.startswith("Call or text "):
                verb, value = "Call or text", line.removeprefix("Call or text ")
            spans = (
                [Span(verb + " ", BODY), Span(value, BODY_BOLD)] if value else [Span(line, BODY)]
            )
            paras.append(self.para(spans, indent=ITEM_INDENT, direction="ltr"))
        hours = hours_text(contact)
        beyond = beyond_the_week_text(contact, today)
        if beyond:
            hours += f" \u00b7 {beyond}"
        paras.append(self.para([Span(hours, DETAIL)], indent=ITEM_INDENT, direction="ltr"))
        if contact.helps_with:
            paras.append(
                self.para(
                    [Span("Can help with: ", DETAIL), Span(contact.helps_with, DETAIL)],
                    indent=ITEM_INDENT,
                    direction="ltr",
                )
            )
        if contact.notes:
            paras.append(
                self.para(
                    [Span("Note: ", DETAIL), Span(contact.notes, DETAIL)],
                    indent=ITEM_INDENT,
                    direction="ltr",
                )
            )
        if contact.group is not Group.CRISIS_LINE:
            agreed = "Agreed to be on this plan" if contact.agreed else "Not yet asked or agreed"
            checked = (
                f" \u00b7 details checked {date_text(contact.checked_on)}"
                if contact.checked_on
                else ""
            )
            paras.append(
                self.para([Span(agreed + checked, DETAIL)], indent=ITEM_INDENT, direction="ltr")
            )
        return Block(paras, before=10)

    def contacts(self, contacts: Sequence[Contact], empty: str, today: dt.date) -> list[Block]:
        if not contacts:
            return [Block([self.para([Span(empty, DETAIL)], indent=ITEM_INDENT)], before=4)]
        return [self.contact(c, today) for c in contacts]


def _blocks(document: PlanDocument, composer: _Composer, name: str, today: dt.date) -> list[Block]:
    plan = document.plan
    composer.region = document.region
    emergency = emergency_for(document.region).number
    blocks: list[Block] = []

    header = [composer.para([Span(TITLE, TITLE_STYLE)], direction="ltr")]
    if name.strip():
        header.append(composer.para([Span(name.strip(), NAME_STYLE)], before=2))
    filled, steps = completeness(document)
    reviewed = (
        f"last reviewed {date_text(plan.reviewed_on)}" if plan.reviewed_on else "not reviewed yet"
    )
    header.append(
        composer.para(
            [
                Span(
                    f"Made {date_text(today)} \u00b7 {reviewed} \u00b7 "
                    f"{filled} of {steps} steps filled",
                    DETAIL,
                )
            ],  # fmt: skip
            before=6,
            direction="ltr",
        )
    )
    blocks.append(Block(header))

    lines = [c for c in document.contacts if c.group is Group.CRISIS_LINE]
    box = [
        composer.para(
            [Span("In an emergency, call ", EMERGENCY), Span(emergency, EMERGENCY)],
            direction="ltr",
            inner=24,
        )
    ]
    if lines:
        spans = [Span("Any time: ", BODY_BOLD)]
        for number, line in enumerate(lines):
            if number:
                spans.append(Span(" \u00b7 ", BODY))
            spans.append(Span(f"{line.name} ", BODY))
            spans.append(Span(card_number(line, document.region) or "", BODY_BOLD))
            then = card_then(line, document.region)
            if then:
                spans.append(Span(f", {then}", BODY))
        box.append(composer.para(spans, before=4, direction="ltr", inner=24))
    blocks.append(Block(box, before=14, box=BOX, padding=12))

    people = [c for c in document.contacts if c.group not in PROFESSIONAL_GROUPS]
    professionals = [c for c in document.contacts if c.group in PROFESSIONAL_GROUPS]
    professionals.sort(key=lambda c: c.group is Group.CRISIS_LINE)  # stable: keeps order
    steps_content: list[tuple[str, list[Block]]] = [
        (
            SECTION_TITLES[Section.WARNING_SIGNS],
            composer.items(plan.items(Section.WARNING_SIGNS), "Nothing written here yet."),
        ),
        (
            SECTION_TITLES[Section.COPING_STRATEGIES],
            composer.items(plan.items(Section.COPING_STRATEGIES), "Nothing written here yet."),
        ),
        (
            SECTION_TITLES[Section.DISTRACTIONS],
            composer.items(plan.items(Section.DISTRACTIONS), "Nothing written here yet."),
        ),
        ("People I can ask for help", composer.contacts(people, "Nobody added yet.", today)),
        (
            "Professionals and services",
            composer.contacts(professionals, "Nobody added yet.", today),
        ),
        (
            SECTION_TITLES[Section.MAKING_SAFE],
            composer.items(plan.items(Section.MAKING_SAFE), "Nothing written here yet."),
        ),
    ]
    for number, (title, content) in enumerate(steps_content, start=1):
        blocks.append(composer.heading(f"{number}. {title}"))
        blocks.extend(content)
    blocks.append(composer.heading(SECTION_TITLES[Section.REASONS_FOR_LIVING]))
    blocks.extend(
        composer.items(plan.items(Section.REASONS_FOR_LIVING), "Nothing written here yet.")
    )

    helpers = Block(
        [
            composer.para([Span("For people helping me", TITLE_STYLE.at(22))], direction="ltr"),
            composer.para(
                [
                    Span(
                        "If you are with me when I am struggling, this is what I would like "
                        f"you to know. If I am in danger, call {emergency}.",
                        BODY,
                    )
                ],
                before=8,
                direction="ltr",
            ),
        ],
        new_page=True,
    )
    blocks.append(helpers)
    for section in (Section.HELPS, Section.DOES_NOT_HELP, Section.DO_NOT_CONTACT):
        blocks.append(composer.heading(SECTION_TITLES[section]))
        blocks.extend(composer.items(plan.items(section), "Nothing written here yet."))
    blocks.append(composer.heading("Medical notes"))
    notes = plan.medical_notes.strip()
    blocks.extend(
        composer.items(notes.splitlines(), "No medical notes.") if notes else
        composer.items((), "No medical notes.")
    )  # fmt: skip
    return blocks


def render_plan(
    document: PlanDocument, *, paper: str = "a4", name: str = "", today: dt.date | None = None
) -> bytes:
    """The whole plan as PDF bytes (not encrypted).

    Args:
        document: the plan and support system.
        paper: "a4" or "letter".
        name: the person's name for the first page; never written to the metadata.
        today: the "made on" date (default: today).
    """
    width, height = paper_size(paper)
    today = today or dt.date.today()
    engine = text_engine()
    frame = Frame(MARGIN_X, width - 2 * MARGIN_X, height - MARGIN_TOP, MARGIN_BOTTOM)
    composer = _Composer(engine, frame.width)
    try:
        pages = paginate(_blocks(document, composer, name, today), frame)
    finally:
        engine.forget()

    buffer = io.BytesIO()
    canvas = new_canvas(buffer, (width, height), title=TITLE, lang=language_tag(document.region))
    emergency = emergency_for(document.region).number
    for number, placed in enumerate(pages, start=1):
        _draw(canvas, engine, placed, frame, emergency, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(
    canvas: Any,
    engine: TextEngine,
    placed: list[Placed],
    frame: Frame,
    emergency: str,
    number: int,
    count: int,
) -> None:
    draw_page(canvas, engine, placed, frame)
    canvas.saveState()
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.6)
    rule_y = FOOTER_BASELINE + 16
    canvas.line(frame.left, rule_y, frame.left + frame.width, rule_y)
    canvas.restoreState()
    left = engine.layout(
        [Span("In an emergency call ", FOOTER), Span(emergency, FOOTER_BOLD)],
        frame.width,
        direction="ltr",
    )
    right = engine.layout([Span(f"Page {number} of {count}", FOOTER)], frame.width)
    engine.draw(canvas, left.lines[0], frame.left, FOOTER_BASELINE, frame.width, "left")
    engine.draw(canvas, right.lines[0], frame.left, FOOTER_BASELINE, frame.width, "right")
