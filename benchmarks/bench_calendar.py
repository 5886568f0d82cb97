"""How long reading a big calendar file (.ics) takes, for the app's import preview.

A nurse's exported calendar can hold years of past shifts: the file here is ~10 MB (the
largest read), 30,000 one-off shifts since 2020 plus a repeating rota, read for the next
12 weeks. Two figures: the quick path (one-off events far outside the 12 weeks are cut
out before the library parses anything), and the whole file parsed by icalendar and
expanded by recurring-ical-events (what the app did before, ~16 s + ~5 s on a quiet
machine). The ratio between them is what the quick path saves on this machine; the floor
is the whole-file reading measured in the same run. Run this file to print figures.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from crisisplan.core import calendar_import
from crisisplan.core.calendar_import import CalendarKind, read_calendar

ROTA = Path(__file__).parent.parent / "tests" / "data" / "rota.ics"
SHIFTS = 30_000
TODAY = dt.date(2026, 11, 30)


def big_calendar() -> bytes:
    events = []
    first = dt.datetime(2020, 1, 1, 9)
    for n in range(SHIFTS):
        begins = first + n * dt.timedelta(hours=7)
        ends = begins + dt.timedelta(hours=3)
        events.append(
            f"BEGIN:VEVENT\r\nUID:s{n}@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
            f"SUMMARY:Shift {n}\r\nDESCRIPTION:Ward 7 early shift\\, bring your badge. "
            f"{'x' * 60}\r\nLOCATION:St Elsewhere\r\nSTATUS:CONFIRMED\r\n"
            f"DTSTART;TZID=Europe/London:{begins:%Y%m%dT%H%M%S}\r\n"
            f"DTEND;TZID=Europe/London:{ends:%Y%m%dT%H%M%S}\r\nEND:VEVENT\r\n"
        )
    rota = ROTA.read_text().replace("\n", "\r\n")
    return rota.replace("END:VCALENDAR", "".join(events) + "END:VCALENDAR").encode()


def timed(data: bytes) -> tuple[float, int]:
    begun = time.perf_counter()
    imported = read_calendar(
        data, source="calendar:ward.ics", time_zone="Europe/London",
        kind=CalendarKind.TIME_OFF, today=TODAY,
    )  # fmt: skip
    return time.perf_counter() - begun, imported.count


def main() -> None:
    data = big_calendar()
    quick, count = timed(data)
    original = calendar_import._split_events
    calendar_import._split_events = lambda text: (text, None)  # the whole file, as before
    try:
        whole, whole_count = timed(data)
    finally:
        calendar_import._split_events = original
    assert count == whole_count
    print(f"calendar file: {len(data) / 1e6:.1f} MB, {SHIFTS:,} shifts, {count} entries kept")
    print(f"quick path:  {quick:6.2f} s")
    print(f"whole file:  {whole:6.2f} s (floor, as before)")
    print(f"ratio: {quick / whole:.3f} of the whole-file reading ({whole / quick:.0f}x faster)")


if __name__ == "__main__":
    main()
