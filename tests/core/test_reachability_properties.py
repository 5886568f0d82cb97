"""Properties of reachability that must hold for any support system, zone and moment.

Window times, zone offsets and daylight-saving changes all fall on a 15-minute grid here,
so whether a contact is reachable can only change on that grid: checking every grid
instant is an exact, independent check of `next_available`.
"""

from __future__ import annotations

import datetime as dt
import functools
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplan.core.model import WEEKDAYS, Contact, Emergency, TimeOff, Window
from crisisplan.core.reachability import (
    LaterContact,
    ReachableNow,
    is_reachable,
    next_available,
    reachability,
)

UTC = dt.UTC
QUARTER = dt.timedelta(minutes=15)
FIRST = dt.datetime(2024, 1, 1, tzinfo=UTC)
LAST = dt.datetime(2030, 12, 31, 23, 45, tzinfo=UTC)
EMERGENCY = Emergency(region="GB", number="999")

# Daylight saving in both hemispheres, half- and quarter-hour offsets, a 30-minute DST
# shift (Lord Howe), and zones that change at midnight (Santiago, Havana).
ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/St_Johns",
    "America/Santiago",
    "America/Havana",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
)
# Zones the moment itself may be expressed in.
AT_ZONES: tuple[dt.tzinfo, ...] = (
    UTC,
    ZoneInfo("Europe/London"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Sydney"),
    dt.timezone(dt.timedelta(hours=5, minutes=45)),
)


@functools.cache
def offset_changes(key: str) -> tuple[dt.datetime, ...]:
    """Every change of the zone's UTC offset in 2024-2030, found by scanning."""
    zone = ZoneInfo(key)
    changes = []
    day = FIRST
    while day <= LAST:
        following = day + dt.timedelta(days=1)
        if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            moment = day
            while moment.astimezone(zone).utcoffset() == day.astimezone(zone).utcoffset():
                moment += QUARTER
            changes.append(moment)
        day = following
    return tuple(changes)


quarter_of_day = st.integers(0, 24 * 4 - 1).map(lambda q: dt.time(q // 4, q % 4 * 15))


def windows(min_days: int) -> st.SearchStrategy[Window]:
    return st.builds(
        Window,
        days=st.lists(st.sampled_from(WEEKDAYS), min_size=min_days, max_size=7, unique=True).map(
            tuple
        ),
        start=quarter_of_day,
        end=quarter_of_day,
    )


@st.composite
def moments(draw: st.DrawFn, key: str) -> dt.datetime:
    """A moment on the 15-minute UTC grid in 2024-2030, often days before a DST change."""
    changes = offset_changes(key)
    near_a_change = draw(st.booleans())
    if changes and near_a_change:
        near = draw(st.sampled_from(changes))
        moment = near + QUARTER * draw(st.integers(-8 * 24 * 4, 24 * 4))
    else:
        span = (LAST - FIRST) // QUARTER
        moment = FIRST + QUARTER * draw(st.integers(0, span))
    return moment.astimezone(draw(st.sampled_from(AT_ZONES)))


@st.composite
def contacts(draw: st.DrawFn, at: dt.datetime, key: str, days_may_be_empty: bool) -> Contact:
    """Mostly contacts with windows; some always available, some with hours not set."""
    hours = draw(st.sampled_from(("windows", "windows", "windows", "always", "not set")))
    away_until = draw(
        st.none() | st.integers(-3, 10).map(lambda days: at.date() + dt.timedelta(days=days))
    )
    return Contact(
        name="Sam",
        time_zone=key,
        always_available=hours == "always",
        windows=tuple(
            draw(st.lists(windows(0 if days_may_be_empty else 1), min_size=1, max_size=3))
        )
        if hours == "windows"
        else (),
        time_off=() if away_until is None else (TimeOff(to_day=away_until, to_time=dt.time(0)),),
    )


@st.composite
def support_systems(draw: st.DrawFn) -> tuple[list[Contact], dt.datetime]:
    at = draw(moments(draw(st.sampled_from(ZONES))))
    people = draw(
        st.lists(
            st.sampled_from(ZONES).flatmap(lambda key: contacts(at, key, days_may_be_empty=True)),
            max_size=12,
        )
    )
    return people, at


@st.composite
def one_contact(draw: st.DrawFn) -> tuple[Contact, dt.datetime]:
    key = draw(st.sampled_from(ZONES))
    at = draw(moments(key))
    return draw(contacts(at, key, days_may_be_empty=False)), at


@settings(max_examples=300, deadline=None)
@given(support_systems())
def test_every_contact_appears_exactly_once(case: tuple[list[Contact], dt.datetime]) -> None:
    people, at = case
    result = reachability(people, at, EMERGENCY)

    priorities = [entry.priority for entry in result.reachable] + [
        entry.priority for entry in result.later
    ]
    assert sorted(priorities) == list(range(len(people)))
    entries: list[ReachableNow | LaterContact] = [*result.reachable, *result.later]
    for entry in entries:
        assert entry.contact is people[entry.priority]

    reachable = [entry.priority for entry in result.reachable]
    assert reachable == sorted(reachable)
    order = [(entry.next_available.astimezone(UTC), entry.priority) for entry in result.later]
    assert order == sorted(order)

    # The lists agree with the single-contact functions.
    for now in result.reachable:
        if now.hours_set:
            assert is_reachable(now.contact, at)
    for later in result.later:
        assert later.next_available.tzinfo is at.tzinfo
        assert later.next_available.astimezone(UTC) > at.astimezone(UTC)
        if next_available(later.contact, at) is not None:
            assert next_available(later.contact, at) == later.next_available
            assert not is_reachable(later.contact, at)


@settings(max_examples=300, deadline=None)
@given(one_contact())
def test_next_available_is_the_earliest_reachable_instant(
    case: tuple[Contact, dt.datetime],
) -> None:
    contact, at = case
    first = next_available(contact, at)

    assert first is not None
    assert first.tzinfo is at.tzinfo
    first_utc = first.astimezone(UTC)
    moment = at.astimezone(UTC)
    assert first_utc >= moment
    assert is_reachable(contact, first)
    while moment < first_utc:
        assert not is_reachable(contact, moment), f"reachable at {moment}, before {first_utc}"
        moment += QUARTER
    if first_utc > at.astimezone(UTC):
        # Exactly the moment coverage starts, not merely on the grid near it.
        assert not is_reachable(contact, first_utc - dt.timedelta(microseconds=1))
