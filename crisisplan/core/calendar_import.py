"""A supporter's calendar file (.ics) as time off or extra times for one contact.

A nurse's rota or a friend's shared calendar says when they are busy (time off) or when
they are free (extra times). The file is read offline, from disk, by the maintained
libraries: `icalendar` parses it and `recurring-ical-events` expands repeating events
(RRULE, RDATE, EXDATE, time zones) over the next 12 weeks. Every entry made is tagged with
the file's source key ("calendar:rota.ics"), so importing the same file again replaces
what it added before, and nothing else: time off typed by hand, or from another file, is
kept.

Rules: events cancelled (STATUS:CANCELLED) are skipped; for time off, timed events marked
free (TRANSP:TRANSPARENT) are skipped too. All-day events count as time off even when marked
free: Google Calendar and Apple Calendar mark every all-day event free unless the person
changes it, and a holiday is exactly what time off is for. Times are moved into the
contact's zone; floating times (no zone) are read in the contact's zone. All-day events
are whole days. An event kept as an extra time may run overnight; one longer than 24 hours
is split into 24-hour extra times.
Times are kept to the minute: time off is widened to whole minutes, extra times narrowed.

Files come from anywhere, so the reading is bounded: only an ordinary file of at most 10 MB
is read (never a device or a pipe, which could be endless or never answer); text that is not
UTF-8 is read as Windows-1252 (what older Outlook exports are), UTF-16 by its byte-order
mark; rules that repeat every second or minute, and files whose repeating events would make
too many occurrences (OCCURRENCES_MAX, STEPS_MAX) are refused before expansion.

Reading is split in two: `parse_calendar` reads the file once (the slow part, which the
app runs on a worker thread with progress and Cancel), and `entries_from` turns that
reading into time off or extra times (quick, so switching between the two reuses it). Most
of a big exported calendar is years of past events: one-off events whose dates lie more
than two days outside the weeks read are cut out of the text before the library parses
it (see `_parse`; anything that repeats, moves an occurrence, shares a UID or cannot be
judged cheaply is left to the library), which takes a 10 MB file from ~28 s to ~1.5 s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import os
import re
import stat
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from crisisplan.core.model import Contact, ExtraTime, TimeOff
from crisisplan.core.validation import REASON_MAX, text_problem
from crisisplan.core.wording import extra_time_text, time_off_text

WEEKS_AHEAD = 12
SOURCE_PREFIX = "calendar:"
# Larger than any personal calendar; a bigger file is refused before parsing.
MAX_CALENDAR_BYTES = 10 * 1024 * 1024
_MINUTE = dt.timedelta(minutes=1)
# Bounds on expanding repeating events (estimated from the rules before expanding): the
# occurrences inside the weeks read (far above the 2,000 entries a contact may have; each
# costs about 0.1 ms), and those stepped through from each rule's first one (a daily event
# since 1900 is about 46,000; each costs about 10 µs). Beyond these, reading takes minutes.
OCCURRENCES_MAX = 10_000
STEPS_MAX = 500_000
_SECONDS_PER = {"HOURLY": 3600, "DAILY": 86400, "WEEKLY": 7 * 86400,
                "MONTHLY": 28 * 86400, "YEARLY": 365 * 86400}  # fmt: skip


class CalendarKind(enum.StrEnum):
    """What the calendar's events mean for the contact."""

    TIME_OFF = "time-off"
    EXTRA_TIMES = "extra-times"


class CalendarError(Exception):
    """A calendar file that cannot be read, with one sentence saying why."""


@dataclass(frozen=True, slots=True)
class CalendarImport:
    """What one calendar file adds to one contact, before anything changes."""

    source: str
    kind: CalendarKind
    time_off: tuple[TimeOff, ...]
    extra_times: tuple[ExtraTime, ...]
    skipped: int
    first_day: dt.date
    last_day: dt.date

    @property
    def count(self) -> int:
        return len(self.time_off) + len(self.extra_times)

    def lines(self) -> list[str]:
        """The entries in words, for the preview: "Night shift 1 Dec 19:30–2 Dec 08:00"."""
        today = self.first_day
        return [time_off_text(p, today) for p in self.time_off] + [
            extra_time_text(e, today) for e in self.extra_times
        ]


def source_key(path: str | PurePath) -> str:
    """The tag that marks entries from this file: its name, "calendar:rota.ics"."""
    return SOURCE_PREFIX + PurePath(path).name


def read_calendar_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a calendar file, read only if it is an ordinary file of at most 10 MB.

    Raises:
        CalendarError: it is missing, unreadable, a folder, a device or pipe, or too big.
    """
    try:
        # Non-blocking, so that opening a pipe nobody writes to does not wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise CalendarError(f"it cannot be read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise CalendarError("it is a folder, not a calendar file")
        if not stat.S_ISREG(info.st_mode):
            raise CalendarError(
                "it is not an ordinary file (it is a device, pipe or socket); "
                "save the calendar as an .ics file first"
            )
        if info.st_size > MAX_CALENDAR_BYTES:
            raise CalendarError(_too_big(info.st_size))
        chunks = []
        total = 0
        while total <= MAX_CALENDAR_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
        if len(data) > MAX_CALENDAR_BYTES:  # it grew while being read
            raise CalendarError(_too_big(len(data)))
        return data
    except OSError as error:
        raise CalendarError(f"it cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1e6:.1f} MB; a calendar file is at most "
        f"{MAX_CALENDAR_BYTES // 10**6} MB"
    )


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else
    Windows-1252, the code page of the exporters that do not write UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CalendarError("this calendar file's UTF-16 text is damaged") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _check_expansion(calendar: Any, start: dt.datetime, end: dt.datetime) -> None:
    """Refuse rules that would take minutes to expand, before expanding anything: an upper
    bound of the occurrences each rule makes inside the weeks read (each costs a copy of the
    event) and of those it steps through from its first one (cheap, but not free)."""
    inside = walked = 0.0
    for event in calendar.walk("VEVENT"):
        rules = event.get("RRULE")
        first = getattr(event.get("DTSTART"), "dt", None)
        if rules is None or not isinstance(first, dt.date):
            continue
        first_day = first.date() if isinstance(first, dt.datetime) else first
        for rule in rules if isinstance(rules, list) else [rules]:
            try:
                freq = str((rule.get("FREQ") or [""])[0]).upper()
            except Exception:  # a broken rule (icalendar's BrokenCalendarProperty, …)
                continue  # the expansion below says so
            if freq in {"SECONDLY", "MINUTELY"}:
                every = "second" if freq == "SECONDLY" else "minute"
                raise CalendarError(
                    f"an event in it repeats every {every}; a calendar of shifts or free "
                    "times never does, so the file is not read"
                )
            try:
                step = _SECONDS_PER.get(freq, 86400) * max(1, int(rule.get("INTERVAL", [1])[0]))
                limit = float(rule["COUNT"][0]) if rule.get("COUNT") else float("inf")
            except (TypeError, ValueError, IndexError):
                continue
            factor = 1
            for part in ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY",
                         "BYWEEKNO", "BYMONTH"):  # fmt: skip
                factor *= max(1, len(rule.get(part) or ())) * (
                    5 if part == "BYDAY" and step > 7 * 86400 else 1
                )
            window = (end - start).total_seconds() + 86400
            since_first = max(0.0, (end.date() - first_day).total_seconds()) + 86400
            inside += min(limit, (window / step + 1) * factor)
            walked += min(limit, (since_first / step + 1) * factor)
    if inside > OCCURRENCES_MAX or walked > STEPS_MAX:
        raise CalendarError(
            "its repeating events would make too many occurrences to read (more than "
            f"{OCCURRENCES_MAX:,} in these weeks, or {STEPS_MAX:,} since they began); a "
            "calendar of shifts or free times has far fewer"
        )


class CalendarCancelled(Exception):
    """The person stopped the reading (the app's Cancel); nothing was read."""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One occurrence inside the weeks read, as wall times in the contact's zone, before it
    is made time off or an extra time (which the person may still switch)."""

    begins: dt.datetime
    ends: dt.datetime
    reason: str
    all_day: bool
    free: bool


@dataclass(frozen=True, slots=True)
class ParsedCalendar:
    """A calendar file read once: its occurrences in the weeks read, whatever they become."""

    source: str
    events: tuple[CalendarEvent, ...]
    unusable: int  # cancelled, or with no start or no length
    first_day: dt.date
    last_day: dt.date


Progress = Callable[[float], None]


def read_calendar(
    data: bytes,
    *,
    source: str,
    time_zone: str,
    kind: CalendarKind,
    today: dt.date,
    weeks: int = WEEKS_AHEAD,
) -> CalendarImport:
    """The events of the next `weeks` weeks from `today` (in the contact's zone).

    Raises:
        CalendarError: the file is too big, not a calendar, or cannot be expanded.
    """
    parsed = parse_calendar(data, source=source, time_zone=time_zone, today=today, weeks=weeks)
    return entries_from(parsed, kind)


def parse_calendar(
    data: bytes,
    *,
    source: str,
    time_zone: str,
    today: dt.date,
    weeks: int = WEEKS_AHEAD,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ParsedCalendar:
    """Read the file once: the occurrences of the next `weeks` weeks from `today`.

    Slow for big files (seconds), so the app runs it on a worker thread: `progress` is
    told the share done (0 to 1) now and then, and `cancelled` is asked as often; when it
    answers True the reading stops within a fraction of a second.

    Raises:
        CalendarError: the file is too big, not a calendar, or cannot be expanded.
        CalendarCancelled: `cancelled` answered True.
    """

    def step(share: float) -> None:
        if cancelled is not None and cancelled():
            raise CalendarCancelled
        if progress is not None:
            progress(share)

    if len(data) > MAX_CALENDAR_BYTES:
        raise CalendarError(_too_big(len(data)))
    text = _decode(data)
    head = text.lstrip()
    if not head:
        raise CalendarError("the file is empty")
    if "\x00" in text or not head[:15].upper().startswith("BEGIN:VCALENDAR"):
        raise CalendarError(
            "this is not a calendar (.ics) file: it does not begin with BEGIN:VCALENDAR"
        )
    step(0.0)
    import icalendar
    import recurring_ical_events  # type: ignore[import-untyped]

    zone = zoneinfo.ZoneInfo(time_zone)
    start = dt.datetime.combine(today, dt.time(), tzinfo=zone)
    end = start + dt.timedelta(weeks=weeks)
    calendar = _parse(text, icalendar, start.date(), end.date(), step)
    _check_expansion(calendar, start, end)
    step(0.8)
    try:
        query = recurring_ical_events.of(calendar)
        occurrences: list[Any] = []
        for number, series in enumerate(query.series):
            occurrences.extend(series.between(start, end))
            if number % 50 == 49:
                step(0.8 + 0.15 * number / len(query.series))
        events = [occurrence.as_component(False) for occurrence in occurrences]
    except CalendarCancelled:
        raise
    except Exception:  # the library raises many kinds; its words name Python types
        raise CalendarError(
            "the calendar's events cannot be read: a start, an end or a repeat rule in it "
            "is damaged"
        ) from None
    step(0.95)
    kept: list[CalendarEvent] = []
    unusable = 0
    for event in events:
        span = _span(event, zone)
        if str(event.get("STATUS", "")).upper() == "CANCELLED" or span is None:
            unusable += 1
            continue
        kept.append(
            CalendarEvent(
                begins=span[0],
                ends=span[1],
                reason=_reason(event.get("SUMMARY")),
                all_day=not isinstance(getattr(event.get("DTSTART"), "dt", None), dt.datetime),
                free=str(event.get("TRANSP", "")).upper() == "TRANSPARENT",
            )
        )
    step(1.0)
    return ParsedCalendar(
        source=source,
        events=tuple(kept),
        unusable=unusable,
        first_day=today,
        last_day=(end - dt.timedelta(days=1)).date(),
    )


def entries_from(parsed: ParsedCalendar, kind: CalendarKind) -> CalendarImport:
    """What the read file adds as time off or as extra times: quick, so switching between
    the two in the app reuses one reading."""
    periods: list[TimeOff] = []
    extras: list[ExtraTime] = []
    skipped = parsed.unusable
    for event in parsed.events:
        if kind is CalendarKind.TIME_OFF:
            if event.free and not event.all_day:
                skipped += 1
                continue
            periods.append(_time_off(event.begins, event.ends, event.reason, parsed.source))
        else:
            extras.extend(_extra_times(event.begins, event.ends, parsed.source))
    periods.sort(key=lambda p: (p.from_day or dt.date.min, p.from_time or dt.time(), p.to_day))
    extras.sort(key=lambda e: (e.day, e.start))
    return CalendarImport(
        source=parsed.source,
        kind=kind,
        time_off=tuple(dict.fromkeys(periods)),  # a repeated event listed twice: once
        extra_times=tuple(dict.fromkeys(extras)),
        skipped=skipped,
        first_day=parsed.first_day,
        last_day=parsed.last_day,
    )


# --- reading the file quickly ---------------------------------------------------------

# Events parsed per call of the library, between two looks at Cancel.
_BATCH = 200
# Lines that make an event's occurrences depend on more than its own start and end.
_REPEATS = ("RRULE", "RDATE", "EXRULE", "RECURRENCE-ID", "DURATION")
_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?")
_UNFOLD = re.compile(r"\r?\n[ \t]")
_LINES = re.compile(r"(?<=\n)")
# Zones are at most a day apart, so an event whose dates lie more than this outside the
# weeks read is outside them in every zone.
_MARGIN = dt.timedelta(days=2)


def _parse(text: str, icalendar: Any, first: dt.date, last: dt.date, step: Any) -> Any:
    """The calendar, parsed by icalendar, without the one-off events that lie clearly
    outside the weeks read (most of a big file: years of past shifts).

    Parsing is most of the time a big file takes (about 1.6 ms per event), so the file is
    cut into its events first, cheaply: those that do not repeat and whose start and end
    dates lie outside the weeks read (with a margin for zones) are left out, and the rest
    are parsed by the library in batches, looking at Cancel between batches. A file whose
    events cannot be cut apart cleanly is parsed whole, as it is.
    """
    rest, blocks = _split_events(text)
    if blocks is None:
        return _from_ical(icalendar, text)
    calendar = _from_ical(icalendar, rest)
    wanted = []
    outside: dict[str, list[str]] = {}  # by UID
    inside: set[str] = set()
    for number, block in enumerate(blocks):
        if number % 2000 == 1999:
            step(0.2 * number / len(blocks))
        maybe, uid = _may_fall_inside(block, first - _MARGIN, last + _MARGIN)
        if maybe:
            wanted.append(block)
            inside.add(uid)
        else:
            outside.setdefault(uid, []).append(block)
    # Events sharing a UID with a kept one belong to its series: the library decides.
    for uid, left_out in outside.items():
        if uid in inside or len(left_out) > 1:
            wanted.extend(left_out)
    for begin in range(0, len(wanted), _BATCH):
        step(0.2 + 0.6 * begin / len(wanted))
        batch = "".join(wanted[begin : begin + _BATCH])
        part = _from_ical(icalendar, f"BEGIN:VCALENDAR\r\n{batch}END:VCALENDAR\r\n")
        for component in part.subcomponents:
            calendar.add_component(component)
    return calendar


def _from_ical(icalendar: Any, text: str) -> Any:
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError, TypeError):
        # The library's message quotes the file's bytes: not for a person to read.
        raise CalendarError(
            "this calendar (.ics) file is damaged: a line in it cannot be read"
        ) from None
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise CalendarError("this is not a calendar (.ics) file: it has no VCALENDAR")
    return calendar


def _split_events(text: str) -> tuple[str, list[str] | None]:
    """The text without its events, and each event's text (BEGIN:VEVENT to END:VEVENT);
    None for the events when the file is not one calendar with well-formed events."""
    rest: list[str] = []
    blocks: list[str] = []
    current: list[str] | None = None
    calendars = 0
    for line in _LINES.split(text):  # only CR LF and LF end a line, as in icalendar
        word = line.rstrip().upper()
        if word == "BEGIN:VCALENDAR":
            calendars += 1
        if word == "BEGIN:VEVENT":
            if current is not None:
                return text, None
            current = [line]
        elif current is not None:
            current.append(line)
            if word == "END:VEVENT":
                blocks.append("".join(current))
                current = None
        else:
            rest.append(line)
    if current is not None or calendars != 1:
        return text, None
    return "".join(rest), blocks


def _may_fall_inside(block: str, first: dt.date, last: dt.date) -> tuple[bool, str]:
    """False (with the event's UID) only for an event sure to lie outside `first`..`last`:
    one that does not repeat, with plain start and end dates both before `first` or after
    `last`."""
    starts = ends = None
    uid = ""
    for line in _UNFOLD.sub("", block).split("\n"):
        name = line.split(":", 1)[0].split(";", 1)[0].strip().upper()
        if name in _REPEATS or (name == "BEGIN" and line.upper().strip() != "BEGIN:VEVENT"):
            return True, uid  # repeats, or holds a component of its own: the library decides
        if name == "UID":
            uid = line.split(":", 1)[-1].strip()
        elif name in {"DTSTART", "DTEND"}:
            day = _stamp_day(line.rsplit(":", 1)[-1].strip())
            if day is None:
                return True, uid
            if name == "DTSTART":
                starts = day
            else:
                ends = day
    if starts is None:
        return True, uid
    ends = ends or starts
    return not (ends < first or starts > last), uid


def _stamp_day(value: str) -> dt.date | None:
    match = _STAMP.fullmatch(value)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def apply_import(contact: Contact, imported: CalendarImport) -> Contact:
    """The contact with what the file added before replaced by what it adds now."""
    key = imported.source
    return dataclasses.replace(
        contact,
        time_off=(*(p for p in contact.time_off if p.source != key), *imported.time_off),
        extra_times=(
            *(e for e in contact.extra_times if e.source != key),
            *imported.extra_times,
        ),
    )


def replaced_count(contact: Contact, source: str) -> int:
    """How many of the contact's entries came from this file before."""
    return sum(1 for p in contact.time_off if p.source == source) + sum(
        1 for e in contact.extra_times if e.source == source
    )


# --- events to entries ------------------------------------------------------------------


def _span(event: Any, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime] | None:
    """The event's start and end as naive wall times in the contact's zone; whole days
    for all-day events. None when it has no start or no length."""
    start_prop = event.get("DTSTART")
    if start_prop is None:
        return None
    start = start_prop.dt
    end_prop = event.get("DTEND")
    end = end_prop.dt if end_prop is not None else None
    if not isinstance(start, dt.datetime):  # an all-day event
        last = end if isinstance(end, dt.date) and not isinstance(end, dt.datetime) else None
        begins = dt.datetime.combine(start, dt.time())
        ends = dt.datetime.combine(last or start + dt.timedelta(days=1), dt.time())
        return (begins, ends) if ends > begins else None
    if end is None or not isinstance(end, dt.datetime):
        return None
    begins, ends = _wall(start, zone), _wall(end, zone)
    return (begins, ends) if ends > begins else None


def _wall(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    if moment.tzinfo is None:  # floating time: the contact's own clock
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def _floor(moment: dt.datetime) -> dt.datetime:
    return moment.replace(second=0, microsecond=0)


def _ceil(moment: dt.datetime) -> dt.datetime:
    floor = _floor(moment)
    return floor if floor == moment else floor + _MINUTE


def _time_off(begins: dt.datetime, ends: dt.datetime, reason: str, source: str) -> TimeOff:
    begins, ends = _floor(begins), _ceil(ends)
    whole_days = begins.time() == dt.time() and ends.time() == dt.time()
    if whole_days:
        return TimeOff(
            to_day=(ends - dt.timedelta(days=1)).date(),
            from_day=begins.date(),
            reason=reason,
            source=source,
        )
    return TimeOff(
        to_day=ends.date(),
        to_time=ends.time(),
        from_day=begins.date(),
        from_time=begins.time(),
        reason=reason,
        source=source,
    )


def _extra_times(begins: dt.datetime, ends: dt.datetime, source: str) -> list[ExtraTime]:
    """The event as extra times: one if it lasts at most 24 hours (running overnight if it
    must), else one per 24 hours from its start (an extra time lasts at most 24 hours)."""
    begins, ends = _ceil(begins), _floor(ends)
    pieces = []
    while begins < ends:
        piece_end = min(ends, begins + dt.timedelta(days=1))
        pieces.append(ExtraTime(begins.date(), begins.time(), piece_end.time(), source))
        begins = piece_end
    return pieces


def _reason(summary: object) -> str:
    """The event's title as a short reason: one line, no control characters, ≤ 80."""
    text = " ".join(str(summary or "").split())
    text = "".join(char for char in text if not text_problem(char, limit=1, multiline=False,
                                                                 required=False))  # fmt: skip
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"
