"""Who can be reached now, and when the rest can: checked against real time-zone data.

Instants are written in UTC with the local reading alongside, so each expectation can be
checked by hand against the zone's rules (London: GMT/BST, New York: EST/EDT, Sydney:
AEST/AEDT, Auckland: NZST/NZDT).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from crisisplan.core.model import Contact, Emergency, TimeOff, Weekday, Window
from crisisplan.core.reachability import (
    LaterContact,
    ReachableNow,
    is_reachable,
    next_available,
    reachability,
)

UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
EMERGENCY = Emergency(region="GB", number="999")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, us: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, us, tzinfo=UTC)


def window(days: str, start: str, end: str) -> Window:
    """`window("mon fri", "09:00", "17:00")`."""
    return Window(
        days=tuple(Weekday(day) for day in days.split()),
        start=dt.time.fromisoformat(start),
        end=dt.time.fromisoformat(end),
    )


def person(
    *windows: Window,
    zone: str = "Europe/London",
    always: bool = False,
    away_until: dt.date | None = None,
    name: str = "Sam",
) -> Contact:
    return Contact(
        name=name,
        time_zone=zone,
        windows=windows,
        always_available=always,
        # The old single "away until" date, as the migration keeps it: time off until
        # the start of that day.
        time_off=() if away_until is None else (TimeOff(to_day=away_until, to_time=dt.time(0)),),
    )


def brief(entries: tuple[LaterContact, ...]) -> list[tuple[Contact, int, dt.datetime]]:
    return [(entry.contact, entry.priority, entry.next_available) for entry in entries]


def in_utc(moment: dt.datetime | None) -> dt.datetime | None:
    return None if moment is None else moment.astimezone(UTC)


# --- windows: overnight, boundaries ---------------------------------------------------

# January: London is on GMT, so these UTC instants read the same on a London clock.
# 2026-01-16 is a Friday.
FRIDAY_NIGHT = person(window("fri", "22:00", "02:00"))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2026, 1, 16, 21, 59, 59), False),  # Fri, just before
        (utc(2026, 1, 16, 22, 0), True),  # Fri 22:00, start inclusive
        (utc(2026, 1, 16, 23, 59, 59), True),
        (utc(2026, 1, 17, 0, 0), True),  # Sat midnight, still Friday's window
        (utc(2026, 1, 17, 1, 30), True),  # Sat 01:30: the example in the issue
        (utc(2026, 1, 17, 1, 59, 59, 999_999), True),
        (utc(2026, 1, 17, 2, 0), False),  # Sat 02:00, end exclusive
        (utc(2026, 1, 17, 22, 30), False),  # Sat evening: the window starts on Fridays
        (utc(2026, 1, 15, 23, 0), False),  # Thu night
        (utc(2026, 1, 16, 1, 30), False),  # Fri 01:30: Thursday has no window
    ],
)
def test_overnight_window_belongs_to_the_day_it_starts(moment: dt.datetime, expected: bool) -> None:
    assert is_reachable(FRIDAY_NIGHT, moment) is expected


def test_saturday_only_overnight_window_does_not_cover_saturday_small_hours() -> None:
    saturday_night = person(window("sat", "22:00", "02:00"))
    assert not is_reachable(saturday_night, utc(2026, 1, 17, 1, 30))  # Sat 01:30
    assert is_reachable(saturday_night, utc(2026, 1, 17, 23, 0))  # Sat 23:00
    assert is_reachable(saturday_night, utc(2026, 1, 18, 1, 30))  # Sun 01:30


def test_next_available_after_an_overnight_window_is_the_next_week() -> None:
    assert in_utc(next_available(FRIDAY_NIGHT, utc(2026, 1, 17, 2, 0))) == utc(2026, 1, 23, 22, 0)
    assert in_utc(next_available(FRIDAY_NIGHT, utc(2026, 1, 17, 1, 0))) == utc(2026, 1, 17, 1, 0)


# 2026-01-12 is a Monday.
OFFICE = person(window("mon", "09:00", "17:00"), zone="UTC")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2026, 1, 12, 8, 59, 59, 999_999), False),
        (utc(2026, 1, 12, 9, 0), True),
        (utc(2026, 1, 12, 16, 59, 59, 999_999), True),
        (utc(2026, 1, 12, 17, 0), False),
        (utc(2026, 1, 13, 9, 0), False),  # Tuesday
    ],
)
def test_start_is_inclusive_and_end_exclusive(moment: dt.datetime, expected: bool) -> None:
    assert is_reachable(OFFICE, moment) is expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (utc(2026, 1, 12, 8, 0), utc(2026, 1, 12, 9, 0)),  # later the same day
        (utc(2026, 1, 12, 9, 0), utc(2026, 1, 12, 9, 0)),  # reachable now: `at` itself
        (utc(2026, 1, 12, 17, 0), utc(2026, 1, 19, 9, 0)),  # just closed: next week
        (utc(2026, 1, 14, 12, 0), utc(2026, 1, 19, 9, 0)),
    ],
)
def test_next_available_is_the_next_window_start(
    moment: dt.datetime, expected: dt.datetime
) -> None:
    assert next_available(OFFICE, moment) == expected


def test_start_equal_to_end_means_a_full_day_from_the_start() -> None:
    day = person(window("mon", "09:00", "09:00"), zone="UTC")
    assert not is_reachable(day, utc(2026, 1, 12, 8, 59))
    assert is_reachable(day, utc(2026, 1, 12, 9, 0))
    assert is_reachable(day, utc(2026, 1, 13, 8, 59))
    assert not is_reachable(day, utc(2026, 1, 13, 9, 0))


def test_window_ending_at_midnight_stops_at_midnight() -> None:
    evening = person(window("mon", "20:00", "00:00"), zone="UTC")
    assert is_reachable(evening, utc(2026, 1, 12, 23, 59))
    assert not is_reachable(evening, utc(2026, 1, 13, 0, 0))


# --- daylight saving: Europe/London (2026: forward 29 Mar 01:00Z, back 25 Oct 01:00Z) ---


def test_london_window_starting_in_the_spring_gap_opens_at_the_transition() -> None:
    # 01:00-02:00 on 29 March does not exist in London; 01:30 falls in the gap.
    sunday = person(window("sun", "01:30", "03:00"))
    assert next_available(sunday, utc(2026, 3, 28, 12, 0)) == utc(2026, 3, 29, 1, 0)  # 02:00 BST
    assert not is_reachable(sunday, utc(2026, 3, 29, 0, 59, 59))  # 00:59 GMT
    assert is_reachable(sunday, utc(2026, 3, 29, 1, 0))  # 02:00 BST
    assert is_reachable(sunday, utc(2026, 3, 29, 1, 59))  # 02:59 BST
    assert not is_reachable(sunday, utc(2026, 3, 29, 2, 0))  # 03:00 BST


def test_london_window_wholly_inside_the_spring_gap_is_missed_that_week() -> None:
    sunday = person(window("sun", "01:00", "01:45"))
    assert next_available(sunday, utc(2026, 3, 28, 12, 0)) == utc(2026, 4, 5, 0, 0)  # 01:00 BST


def test_london_hours_follow_the_wall_clock_across_the_spring_change() -> None:
    weekdays = person(window("mon tue wed thu fri", "09:00", "17:00"))
    # Before the change 09:00 is 09:00Z; after it, 08:00Z.
    assert not is_reachable(weekdays, utc(2026, 3, 27, 8, 30))
    assert is_reachable(weekdays, utc(2026, 3, 27, 9, 0))
    assert is_reachable(weekdays, utc(2026, 3, 30, 8, 0))
    assert not is_reachable(weekdays, utc(2026, 3, 30, 16, 0))  # 17:00 BST
    assert next_available(weekdays, utc(2026, 3, 27, 17, 0)) == utc(2026, 3, 30, 8, 0)


def test_london_window_in_the_repeated_hour_covers_both_occurrences() -> None:
    # 01:00-02:00 on 25 October happens twice: BST (00:00-01:00Z), then GMT (01:00-02:00Z).
    sunday = person(window("sun", "01:15", "01:45"))
    assert next_available(sunday, utc(2026, 10, 24, 12, 0)) == utc(2026, 10, 25, 0, 15)
    assert is_reachable(sunday, utc(2026, 10, 25, 0, 30))  # 01:30 BST
    assert not is_reachable(sunday, utc(2026, 10, 25, 0, 45))  # 01:45 BST
    assert not is_reachable(sunday, utc(2026, 10, 25, 1, 0))  # 01:00 GMT
    assert is_reachable(sunday, utc(2026, 10, 25, 1, 30))  # 01:30 GMT
    # Between the two occurrences the next one is the second, not next week's.
    assert next_available(sunday, utc(2026, 10, 25, 0, 45)) == utc(2026, 10, 25, 1, 15)


def test_london_window_starting_in_the_repeated_hour_is_covered_until_it_ends() -> None:
    # Sun 01:30-03:00: opens at 01:30 BST (00:30Z); at 01:00Z the clock goes back to 01:00
    # GMT, below the window's start on the wall, but the window has not ended: it runs on
    # until 03:00 GMT (03:00Z). There must be no 30-minute hole at 01:00-01:30 GMT.
    sunday = person(window("sun", "01:30", "03:00"))
    assert not is_reachable(sunday, utc(2026, 10, 25, 0, 29, 59))  # 01:29:59 BST
    moment = utc(2026, 10, 25, 0, 30)
    while moment < utc(2026, 10, 25, 3, 0):
        assert is_reachable(sunday, moment), moment.astimezone(LONDON)
        assert next_available(sunday, moment) == moment
        [now] = reachability([sunday], moment, EMERGENCY).reachable
        assert now.hours_set
        moment += dt.timedelta(minutes=5)
    assert is_reachable(sunday, utc(2026, 10, 25, 1, 0))  # 01:00 GMT, the transition
    assert is_reachable(sunday, utc(2026, 10, 25, 1, 29, 59))  # 01:29:59 GMT
    assert is_reachable(sunday, utc(2026, 10, 25, 2, 59, 59))  # 02:59:59 GMT
    assert not is_reachable(sunday, utc(2026, 10, 25, 3, 0))  # 03:00 GMT
    assert next_available(sunday, utc(2026, 10, 25, 3, 0)) == utc(2026, 11, 1, 1, 30)


def test_window_starting_after_the_change_does_not_open_early_in_the_repeated_hour() -> None:
    # Sun 02:00-04:00 starts after the change: 01:00-02:00 GMT on the second pass is
    # not inside it, even though its unfolded reading (02:00-03:00) would be.
    sunday = person(window("sun", "02:00", "04:00"))
    assert not is_reachable(sunday, utc(2026, 10, 25, 1, 0))  # 01:00 GMT
    assert not is_reachable(sunday, utc(2026, 10, 25, 1, 59))  # 01:59 GMT
    assert next_available(sunday, utc(2026, 10, 25, 0, 30)) == utc(2026, 10, 25, 2, 0)
    # Saturday overnight into the change: open at 01:59 BST and on until 02:30 GMT.
    overnight = person(window("sat", "23:00", "02:30"))
    assert is_reachable(overnight, utc(2026, 10, 25, 0, 59))  # 01:59 BST
    assert is_reachable(overnight, utc(2026, 10, 25, 1, 0))  # 01:00 GMT
    assert is_reachable(overnight, utc(2026, 10, 25, 2, 29))  # 02:29 GMT
    assert not is_reachable(overnight, utc(2026, 10, 25, 2, 30))  # 02:30 GMT


def test_london_window_across_the_autumn_change_lasts_an_extra_hour() -> None:
    early = person(window("sun", "00:00", "03:00"))
    assert is_reachable(early, utc(2026, 10, 24, 23, 0))  # 00:00 BST
    assert is_reachable(early, utc(2026, 10, 25, 2, 59))  # 02:59 GMT
    assert not is_reachable(early, utc(2026, 10, 25, 3, 0))  # 03:00 GMT


# --- daylight saving: America/New_York (2026: forward 8 Mar 07:00Z, back 1 Nov 06:00Z) --


def test_new_york_window_starting_in_the_spring_gap_opens_at_the_transition() -> None:
    sunday = person(window("sun", "02:30", "03:30"), zone="America/New_York")
    first = next_available(sunday, utc(2026, 3, 7, 12, 0).astimezone(NEW_YORK))
    assert first == dt.datetime(2026, 3, 8, 3, 0, tzinfo=NEW_YORK)  # 03:00 EDT
    assert in_utc(first) == utc(2026, 3, 8, 7, 0)
    assert is_reachable(sunday, utc(2026, 3, 8, 7, 29))  # 03:29 EDT
    assert not is_reachable(sunday, utc(2026, 3, 8, 7, 30))  # 03:30 EDT


def test_new_york_clocks_going_back_into_a_window_open_it_at_the_transition() -> None:
    # 01:45 EDT is after the window; at 06:00Z the clock reads 01:00 EST, inside it again.
    small_hours = person(window("sun", "00:30", "01:30"), zone="America/New_York")
    assert is_reachable(small_hours, utc(2026, 11, 1, 4, 30))  # 00:30 EDT
    assert not is_reachable(small_hours, utc(2026, 11, 1, 5, 45))  # 01:45 EDT
    assert next_available(small_hours, utc(2026, 11, 1, 5, 45)) == utc(2026, 11, 1, 6, 0)
    assert is_reachable(small_hours, utc(2026, 11, 1, 6, 29))  # 01:29 EST
    assert not is_reachable(small_hours, utc(2026, 11, 1, 6, 30))  # 01:30 EST


def test_new_york_ambiguous_start_uses_the_first_occurrence() -> None:
    sunday = person(window("sun", "01:30", "02:00"), zone="America/New_York")
    first = next_available(sunday, utc(2026, 10, 31, 12, 0))
    assert first == utc(2026, 11, 1, 5, 30)  # 01:30 EDT, not 01:30 EST
    local = first.astimezone(NEW_YORK) if first else None
    assert local is not None and local.fold == 0


# --- daylight saving: the southern hemisphere ---------------------------------------
# Sydney 2026: back 5 Apr 03:00 AEDT (4 Apr 16:00Z), forward 4 Oct 02:00 AEST (3 Oct 16:00Z).


def test_sydney_window_starting_in_the_spring_gap_opens_at_the_transition() -> None:
    sunday = person(window("sun", "02:30", "04:00"), zone="Australia/Sydney")
    assert next_available(sunday, utc(2026, 10, 3, 0, 0)) == utc(2026, 10, 3, 16, 0)  # 03:00


def test_sydney_window_wholly_inside_the_spring_gap_is_missed_that_week() -> None:
    sunday = person(window("sun", "02:00", "02:30"), zone="Australia/Sydney")
    # Next Sunday 02:00 AEDT (UTC+11).
    assert next_available(sunday, utc(2026, 10, 3, 0, 0)) == utc(2026, 10, 10, 15, 0)


def test_sydney_window_in_the_repeated_hour_is_found_twice() -> None:
    sunday = person(window("sun", "02:00", "02:30"), zone="Australia/Sydney")
    assert next_available(sunday, utc(2026, 4, 4, 0, 0)) == utc(2026, 4, 4, 15, 0)  # AEDT
    assert is_reachable(sunday, utc(2026, 4, 4, 15, 15))
    assert not is_reachable(sunday, utc(2026, 4, 4, 15, 30))  # 02:30 AEDT
    # The clock goes back to 02:00 AEST at 16:00Z, when the window opens again.
    assert next_available(sunday, utc(2026, 4, 4, 15, 30)) == utc(2026, 4, 4, 16, 0)


def test_sydney_office_hours_move_against_utc_with_the_seasons() -> None:
    office = person(window("mon tue wed thu fri", "09:00", "17:00"), zone="Australia/Sydney")
    assert is_reachable(office, utc(2026, 1, 12, 22, 0))  # Tue 09:00 AEDT (summer)
    assert not is_reachable(office, utc(2026, 7, 13, 22, 0))  # Tue 08:00 AEST (winter)
    assert next_available(office, utc(2026, 7, 13, 22, 0)) == utc(2026, 7, 13, 23, 0)


def test_auckland_window_wholly_inside_the_spring_gap_is_missed_that_week() -> None:
    # Auckland 2026: forward 27 Sep 02:00 NZST -> 03:00 NZDT (26 Sep 14:00Z).
    sunday = person(window("sun", "02:15", "02:45"), zone="Pacific/Auckland")
    assert next_available(sunday, utc(2026, 9, 26, 0, 0)) == utc(2026, 10, 3, 13, 15)
    starts_in_gap = person(window("sun", "02:15", "03:30"), zone="Pacific/Auckland")
    assert next_available(starts_in_gap, utc(2026, 9, 26, 0, 0)) == utc(2026, 9, 26, 14, 0)


# --- contacts abroad ------------------------------------------------------------------


def test_contact_in_tokyo_seen_from_london() -> None:
    tokyo = person(window("mon tue wed thu fri", "09:00", "18:00"), zone="Asia/Tokyo")
    # Sun 14 June 23:30Z is Mon 08:30 in Tokyo and Mon 00:30 BST in London.
    at = utc(2026, 6, 14, 23, 30).astimezone(LONDON)
    assert not is_reachable(tokyo, at)
    first = next_available(tokyo, at)
    assert first == dt.datetime(2026, 6, 15, 1, 0, tzinfo=LONDON)
    assert first is not None and first.tzinfo is LONDON
    assert is_reachable(tokyo, utc(2026, 6, 15, 0, 0))  # Mon 09:00 JST
    assert not is_reachable(tokyo, utc(2026, 6, 15, 9, 0))  # Mon 18:00 JST
    assert next_available(tokyo, utc(2026, 6, 15, 9, 0)) == utc(2026, 6, 16, 0, 0)


def test_contact_in_a_quarter_hour_offset_zone() -> None:
    kathmandu = person(window("mon", "09:00", "10:00"), zone="Asia/Kathmandu")  # UTC+5:45
    assert not is_reachable(kathmandu, utc(2026, 6, 15, 3, 14, 59))
    assert is_reachable(kathmandu, utc(2026, 6, 15, 3, 15))
    assert next_available(kathmandu, utc(2026, 6, 15, 0, 0)) == utc(2026, 6, 15, 3, 15)


# --- away, always available, hours not set ------------------------------------------
# 2026-06-10 is a Wednesday; London is on BST, so local midnight is 23:00Z the day before.

BACK_WEDNESDAY = dt.date(2026, 6, 10)


def test_always_available_person_who_is_away_is_reachable_from_their_midnight() -> None:
    always = person(always=True, away_until=BACK_WEDNESDAY)
    assert is_reachable(always, utc(2026, 6, 1, 12, 0)) is False
    assert not is_reachable(always, utc(2026, 6, 9, 22, 59, 59))
    assert is_reachable(always, utc(2026, 6, 9, 23, 0))
    assert next_available(always, utc(2026, 6, 1, 12, 0)) == utc(2026, 6, 9, 23, 0)

    result = reachability([always], utc(2026, 6, 1, 12, 0), EMERGENCY)
    assert result.reachable == ()
    assert brief(result.later) == [(always, 0, utc(2026, 6, 9, 23, 0))]
    assert result.later[0].time_off == always.time_off[0]
    assert result.later[0].back == utc(2026, 6, 9, 23, 0)
    assert result.later[0].reason == "away until Tue 9 Jun 23:00"  # in UTC, as asked
    in_london = reachability([always], utc(2026, 6, 1, 12, 0).astimezone(LONDON), EMERGENCY)
    assert in_london.later[0].reason == "away until Wed 10 Jun"


def test_away_person_with_hours_not_set_waits_for_the_end_of_the_away_period() -> None:
    unknown = person(away_until=BACK_WEDNESDAY)
    during = reachability([unknown], utc(2026, 6, 5, 12, 0), EMERGENCY)
    assert brief(during.later) == [(unknown, 0, utc(2026, 6, 9, 23, 0))]
    after = reachability([unknown], utc(2026, 6, 10, 12, 0), EMERGENCY)
    assert after.reachable == (ReachableNow(unknown, 0, hours_set=False),)


def test_away_person_with_windows_is_next_available_in_a_window_after_they_are_back() -> None:
    # An overnight Tuesday window still open at Wednesday midnight counts once they are back.
    tuesday_night = person(window("tue", "22:00", "02:00"), away_until=BACK_WEDNESDAY)
    assert not is_reachable(tuesday_night, utc(2026, 6, 9, 21, 30))  # Tue 22:30 BST, away
    assert next_available(tuesday_night, utc(2026, 6, 9, 21, 30)) == utc(2026, 6, 9, 23, 0)

    friday = person(window("fri", "09:00", "10:00"), away_until=BACK_WEDNESDAY)
    assert next_available(friday, utc(2026, 6, 5, 9, 0)) == utc(2026, 6, 12, 8, 0)  # not the 5th


def test_past_away_date_changes_nothing() -> None:
    back_long_ago = person(always=True, away_until=dt.date(2020, 1, 1))
    assert is_reachable(back_long_ago, utc(2026, 6, 1, 12, 0))


def test_away_until_a_midnight_that_does_not_exist_ends_at_the_transition() -> None:
    # Santiago springs forward at midnight: 6 Sep 2026 00:00 -04 becomes 01:00 -03 (04:00Z).
    chile = person(always=True, zone="America/Santiago", away_until=dt.date(2026, 9, 6))
    assert next_available(chile, utc(2026, 9, 1, 0, 0)) == utc(2026, 9, 6, 4, 0)
    assert not is_reachable(chile, utc(2026, 9, 6, 3, 59, 59))


def test_away_until_a_midnight_inside_a_gap_ends_at_the_transition() -> None:
    # Toronto, 30 March 1919: clocks went from 23:30 EST straight to 00:30 EDT (04:30Z),
    # so midnight fell strictly inside the gap (no modern zone does this).
    toronto = person(always=True, zone="America/Toronto", away_until=dt.date(1919, 3, 31))
    assert next_available(toronto, utc(1919, 3, 1)) == utc(1919, 3, 31, 4, 30)
    assert not is_reachable(toronto, utc(1919, 3, 31, 4, 29, 59))


def test_away_until_a_midnight_that_happens_twice_ends_at_the_first() -> None:
    # Havana falls back at 01:00 CDT to 00:00 CST on 1 Nov 2026: midnight happens twice.
    cuba = person(always=True, zone="America/Havana", away_until=dt.date(2026, 11, 1))
    assert next_available(cuba, utc(2026, 10, 30, 0, 0)) == utc(2026, 11, 1, 4, 0)  # 00:00 CDT


def test_hours_not_set_are_flagged_but_the_person_is_listed_as_reachable() -> None:
    unknown = person(name="Unknown")
    always = person(always=True, name="Always")
    at = utc(2026, 6, 1, 3, 0)
    assert is_reachable(unknown, at)
    assert next_available(unknown, at) == at
    result = reachability([unknown, always], at, EMERGENCY)
    assert result.reachable == (
        ReachableNow(unknown, 0, hours_set=False),
        ReachableNow(always, 1, hours_set=True),
    )
    assert result.later == ()


def test_windows_naming_no_days_are_never_reachable_but_still_listed() -> None:
    no_days = Window(days=(), start=dt.time(9), end=dt.time(17))
    nobody_knows = person(no_days)
    at = utc(2026, 6, 1, 12, 0)
    assert not is_reachable(nobody_knows, at)
    assert next_available(nobody_knows, at) is None
    assert reachability([nobody_knows], at, EMERGENCY).reachable == (
        ReachableNow(nobody_knows, 0, hours_set=False),
    )
    away = person(no_days, away_until=BACK_WEDNESDAY)
    assert brief(reachability([away], at, EMERGENCY).later) == [(away, 0, utc(2026, 6, 9, 23, 0))]


def test_unknown_time_zone_does_not_break_the_crisis_view() -> None:
    lost = person(window("mon", "09:00", "17:00"), zone="Mars/Olympus_Mons")
    result = reachability([lost], utc(2026, 6, 1, 12, 0), EMERGENCY)
    assert result.reachable == (ReachableNow(lost, 0, hours_set=False),)


def test_away_until_the_end_of_the_calendar_does_not_break_the_crisis_view() -> None:
    gone = person(window("mon", "09:00", "17:00"), away_until=dt.date(9999, 12, 31))
    result = reachability([gone], utc(2026, 6, 1, 12, 0), EMERGENCY)
    assert [entry.contact for entry in result.later] == [gone]


# --- the crisis view's lists ----------------------------------------------------------


def test_reachability_lists_everyone_once_reachable_in_priority_order() -> None:
    at = utc(2026, 1, 12, 10, 0)  # Monday 10:00 in London and UTC
    contacts = [
        person(window("tue", "09:00", "17:00"), name="Tuesday"),
        person(window("mon", "09:00", "17:00"), name="Monday"),
        person(always=True, name="Always"),
        person(window("mon", "09:00", "17:00"), name="Monday"),  # an equal contact, kept
    ]
    result = reachability(contacts, at, EMERGENCY)
    assert result.at is at
    assert result.emergency is EMERGENCY
    assert [entry.priority for entry in result.reachable] == [1, 2, 3]
    assert all(entry.contact is contacts[entry.priority] for entry in result.reachable)
    assert result.later == (
        LaterContact(
            contacts[0], 0, utc(2026, 1, 13, 9, 0), reason="available again tomorrow 09:00"
        ),
    )


def test_later_is_soonest_first_and_ties_keep_priority_order() -> None:
    at = utc(2026, 1, 12, 3, 0)  # Monday 03:00
    contacts = [
        person(window("wed", "09:00", "10:00"), name="Wednesday"),
        person(window("mon", "18:00", "19:00"), name="Evening"),
        person(window("mon", "09:00", "10:00"), name="Morning A"),
        person(window("mon", "09:00", "12:00"), name="Morning B"),
    ]
    result = reachability(contacts, at, EMERGENCY)
    assert [entry.priority for entry in result.later] == [2, 3, 1, 0]
    assert [in_utc(entry.next_available) for entry in result.later] == [
        utc(2026, 1, 12, 9, 0),
        utc(2026, 1, 12, 9, 0),
        utc(2026, 1, 12, 18, 0),
        utc(2026, 1, 14, 9, 0),
    ]


def test_later_is_ordered_by_instant_even_in_a_repeated_hour() -> None:
    # Seen from New York as clocks go back, 01:45 EDT (05:45Z) comes before 01:30 EST
    # (06:30Z) although its wall time is later.
    at = utc(2026, 11, 1, 5, 0).astimezone(NEW_YORK)  # 01:00 EDT
    half_past_est = person(window("sun", "06:30", "07:00"), zone="UTC", name="06:30Z")
    quarter_to_edt = person(window("sun", "05:45", "06:00"), zone="UTC", name="05:45Z")
    result = reachability([half_past_est, quarter_to_edt], at, EMERGENCY)
    assert [entry.priority for entry in result.later] == [1, 0]
    first, second = (entry.next_available for entry in result.later)
    assert (first.hour, first.minute, first.fold) == (1, 45, 0)
    assert (second.hour, second.minute, second.fold) == (1, 30, 1)


@pytest.mark.parametrize(
    "zone",
    [LONDON, NEW_YORK, dt.timezone(dt.timedelta(hours=5, minutes=30)), UTC],
    ids=str,
)
def test_results_are_expressed_in_the_tzinfo_of_at(zone: dt.tzinfo) -> None:
    at = utc(2026, 1, 12, 3, 0).astimezone(zone)
    monday = person(window("mon", "09:00", "10:00"), zone="Asia/Tokyo")  # 00:00Z Tuesday
    first = next_available(monday, at)
    assert first is not None and first.tzinfo is zone
    assert in_utc(first) == utc(2026, 1, 19, 0, 0)
    [later] = reachability([monday], at, EMERGENCY).later
    assert later.next_available.tzinfo is zone
    assert later.next_available == first


def test_naive_at_is_rejected() -> None:
    naive = dt.datetime(2026, 1, 12, 9, 0)
    with pytest.raises(ValueError, match="timezone-aware"):
        is_reachable(OFFICE, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        next_available(OFFICE, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        reachability([OFFICE], naive, EMERGENCY)
