"""Checks on the person's data, each problem one clear sentence with where it is.

The same checks serve the editors (as you type), JSON import and vCard import, so a
value accepted in one place is accepted everywhere. Paths use the interchange format's
names (`contacts[2].methods[0].value`) so a person can find the problem in their file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from urllib.parse import urlsplit

from crisisplan.core.model import (
    EVERY_WEEKS_MAX,
    WEEK_OF_MONTH_LABELS,
    Contact,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
)

# Limits keep a pasted novel or a runaway import from making the crisis view unreadable
# or the vault huge; they are far above anything a plan needs.
NAME_MAX = 200
ITEM_MAX = 1_000
MESSAGE_MAX = 1_000
NOTES_MAX = 10_000
METHOD_VALUE_MAX = 2_000
ITEMS_MAX = 5_000
CONTACTS_MAX = 5_000
METHODS_MAX = 20
WINDOWS_MAX = 50
# A year of daily shifts imported from a calendar file fits several times over.
TIME_OFF_MAX = 2_000
EXTRA_TIMES_MAX = 2_000
REASON_MAX = 80
SOURCE_MAX = 300
# Dates past this are typos (and would overflow date arithmetic near year 9999).
LATEST_DATE = dt.date(2100, 1, 1)

_TIME_RE = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_REGION_RE = re.compile(r"^[A-Z]{2}$")
_MULTILINE_ALLOWED = {"\n", "\t", "\r"}
# Bidirectional embeddings, overrides and isolates: in a name they can make it read as
# something else ("\u202eevil.exe" shows as "exe.live"). Refused in names, stripped by
# the vCard import; kept in notes and plan text, where people write mixed scripts.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def without_bidi_controls(text: str) -> str:
    """`text` with the bidirectional controls that names refuse taken out."""
    return "".join(char for char in text if char not in BIDI_CONTROLS)


def name_problem(value: str) -> str | None:
    """Why a contact's name cannot be kept (besides the ordinary text checks), or None."""
    for char in value:
        if char in BIDI_CONTROLS:
            return (
                f"contains an invisible direction control (U+{ord(char):04X}) that can make a "
                "name read as something else; take it out"
            )
    return None


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the person's data, and where it is."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def join_path(prefix: str, path: str) -> str:
    """Join two JSON paths: `contacts[2]` + `name` → `contacts[2].name`."""
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix + path if path.startswith("[") else f"{prefix}.{path}"


def quoted(value: object, limit: int = 40) -> str:
    """A value shown back to the person, shortened so a huge field stays readable.

    Text is shown in double quotes; anything else as JSON writes it (true, null, 3),
    never as Python would (True, None).
    """
    if not isinstance(value, str):
        try:
            shown = json.dumps(value, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError, RecursionError):
            shown = "this value"
        return shown if len(shown) <= limit else shown[: limit - 1] + "…"
    text = value
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return '"' + text.replace('"', '\\"') + '"'


def text_problem(value: str, *, limit: int, multiline: bool, required: bool) -> str | None:
    """Why a piece of free text cannot be kept, or None if it can."""
    if required and not value.strip():
        return "is empty"
    if len(value) > limit:
        return f"is {len(value):,} characters long; the most is {limit:,}"
    for char in value:
        if multiline and char in _MULTILINE_ALLOWED:
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return f"contains a control character (U+{ord(char):04X})"
        if category == "Cs":
            return "contains a broken character (a lone surrogate)"
    return None


def parse_time(value: str) -> dt.time | None:
    """A 24-hour "HH:MM" time of day, or None."""
    if not _TIME_RE.match(value):
        return None
    return dt.time(int(value[:2]), int(value[3:]))


def parse_date(value: str) -> dt.date | None:
    """An ISO 8601 calendar date ("2026-11-03"), or None if it is not a real date."""
    if not _DATE_RE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@functools.cache
def known_time_zones() -> frozenset[str]:
    """Every IANA zone name the bundled tzdata knows."""
    return frozenset(zoneinfo.available_timezones())


def time_zone_problem(name: str) -> str | None:
    if name in known_time_zones():
        return None
    return f"{quoted(name)} is not a known time zone (use a name like Europe/London)"


def region_problem(region: str) -> str | None:
    import phonenumbers  # ~30 ms to import: only when a number or region is checked

    if _REGION_RE.match(region) and region in phonenumbers.SUPPORTED_REGIONS:
        return None
    return f"{quoted(region)} is not a known two-letter region code (like GB or US)"


def phone_problem(value: str, region: str) -> str | None:
    """Why no number a phone can dial can be made from `value`, or None.

    The same `dial()` that builds every Call and Text link decides: full numbers, short
    numbers such as 116 123 or 988, letters (+1 800 FLOWERS), extensions and pauses are
    accepted, and any number of a possible length for its country (fictional and newly
    issued ranges included): the check is there to catch typos, not to second-guess the
    person's own contacts.
    """
    from crisisplan.core.dialling import dial_problem

    problem = dial_problem(value, region)
    return f"{quoted(value)} {problem}" if problem else None


def web_problem(value: str) -> str | None:
    """Only http and https links open from the crisis view; anything else is refused."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return f"{quoted(value)} is not a web link"
    if parts.scheme.lower() not in {"http", "https"}:
        shown = parts.scheme + ":" if parts.scheme else quoted(value)
        return f"{shown} links are not allowed; use a link starting with https://"
    if not parts.hostname:
        return f"{quoted(value)} is not a web link"
    return None


def method_problem(kind: MethodKind, value: str, region: str) -> str | None:
    """Why a contact method's value cannot be used for its kind, or None."""
    problem = text_problem(value, limit=METHOD_VALUE_MAX, multiline=False, required=True)
    if problem:
        return problem
    if kind in (MethodKind.PHONE, MethodKind.SMS):
        return phone_problem(value, region)
    if kind is MethodKind.EMAIL:
        return (
            None if _EMAIL_RE.match(value.strip()) else f"{quoted(value)} is not an email address"
        )
    if kind is MethodKind.WEB:
        return web_problem(value)
    return None


def validate_contact(contact: Contact, region: str) -> list[Problem]:
    """Every problem with one contact, with paths relative to the contact."""
    problems: list[Problem] = []

    def check(
        path: str, value: str, limit: int, *, multiline: bool = False, required: bool = False
    ) -> None:
        message = text_problem(value, limit=limit, multiline=multiline, required=required)
        if message:
            problems.append(Problem(path, message))

    check("name", contact.name, NAME_MAX, required=True)
    if not problems:
        message = name_problem(contact.name)
        if message:
            problems.append(Problem("name", message))
    check("role", contact.role, NAME_MAX)
    check("helps_with", contact.helps_with, ITEM_MAX, multiline=True)
    check("message", contact.message, MESSAGE_MAX, multiline=True)
    check("notes", contact.notes, NOTES_MAX, multiline=True)
    if len(contact.methods) > METHODS_MAX:
        problems.append(
            Problem("methods", f"has {len(contact.methods)} entries; the most is {METHODS_MAX}")
        )
    for index, method in enumerate(contact.methods):
        message = method_problem(method.kind, method.value, region)
        if message:
            problems.append(Problem(f"methods[{index}].value", message))
    message = time_zone_problem(contact.time_zone)
    if message:
        problems.append(Problem("time_zone", message))
    problems += _time_off_problems(contact)
    problems += _extra_time_problems(contact)
    if len(contact.windows) > WINDOWS_MAX:
        problems.append(
            Problem("windows", f"has {len(contact.windows)} entries; the most is {WINDOWS_MAX}")
        )
    for index, window in enumerate(contact.windows):
        if not window.days:
            problems.append(Problem(f"windows[{index}].days", "needs at least one day"))
        elif len(set(window.days)) != len(window.days):
            problems.append(Problem(f"windows[{index}].days", "lists a day twice"))
        problems += [
            Problem(join_path(f"windows[{index}]", p.path), p.message)
            for p in _rota_problems(window.every_weeks, window.from_week, window.week_of_month)
        ]
    return problems


def _rota_problems(
    every_weeks: int, from_week: dt.date | None, week_of_month: int | None
) -> list[Problem]:
    problems: list[Problem] = []
    if not 1 <= every_weeks <= EVERY_WEEKS_MAX:
        problems.append(
            Problem("every_weeks", f"should be 1 to {EVERY_WEEKS_MAX} (weeks), not {every_weeks}")
        )
    elif every_weeks > 1 and from_week is None:
        problems.append(Problem("from_week", "is needed to know which weeks the rota is on"))
    if from_week is not None and from_week >= LATEST_DATE:
        problems.append(Problem("from_week", f"is too far ahead (use a date before {LATEST_DATE})"))
    if week_of_month is not None:
        if week_of_month not in WEEK_OF_MONTH_LABELS:
            problems.append(
                Problem("week_of_month", "should be 1 to 4 (first to fourth) or -1 (last)")
            )
        elif every_weeks != 1:
            problems.append(
                Problem("week_of_month", "cannot be used with a rota of every few weeks")
            )
    return problems


def _time_off_problems(contact: Contact) -> list[Problem]:
    problems: list[Problem] = []
    if len(contact.time_off) > TIME_OFF_MAX:
        count = len(contact.time_off)
        problems.append(Problem("time_off", f"has {count:,} entries; the most is {TIME_OFF_MAX:,}"))
    for index, period in enumerate(contact.time_off):
        here = f"time_off[{index}]"
        if period.to_day >= LATEST_DATE:
            problems.append(
                Problem(f"{here}.to", f"is too far ahead (use a date before {LATEST_DATE})")
            )
        elif period.from_day is not None:
            starts = period.starts()
            if starts is not None and period.ends() <= starts:
                problems.append(Problem(f"{here}.to", "should be after the start of the time off"))
        message = text_problem(period.reason, limit=REASON_MAX, multiline=False, required=False)
        if message:
            problems.append(Problem(f"{here}.reason", message))
        message = text_problem(period.source, limit=SOURCE_MAX, multiline=False, required=False)
        if message:
            problems.append(Problem(f"{here}.source", message))
    return problems


def _extra_time_problems(contact: Contact) -> list[Problem]:
    problems: list[Problem] = []
    if len(contact.extra_times) > EXTRA_TIMES_MAX:
        count = len(contact.extra_times)
        problems.append(
            Problem("extra_times", f"has {count:,} entries; the most is {EXTRA_TIMES_MAX:,}")
        )
    for index, extra in enumerate(contact.extra_times):
        here = f"extra_times[{index}]"
        if extra.day >= LATEST_DATE:
            problems.append(
                Problem(f"{here}.day", f"is too far ahead (use a date before {LATEST_DATE})")
            )
        message = text_problem(extra.source, limit=SOURCE_MAX, multiline=False, required=False)
        if message:
            problems.append(Problem(f"{here}.source", message))
    return problems


def validate_plan(plan: Plan) -> list[Problem]:
    """Every problem with the plan's own text, paths relative to the plan."""
    problems: list[Problem] = []
    for section in Section:
        items = plan.items(section)
        if len(items) > ITEMS_MAX:
            problems.append(
                Problem(section.value, f"has {len(items):,} items; the most is {ITEMS_MAX:,}")
            )
        for index, item in enumerate(items):
            message = text_problem(item, limit=ITEM_MAX, multiline=True, required=True)
            if message:
                problems.append(Problem(f"{section.value}[{index}]", message))
    message = text_problem(plan.medical_notes, limit=NOTES_MAX, multiline=True, required=False)
    if message:
        problems.append(Problem("medical_notes", message))
    return problems


def validate_document(document: PlanDocument) -> list[Problem]:
    """Every problem in a whole plan document, with full interchange paths."""
    problems: list[Problem] = []
    message = region_problem(document.region)
    if message:
        problems.append(Problem("region", message))
    problems += [
        Problem(join_path("plan", p.path), p.message) for p in validate_plan(document.plan)
    ]
    if len(document.contacts) > CONTACTS_MAX:
        problems.append(
            Problem(
                "contacts", f"has {len(document.contacts):,} people; the most is {CONTACTS_MAX:,}"
            )
        )
    for index, contact in enumerate(document.contacts):
        problems += [
            Problem(join_path(f"contacts[{index}]", p.path), p.message)
            for p in validate_contact(contact, document.region)
        ]
    return problems
