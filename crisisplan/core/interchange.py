"""The JSON interchange format ("crisisplan-plan"), version 2, documented in
docs/interchange.md and as a JSON Schema in resources/plan.schema.json.

Version 2 adds rotas to windows, time off and extra times. Version 1 files still import:
their `away_until` date becomes one period of time off (no start, ending at the start of
that day), which is exactly what it meant.

Import checks everything first and reports every problem with its JSON path; nothing
is imported unless the whole file is right. Export is canonical (UTF-8, fixed key order,
two-space indent, trailing newline), so export → import → export is byte-identical.
Fields this version does not know are kept (`extra`) and written back, so a file from a
newer version loses nothing by passing through this one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from crisisplan.core.model import (
    WEEKDAYS,
    Contact,
    ContactMethod,
    ExtraTime,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Profession,
    Section,
    TimeOff,
    Weekday,
    Window,
)
from crisisplan.core.validation import (
    Problem,
    join_path,
    parse_date,
    parse_time,
    quoted,
    validate_document,
)

FORMAT = "crisisplan-plan"
VERSION = 2
# Versions this one imports (1: weekly windows and a single "away until" date).
READABLE_VERSIONS = (1, 2)
MAX_FILE_BYTES = 20 * 1024 * 1024
# A person reads the problems, so only the first ones are listed, then how many more.
PROBLEMS_SHOWN = 50
# Objects and lists nested deeper than this are refused: the format itself needs 6 levels
# (contacts[0].windows[0].days[0]); thousands would crash saving (RecursionError).
MAX_DEPTH = 32
# Digits a number may have: far above any real value, far below Python's own limit,
# whose message ("use sys.set_int_max_str_digits()") means nothing to a person.
MAX_NUMBER_CHARS = 100

PLAN_SECTION_KEYS: tuple[str, ...] = tuple(s.value for s in Section)
PLAN_KEYS: tuple[str, ...] = (*PLAN_SECTION_KEYS, "medical_notes", "reviewed_on")
CONTACT_KEYS: tuple[str, ...] = (
    "name", "role", "group", "profession", "methods", "time_zone", "always_available",
    "windows", "time_off", "extra_times", "helps_with", "message", "agreed", "checked_on",
    "on_card", "notes",
)  # fmt: skip
# Read in every version and turned into time off; never written.
V1_AWAY_UNTIL = "away_until"
WINDOW_KEYS: tuple[str, ...] = (
    "days", "start", "end", "every_weeks", "from_week", "week_of_month",
)  # fmt: skip
TIME_OFF_KEYS: tuple[str, ...] = ("from", "to", "reason", "source")
EXTRA_TIME_KEYS: tuple[str, ...] = ("day", "start", "end", "source")
TOP_KEYS: tuple[str, ...] = ("format", "version", "region", "plan", "contacts")

T = TypeVar("T")

# Stand-ins for values whose shape was wrong: they keep list positions (and so the paths
# of later problems) right, and pass every content check so they add no noise. A
# document with any problem is never returned, so they never reach a vault.
_PLACEHOLDER = "(placeholder)"
_PLACEHOLDER_METHOD = ContactMethod(MethodKind.OTHER, _PLACEHOLDER)
_PLACEHOLDER_WINDOW = Window((Weekday.MON,), dt.time(0), dt.time(1))
_PLACEHOLDER_CONTACT = Contact(name=_PLACEHOLDER)
_PLACEHOLDER_TIME_OFF = TimeOff(to_day=dt.date(2000, 1, 1))
_PLACEHOLDER_EXTRA = ExtraTime(dt.date(2000, 1, 1), dt.time(0), dt.time(1))


class InterchangeError(Exception):
    """A plan file that cannot be imported, with every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        head = "This file cannot be imported" + (f" ({count:,} problems):" if count > 1 else ":")
        lines = [head, *(f"  {p}" for p in problems[:PROBLEMS_SHOWN])]
        if count > PROBLEMS_SHOWN:
            lines.append(f"  … and {count - PROBLEMS_SHOWN:,} more")
        super().__init__("\n".join(lines))


class _Reader:
    """Walks untrusted JSON, collecting every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def obj(self, value: object, path: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(path, f"should be an object {{…}}, not {_kind(value)}")
        return None

    def field(
        self,
        source: dict[str, Any],
        path: str,
        key: str,
        convert: Callable[[object, str], T | None],
        default: T,
        *,
        required: bool = False,
    ) -> T:
        here = join_path(path, key)
        if key not in source:
            if required:
                self.problem(here, "is missing")
            return default
        converted = convert(source[key], here)
        return default if converted is None else converted

    # Converters: return the value, or None after recording a problem.

    def string(self, value: object, path: str) -> str | None:
        if isinstance(value, str):
            return value
        self.problem(path, f"should be text, not {_kind(value)}")
        return None

    def boolean(self, value: object, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        self.problem(path, f"should be true or false, not {_kind(value)}")
        return None

    def optional_date(self, value: object, path: str) -> dt.date | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(path, f'should be a date like "2026-11-03" or null, not {_kind(value)}')
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(path, f"{quoted(value)} is not a date (use YYYY-MM-DD)")
        return parsed

    def strings(self, value: object, path: str) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.problem(path, f"should be a list [...] of text, not {_kind(value)}")
            return None
        items = [self.string(item, f"{path}[{i}]") for i, item in enumerate(value)]
        return tuple(_PLACEHOLDER if item is None else item for item in items)

    def time(self, value: object, path: str) -> dt.time | None:
        if not isinstance(value, str):
            self.problem(path, f'should be a time like "18:00", not {_kind(value)}')
            return None
        parsed = parse_time(value)
        if parsed is None:
            self.problem(path, f"{quoted(value)} is not a time of day (use 24-hour HH:MM)")
        return parsed

    def enum(self, value: object, path: str, enum: type[Any], what: str) -> Any:
        allowed = ", ".join(member.value for member in enum)
        if isinstance(value, str):
            try:
                return enum(value)
            except ValueError:
                pass
        self.problem(path, f"{quoted(value)} is not a {what} (one of: {allowed})")
        return None

    def unknown_keys(self, source: dict[str, Any], path: str, known: tuple[str, ...]) -> None:
        for key in source:
            if key not in known:
                self.problem(join_path(path, key), "is not a field this version knows")

    # The document.

    def document(self, raw: object) -> PlanDocument | None:
        top = self.obj(raw, "")
        if top is None:
            return None
        if top.get("format") != FORMAT:
            self.problem(
                "format", f"should be {quoted(FORMAT)}: this is not a crisisplan plan file"
            )
            return None
        version = top.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem("version", f"{quoted(version)} is not a format version")
            return None
        if version > VERSION:
            self.problem(
                "version",
                f"this file is format version {version}, from a newer crisisplan; "
                f"this one reads version {VERSION}. Update crisisplan to import it",
            )
            return None
        region = self.field(top, "", "region", self.string, "", required=True)
        plan_raw = self.obj(top["plan"], "plan") if "plan" in top else None
        if "plan" not in top:
            self.problem("plan", "is missing")
        plan = self.plan(plan_raw) if plan_raw is not None else Plan()
        contacts: list[Contact] = []
        if "contacts" not in top:
            self.problem("contacts", "is missing")
        elif not isinstance(top["contacts"], list):
            self.problem("contacts", f"should be a list [...], not {_kind(top['contacts'])}")
        else:
            for index, item in enumerate(top["contacts"]):
                contact = self.contact(item, f"contacts[{index}]")
                contacts.append(_PLACEHOLDER_CONTACT if contact is None else contact)
        extra = {k: v for k, v in top.items() if k not in TOP_KEYS}
        return PlanDocument(region=region, plan=plan, contacts=tuple(contacts), extra=extra)

    def plan(self, raw: dict[str, Any]) -> Plan:
        sections = {
            section: self.field(raw, "plan", section.value, self.strings, tuple[str, ...]())
            for section in Section
        }
        return Plan(
            sections={s: items for s, items in sections.items() if items},
            medical_notes=self.field(raw, "plan", "medical_notes", self.string, ""),
            reviewed_on=self.field(raw, "plan", "reviewed_on", self.optional_date, None),
            extra={k: v for k, v in raw.items() if k not in PLAN_KEYS},
        )

    def contact(self, value: object, path: str) -> Contact | None:
        raw = self.obj(value, path)
        if raw is None:
            return None
        name = self.field(raw, path, "name", self.string, "", required=True)
        group = self.field(
            raw, path, "group", lambda v, p: self.enum(v, p, Group, "group"), Group.FRIEND
        )
        profession: Profession | None = None
        if raw.get("profession") is not None:
            profession = self.enum(
                raw["profession"], join_path(path, "profession"), Profession, "profession"
            )
        methods = self.field(raw, path, "methods", self.methods, tuple[ContactMethod, ...]())
        windows = self.field(raw, path, "windows", self.windows, tuple[Window, ...]())
        time_off = self.field(raw, path, "time_off", self.time_off, tuple[TimeOff, ...]())
        away_until = self.field(raw, path, V1_AWAY_UNTIL, self.optional_date, None)
        if away_until is not None:
            time_off = (TimeOff(to_day=away_until, to_time=dt.time()), *time_off)
        contact = Contact(
            name=name,
            role=self.field(raw, path, "role", self.string, ""),
            group=group,
            profession=profession,
            methods=methods,
            time_zone=self.field(raw, path, "time_zone", self.string, "UTC"),
            always_available=self.field(raw, path, "always_available", self.boolean, False),
            windows=windows,
            time_off=time_off,
            extra_times=self.field(
                raw, path, "extra_times", self.extra_times, tuple[ExtraTime, ...]()
            ),
            helps_with=self.field(raw, path, "helps_with", self.string, ""),
            message=self.field(raw, path, "message", self.string, ""),
            agreed=self.field(raw, path, "agreed", self.boolean, False),
            checked_on=self.field(raw, path, "checked_on", self.optional_date, None),
            on_card=self.field(raw, path, "on_card", self.boolean, False),
            notes=self.field(raw, path, "notes", self.string, ""),
            extra={k: v for k, v in raw.items() if k not in CONTACT_KEYS and k != V1_AWAY_UNTIL},
        )
        return contact

    def each(
        self,
        value: object,
        path: str,
        keys: tuple[str, ...],
        one: Callable[[dict[str, Any], str], T | None],
        placeholder: T,
    ) -> tuple[T, ...] | None:
        """Every object of a list read by `one(raw, path)`; a broken one becomes the
        placeholder, so the problems of the others (and their indexes) are still found."""
        if not isinstance(value, list):
            self.problem(path, f"should be a list [...], not {_kind(value)}")
            return None
        found = []
        for index, item in enumerate(value):
            here = f"{path}[{index}]"
            raw = self.obj(item, here)
            if raw is None:
                found.append(placeholder)
                continue
            self.unknown_keys(raw, here, keys)
            read = one(raw, here)
            found.append(placeholder if read is None else read)
        return tuple(found)

    def methods(self, value: object, path: str) -> tuple[ContactMethod, ...] | None:
        return self.each(value, path, ("kind", "value"), self.method, _PLACEHOLDER_METHOD)

    def method(self, raw: dict[str, Any], here: str) -> ContactMethod | None:
        kind = self.field(
            raw, here, "kind", lambda v, p: self.enum(v, p, MethodKind, "contact method"),
            None, required=True,
        )  # fmt: skip
        text = self.field(raw, here, "value", self.string, None, required=True)
        return ContactMethod(kind, text) if kind is not None and text is not None else None

    def windows(self, value: object, path: str) -> tuple[Window, ...] | None:
        return self.each(value, path, WINDOW_KEYS, self.window, _PLACEHOLDER_WINDOW)

    def window(self, raw: dict[str, Any], here: str) -> Window | None:
        days = self.field(raw, here, "days", self.days, None, required=True)
        start = self.field(raw, here, "start", self.time, None, required=True)
        end = self.field(raw, here, "end", self.time, None, required=True)
        every_weeks = self.field(raw, here, "every_weeks", self.integer, 1)
        from_week = self.field(raw, here, "from_week", self.optional_date, None)
        week_of_month = self.field(raw, here, "week_of_month", self.optional_integer, None)
        if days is None or start is None or end is None:
            return None
        return Window(days, start, end, every_weeks, from_week, week_of_month)

    def integer(self, value: object, path: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.problem(path, f"should be a whole number, not {_kind(value)}")
        return None

    def optional_integer(self, value: object, path: str) -> int | None:
        return None if value is None else self.integer(value, path)

    def moment(self, value: object, path: str) -> tuple[dt.date, dt.time | None] | None:
        """ "2026-12-21" or "2026-12-21T18:00": a day, and a time of day if given."""
        if isinstance(value, str):
            day_text, _, time_text = value.partition("T")
            day = parse_date(day_text)
            time = parse_time(time_text) if time_text else None
            if day is not None and (time is not None or not time_text):
                return day, time
        self.problem(
            path,
            f'{quoted(value)} is not a day or a day and time (use "2026-12-21" or '
            '"2026-12-21T18:00")',
        )
        return None

    def time_off(self, value: object, path: str) -> tuple[TimeOff, ...] | None:
        return self.each(value, path, TIME_OFF_KEYS, self.period, _PLACEHOLDER_TIME_OFF)

    def period(self, raw: dict[str, Any], here: str) -> TimeOff | None:
        start = None
        if raw.get("from") is not None:
            start = self.moment(raw["from"], join_path(here, "from"))
        end = self.field(raw, here, "to", self.moment, None, required=True)
        reason = self.field(raw, here, "reason", self.string, "")
        source = self.field(raw, here, "source", self.string, "")
        if end is None or (raw.get("from") is not None and start is None):
            return None
        return TimeOff(
            to_day=end[0],
            to_time=end[1],
            from_day=None if start is None else start[0],
            from_time=None if start is None else start[1],
            reason=reason,
            source=source,
        )

    def extra_times(self, value: object, path: str) -> tuple[ExtraTime, ...] | None:
        return self.each(value, path, EXTRA_TIME_KEYS, self.extra_time, _PLACEHOLDER_EXTRA)

    def extra_time(self, raw: dict[str, Any], here: str) -> ExtraTime | None:
        day = self.field(raw, here, "day", self.required_date, None, required=True)
        start = self.field(raw, here, "start", self.time, None, required=True)
        end = self.field(raw, here, "end", self.time, None, required=True)
        source = self.field(raw, here, "source", self.string, "")
        if day is None or start is None or end is None:
            return None
        return ExtraTime(day, start, end, source)

    def required_date(self, value: object, path: str) -> dt.date | None:
        if value is None:
            self.problem(path, 'should be a date like "2026-11-03", not null')
            return None
        return self.optional_date(value, path)

    def days(self, value: object, path: str) -> tuple[Weekday, ...] | None:
        if not isinstance(value, list):
            self.problem(path, f'should be a list of days like ["mon", "tue"], not {_kind(value)}')
            return None
        days = [self.enum(v, f"{path}[{i}]", Weekday, "day") for i, v in enumerate(value)]
        if any(day is None for day in days):
            return None
        return tuple(days)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Refused(f"the field {quoted(key)} appears twice in one object")
        result[key] = value
    return result


class _Refused(ValueError):
    """A value the JSON reader refuses, with the sentence to show."""


def _reject_constant(name: str) -> float:
    raise _Refused(f"{name} is not a number a plan file can hold")


def _finite_float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"a number is {len(text):,} characters long; the most is {MAX_NUMBER_CHARS}")
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text[:40]} is too large for a plan file")
    return value


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Refused(f"a number is {len(text):,} digits long; the most is {MAX_NUMBER_CHARS}")
    return int(text)


# json's messages, as sentences for a person (the position is added after).
_JSON_MESSAGES = {
    "Expecting value": "something is missing or is not a JSON value",
    "Expecting property name enclosed in double quotes": "a field name is not in double quotes",
    "Expecting ',' delimiter": "a comma is missing",
    "Expecting ':' delimiter": "a colon is missing after a field name",
    "Unterminated string starting at": "a piece of text has no closing double quote",
    "Invalid control character at": "a piece of text holds a line break or control character "
    "(write it as \\n or \\t)",
    "Invalid \\escape": "a backslash is followed by a letter that cannot follow it",
    "Invalid \\uXXXX escape": "a \\u escape does not have four hexadecimal digits",
    "Extra data": "there is more after the end of the plan",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "the file starts with a second byte order "
    "mark (an invisible character); save it again as plain UTF-8",
}


def _json_problem(error: json.JSONDecodeError) -> Problem:
    human = _JSON_MESSAGES.get(error.msg, "it is not written the way JSON is")
    return Problem(
        "",
        f"the file is not valid JSON: {human} (line {error.lineno}, column {error.colno})",
    )


def _too_deep(raw: object) -> bool:
    """Whether lists and objects nest more than MAX_DEPTH deep (walked without recursion)."""
    stack: list[tuple[object, int]] = [(raw, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


_DEEP = Problem(
    "", f"the file nests lists and objects more than {MAX_DEPTH} deep; a plan file needs 6"
)


def read_file(path: Path) -> PlanDocument:
    """Read and check the plan file at `path`, safely: a device, a named pipe or a file
    over the cap is refused before anything is read.

    Raises:
        InterchangeError: with every problem (the file's, or one saying why it was not read).
        OSError: it could not be opened or read.
    """
    from crisisplan.core.files import UnreadableFile, read_regular_file

    try:
        data = read_regular_file(path, MAX_FILE_BYTES, "a plan file")
    except UnreadableFile as error:
        raise InterchangeError([Problem("", str(error))]) from None
    return loads(data)


def loads(data: bytes) -> PlanDocument:
    """Parse and check a plan file; raise InterchangeError listing every problem."""
    if len(data) > MAX_FILE_BYTES:
        raise InterchangeError(
            [
                Problem(
                    "",
                    f"the file is {len(data) / 1e6:.1f} MB; "
                    f"a plan file is at most {MAX_FILE_BYTES // 10**6} MB",
                )
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterchangeError(
            [
                Problem(
                    "",
                    f"the file is not UTF-8 text (byte {error.start + 1:,} cannot be read); "
                    "save it again as UTF-8",
                )
            ]
        ) from None
    try:
        raw = json.loads(
            text,
            object_pairs_hook=_reject_duplicate_keys,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as error:
        raise InterchangeError([_json_problem(error)]) from None
    except RecursionError:
        raise InterchangeError([_DEEP]) from None
    except ValueError as error:  # ours (_Refused) or one json raises that we did not foresee
        message = str(error) if isinstance(error, _Refused) else "it holds a value it cannot read"
        problem = Problem("", f"the file is not a valid plan file: {message}")
        raise InterchangeError([problem]) from None
    if _too_deep(raw):
        raise InterchangeError([_DEEP])
    reader = _Reader()
    document = reader.document(raw)
    if document is not None:
        # Content checks run on everything whose shape was right, so one pass reports
        # every problem; a field with a shape problem is not reported twice.
        shape = [p.path for p in reader.problems]
        reader.problems += [
            p for p in validate_document(document) if not any(_overlaps(p.path, s) for s in shape)
        ]
    if reader.problems or document is None:
        raise InterchangeError(reader.problems)
    return document


def _overlaps(path: str, other: str) -> bool:
    """True if one JSON path is the other or lies inside it."""
    short, long = sorted((path, other), key=len)
    return long == short or long.startswith((short + ".", short + "["))


def to_json_object(document: PlanDocument) -> dict[str, Any]:
    """The document as the format's JSON object, keys in the documented order."""
    plan = document.plan
    plan_out: dict[str, Any] = {s.value: list(plan.items(s)) for s in Section}
    plan_out["medical_notes"] = plan.medical_notes
    plan_out["reviewed_on"] = _date(plan.reviewed_on)
    plan_out.update(_sorted_extra(plan.extra, PLAN_KEYS))
    top: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "region": document.region,
        "plan": plan_out,
        "contacts": [_contact_object(c) for c in document.contacts],
    }
    top.update(_sorted_extra(document.extra, TOP_KEYS))
    return top


def dumps(document: PlanDocument) -> bytes:
    """Canonical UTF-8 bytes of the document (stable order, trailing newline).

    Older versions accepted `1e999999` (infinity) in an unknown field, which JSON cannot
    hold; such a number is written as null, so the plan can still be exported.
    """
    raw = to_json_object(document)
    try:
        text = json.dumps(raw, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError:
        text = json.dumps(_finite(raw), ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _finite(value: Any) -> Any:
    """`value` with every infinite or NaN number replaced by None (walked without recursion
    limits mattering: stored extras passed the depth check when they were imported)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


def _contact_object(contact: Contact) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": contact.name,
        "role": contact.role,
        "group": contact.group.value,
        "profession": contact.profession.value if contact.profession else None,
        "methods": [{"kind": m.kind.value, "value": m.value} for m in contact.methods],
        "time_zone": contact.time_zone,
        "always_available": contact.always_available,
        "windows": [
            {
                "days": [d.value for d in sorted(w.days, key=WEEKDAYS.index)],
                "start": w.start.strftime("%H:%M"),
                "end": w.end.strftime("%H:%M"),
                "every_weeks": w.every_weeks,
                "from_week": _date(w.from_week),
                "week_of_month": w.week_of_month,
            }
            for w in contact.windows
        ],
        "time_off": [
            {
                "from": _moment(p.from_day, p.from_time),
                "to": _moment(p.to_day, p.to_time),
                "reason": p.reason,
                "source": p.source,
            }
            for p in contact.time_off
        ],
        "extra_times": [
            {
                "day": e.day.isoformat(),
                "start": e.start.strftime("%H:%M"),
                "end": e.end.strftime("%H:%M"),
                "source": e.source,
            }
            for e in contact.extra_times
        ],
        "helps_with": contact.helps_with,
        "message": contact.message,
        "agreed": contact.agreed,
        "checked_on": _date(contact.checked_on),
        "on_card": contact.on_card,
        "notes": contact.notes,
    }
    out.update(_sorted_extra(contact.extra, CONTACT_KEYS))
    return out


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(day: dt.date | None, time: dt.time | None) -> str | None:
    """ "2026-12-21", "2026-12-21T18:00", or None for no day."""
    if day is None:
        return None
    return day.isoformat() if time is None else f"{day.isoformat()}T{time.strftime('%H:%M')}"


def _sorted_extra(extra: dict[str, Any], known: tuple[str, ...]) -> dict[str, Any]:
    return {k: extra[k] for k in sorted(extra) if k not in known}
