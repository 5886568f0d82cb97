"""Short, calm phrases shared by the crisis view, the command line and print-outs."""

from __future__ import annotations

import datetime as dt

from crisisplan.core.model import GROUP_LABELS, Contact, ContactMethod, MethodKind

METHOD_VERBS: dict[MethodKind, str] = {
    MethodKind.PHONE: "call",
    MethodKind.SMS: "text",
    MethodKind.EMAIL: "email",
    MethodKind.WEB: "open",
    MethodKind.OTHER: "",
}


def when_next(next_available: dt.datetime, at: dt.datetime) -> str:
    """ "today 18:00", "tomorrow 09:00", "Tue 09:00", or "Tue 3 Dec 09:00" beyond a week.

    Both instants should be in the zone the person reads in (the zone of `at`).
    """
    local = next_available.astimezone(at.tzinfo)
    days = (local.date() - at.date()).days
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    weekday = local.strftime("%a")
    if days < 7:
        return f"{weekday} {clock}"
    return f"{weekday} {local.day} {local.strftime('%b')} {clock}"


def describe_method(method: ContactMethod) -> str:
    verb = METHOD_VERBS[method.kind]
    return f"{verb} {method.value}" if verb else method.value


def describe_contact(contact: Contact) -> str:
    """ "Sam (Sister, family)" — who someone is, in a few words."""
    label = GROUP_LABELS[contact.group].lower()
    details = f"{contact.role}, {label}" if contact.role else label
    return f"{contact.name} ({details})"
