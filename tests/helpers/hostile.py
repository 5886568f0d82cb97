"""Hostile text for bad-input tests: what a person may really write (kept exactly) and
what nobody writes (refused, naming the field)."""

from __future__ import annotations

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
)
from crisisplan.core.validation import without_bidi_controls

KEPT = {
    "sql": "Robert'); DROP TABLE contacts;-- \" ` %_ \\ /* */ OR 1=1",
    "rtl": "שרה כהן \u202bمحمد عبد الله\u202c \u202eevil.exe\u202c \u200fסוף",
    "emoji": "👩🏽\u200d⚕️ 🏳️\u200d🌈 🇬🇧 😊 👨\u200d👩\u200d👧\u200d👦 Zoë Ελένη 李雷",
}
REFUSED = {
    "nul": ("a\x00b", "control character (U+0000)"),
    "escape": ("red \x1b[31m text", "control character (U+001B)"),
    "delete": ("a\x7fb", "control character (U+007F)"),
    "next line": ("a\x85b", "control character (U+0085)"),
    "surrogate": ("a\ud800b", "lone surrogate"),
    "100,000": ("x" * 100_000, "100,000 characters long"),
}


def hostile_document(text: str) -> PlanDocument:
    """`text` in every free-text field of a plan and of a contact."""
    contact = Contact(
        name=without_bidi_controls(text),  # names refuse direction controls (test_bad_input)
        role=text,
        group=Group.FRIEND,
        methods=(ContactMethod(MethodKind.OTHER, text), ContactMethod(MethodKind.PHONE, "999")),
        helps_with=text,
        message=text,
        notes=text,
    )
    plan = Plan(sections={s: (text, f"{text} 2") for s in Section}, medical_notes=text)
    return PlanDocument(region="GB", plan=plan, contacts=(contact,))
