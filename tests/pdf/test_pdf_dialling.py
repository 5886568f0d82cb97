"""Printed numbers read as they are dialled, with what comes after (issue 10, items 1, 6)."""

from __future__ import annotations

import dataclasses

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, PlanDocument
from crisisplan.pdf import render_card, render_plan
from crisisplan.pdf.phrases import card_number, card_then, methods_text
from tests.pdf.pdf_helpers import poppler_text

OFFICE = Contact(
    name="Riverside team",
    methods=(ContactMethod(MethodKind.PHONE, "+44 (0)20 7946 0018 ext. 123"),),
    always_available=True,
    on_card=True,
)
SHOUT = Contact(
    name="Shout",
    group=Group.CRISIS_LINE,
    methods=(ContactMethod(MethodKind.SMS, "85258"),),
    message="SHOUT",
    always_available=True,
    on_card=True,
)


def test_phrases_read_the_dialled_number() -> None:
    assert card_number(OFFICE, "GB") == "+44 20 7946 0018"
    assert card_then(OFFICE, "GB") == "then extension 123"
    assert card_number(SHOUT, "GB") == "text SHOUT to 85258"
    assert methods_text(OFFICE.methods, "GB") == ["Call +44 20 7946 0018, then extension 123"]
    assert methods_text(SHOUT.methods, "GB", "SHOUT") == ["Text SHOUT to 85258"]


def test_card_and_plan_print_the_extension_and_the_keyword(
    example_document: PlanDocument,
) -> None:
    document = dataclasses.replace(example_document, contacts=(OFFICE, SHOUT))
    card = " ".join(poppler_text(render_card(document).pdf).split())
    assert "+44 20 7946 0018" in card
    assert "then extension 123" in card
    assert "text SHOUT to 85258" in card
    assert "(0)" not in card
    plan = " ".join(poppler_text(render_plan(document)).split())
    assert "+44 20 7946 0018, then extension 123" in plan
    assert "Text SHOUT to 85258" in plan
