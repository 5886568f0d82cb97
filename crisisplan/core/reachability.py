"""Who the person can reach right now, and when the others can be reached.

This feeds the "I'm struggling" view, so it must be right and it must never hide anyone:
every contact comes back exactly once, either reachable now (in priority order) or with
the next moment they can be reached (soonest first).

Availability is judged by the wall clock in the contact's own time zone, as a person
would read their hours: a window covers a moment when the contact's local weekday and
time fall inside it. Two consequences of daylight saving follow, and are handled on
purpose:

- When clocks go forward, the skipped wall times never happen. A window that starts in
  the gap is reachable from the first instant after it (the transition instant), if the
  window is still open at the new wall time; a window lying wholly inside the gap is
  missed that week.
- When clocks go back, the repeated wall times happen twice, so a window in the repeated
  hour covers both occurrences. The next available moment is the *first* occurrence that
  is not already in the past.

Internally every instant is an aware UTC datetime. Between two changes of a zone's UTC
offset the wall clock runs at a fixed offset from UTC, so `next_available` walks those
fixed-offset stretches: in each it finds the earliest covered wall time (cheap weekly
arithmetic) and accepts it if the offset does not change first. This gives the exact
answer in every zone, hemisphere and odd offset without special cases for gaps or folds.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from crisisplan.core.model import WEEKDAYS, Contact, Emergency, Window

__all__ = [
    "LaterContact",
    "Reachability",
    "ReachableNow",
    "is_reachable",
    "next_available",
    "reachability",
]

_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_SECONDS_PER_DAY = 86_400
# Each pass of the search either finds the answer or crosses one change of UTC offset.
# Real zones change offset at most a few times a year, and a weekly window recurs within
# 8 days, so a handful of passes always suffice; the cap only guards against a loop.
_MAX_PASSES = 32
_NO_WAIT = dt.timedelta(0)


@dataclass(frozen=True, slots=True)
class ReachableNow:
    """A contact the person can reach at the moment asked about.

    `hours_set` is False when we cannot judge their hours (no windows and not always
    available; or, defensively, windows naming no days or a time zone this machine does
    not know): they are shown rather than hidden, and the view can say so.
    """

    contact: Contact
    priority: int
    hours_set: bool


@dataclass(frozen=True, slots=True)
class LaterContact:
    """A contact who cannot be reached now, and the first moment they can be."""

    contact: Contact
    priority: int
    next_available: dt.datetime


@dataclass(frozen=True, slots=True)
class Reachability:
    """The crisis view's answer: who can be reached at `at`, and when the rest can."""

    at: dt.datetime
    emergency: Emergency
    reachable: tuple[ReachableNow, ...]
    later: tuple[LaterContact, ...]


def is_reachable(contact: Contact, at: dt.datetime) -> bool:
    """Whether the contact can be reached at `at` (a timezone-aware datetime).

    A contact with no hours set counts as reachable (we must not hide them); one whose
    windows have no days at all is never reachable.

    Raises:
        ValueError: `at` is naive.
        zoneinfo.ZoneInfoNotFoundError: the contact's time zone is unknown
            (`reachability()` instead lists such a contact with `hours_set=False`).
    """
    at_utc = _as_utc(at)
    key = contact.time_zone
    zone = _zone(key)
    if contact.away_until is not None and at_utc < _away_ends(key, contact.away_until):
        return False
    if contact.always_available or not contact.windows:
        return True
    return _covers(contact.windows, at_utc.astimezone(zone))


def next_available(contact: Contact, at: dt.datetime) -> dt.datetime | None:
    """The earliest instant at or after `at` at which the contact is reachable.

    Returns:
        That instant, in `at`'s tzinfo; `at` itself if they are reachable now; None only
        when they never will be (windows that name no days, or no answer before the
        calendar ends in year 9999).

    Raises:
        ValueError: `at` is naive.
        zoneinfo.ZoneInfoNotFoundError: the contact's time zone is unknown.
    """
    at_utc = _as_utc(at)
    first = _first_reachable(contact, _zone(contact.time_zone), at_utc)
    return None if first is None else first.astimezone(at.tzinfo)


def reachability(
    contacts: Sequence[Contact], at: dt.datetime, emergency: Emergency
) -> Reachability:
    """Sort the support system into reachable now and reachable later, for the crisis view.

    Every contact appears exactly once. Contacts whose hours cannot be judged (no hours
    set, windows that name no days, or a time zone this machine does not know) are listed
    as reachable with `hours_set=False`, unless they are away.

    Args:
        contacts: the support system in priority order.
        at: the moment to judge, timezone-aware; results are expressed in its tzinfo.
        emergency: the region's emergency number, passed through for the view.
    """
    at_utc = _as_utc(at)
    out_zone = at.tzinfo
    # Contacts sharing a zone share the local reading of `at`: compute it once per zone.
    local_now: dict[str, tuple[zoneinfo.ZoneInfo, dt.datetime] | None] = {}
    reachable: list[ReachableNow] = []
    later: list[tuple[dt.datetime, int, Contact]] = []

    for priority, contact in enumerate(contacts):
        key = contact.time_zone
        if key in local_now:
            zone_now = local_now[key]
        else:
            try:
                zone = _zone(key)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                # Validation keeps unknown zones out; if one slips through, show the
                # person rather than fail the crisis view.
                zone_now = None
            else:
                zone_now = (zone, at_utc.astimezone(zone))
            local_now[key] = zone_now
        if zone_now is None:
            reachable.append(ReachableNow(contact, priority, hours_set=False))
            continue
        zone, local = zone_now

        start = at_utc
        if contact.away_until is not None:
            back = _away_ends(key, contact.away_until)
            if back > at_utc:
                start = back
                local = back.astimezone(zone)

        first = start
        hours_set = contact.always_available
        if not contact.always_available and contact.windows:
            covered = _first_covered(contact.windows, key, zone, start, local)
            # None: the windows name no days. We cannot judge, so treat it like hours
            # not set rather than hide the person.
            if covered is not None:
                first, hours_set = covered, True

        if first == at_utc:
            reachable.append(ReachableNow(contact, priority, hours_set=hours_set))
        else:
            later.append((first, priority, contact))

    # Sort on UTC instants: aware datetimes sharing a tzinfo compare by wall time, which
    # would misorder the repeated hour when clocks go back.
    later.sort(key=lambda entry: (entry[0], entry[1]))
    return Reachability(
        at=at,
        emergency=emergency,
        reachable=tuple(reachable),
        later=tuple(
            LaterContact(contact, priority, first.astimezone(out_zone))
            for first, priority, contact in later
        ),
    )


# --- the rules ----------------------------------------------------------------------


def _as_utc(at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(
            f"reachability needs a timezone-aware datetime, got naive {at.isoformat()}; "
            "pass one with a tzinfo, e.g. datetime.now(ZoneInfo(...))"
        )
    return at.astimezone(_UTC)


def _first_reachable(
    contact: Contact, zone: zoneinfo.ZoneInfo, at_utc: dt.datetime
) -> dt.datetime | None:
    """The earliest reachable instant at or after `at_utc`, in UTC, or None if never."""
    start = at_utc
    if contact.away_until is not None:
        start = max(start, _away_ends(contact.time_zone, contact.away_until))
    if contact.always_available or not contact.windows:
        return start
    return _first_covered(contact.windows, contact.time_zone, zone, start, start.astimezone(zone))


def _covers(windows: Sequence[Window], local: dt.datetime) -> bool:
    """Whether any window covers this local wall-clock reading (its fold is ignored)."""
    weekday = local.weekday()
    today = WEEKDAYS[weekday]
    yesterday = WEEKDAYS[weekday - 1]
    time = local.time()
    for window in windows:
        start = window.start
        end = window.end
        if start < end:
            if start <= time < end and today in window.days:
                return True
        # Overnight (or a full 24 hours when start == end): the evening part belongs to
        # today's start, the early-morning part to yesterday's.
        elif (time >= start and today in window.days) or (time < end and yesterday in window.days):
            return True
    return False


def _wait_on_wall_clock(windows: Sequence[Window], local: dt.datetime) -> dt.timedelta | None:
    """How far the wall clock must run from `local` until a window covers it.

    On a continuous wall clock coverage is a union of [start, end) stretches, so unless
    `local` is covered the wait ends at the nearest window start: search day by day from
    the local date and stop at the first day with a start still ahead (today's only if
    not yet passed; the same weekday a week on, if nothing sooner). None if no window
    names a day.
    """
    if _covers(windows, local):
        return _NO_WAIT
    weekday = local.weekday()
    now = local.time()
    for ahead in range(8):
        day = WEEKDAYS[(weekday + ahead) % 7]
        earliest: dt.time | None = None
        for window in windows:
            start = window.start
            if (
                (ahead or start >= now)
                and day in window.days
                and (earliest is None or start < earliest)
            ):
                earliest = start
        if earliest is not None:
            return dt.timedelta(
                days=ahead, microseconds=_microseconds_of_day(earliest) - _microseconds_of_day(now)
            )
    return None


def _microseconds_of_day(time: dt.time) -> int:
    return ((time.hour * 60 + time.minute) * 60 + time.second) * 1_000_000 + time.microsecond


def _first_covered(
    windows: Sequence[Window],
    key: str,
    zone: zoneinfo.ZoneInfo,
    moment: dt.datetime,
    local: dt.datetime,
) -> dt.datetime | None:
    """The earliest instant (UTC) at or after `moment` at which a window covers the wall.

    `local` is `moment` read in `zone`. Between offset changes the wall clock runs in
    step with UTC, so the wait on the wall clock is the wait in real time unless the
    offset changes first; then the search resumes at the change. The change itself is
    the answer when its new wall time is covered, which is how a window starting in a
    spring-forward gap opens at the end of the gap, and how a window in a repeated hour
    is found again when clocks go back.
    """
    try:
        for _ in range(_MAX_PASSES):
            wait = _wait_on_wall_clock(windows, local)
            if wait is None:
                return None
            if not wait:
                return moment
            candidate = moment + wait
            change = _next_offset_change(key, moment, candidate)
            if change is None:
                return candidate
            moment = change
            local = change.astimezone(zone)
    except OverflowError:
        # Only near the end of the calendar (an away date in year 9999): no answer.
        return None
    return None


# --- time-zone facts, cached: they depend only on the zone data ---------------------


@functools.lru_cache(maxsize=1024)
def _zone(key: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(key)


@functools.lru_cache(maxsize=8192)
def _away_ends(key: str, day: dt.date) -> dt.datetime:
    """The first instant (UTC) of `day` in the zone: local midnight, or the end of the
    spring-forward gap that swallows it; the first occurrence if midnight happens twice.
    """
    zone = _zone(key)
    midnight = dt.datetime.combine(day, dt.time())
    try:
        first = midnight.replace(tzinfo=zone).astimezone(_UTC)
        second = midnight.replace(tzinfo=zone, fold=1).astimezone(_UTC)
    except OverflowError:
        # 1 January of year 1 east of Greenwich: long past, so no longer away.
        return dt.datetime.min.replace(tzinfo=_UTC)
    if first <= second:
        return first
    # In a gap, fold=0 reads midnight with the old offset and fold=1 with the new one,
    # so the transition lies between them.
    return _offset_change_between(zone, _epoch_seconds(second), _epoch_seconds(first))


def _next_offset_change(key: str, after: dt.datetime, until: dt.datetime) -> dt.datetime | None:
    """The first change of the zone's UTC offset in (after, until], if any."""
    for day in range((after - _EPOCH).days, (until - _EPOCH).days + 1):
        change = _offset_change_in_utc_day(key, day)
        if change is not None and after < change <= until:
            return change
    return None


@functools.lru_cache(maxsize=65_536)
def _offset_change_in_utc_day(key: str, day: int) -> dt.datetime | None:
    """The instant in (start, end] of UTC day number `day` at which the offset changes.

    No zone changes offset twice within two days (the tz database, checked 1900-2100),
    so comparing the two ends of a day finds every change.
    """
    zone = _zone(key)
    low = day * _SECONDS_PER_DAY
    high = low + _SECONDS_PER_DAY
    if _offset_at(zone, low) == _offset_at(zone, high):
        return None
    return _offset_change_between(zone, low, high)


def _offset_change_between(zone: zoneinfo.ZoneInfo, low: int, high: int) -> dt.datetime:
    """Bisect UTC seconds for the first instant in (low, high] with a new offset.

    Offsets change on whole seconds in the tz database, so this is exact.
    """
    before = _offset_at(zone, low)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(zone, middle) == before:
            low = middle
        else:
            high = middle
    return _EPOCH + dt.timedelta(seconds=high)


def _offset_at(zone: zoneinfo.ZoneInfo, epoch_seconds: int) -> dt.timedelta | None:
    return dt.datetime.fromtimestamp(epoch_seconds, zone).utcoffset()


def _epoch_seconds(moment: dt.datetime) -> int:
    return (moment - _EPOCH) // dt.timedelta(seconds=1)
