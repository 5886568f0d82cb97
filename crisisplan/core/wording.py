"""Short, calm phrases shared by the crisis view, the command line and print-outs."""

from __future__ import annotations

import datetime as dt

from crisisplan.core.model import (
    GROUP_LABELS,
    WEEK_OF_MONTH_LABELS,
    Contact,
    ContactMethod,
    ExtraTime,
    MethodKind,
    TimeOff,
    Weekday,
    Window,
)

# Written out rather than with strftime, so every screen and print-out reads the same
# whatever the computer's locale.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_DASH = "\u2013"

METHOD_VERBS: dict[MethodKind, str] = {
    MethodKind.PHONE: "call",
    MethodKind.SMS: "text",
    MethodKind.EMAIL: "email",
    MethodKind.WEB: "open",
    MethodKind.OTHER: "",
}


def when_next(next_available: dt.datetime, at: dt.datetime) -> str:
    """ "today 18:00", "tomorrow 09:00", "Tue 09:00", or "Tue 3 Dec 09:00" beyond a week.

    Both instants should be in the zone the person reads in (the zone of `at`).
    """
    local = next_available.astimezone(at.tzinfo)
    days = (local.date() - at.date()).days
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    weekday = DAY_NAMES[local.weekday()]
    if days < 7:
        return f"{weekday} {clock}"
    return f"{weekday} {local.day} {MONTHS[local.month - 1]} {clock}"


def describe_method(method: ContactMethod, region: str | None = None, message: str = "") -> str:
    """ "call 116 123", "text SHOUT to 85258", "call +44 20 7946 0018, then extension 123".

    With a region, numbers read as `dial()` dials them, and a one-word ready message of a
    text reads as the keyword to send; without one, the value as written.
    """
    verb = METHOD_VERBS[method.kind]
    if region is not None and method.kind in (MethodKind.PHONE, MethodKind.SMS):
        from crisisplan.core.dialling import NotDiallable, describe_text, dial

        try:
            dialled = dial(method.value, region, message)
        except NotDiallable:
            return f"{verb} {method.value}"
        if method.kind is MethodKind.SMS:
            return describe_text(dialled.display, message)
        return f"{verb} {dialled.reads}"
    return f"{verb} {method.value}" if verb else method.value


def describe_contact(contact: Contact) -> str:
    """ "Sam (Sister, family)" — who someone is, in a few words."""
    label = GROUP_LABELS[contact.group].lower()
    details = f"{contact.role}, {label}" if contact.role else label
    return f"{contact.name} ({details})"


def date_text(day: dt.date) -> str:
    """ "3 Nov 2026": unambiguous in every English-speaking region."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def clock(time: dt.time) -> str:
    return f"{time.hour:02d}:{time.minute:02d}"


def days_text(days: tuple[Weekday, ...], *, every_day: str = "Every day") -> str:
    """ "Mon–Fri", "Sat, Sun", "Mon, Wed, Fri", "Sat–Mon", "Every day".

    Runs of three or more days get a dash; a run may wrap past Sunday (Sat–Mon).
    """
    chosen = {day.number for day in days}
    if len(chosen) == 7:
        return every_day
    if not chosen:
        return ""
    # Start the week just after a day that is not chosen, so Sat–Mon stays one run.
    start = next(n for n in range(7) if (n - 1) % 7 not in chosen and n in chosen)
    runs: list[list[int]] = []
    for offset in range(7):
        number = (start + offset) % 7
        if number not in chosen:
            continue
        if runs and (runs[-1][-1] + 1) % 7 == number:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]}{EN_DASH}{DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[n] for n in run)
    return ", ".join(parts)


def window_times(window: Window) -> str:
    """ "18:00–22:30"."""
    return f"{clock(window.start)}{EN_DASH}{clock(window.end)}"


def day_of(day: dt.date, today: dt.date) -> str:
    """ "today", "tomorrow", "Mon 7 Dec" (with the year when it is not this one)."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def until_text(moment: dt.datetime, at: dt.datetime) -> str:
    """When something ends, as the person reads it: a day when it ends at midnight
    ("Mon 7 Dec": the whole day before is included), else a day and time."""
    local = moment.astimezone(at.tzinfo)
    if local.time() == dt.time():
        return day_of(local.date(), at.date())
    return when_next(local, at)


def later_text(
    next_available: dt.datetime,
    at: dt.datetime,
    time_off_reason: str | None,
    back: dt.datetime | None,
) -> str:
    """Why someone cannot be reached at `at` and when they next can:

    "available again Tue 09:00" (outside their hours), "on holiday until Mon 7 Dec"
    (time off, back straight into their hours), "away until Mon 7 Dec; available again
    Mon 7 Dec 09:00" (time off with no reason given, then their hours). Times are in
    the zone of `at`, as the person reads them.
    """
    again = f"available again {when_next(next_available, at)}"
    if time_off_reason is None or back is None:
        return again
    label = " ".join(time_off_reason.split()) or "away"
    off = f"{label} until {until_text(back, at)}"
    if back.astimezone(dt.UTC) >= next_available.astimezone(dt.UTC):
        return off
    return f"{off}; {again}"


ROTA_WORDS = {2: "every other week", 3: "every 3 weeks", 4: "every 4 weeks"}
# How many periods of time off a one-line summary names before "and N more".
SUMMARY_TIME_OFF = 2


def short_date(day: dt.date, today: dt.date | None = None) -> str:
    """ "7 Dec", with the year when it is not `today`'s year."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if today is None or day.year == today.year else f"{text} {day.year}"


def rota_text(window: Window, *, short: bool = False) -> str:
    """ "" for every week; "every other week from the week of 7 Dec"; "first Wednesday
    of the month" (with the days named when there are several: "last Fri of the month")."""
    if window.week_of_month is not None:
        which = WEEK_OF_MONTH_LABELS.get(window.week_of_month, "")
        return f"{which} of the month"
    if window.every_weeks > 1:
        words = ROTA_WORDS.get(window.every_weeks, f"every {window.every_weeks} weeks")
        if window.from_week is not None and not short:
            monday = window.from_week - dt.timedelta(days=window.from_week.weekday())
            words += f" from the week of {short_date(monday)} {monday.year}"
        return words
    return ""


def window_text(window: Window, *, every_day: str = "Every day", short: bool = False) -> str:
    """ "Mon–Fri 09:00–17:00", "Sun 22:00–06:00 overnight, every other week from the week
    of 7 Dec 2026", "first Wed of the month 19:00–21:00"."""
    days = days_text(window.days, every_day=every_day)
    if window.week_of_month is not None:
        text = f"{rota_text(window).replace(' of the month', '')} {days} of the month"
        return f"{text} {window_times(window)}" + (" overnight" if window.overnight else "")
    text = f"{days} {window_times(window)}" + (" overnight" if window.overnight else "")
    rota = rota_text(window, short=short)
    return f"{text}, {rota}" if rota else text


def time_off_text(period: TimeOff, today: dt.date | None = None) -> str:
    """ "off 21–28 Dec" (both days included), "on holiday 21 Dec–3 Jan", "off 21 Dec
    18:00–28 Dec 09:00", "away until 7 Dec" (no start, the old "away until": back at the
    start of 7 Dec). "until" always names the moment they are back."""
    label = " ".join(period.reason.split()) or ("away" if period.from_day is None else "off")
    end = period.to_day
    end_clock = "" if period.to_time is None else f" {clock(period.to_time)}"
    if period.from_day is None:
        if period.to_time is None:
            return f"{label} until the end of {short_date(end, today)}"
        back = period.ends()
        when = short_date(back.date(), today)
        if back.time() != dt.time():
            when += f" {clock(back.time())}"
        return f"{label} until {when}"
    if end_clock == " 00:00":  # to the start of a day: the day before is the last one off
        end, end_clock = end - dt.timedelta(days=1), ""
    start = period.from_day
    start_clock = "" if period.from_time is None else f" {clock(period.from_time)}"
    if start == end and not start_clock and not end_clock:
        return f"{label} {short_date(start, today)}"
    if start.year == end.year and start.month == end.month and not start_clock and not end_clock:
        return f"{label} {start.day}{EN_DASH}{short_date(end, today)}"
    if start == end:  # one day: "off 1 Dec 09:00–10:00", its date said once
        if start_clock and end_clock:
            return f"{label} {short_date(start, today)}{start_clock}{EN_DASH}{end_clock.strip()}"
        if start_clock:
            return f"{label} {short_date(start, today)} from{start_clock}"
        return f"{label} {short_date(start, today)} until{end_clock}"
    first = f"{short_date(start, today)}{start_clock}"
    return f"{label} {first}{EN_DASH}{short_date(end, today)}{end_clock}"


def extra_time_text(extra: ExtraTime, today: dt.date | None = None) -> str:
    """ "Sat 12 Dec 14:00–18:00", "Mon 21 Dec all day"; an end at or before the start is
    on the next day ("Tue 1 Dec 19:30–08:00")."""
    day = f"{DAY_NAMES[extra.day.weekday()]} {short_date(extra.day, today)}"
    if extra.start == extra.end:
        return (
            f"{day} all day"
            if extra.start == dt.time()
            else f"{day} 24 hours from {clock(extra.start)}"
        )
    return f"{day} {clock(extra.start)}{EN_DASH}{clock(extra.end)}"


def upcoming_time_off(contact: Contact, today: dt.date) -> list[TimeOff]:
    """Time off that has not ended before `today`, soonest first."""
    midnight = dt.datetime.combine(today, dt.time())
    return sorted(
        (p for p in contact.time_off if p.ends() > midnight),
        key=lambda p: (p.from_day or dt.date.min, p.to_day),
    )


def upcoming_extra_times(contact: Contact, today: dt.date) -> list[ExtraTime]:
    return sorted((e for e in contact.extra_times if e.day >= today), key=lambda e: e.starts())


def beyond_the_week_text(contact: Contact, today: dt.date) -> str:
    """Time off and extra times still to come, in a few words for one line:
    "off 21–28 Dec; extra Sat 12 Dec 14:00–18:00"; "" if none."""
    parts: list[str] = []
    periods = upcoming_time_off(contact, today)
    parts += [time_off_text(p, today) for p in periods[:SUMMARY_TIME_OFF]]
    if len(periods) > SUMMARY_TIME_OFF:
        parts.append(f"{len(periods) - SUMMARY_TIME_OFF} more time off")
    extras = upcoming_extra_times(contact, today)
    if extras:
        more = f" and {len(extras) - 1} more" if len(extras) > 1 else ""
        parts.append(f"extra {extra_time_text(extras[0], today)}{more}")
    return "; ".join(parts)
