"""A supporter's calendar file as time off or extra times, read by icalendar and
recurring-ical-events from a real .ics file with a repeating rota."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crisisplan.core.calendar_import import (
    CalendarError,
    CalendarKind,
    apply_import,
    read_calendar,
    replaced_count,
    source_key,
)
from crisisplan.core.model import Contact, ExtraTime, TimeOff

ROTA = Path(__file__).parent.parent / "data" / "rota.ics"
MONDAY = dt.date(2026, 11, 30)
SOURCE = source_key(ROTA)


def test_the_rota_becomes_time_off_for_the_next_twelve_weeks() -> None:
    imported = read_calendar(
        ROTA.read_bytes(), source=SOURCE, time_zone="Europe/London",
        kind=CalendarKind.TIME_OFF, today=MONDAY,
    )  # fmt: skip
    assert SOURCE == "calendar:rota.ics"
    nights = [p for p in imported.time_off if p.reason == "Night shift"]
    # Every other Tue and Wed from 1 Dec, 15 Dec left out (EXDATE), up to 21 Feb 2027.
    assert [p.from_day.isoformat() for p in nights if p.from_day] == [
        "2026-12-01", "2026-12-02", "2026-12-16", "2026-12-29", "2026-12-30",
        "2027-01-12", "2027-01-13", "2027-01-26", "2027-01-27", "2027-02-09", "2027-02-10",
    ]  # fmt: skip
    assert nights[0] == TimeOff(
        to_day=dt.date(2026, 12, 2), to_time=dt.time(8), from_day=dt.date(2026, 12, 1),
        from_time=dt.time(19, 30), reason="Night shift", source=SOURCE,
    )  # fmt: skip
    holiday = TimeOff(
        to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21), reason="Holiday",
        source=SOURCE,
    )  # fmt: skip
    assert holiday in imported.time_off
    # Cancelled, and free (TRANSP:TRANSPARENT) for time off, are left out; June is too far.
    assert imported.skipped == 2
    assert all(p.reason not in {"Cancelled shift", "Free afternoon", "Long after"}
               for p in imported.time_off)  # fmt: skip
    assert imported.last_day == dt.date(2027, 2, 21)
    assert "Holiday 21–28 Dec" in imported.lines()


def test_times_move_into_the_contacts_zone() -> None:
    imported = read_calendar(
        ROTA.read_bytes(), source=SOURCE, time_zone="America/Toronto",
        kind=CalendarKind.TIME_OFF, today=MONDAY,
    )  # fmt: skip
    first = imported.time_off[0]
    assert (first.from_day, first.from_time) == (dt.date(2026, 12, 1), dt.time(14, 30))
    assert (first.to_day, first.to_time) == (dt.date(2026, 12, 2), dt.time(3))


def test_as_extra_times_free_events_count_and_overnight_events_stay_whole() -> None:
    imported = read_calendar(
        ROTA.read_bytes(), source=SOURCE, time_zone="Europe/London",
        kind=CalendarKind.EXTRA_TIMES, today=MONDAY,
    )  # fmt: skip
    assert imported.skipped == 1  # only the cancelled one
    assert ExtraTime(dt.date(2026, 12, 12), dt.time(14), dt.time(18), SOURCE) in (
        imported.extra_times
    )
    assert ExtraTime(dt.date(2026, 12, 1), dt.time(19, 30), dt.time(8), SOURCE) in (
        imported.extra_times
    )
    # The 8-day holiday: eight whole days.
    days = [e for e in imported.extra_times if e.start == e.end == dt.time()]
    assert [e.day.day for e in days] == [21, 22, 23, 24, 25, 26, 27, 28]
    assert "Mon 21 Dec all day" in imported.lines()


def test_importing_again_replaces_only_what_this_file_added() -> None:
    by_hand = TimeOff(to_day=dt.date(2026, 12, 5), from_day=dt.date(2026, 12, 4), reason="away")
    other_file = ExtraTime(dt.date(2026, 12, 6), dt.time(10), dt.time(12), "calendar:other.ics")
    old = TimeOff(to_day=dt.date(2026, 12, 9), from_day=dt.date(2026, 12, 9), source=SOURCE)
    sam = Contact("Sam", time_zone="Europe/London", time_off=(by_hand, old),
                  extra_times=(other_file,))  # fmt: skip
    imported = read_calendar(
        ROTA.read_bytes(), source=SOURCE, time_zone="Europe/London",
        kind=CalendarKind.TIME_OFF, today=MONDAY,
    )  # fmt: skip
    assert replaced_count(sam, SOURCE) == 1
    once = apply_import(sam, imported)
    assert once.time_off == (by_hand, *imported.time_off)
    assert once.extra_times == (other_file,)
    assert apply_import(once, imported) == once  # again: the same, nothing doubled
    # As extra times instead: this file's time off goes, its extra times come.
    as_extra = read_calendar(
        ROTA.read_bytes(), source=SOURCE, time_zone="Europe/London",
        kind=CalendarKind.EXTRA_TIMES, today=MONDAY,
    )  # fmt: skip
    switched = apply_import(once, as_extra)
    assert switched.time_off == (by_hand,)
    assert switched.extra_times == (other_file, *as_extra.extra_times)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"not a calendar at all", "not a calendar"),
        (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam\r\nEND:VCARD\r\n", "not a calendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261201T100000Z\r\n"
         b"RRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "cannot be read"),
        (b" " * (10 * 1024 * 1024 + 1), "at most 10 MB"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_one_sentence(data: bytes, expected: str) -> None:
    with pytest.raises(CalendarError, match=expected):
        read_calendar(data, source=SOURCE, time_zone="Europe/London",
                      kind=CalendarKind.TIME_OFF, today=MONDAY)  # fmt: skip
