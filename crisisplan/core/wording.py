"""Short, calm phrases shared by the crisis view, the command line and print-outs."""

from __future__ import annotations

import datetime as dt

from crisisplan.core.model import GROUP_LABELS, Contact, ContactMethod, MethodKind, Weekday, Window

# Written out rather than with strftime, so every screen and print-out reads the same
# whatever the computer's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_DASH = "\u2013"

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


def describe_method(method: ContactMethod, region: str | None = None, message: str = "") -> str:
    """ "call 116 123", "text SHOUT to 85258", "call +44 20 7946 0018, then extension 123".

    With a region, numbers read as `dial()` dials them, and a one-word ready message of a
    text reads as the keyword to send; without one, the value as written.
    """
    verb = METHOD_VERBS[method.kind]
    if region is not None and method.kind in (MethodKind.PHONE, MethodKind.SMS):
        from crisisplan.core.dialling import NotDiallable, describe_text, dial

        try:
            dialled = dial(method.value, region, message)
        except NotDiallable:
            return f"{verb} {method.value}"
        if method.kind is MethodKind.SMS:
            return describe_text(dialled.display, message)
        return f"{verb} {dialled.reads}"
    return f"{verb} {method.value}" if verb else method.value


def describe_contact(contact: Contact) -> str:
    """ "Sam (Sister, family)" — who someone is, in a few words."""
    label = GROUP_LABELS[contact.group].lower()
    details = f"{contact.role}, {label}" if contact.role else label
    return f"{contact.name} ({details})"


def date_text(day: dt.date) -> str:
    """ "3 Nov 2026": unambiguous in every English-speaking region."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def clock(time: dt.time) -> str:
    return f"{time.hour:02d}:{time.minute:02d}"


def days_text(days: tuple[Weekday, ...], *, every_day: str = "Every day") -> str:
    """ "Mon–Fri", "Sat, Sun", "Mon, Wed, Fri", "Sat–Mon", "Every day".

    Runs of three or more days get a dash; a run may wrap past Sunday (Sat–Mon).
    """
    chosen = {day.number for day in days}
    if len(chosen) == 7:
        return every_day
    if not chosen:
        return ""
    # Start the week just after a day that is not chosen, so Sat–Mon stays one run.
    start = next(n for n in range(7) if (n - 1) % 7 not in chosen and n in chosen)
    runs: list[list[int]] = []
    for offset in range(7):
        number = (start + offset) % 7
        if number not in chosen:
            continue
        if runs and (runs[-1][-1] + 1) % 7 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]}{EN_DASH}{DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[n] for n in run)
    return ", ".join(parts)


def window_times(window: Window) -> str:
    """ "18:00–22:30"."""
    return f"{clock(window.start)}{EN_DASH}{clock(window.end)}"
