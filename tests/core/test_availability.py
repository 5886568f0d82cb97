"""Time off, extra times and rotas, with the words the crisis view and `now` show."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplan.core import interchange
from crisisplan.core.model import (
    LAST_WEEK_OF_MONTH,
    WEEKDAYS,
    Contact,
    Emergency,
    ExtraTime,
    PlanDocument,
    TimeOff,
    Weekday,
    Window,
)
from crisisplan.core.reachability import (
    is_reachable,
    next_available,
    reachability,
    why_not_reachable,
)

LONDON = ZoneInfo("Europe/London")
EMERGENCY = Emergency(region="GB", number="999")


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_a_peer_group_on_the_first_wednesday_of_the_month() -> None:
    group = Window((Weekday.WED,), dt.time(19), dt.time(21), week_of_month=1)
    assert group.starts_on(dt.date(2026, 12, 2))  # the first Wednesday of December
    assert not group.starts_on(dt.date(2026, 12, 9))
    contact = Contact("Peer group", time_zone="Europe/London", windows=(group,))
    assert next_available(contact, london(2026, 12, 2, 22)) == london(2027, 1, 6, 19)


def test_a_window_on_the_last_friday_of_the_month() -> None:
    last = Window((Weekday.FRI,), dt.time(9), dt.time(10), week_of_month=LAST_WEEK_OF_MONTH)
    assert last.starts_on(dt.date(2026, 1, 30))
    assert not last.starts_on(dt.date(2026, 1, 23))
    assert last.starts_on(dt.date(2026, 2, 27))


def test_nights_every_other_week_belong_to_their_start_day_and_its_week() -> None:
    # Sun 22:00-06:00 every other week from the week of Mon 23 Mar 2026. Sunday 29 Mar is
    # in that week (weeks run Monday to Sunday), so the night into Monday 30 Mar is on,
    # although the clocks go forward in it; the night into Monday 6 Apr is not.
    nights = Window(
        (Weekday.SUN,), dt.time(22), dt.time(6), every_weeks=2, from_week=dt.date(2026, 3, 25)
    )
    sister = Contact("Sister", time_zone="Europe/London", windows=(nights,))
    assert is_reachable(sister, london(2026, 3, 30, 3))
    assert not is_reachable(sister, london(2026, 4, 6, 3))
    assert is_reachable(sister, london(2026, 4, 13, 3))
    assert next_available(sister, london(2026, 3, 30, 7)) == london(2026, 4, 12, 22)


def test_time_off_wins_over_extra_times_and_always() -> None:
    holiday = TimeOff(
        to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21), reason="on holiday"
    )
    extra = ExtraTime(dt.date(2026, 12, 24), dt.time(14), dt.time(18))
    friend = Contact("Al", time_zone="Europe/London", always_available=True,
                     time_off=(holiday,), extra_times=(extra,))  # fmt: skip
    assert not is_reachable(friend, london(2026, 12, 24, 15))
    assert not is_reachable(friend, london(2026, 12, 28, 23, 59))
    assert is_reachable(friend, london(2026, 12, 29))
    assert why_not_reachable(friend, london(2026, 12, 24, 15)) == "on holiday until Tue 29 Dec"


def test_extra_times_open_outside_the_weekly_hours() -> None:
    weekdays = Window((Weekday.MON, Weekday.FRI), dt.time(9), dt.time(17))
    extra = ExtraTime(dt.date(2026, 12, 12), dt.time(14), dt.time(18))
    friend = Contact("Jo", time_zone="Europe/London", windows=(weekdays,), extra_times=(extra,))
    assert next_available(friend, london(2026, 12, 11, 18)) == london(2026, 12, 12, 14)
    assert is_reachable(friend, london(2026, 12, 12, 17, 59))
    assert not is_reachable(friend, london(2026, 12, 12, 18))


def test_the_reason_says_why_and_when_they_are_next_reachable() -> None:
    mornings = Window((Weekday.MON,), dt.time(9), dt.time(17))
    away = TimeOff(to_day=dt.date(2026, 12, 7), to_time=dt.time(0), reason="on holiday")
    sam = Contact("Sam", time_zone="Europe/London", windows=(mornings,), time_off=(away,))
    at = london(2026, 12, 1, 12)
    result = reachability([sam], at, EMERGENCY)
    (later,) = result.later
    assert later.time_off == away
    assert later.back == london(2026, 12, 7)
    assert later.reason == "on holiday until Mon 7 Dec; available again Mon 09:00"
    # Outside the hours, no time off: just when.
    assert why_not_reachable(sam, london(2026, 12, 8, 12)) == "available again Mon 09:00"
    assert why_not_reachable(sam, london(2026, 12, 14, 12)) == ""
    # No reason given: "away".
    until_six = TimeOff(to_day=dt.date(2026, 12, 2), to_time=dt.time(18))
    plain = Contact("Pat", time_zone="Europe/London", always_available=True, time_off=(until_six,))
    assert why_not_reachable(plain, at) == "away until tomorrow 18:00"


def test_touching_periods_of_time_off_are_one_stretch() -> None:
    first = TimeOff(to_day=dt.date(2026, 12, 3), from_day=dt.date(2026, 12, 1), reason="away")
    second = TimeOff(to_day=dt.date(2026, 12, 6), from_day=dt.date(2026, 12, 4))
    contact = Contact("Sam", time_zone="Europe/London", always_available=True,
                      time_off=(second, first))  # fmt: skip
    (later,) = reachability([contact], london(2026, 12, 2), EMERGENCY).later
    assert later.back == later.next_available == london(2026, 12, 7)
    assert later.time_off == first


def test_only_extra_times_in_the_past_are_shown_not_hidden() -> None:
    once = ExtraTime(dt.date(2020, 1, 1), dt.time(9), dt.time(10))
    gone = Contact("Old", time_zone="Europe/London", extra_times=(once,))
    at = london(2026, 12, 1, 12)
    assert next_available(gone, at) is None
    (now,) = reachability([gone], at, EMERGENCY).reachable
    assert now.hours_set is False


def test_time_off_extra_times_and_rotas_in_words() -> None:
    from crisisplan.core.wording import extra_time_text, rota_text, time_off_text, window_text

    today = dt.date(2026, 12, 1)
    whole_days = TimeOff(to_day=dt.date(2026, 12, 28), from_day=dt.date(2026, 12, 21))
    assert time_off_text(whole_days, today) == "off 21–28 Dec"
    one_day = TimeOff(to_day=dt.date(2026, 12, 21), from_day=dt.date(2026, 12, 21), reason="x")
    assert time_off_text(one_day, today) == "x 21 Dec"
    across = TimeOff(to_day=dt.date(2027, 1, 3), from_day=dt.date(2026, 12, 21),
                     reason="  on   holiday ")  # fmt: skip
    assert time_off_text(across, today) == "on holiday 21 Dec–3 Jan 2027"
    timed = TimeOff(to_day=dt.date(2026, 12, 28), to_time=dt.time(9),
                    from_day=dt.date(2026, 12, 21), from_time=dt.time(18))  # fmt: skip
    assert time_off_text(timed, today) == "off 21 Dec 18:00–28 Dec 09:00"
    # On one day the date is said once.
    day = dt.date(2026, 12, 1)
    hour = TimeOff(to_day=day, to_time=dt.time(10), from_day=day, from_time=dt.time(9))
    assert time_off_text(hour, today) == "off 1 Dec 09:00–10:00"
    evening = TimeOff(to_day=day, from_day=day, from_time=dt.time(18), reason="out")
    assert time_off_text(evening, today) == "out 1 Dec from 18:00"
    morning = TimeOff(to_day=day, to_time=dt.time(12), from_day=day)
    assert time_off_text(morning, today) == "off 1 Dec until 12:00"
    to_midnight_timed = dataclasses.replace(evening, to_day=day + dt.timedelta(days=1),
                                            to_time=dt.time())  # fmt: skip
    assert time_off_text(to_midnight_timed, today) == "out 1 Dec from 18:00"
    to_midnight = TimeOff(to_day=dt.date(2026, 12, 29), to_time=dt.time(),
                          from_day=dt.date(2026, 12, 21))  # fmt: skip
    assert time_off_text(to_midnight, today) == "off 21–28 Dec"
    assert time_off_text(TimeOff(to_day=dt.date(2026, 12, 7), to_time=dt.time()), today) == (
        "away until 7 Dec"
    )
    assert time_off_text(TimeOff(to_day=dt.date(2026, 12, 6)), today) == (
        "away until the end of 6 Dec"
    )
    assert extra_time_text(ExtraTime(dt.date(2026, 12, 12), dt.time(14), dt.time(18))) == (
        "Sat 12 Dec 14:00–18:00"
    )
    assert extra_time_text(ExtraTime(dt.date(2026, 12, 12), dt.time(), dt.time())) == (
        "Sat 12 Dec all day"
    )
    nights = Window((Weekday.SUN,), dt.time(22), dt.time(6), every_weeks=2,
                    from_week=dt.date(2026, 12, 9))  # fmt: skip
    assert rota_text(nights) == "every other week from the week of 7 Dec 2026"
    assert window_text(nights, short=True) == "Sun 22:00–06:00 overnight, every other week"
    last_friday = Window((Weekday.FRI,), dt.time(9), dt.time(10), week_of_month=-1)
    assert window_text(last_friday) == "last Fri of the month 09:00–10:00"


# --- nothing is lost on the way through a plan file -----------------------------------


_days = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
_times = st.integers(0, 24 * 60 - 1).map(lambda m: dt.time(m // 60, m % 60))
_words = st.text(st.characters(categories=("L", "N", "Zs")), max_size=20).map(str.strip)


@st.composite
def _time_off(draw: st.DrawFn) -> TimeOff:
    first = draw(st.none() | _days)
    last = draw(_days)
    if first is not None and last < first:
        first, last = last, first
    from_time = draw(st.none() | _times) if first is not None else None
    to_time = draw(st.none() | _times)
    starts_at = from_time or dt.time()  # a day without a time starts at midnight
    if first == last and to_time is not None and to_time <= starts_at:
        to_time = None  # validation refuses time off that ends before it starts
    return TimeOff(last, to_time, first, from_time, draw(_words), draw(_words))


_windows = (
    st.builds(
        Window,
        days=st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=7, unique=True).map(
            lambda days: tuple(sorted(days, key=WEEKDAYS.index))
        ),
        start=_times,
        end=_times,
    )
    | st.builds(
        Window,
        days=st.just((Weekday.WED,)),
        start=_times,
        end=_times,
        every_weeks=st.integers(2, 4),
        from_week=_days,
    )
    | st.builds(
        Window,
        days=st.just((Weekday.FRI,)),
        start=_times,
        end=_times,
        week_of_month=st.sampled_from((1, 2, 3, 4, -1)),
    )
)


@settings(max_examples=60, deadline=None)
@given(
    windows=st.lists(_windows, max_size=3),
    time_off=st.lists(_time_off(), max_size=4),
    extra_times=st.lists(st.builds(ExtraTime, _days, _times, _times, _words), max_size=3),
)
def test_availability_survives_a_plan_file_exactly(
    windows: list[Window], time_off: list[TimeOff], extra_times: list[ExtraTime]
) -> None:
    contact = Contact("Sam", time_zone="Europe/London", windows=tuple(windows),
                      time_off=tuple(time_off), extra_times=tuple(extra_times))  # fmt: skip
    document = PlanDocument(region="GB", contacts=(contact,))
    assert interchange.loads(interchange.dumps(document)).contacts == (contact,)


def test_dates_at_the_end_of_the_calendar_do_not_break_the_crisis_view() -> None:
    at = london(2026, 12, 1, 12)
    weekly = (Window((Weekday.MON,), dt.time(9), dt.time(17)),)
    for period in (
        TimeOff(to_day=dt.date.max),
        TimeOff(to_day=dt.date(9999, 12, 31), to_time=dt.time(23, 59)),
        TimeOff(to_day=dt.date.max, from_day=dt.date(9999, 12, 30)),
    ):
        last_night = ExtraTime(dt.date.max, dt.time(9), dt.time(8))
        contact = Contact("Sam", time_zone="Pacific/Kiritimati", windows=weekly,
                          time_off=(period,), extra_times=(last_night,))  # fmt: skip
        result = reachability([contact], at, EMERGENCY)
        assert len(result.reachable) + len(result.later) == 1
        next_available(contact, at)
        is_reachable(contact, at)
