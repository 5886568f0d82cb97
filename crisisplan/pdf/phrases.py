"""How printed pages say dates, hours and ways to reach someone.

Written out here rather than with `strftime`, so that print-outs read the same whatever
the computer's locale.
"""

from __future__ import annotations

from crisisplan.core.model import (
    GROUP_LABELS,
    PROFESSION_LABELS,
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Window,
)
from crisisplan.core.wording import days_text, window_times


def window_text(window: Window) -> str:
    """ "Mon–Fri 18:00–22:30", "Fri, Sat 22:00–02:00 overnight"."""
    text = f"{days_text(window.days)} {window_times(window)}"
    return f"{text} overnight" if window.overnight else text


def hours_text(contact: Contact) -> str:
    """When someone can be reached, in their own time zone, as one line."""
    if contact.always_available:
        return "Any time"
    if not contact.windows:
        return "Hours not set"
    windows = "; ".join(window_text(w) for w in contact.windows)
    return f"{windows} ({contact.time_zone})"


def who_text(contact: Contact) -> str:
    """ "Sister · family", "GP, Riverside Surgery", "Listening support, any time"."""
    if contact.group in (Group.CRISIS_LINE, Group.PROFESSIONAL):
        if contact.role:
            return contact.role
        if contact.profession is not None:
            return PROFESSION_LABELS[contact.profession]
        return GROUP_LABELS[contact.group]
    label = GROUP_LABELS[contact.group].lower()
    if contact.role and contact.role.casefold() != label:
        return f"{contact.role} \u00b7 {label}"
    return GROUP_LABELS[contact.group]


_VERBS = {
    MethodKind.PHONE: "Call",
    MethodKind.SMS: "Text",
    MethodKind.EMAIL: "Email",
    MethodKind.WEB: "Web",
    MethodKind.OTHER: "",
}


def methods_text(methods: tuple[ContactMethod, ...]) -> list[str]:
    """ "Call or text +44 7700 900123", "Email jo@…", one entry per way to reach them."""
    phones = {m.value for m in methods if m.kind is MethodKind.PHONE}
    texts = {m.value for m in methods if m.kind is MethodKind.SMS}
    lines: list[str] = []
    for method in methods:
        verb = _VERBS[method.kind]
        if method.kind is MethodKind.SMS and method.value in phones:
            continue
        if method.kind is MethodKind.PHONE and method.value in texts:
            verb = "Call or text"
        lines.append(f"{verb} {method.value}" if verb else method.value)
    return lines


def card_number(contact: Contact) -> str:
    """The number for the wallet card: a phone number, or "text 85258"; "" if none."""
    for method in contact.methods:
        if method.kind is MethodKind.PHONE:
            return method.value
    for method in contact.methods:
        if method.kind is MethodKind.SMS:
            return f"text {method.value}"
    return ""
