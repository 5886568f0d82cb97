"""The safety plan and the support system as plain, immutable-by-convention data.

These classes know nothing of storage, JSON or Qt. Priority is the order of the contact
list; every section is an ordered list of the person's own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Group(StrEnum):
    """Who a contact is to the person; drives grouping in the editor and the crisis view."""

    PARTNER = "partner"
    FAMILY = "family"
    FRIEND = "friend"
    PROFESSIONAL = "professional"
    SUPPORT_GROUP = "support_group"
    ONLINE_COMMUNITY = "online_community"
    CRISIS_LINE = "crisis_line"


GROUP_LABELS: dict[Group, str] = {
    Group.PARTNER: "Partner",
    Group.FAMILY: "Family",
    Group.FRIEND: "Friend",
    Group.PROFESSIONAL: "Professional",
    Group.SUPPORT_GROUP: "Support group",
    Group.ONLINE_COMMUNITY: "Online community",
    Group.CRISIS_LINE: "Crisis line or service",
}


class Profession(StrEnum):
    """What kind of professional a `Group.PROFESSIONAL` contact is."""

    GP = "gp"
    CPN = "cpn"
    PSYCHIATRIST = "psychiatrist"
    PSYCHOLOGIST = "psychologist"
    SOCIAL_WORKER = "social_worker"
    SUPPORT_WORKER = "support_worker"
    CARE_COORDINATOR = "care_coordinator"
    OTHER = "other"


PROFESSION_LABELS: dict[Profession, str] = {
    Profession.GP: "GP / family doctor",
    Profession.CPN: "Community psychiatric nurse",
    Profession.PSYCHIATRIST: "Psychiatrist",
    Profession.PSYCHOLOGIST: "Psychologist",
    Profession.SOCIAL_WORKER: "Social worker",
    Profession.SUPPORT_WORKER: "Support worker",
    Profession.CARE_COORDINATOR: "Care co-ordinator",
    Profession.OTHER: "Other professional",
}


class MethodKind(StrEnum):
    """How to reach someone; each maps to one action in the crisis view."""

    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    WEB = "web"
    OTHER = "other"


class Weekday(StrEnum):
    """Days as the interchange format writes them; `number` matches `date.weekday()`."""

    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        return WEEKDAYS.index(self)


WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)


class Section(StrEnum):
    """The plan's list sections, in the order PRODUCT.md gives (Stanley & Brown's six
    steps, then what the person adds for themselves and their helpers).

    Steps 4 and 5 ("people I can ask for help", "professionals and services") are not
    text lists: they are views of the support system, so they are not sections here.
    """

    WARNING_SIGNS = "warning_signs"
    COPING_STRATEGIES = "coping_strategies"
    DISTRACTIONS = "distractions"
    MAKING_SAFE = "making_safe"
    REASONS_FOR_LIVING = "reasons_for_living"
    HELPS = "helps"
    DOES_NOT_HELP = "does_not_help"
    DO_NOT_CONTACT = "do_not_contact"


SECTION_TITLES: dict[Section, str] = {
    Section.WARNING_SIGNS: "Warning signs",
    Section.COPING_STRATEGIES: "Things I can do on my own",
    Section.DISTRACTIONS: "People and places that take my mind off things",
    Section.MAKING_SAFE: "Making my surroundings safer",
    Section.REASONS_FOR_LIVING: "My reasons for living",
    Section.HELPS: "What helps when I'm like this",
    Section.DOES_NOT_HELP: "What does not help",
    Section.DO_NOT_CONTACT: "People I do not want contacted",
}

# The sections that count towards "5 of 6 sections filled": the six steps of the method,
# where steps 4 and 5 are filled by the support system.
CORE_STEPS = 6


@dataclass(frozen=True, slots=True)
class ContactMethod:
    """One way to reach a contact: a phone number to call or text, an address, a link."""

    kind: MethodKind
    value: str


# A rota's weeks are counted from Mondays, as ISO 8601 weeks are.
LAST_WEEK_OF_MONTH = -1
WEEK_OF_MONTH_LABELS: dict[int, str] = {
    1: "first",
    2: "second",
    3: "third",
    4: "fourth",
    LAST_WEEK_OF_MONTH: "last",
}
EVERY_WEEKS_MAX = 4


def week_monday(day: dt.date) -> dt.date:
    """The Monday of the week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Window:
    """A weekly availability window in the contact's own time zone.

    `days` are the days on which the window *starts*. Start is inclusive, end exclusive;
    an end at or before the start means the window runs overnight into the next day.

    A window can also be a rota: `every_weeks` (1-4) repeats it every so many weeks,
    counting from the week holding `from_week` (weeks run Monday to Sunday); or it can
    be tied to a weekday of the month with `week_of_month` (1-4 for the first to the
    fourth such weekday, -1 for the last). Either way the rota week or the month is
    that of the day the window starts, so an overnight window belongs to its start day.
    """

    days: tuple[Weekday, ...]
    start: dt.time
    end: dt.time
    every_weeks: int = 1
    from_week: dt.date | None = None
    week_of_month: int | None = None

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    @property
    def weekly(self) -> bool:
        """True for a plain window that happens every week on its days."""
        return self.every_weeks == 1 and self.week_of_month is None

    def starts_on(self, day: dt.date) -> bool:
        """Whether the window opens on this date (its weekday, rota week and month week)."""
        if WEEKDAYS[day.weekday()] not in self.days:
            return False
        if self.week_of_month is not None:
            if self.week_of_month == LAST_WEEK_OF_MONTH:
                return (day + dt.timedelta(days=7)).month != day.month
            return (day.day - 1) // 7 + 1 == self.week_of_month
        if self.every_weeks > 1:
            anchor = week_monday(self.from_week or _ROTA_EPOCH)
            weeks = (week_monday(day) - anchor).days // 7
            return weeks % self.every_weeks == 0
        return True


# The week a rota counts from when none was chosen (validation asks for one).
_ROTA_EPOCH = dt.date(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class TimeOff:
    """A period when the contact cannot be reached (holiday, shifts), in their zone.

    It runs from `from_day` at `from_time` (the start of the day if no time; since
    always if no day, which is how the old single "away until" date is kept) to `to_day`
    at `to_time` (exclusive), or to the end of `to_day` if no time is given: "21-28 Dec"
    covers the whole of 28 December. `reason` is the person's few words ("on holiday");
    `source` names the calendar file it was imported from, so a re-import replaces it.
    """

    to_day: dt.date
    to_time: dt.time | None = None
    from_day: dt.date | None = None
    from_time: dt.time | None = None
    reason: str = ""
    source: str = ""

    def starts(self) -> dt.datetime | None:
        """The wall-clock start (naive, in the contact's zone), None for "since always"."""
        if self.from_day is None:
            return None
        return dt.datetime.combine(self.from_day, self.from_time or dt.time())

    def ends(self) -> dt.datetime:
        """The wall-clock end (naive, exclusive)."""
        if self.to_time is not None:
            return dt.datetime.combine(self.to_day, self.to_time)
        return dt.datetime.combine(self.to_day + dt.timedelta(days=1), dt.time())


@dataclass(frozen=True, slots=True)
class ExtraTime:
    """A one-off window when the contact can be reached outside their weekly hours.

    On `day` from `start` (inclusive) to `end` (exclusive), in the contact's zone; an
    end at or before the start runs into the next day (equal: 24 hours). `source` names
    the calendar file it was imported from, if any.
    """

    day: dt.date
    start: dt.time
    end: dt.time
    source: str = ""

    def starts(self) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start)

    def ends(self) -> dt.datetime:
        day = self.day + dt.timedelta(days=1) if self.end <= self.start else self.day
        return dt.datetime.combine(day, self.end)


@dataclass(frozen=True, slots=True)
class Contact:
    """A person or service in the support system. Priority is its place in the list."""

    name: str
    role: str = ""
    group: Group = Group.FRIEND
    profession: Profession | None = None
    methods: tuple[ContactMethod, ...] = ()
    time_zone: str = "UTC"
    always_available: bool = False
    windows: tuple[Window, ...] = ()
    time_off: tuple[TimeOff, ...] = ()
    extra_times: tuple[ExtraTime, ...] = ()
    helps_with: str = ""
    message: str = ""
    agreed: bool = False
    checked_on: dt.date | None = None
    on_card: bool = False
    notes: str = ""
    # Optional fields from a newer interchange file that this version does not know:
    # kept and written back so that nothing the person gave is lost.
    extra: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    @property
    def hours_set(self) -> bool:
        """False when we do not know when this person can be reached."""
        return self.always_available or bool(self.windows) or bool(self.extra_times)


@dataclass(frozen=True, slots=True)
class Plan:
    """The person's safety plan: ordered lists of their own words, plus notes."""

    sections: dict[Section, tuple[str, ...]] = field(default_factory=dict)
    medical_notes: str = ""
    reviewed_on: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def items(self, section: Section) -> tuple[str, ...]:
        return self.sections.get(section, ())


@dataclass(frozen=True, slots=True)
class PlanDocument:
    """Everything a vault holds for one person: region, plan and support system."""

    region: str
    plan: Plan = field(default_factory=Plan)
    contacts: tuple[Contact, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def completeness(document: PlanDocument) -> tuple[int, int]:
    """How many of the method's six steps hold something: (filled, 6).

    Steps 4 and 5 are filled by the support system (people who are not professionals or
    crisis lines; professionals and crisis lines). The crisis lines the app seeded into a
    new vault are not the person's own and do not fill step 5.
    """
    # Imported here: regions builds on this module's types.
    from crisisplan.core.regions import own_contacts

    plan = document.plan
    contacts = own_contacts(document)
    professional_groups = {Group.PROFESSIONAL, Group.CRISIS_LINE}
    steps = [
        bool(plan.items(Section.WARNING_SIGNS)),
        bool(plan.items(Section.COPING_STRATEGIES)),
        bool(plan.items(Section.DISTRACTIONS)),
        any(c.group not in professional_groups for c in contacts),
        any(c.group in professional_groups for c in contacts),
        bool(plan.items(Section.MAKING_SAFE)),
    ]
    return sum(steps), CORE_STEPS


@dataclass(frozen=True, slots=True)
class Emergency:
    """The region's emergency number, shown on every crisis screen."""

    region: str
    number: str
