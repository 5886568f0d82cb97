"""Who the person can reach right now, and when the others can be reached.

This feeds the "I'm struggling" view, so it must be right and it must never hide anyone:
every contact comes back exactly once, either reachable now (in priority order) or with
the next moment they can be reached (soonest first).

The rule (docs/reachability.md has it with worked examples): reachable = not in any time
off, and (always available, or hours not set, or in a weekly window whose rota week or
week of the month matches, or in an extra time). Time off wins.

Windows and extra times are judged by the wall clock in the contact's own time zone, as a
person would read their hours: a window covers a moment when the contact's local date and
time fall inside it (an overnight window belongs to its start day and that day's rota
week). Time off is a stretch of real time, from the first instant the clock shows its
start to the first instant it shows its end. Two consequences of daylight saving follow,
and are handled on purpose:

- When clocks go forward, the skipped wall times never happen. A window that starts in
  the gap is reachable from the first instant after it (the transition instant), if the
  window is still open at the new wall time; a window lying wholly inside the gap is
  missed that week.
- When clocks go back, the repeated wall times happen twice, so a window in the repeated
  hour covers both occurrences. The next available moment is the *first* occurrence that
  is not already in the past. A window (or extra time) that is open when the clock goes
  back stays open until its end is reached on the wall clock: Sun 01:30-03:00 in London
  on the day clocks go back runs without a break from 01:30 BST to 03:00 GMT, through the
  second 01:00-01:30.

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

from crisisplan.core.model import WEEKDAYS, Contact, Emergency, TimeOff, Window
from crisisplan.core.wording import later_text

__all__ = [
    "LaterContact",
    "Reachability",
    "ReachableNow",
    "is_reachable",
    "next_available",
    "reachability",
    "why_not_reachable",
]

_UTC = dt.UTC
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=_UTC)
_SECONDS_PER_DAY = 86_400
# Each pass of the search either finds the answer or crosses one change of UTC offset.
# Real zones change offset at most a few times a year; a window recurs within 36 days
# (a 4-week rota, a "last Friday"), but an extra time may lie years ahead, so the cap
# is generous: it only guards against a loop.
_MAX_PASSES = 512
_NO_WAIT = dt.timedelta(0)
# Days searched ahead for a window's next start: a 4-week rota recurs after 28 days and
# a weekday of the month (first ... fourth, last) after at most 35.
_WINDOW_HORIZON_DAYS = 37
_ONE_DAY = dt.timedelta(days=1)
_UTC_MAX = dt.datetime.max.replace(tzinfo=_UTC)


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
    """A contact who cannot be reached now, and the first moment they can be.

    `time_off` is the period they are in at the moment asked about (None if they are
    simply outside their hours) and `back` the instant that time off ends (with any
    period that overlaps it). `reason` says it in words, for the crisis view and `now`:
    "on holiday until Mon 7 Dec; available again Mon 7 Dec 09:00".
    """

    contact: Contact
    priority: int
    next_available: dt.datetime
    time_off: TimeOff | None = None
    back: dt.datetime | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Reachability:
    """The crisis view's answer: who can be reached at `at`, and when the rest can."""

    at: dt.datetime
    emergency: Emergency
    reachable: tuple[ReachableNow, ...]
    later: tuple[LaterContact, ...]


def is_reachable(contact: Contact, at: dt.datetime) -> bool:
    """Whether the contact can be reached at `at` (a timezone-aware datetime).

    Not in any time off, and: always available, or hours not set (we must not hide
    them), or inside a window whose rota week matches, or inside an extra time. One whose
    windows have no days at all (and no extra times ahead) is never reachable.

    Raises:
        ValueError: `at` is naive.
        zoneinfo.ZoneInfoNotFoundError: the contact's time zone is unknown
            (`reachability()` instead lists such a contact with `hours_set=False`).
    """
    at_utc = _as_utc(at)
    key = contact.time_zone
    zone = _zone(key)
    if _time_off_at(contact.time_off, key, zone, at_utc)[0] is not None:
        return False
    if contact.always_available or not contact.hours_set:
        return True
    return _covers_moment(contact, key, zone, at_utc)


def next_available(contact: Contact, at: dt.datetime) -> dt.datetime | None:
    """The earliest instant at or after `at` at which the contact is reachable.

    Returns:
        That instant, in `at`'s tzinfo; `at` itself if they are reachable now; None only
        when they never will be (windows that name no days and no extra times ahead, or
        no answer before the calendar ends in year 9999).

    Raises:
        ValueError: `at` is naive.
        zoneinfo.ZoneInfoNotFoundError: the contact's time zone is unknown.
    """
    at_utc = _as_utc(at)
    key = contact.time_zone
    try:
        first = _first_reachable(contact, key, _zone(key), at_utc, unknown_is_open=False)[0]
    except OverflowError:  # dates at the very end of the calendar: no answer
        return None
    return None if first is None else first.astimezone(at.tzinfo)


def why_not_reachable(contact: Contact, at: dt.datetime) -> str:
    """Why the contact cannot be reached at `at` and when they next can, in words
    ("on holiday until Mon 7 Dec", "available again Tue 09:00"); "" if they can be.

    Judged as the crisis view judges (hours that cannot be judged count as open).
    """
    result = reachability((contact,), at, Emergency(region="", number=""))
    return result.later[0].reason if result.later else ""


def reachability(
    contacts: Sequence[Contact], at: dt.datetime, emergency: Emergency
) -> Reachability:
    """Sort the support system into reachable now and reachable later, for the crisis view.

    Every contact appears exactly once. Contacts whose hours cannot be judged (no hours
    set, windows that name no days and no extra times ahead, or a time zone this machine
    does not know) are listed as reachable with `hours_set=False`, unless in time off.

    Args:
        contacts: the support system in priority order.
        at: the moment to judge, timezone-aware; results are expressed in its tzinfo.
        emergency: the region's emergency number, passed through for the view.
    """
    at_utc = _as_utc(at)
    out_zone = at.tzinfo
    zones: dict[str, zoneinfo.ZoneInfo | None] = {}
    reachable: list[ReachableNow] = []
    later: list[tuple[dt.datetime, int, Contact, TimeOff | None, dt.datetime | None]] = []

    for priority, contact in enumerate(contacts):
        key = contact.time_zone
        if key in zones:
            zone = zones[key]
        else:
            try:
                zone = _zone(key)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                # Validation keeps unknown zones out; if one slips through, show the
                # person rather than fail the crisis view.
                zone = None
            zones[key] = zone
        if zone is None:
            reachable.append(ReachableNow(contact, priority, hours_set=False))
            continue

        try:
            first, judged, period, back = _first_reachable(
                contact, key, zone, at_utc, unknown_is_open=True
            )
        except OverflowError:  # dates at the very end of the calendar (hostile data)
            first, judged, period, back = None, False, None, None
        if first is None:  # only past the end of the calendar: still never hide them
            first = at_utc
        hours_set = contact.always_available or (contact.hours_set and judged)
        if first == at_utc:
            reachable.append(ReachableNow(contact, priority, hours_set=hours_set))
        else:
            later.append((first, priority, contact, period, back))

    # Sort on UTC instants: aware datetimes sharing a tzinfo compare by wall time, which
    # would misorder the repeated hour when clocks go back.
    later.sort(key=lambda entry: (entry[0], entry[1]))
    out: list[LaterContact] = []
    for first, priority, contact, period, back in later:
        first_out = first.astimezone(out_zone)
        back_out = None if back is None or back >= _UTC_MAX else back.astimezone(out_zone)
        reason = later_text(first_out, at, period.reason if period else None, back_out)
        out.append(LaterContact(contact, priority, first_out, period, back_out, reason))
    return Reachability(at=at, emergency=emergency, reachable=tuple(reachable), later=tuple(out))


# --- the rules ----------------------------------------------------------------------


def _as_utc(at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(
            f"reachability needs a timezone-aware datetime, got naive {at.isoformat()}; "
            "pass one with a tzinfo, e.g. datetime.now(ZoneInfo(...))"
        )
    return at.astimezone(_UTC)


def _first_reachable(
    contact: Contact,
    key: str,
    zone: zoneinfo.ZoneInfo,
    at_utc: dt.datetime,
    *,
    unknown_is_open: bool,
) -> tuple[dt.datetime | None, bool, TimeOff | None, dt.datetime | None]:
    """The earliest reachable instant at or after `at_utc` (UTC), whether the hours
    could be judged, and the time off at `at_utc` with when it ends (if any).

    Time off wins: leave any time off, find the first covered instant from there; if
    that lies in another time off, leave it and look again. Each round passes the end
    of at least one period, so this ends. When the windows can never cover anything
    (no days, no extra times ahead), `unknown_is_open` treats the hours as not set (the
    crisis view shows the person) instead of answering None.
    """
    periods = contact.time_off
    open_always = contact.always_available or not contact.hours_set
    judged = True
    moment = at_utc
    now_off, now_back = _time_off_at(periods, key, zone, at_utc)
    back = now_back
    for _ in range(len(periods) + 2):
        if back is not None:
            if back >= _UTC_MAX:
                return None, judged, now_off, now_back
            moment = back
        covered = moment if open_always else _first_covered(contact, key, zone, moment)
        if covered is None:
            if not unknown_is_open:
                return None, False, now_off, now_back
            judged = False
            open_always = True
            covered = moment
        back = _time_off_at(periods, key, zone, covered)[1]
        if back is None:
            return covered, judged, now_off, now_back
    return None, judged, now_off, now_back


def _covers(contact: Contact, local: dt.datetime) -> bool:
    """Whether a window or an extra time covers this naive local wall-clock reading."""
    day = local.date()
    time = local.time()
    for window in contact.windows:
        start = window.start
        end = window.end
        if start < end:
            if start <= time < end and window.starts_on(day):
                return True
        # Overnight (or a full 24 hours when start == end): the evening part belongs to
        # today's start, the early-morning part to yesterday's (and yesterday's rota week).
        elif (time >= start and window.starts_on(day)) or (
            time < end and window.starts_on(day - _ONE_DAY)
        ):
            return True
    if contact.extra_times:
        # Only an extra time on this day or the day before (overnight) can cover it.
        for extra in contact.extra_times:
            if (extra.day == day or extra.day == day - _ONE_DAY) and (
                extra.starts() <= local < extra.ends()
            ):
                return True
    return False


def _covers_moment(
    contact: Contact, key: str, zone: zoneinfo.ZoneInfo, moment: dt.datetime
) -> bool:
    """Whether the contact's hours cover the instant `moment` (UTC).

    Besides the wall-clock reading, a moment in the second pass of a repeated stretch
    (clocks gone back) is covered when a window or an extra time was open just before
    the clock went back and has not yet reached its end: read on an unfolded clock (as if
    it had not gone back) the moment is still inside that same occurrence.
    """
    local = moment.astimezone(zone)
    if _covers(contact, local.replace(tzinfo=None)):
        return True
    if not local.fold:
        return False
    first_offset = local.replace(fold=0).utcoffset()
    offset = local.utcoffset()
    if first_offset is None or offset is None or first_offset <= offset:
        return False
    day = (moment - _EPOCH).days
    change = None
    for found in (_offset_change_in_utc_day(key, day), _offset_change_in_utc_day(key, day - 1)):
        if found is not None and found <= moment:
            change = found
            break
    if change is None:
        return False
    before = (change - dt.timedelta(microseconds=1)).astimezone(zone).replace(tzinfo=None)
    unfolded = local.replace(tzinfo=None, fold=0) + (first_offset - offset)
    for window in contact.windows:
        if (
            _window_covers(window, before)
            and _window_covers(window, unfolded)
            and not _window_starts_between(window, before, unfolded)
        ):
            return True
    return any(
        extra.starts() <= before and unfolded < extra.ends() for extra in contact.extra_times
    )


def _window_covers(window: Window, local: dt.datetime) -> bool:
    """Whether this one window covers the naive wall-clock reading (as in `_covers`)."""
    day = local.date()
    time = local.time()
    if window.start < window.end:
        return window.start <= time < window.end and window.starts_on(day)
    return (time >= window.start and window.starts_on(day)) or (
        time < window.end and window.starts_on(day - _ONE_DAY)
    )


def _window_starts_between(window: Window, after: dt.datetime, until: dt.datetime) -> bool:
    """Whether an occurrence of `window` starts in (after, until] on a naive wall clock."""
    day = after.date()
    while day <= until.date():
        start = dt.datetime.combine(day, window.start)
        if after < start <= until and window.starts_on(day):
            return True
        day += _ONE_DAY
    return False


def _wait_on_wall_clock(contact: Contact, local: dt.datetime) -> dt.timedelta | None:
    """How far the wall clock must run from `local` (naive) until something covers it.

    On a continuous wall clock coverage is a union of [start, end) stretches, so unless
    `local` is covered the wait ends at the nearest start of a window or an extra time:
    windows are searched day by day from the local date (today's only if not yet
    passed), extra times directly. None if nothing ever starts again.
    """
    if _covers(contact, local):
        return _NO_WAIT
    best: dt.timedelta | None = None
    today = local.date()
    if contact.windows:
        now = local.time()
        day = today
        for ahead in range(_WINDOW_HORIZON_DAYS):
            weekday = WEEKDAYS[day.weekday()]
            earliest: dt.time | None = None
            for window in contact.windows:
                start = window.start
                if (
                    weekday in window.days
                    and (ahead or start >= now)
                    and (earliest is None or start < earliest)
                    and (window.weekly or window.starts_on(day))
                ):
                    earliest = start
            if earliest is not None:
                best = dt.datetime.combine(day, earliest) - local
                break
            day += _ONE_DAY
    for extra in contact.extra_times:
        if extra.day < today:
            continue
        opens = extra.starts()
        if opens >= local and (best is None or opens - local < best):
            best = opens - local
    return best


def _first_covered(
    contact: Contact,
    key: str,
    zone: zoneinfo.ZoneInfo,
    moment: dt.datetime,
) -> dt.datetime | None:
    """The earliest instant (UTC) at or after `moment` at which the wall is covered.

    Between offset changes the wall clock runs in step with UTC, so the wait on the wall
    clock is the wait in real time unless the offset changes first; then the search
    resumes at the change. The change itself is the answer when its new wall time is
    covered, which is how a window starting in a spring-forward gap opens at the end of
    the gap, and how a window in a repeated hour is found again when clocks go back.
    """
    try:
        local = moment.astimezone(zone).replace(tzinfo=None)
        for _ in range(_MAX_PASSES):
            wait = _wait_on_wall_clock(contact, local)
            if wait is None:
                return None
            if not wait or _covers_moment(contact, key, zone, moment):
                return moment
            candidate = moment + wait
            change = _next_offset_change(key, moment, candidate)
            if change is None:
                return candidate
            moment = change
            local = change.astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        # Only near the end of the calendar: no answer.
        return None
    return None


def _time_off_at(
    periods: tuple[TimeOff, ...], key: str, zone: zoneinfo.ZoneInfo, moment: dt.datetime
) -> tuple[TimeOff | None, dt.datetime | None]:
    """The time off covering `moment` (the first listed) and when the time off ends,
    following periods that overlap or touch it; (None, None) if not in time off.

    A period whose days lie two or more days from the moment's local date cannot hold
    it (no zone's clock jumps by a day), so only the few near ones are converted to
    real time: a long list of past and future time off costs little.
    """
    if not periods:
        return None, None
    found: TimeOff | None = None
    back: dt.datetime | None = None
    moved = True
    while moved:
        moved = False
        today = moment.astimezone(zone).date()
        try:
            before, after = today - _ONE_DAY, today + _ONE_DAY
        except OverflowError:  # the first or last day of the calendar: check them all
            before, after = dt.date.min, dt.date.max
        for period in periods:
            if period.to_day < before or (period.from_day is not None and period.from_day > after):
                continue
            start, end = _span(key, period)
            if moment < end and (start is None or start <= moment):
                if found is None:
                    found = period
                back = moment = end
                moved = True
                if end >= _UTC_MAX:
                    return found, back
    return found, back


# --- time-zone facts, cached: they depend only on the zone data ---------------------


@functools.lru_cache(maxsize=1024)
def _zone(key: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(key)


@functools.lru_cache(maxsize=32_768)
def _span(key: str, period: TimeOff) -> tuple[dt.datetime | None, dt.datetime]:
    """A time-off period as real time (UTC): [start, end), start None for "since always".

    Time off is a stretch of real time, not of wall readings: it starts the first
    instant the clock shows its start (or later), and ends the first instant the clock
    shows its end. So an end inside a spring-forward gap is the transition, and an end
    in a repeated hour is its first occurrence (the person is back, and stays back
    when the clock goes back).
    """
    starts = period.starts()
    try:
        ends = period.ends()
    except OverflowError:
        return (None if starts is None else _wall_instant(key, starts)), _UTC_MAX
    return (None if starts is None else _wall_instant(key, starts)), _wall_instant(key, ends)


@functools.lru_cache(maxsize=32_768)
def _wall_instant(key: str, wall: dt.datetime) -> dt.datetime:
    """The first instant (UTC) at which the zone's clock shows `wall` or later: the
    wall time itself, the end of the spring-forward gap that swallows it, or its first
    occurrence if it happens twice.
    """
    zone = _zone(key)
    try:
        first = wall.replace(tzinfo=zone).astimezone(_UTC)
        second = wall.replace(tzinfo=zone, fold=1).astimezone(_UTC)
    except OverflowError:
        # The very ends of the calendar.
        return dt.datetime.min.replace(tzinfo=_UTC) if wall.year == 1 else _UTC_MAX
    if first <= second:
        return first
    # In a gap, fold=0 reads the wall time with the old offset and fold=1 with the new
    # one, so the transition lies between them.
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
