"""Which of a person's characters no shipped font can print (they show as "\ufffd")."""

from __future__ import annotations

from collections.abc import Iterator

from crisisplan.core.model import PlanDocument
from crisisplan.pdf.fonts import font_book
from crisisplan.pdf.text import clean


def _texts(document: PlanDocument) -> Iterator[str]:
    plan = document.plan
    for items in plan.sections.values():
        yield from items
    yield plan.medical_notes
    for contact in document.contacts:
        yield contact.name
        yield contact.role
        yield contact.helps_with
        yield contact.notes
        for method in contact.methods:
            yield method.value


def unprintable_characters(document: PlanDocument, name: str = "") -> list[str]:
    """Characters in the plan (and `name`) that print as a replacement mark, in order
    of first appearance; empty when everything has a glyph."""
    book = font_book()
    seen: set[str] = set()
    found: list[str] = []
    for text in (*_texts(document), name):
        for char in clean(text):
            if char in seen:
                continue
            seen.add(char)
            if not book.printable(char):
                found.append(char)
    return found
