"""How printed pages say dates, hours and ways to reach someone.

Written out here rather than with `strftime`, so that print-outs read the same whatever
the computer's locale.
"""

from __future__ import annotations

from crisisplan.core.dialling import NotDiallable, dial, text_keyword
from crisisplan.core.model import (
    GROUP_LABELS,
    PROFESSION_LABELS,
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Window,
)
from crisisplan.core.wording import window_text as _window_text


def window_text(window: Window) -> str:
    """ "Mon–Fri 18:00–22:30", "Fri, Sat 22:00–02:00 overnight", "Sun 22:00–06:00
    overnight, every other week from the week of 7 Dec 2026"."""
    return _window_text(window)


def hours_text(contact: Contact) -> str:
    """When someone can be reached, in their own time zone, as one line."""
    if contact.always_available:
        return "Any time"
    if not contact.windows:
        return "Only at extra times" if contact.extra_times else "Hours not set"
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


def _reads(method: ContactMethod, region: str | None, message: str = "") -> str:
    """A number as `dial()` reads it, "then extension 123" included; else as written."""
    if region is None or method.kind not in (MethodKind.PHONE, MethodKind.SMS):
        return method.value
    try:
        dialled = dial(method.value, region, message)
    except NotDiallable:
        return method.value
    return dialled.display if method.kind is MethodKind.SMS else dialled.reads


def methods_text(
    methods: tuple[ContactMethod, ...], region: str | None = None, message: str = ""
) -> list[str]:
    """ "Call or text +44 7700 900123", "Text SHOUT to 85258", "Email jo@…", one entry per
    way to reach them. With a region, numbers read as they are dialled (`dial()`), with
    "then extension 123" where a link may not carry the extension."""
    phones = {_reads(m, region) for m in methods if m.kind is MethodKind.PHONE}
    texts = {_reads(m, region) for m in methods if m.kind is MethodKind.SMS}
    keyword = text_keyword(message)
    lines: list[str] = []
    for method in methods:
        verb = _VERBS[method.kind]
        value = _reads(method, region)
        if method.kind is MethodKind.SMS and value in phones and not keyword:
            continue
        if method.kind is MethodKind.PHONE and value in texts and not keyword:
            verb = "Call or text"
        if method.kind is MethodKind.SMS and keyword:
            value = f"{keyword} to {value}"
        lines.append(f"{verb} {value}" if verb else value)
    return lines


def card_number(contact: Contact, region: str | None = None) -> str:
    """The number for the wallet card: a phone number, or "text SHOUT to 85258"; "" if none.

    With a region the number reads as `dial()` dials it (its "then" part is separate:
    `card_then`).
    """
    for method in contact.methods:
        if method.kind is MethodKind.PHONE:
            return _card_display(method, region)
    for method in contact.methods:
        if method.kind is MethodKind.SMS:
            number = _card_display(method, region)
            keyword = text_keyword(contact.message) if region is not None else ""
            return f"text {keyword} to {number}" if keyword else f"text {number}"
    return ""


def card_then(contact: Contact, region: str) -> str:
    """What to do after the card's number is answered ("then extension 123"), or ""."""
    for method in contact.methods:
        if method.kind is MethodKind.PHONE:
            try:
                return dial(method.value, region).then
            except NotDiallable:
                return ""
    return ""


def _card_display(method: ContactMethod, region: str | None) -> str:
    if region is None:
        return method.value
    try:
        return dial(method.value, region).display
    except NotDiallable:
        return method.value
