"""Printable documents (full plan, wallet card) with ReportLab.

Documents take `core` objects and return PDF bytes; they never touch the vault or Qt.
The PDFs are not encrypted: callers say so before writing them.

    render_plan(document, paper="a4", name="", today=None) -> bytes
    render_card(document, layout="fold", paper="a4") -> CardResult(pdf, did_not_fit)
    default_paper(region) -> "a4" | "letter"
    unprintable_characters(document) -> characters no shipped font can draw
"""

from __future__ import annotations

from crisisplan.pdf.card_sheet import LAYOUTS
from crisisplan.pdf.coverage import unprintable_characters
from crisisplan.pdf.paper import PAPER_SIZES, default_paper
from crisisplan.pdf.plan_document import render_plan
from crisisplan.pdf.wallet_card import CardResult, render_card

__all__ = [
    "LAYOUTS",
    "PAPER_SIZES",
    "CardResult",
    "default_paper",
    "render_card",
    "render_plan",
    "unprintable_characters",
]
