"""A supporter's calendar file as time off or extra times, read by icalendar and
recurring-ical-events from a real .ics file with a repeating rota."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crisisplan.core.calendar_import import (
    CalendarError,
    CalendarImport,
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


# --- files as real exporters write them, and files that are not calendars ---------------

DATA = ROTA.parent


def read(
    data: bytes, kind: CalendarKind = CalendarKind.TIME_OFF, zone: str = "Europe/London"
) -> CalendarImport:
    return read_calendar(data, source=SOURCE, time_zone=zone, kind=kind, today=MONDAY)


def test_a_google_export_keeps_all_day_holidays_marked_free_as_time_off() -> None:
    # Google and Apple write every all-day event as TRANSP:TRANSPARENT unless the person
    # changes "Show as": a friend's holiday must still be time off.
    imported = read((DATA / "google-export.ics").read_bytes())
    lines = imported.lines()
    assert "Christmas at Mum's 24–26 Dec" in lines
    # COUNT=6 counts the EXDATE'd 1 Dec; the 2 Dec night was moved by a RECURRENCE-ID.
    nights = [line for line in lines if line.startswith("Nights")]
    assert nights == [
        "Nights 30 Nov 20:00–1 Dec 08:00", "Nights (late finish) 2 Dec 20:00–3 Dec 09:00",
        "Nights 7 Dec 20:00–8 Dec 08:00", "Nights 8 Dec 20:00–9 Dec 08:00",
        "Nights 9 Dec 20:00–10 Dec 08:00",
    ]  # fmt: skip
    # UNTIL in UTC keeps 5 Dec; the cancelled 3 Dec occurrence is left out.
    standups = [line for line in lines if line.startswith("Daily standup")]
    assert [line.split()[2] for line in standups] == ["1", "2", "4", "5"]
    assert imported.skipped == 1
    assert "Lunch 10 Dec 12:00–13:00" in lines  # UTC; London is on GMT in December
    assert "Floating meeting 11 Dec 09:00–10:00" in lines


def test_an_outlook_export_with_windows_zone_names_moves_into_the_contacts_zone() -> None:
    lines = read((DATA / "outlook-export.ics").read_bytes(), zone="Europe/Dublin").lines()
    assert "Team meeting 2 Dec 14:00–15:00" in lines  # "GMT Standard Time"
    assert "Berlin trip 14 Dec 08:00–16 Dec 17:00" in lines  # "W. Europe Standard Time"
    assert "Tentative thing 18 Dec 17:00–18:00" in lines  # "Pacific Standard Time"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café à Paris".encode("cp1252"), "Café à Paris"),
        ("Café à Paris".encode(), "Café à Paris"),
        (b"\xef\xbb\xbf" + "Café".encode(), "Café"),
    ],
)
def test_text_that_is_not_utf8_is_read_as_windows_1252(data: bytes, expected: str) -> None:
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n"
           b"DTSTAMP:20261101T000000Z\r\nSUMMARY:" + data.removeprefix(b"\xef\xbb\xbf") +
           b"\r\nDTSTART:20261205T100000Z\r\nDTEND:20261205T120000Z\r\nEND:VEVENT\r\n"
           b"END:VCALENDAR\r\n")  # fmt: skip
    if data.startswith(b"\xef\xbb\xbf"):
        ics = b"\xef\xbb\xbf" + ics
    assert read(ics).time_off[0].reason == expected
    utf16 = ics.decode("cp1252" if b"\xe9" in data else "utf-8-sig").encode("utf-16")
    assert read(utf16).time_off[0].reason == expected


def _repeating(rule: str, count: int = 1, start: str = "20261130T000000Z") -> bytes:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:x\r\n"
        f"DTSTART:{start}\r\nDTEND:{start[:-4]}100Z\r\nRRULE:{rule}\r\nEND:VEVENT\r\n"
        for n in range(count)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n".encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\r\n", "the file is empty"),
        (bytes(range(256)) * 20, "does not begin with BEGIN:VCALENDAR"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "does not begin with BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\n\x00\x00\x00", "does not begin with BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\n\xff\xfe garbage without a colon\r\nEND:VCALENDAR\r\n", "damaged"),
        (_repeating("FREQ=DAILY").replace(b"DTEND:20261130T000100Z", b"DTEND:2026-11-30"),
         "an end or a repeat rule in it is damaged"),
        # Minutes of expansion and gigabytes of memory before these were refused.
        (_repeating("FREQ=SECONDLY"), "repeats every second"),
        (_repeating("FREQ=MINUTELY;INTERVAL=5"), "repeats every minute"),
        (_repeating("FREQ=HOURLY", count=45), "too many occurrences"),
        (_repeating("FREQ=HOURLY", start="19700101T000000Z"), "too many occurrences"),
    ],
)  # fmt: skip
def test_hostile_files_get_one_sentence_without_the_files_bytes(data: bytes, expected: str) -> None:
    with pytest.raises(CalendarError, match=expected) as raised:
        read(data)
    message = str(raised.value)
    assert len(message) < 200 and "\x00" not in message and "ELF" not in message
    assert "b'" not in message


def test_ordinary_repeating_events_are_not_refused() -> None:
    # A daily event since 1900, weekdays in 20 copies (the same entry is kept once), an
    # hourly one with a COUNT in 200 copies: all read.
    assert read(_repeating("FREQ=DAILY", start="19000101T090000Z")).count == 84
    assert read(_repeating("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", count=20)).count == 60
    assert read(_repeating("FREQ=HOURLY;COUNT=5", count=200)).count == 5


def test_only_an_ordinary_file_is_read(tmp_path: Path) -> None:
    import os

    from crisisplan.core.calendar_import import MAX_CALENDAR_BYTES, read_calendar_file

    with pytest.raises(CalendarError, match="device, pipe or socket"):
        read_calendar_file("/dev/zero")  # endless: it used to read until memory ran out
    fifo = tmp_path / "rota.ics"
    os.mkfifo(fifo)
    with pytest.raises(CalendarError, match="device, pipe or socket"):
        read_calendar_file(fifo)  # nobody writes: it used to wait forever
    with pytest.raises(CalendarError, match="a folder"):
        read_calendar_file(tmp_path)
    with pytest.raises(CalendarError, match="No such file"):
        read_calendar_file(tmp_path / "missing.ics")
    big = tmp_path / "big.ics"
    big.write_bytes(b" " * (MAX_CALENDAR_BYTES + 1))
    with pytest.raises(CalendarError, match="at most 10 MB"):
        read_calendar_file(big)
    assert read_calendar_file(ROTA) == ROTA.read_bytes()


# --- reading once, quickly, and stopping when asked --------------------------------------


def _shifts(count: int, first: dt.datetime, every: dt.timedelta, uid: str = "s") -> str:
    """One-off shifts, `every` apart from `first`, in Europe/London."""
    events = []
    for n in range(count):
        begins = first + n * every
        ends = begins + dt.timedelta(hours=3)
        events.append(
            f"BEGIN:VEVENT\r\nUID:{uid}{n}@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
            f"SUMMARY:Shift {n}\r\nDTSTART;TZID=Europe/London:{begins:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;TZID=Europe/London:{ends:%Y%m%dT%H%M%S}\r\nEND:VEVENT\r\n"
        )
    return "".join(events)


def _with_shifts(extra: str) -> bytes:
    rota = ROTA.read_text()
    return rota.replace("END:VCALENDAR", extra.replace("\r\n", "\n") + "END:VCALENDAR").encode()


def test_switching_between_busy_and_free_reuses_one_reading() -> None:
    from crisisplan.core.calendar_import import entries_from, parse_calendar

    parsed = parse_calendar(
        ROTA.read_bytes(), source=SOURCE, time_zone="Europe/London", today=MONDAY
    )
    for kind in CalendarKind:
        assert entries_from(parsed, kind) == read(ROTA.read_bytes(), kind=kind)


def test_years_of_past_shifts_are_left_out_without_changing_the_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The quick path (one-off events far outside the weeks are not parsed) gives exactly
    what parsing the whole file gives: events just around the edges in zones a day apart,
    a moved occurrence of the rota (RECURRENCE-ID) and a long event that began long ago."""
    from crisisplan.core import calendar_import

    edges = _shifts(40, dt.datetime(2026, 11, 26, 22), dt.timedelta(hours=7), "a")
    edges += _shifts(40, dt.datetime(2027, 2, 18, 22), dt.timedelta(hours=7), "b")
    past = _shifts(300, dt.datetime(2020, 1, 1, 9), dt.timedelta(hours=17), "c")
    # A broken export that gives two events one UID: the library's choice is kept.
    past += _shifts(2, dt.datetime(2020, 1, 1, 9), dt.timedelta(days=2500), "twice")
    past += _shifts(2, dt.datetime(2019, 1, 1, 9), dt.timedelta(days=1), "twice")
    moved = (
        "BEGIN:VEVENT\r\nUID:nights@example.org\r\nDTSTAMP:20261101T000000Z\r\n"
        "SUMMARY:Night shift moved\r\nRECURRENCE-ID;TZID=Europe/London:20261229T193000\r\n"
        "DTSTART;TZID=Europe/London:20250101T193000\r\n"
        "DTEND;TZID=Europe/London:20250102T080000\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:sabbatical@example.org\r\nDTSTAMP:20261101T000000Z\r\n"
        "SUMMARY:Sabbatical\r\nDTSTART;VALUE=DATE:20200101\r\nDURATION:P2530D\r\nEND:VEVENT\r\n"
    )
    data = _with_shifts(past + edges + moved)
    for zone in ("Europe/London", "Pacific/Kiritimati", "Pacific/Pago_Pago"):
        for kind in CalendarKind:
            quick = read(data, kind, zone)
            with monkeypatch.context() as patch:  # the whole file, as before
                patch.setattr(calendar_import, "_split_events", lambda text: (text, None))
                whole = read(data, kind, zone)
            assert quick == whole
            assert quick.count > 40
    reasons = {p.reason for p in read(data).time_off}
    assert "Sabbatical" in reasons and "Night shift moved" not in reasons  # moved away


def test_progress_is_told_and_cancel_stops_the_reading() -> None:
    from crisisplan.core.calendar_import import CalendarCancelled, parse_calendar

    data = _with_shifts(_shifts(3000, dt.datetime(2026, 11, 30, 9), dt.timedelta(minutes=40)))
    shares: list[float] = []
    parse_calendar(
        data, source=SOURCE, time_zone="Europe/London", today=MONDAY, progress=shares.append
    )
    assert shares[0] == 0.0 and shares[-1] == 1.0 and len(shares) > 10
    assert shares == sorted(shares)
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 3  # Cancel pressed while the events are being parsed

    seen: list[float] = []
    with pytest.raises(CalendarCancelled):
        parse_calendar(
            data, source=SOURCE, time_zone="Europe/London", today=MONDAY,
            progress=seen.append, cancelled=cancelled,
        )  # fmt: skip
    assert seen[-1] < 0.5  # it stopped there, not at the end


def test_only_real_line_ends_count_when_events_are_cut_apart() -> None:
    # A description holding a line separator and a start long ago is text, not a start:
    # the event is still in the weeks read (str.splitlines would have cut it there).
    trick = (
        "BEGIN:VEVENT\r\nUID:trick@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
        "SUMMARY:Early shift\r\nDTSTART:20261203T090000Z\r\nDTEND:20261203T120000Z\r\n"
        "DESCRIPTION:bring badge\u2028DTSTART:19990101T090000Z\u2028DTEND:19990101T100000Z\r\n"
        "END:VEVENT\r\n"
    )
    assert "Early shift" in {p.reason for p in read(_with_shifts(trick)).time_off}
