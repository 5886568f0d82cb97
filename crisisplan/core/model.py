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


@dataclass(frozen=True, slots=True)
class Window:
    """A weekly availability window in the contact's own time zone.

    `days` are the days on which the window *starts*. Start is inclusive, end exclusive;
    an end at or before the start means the window runs overnight into the next day.
    """

    days: tuple[Weekday, ...]
    start: dt.time
    end: dt.time

    @property
    def overnight(self) -> bool:
        return self.end <= self.start


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
    away_until: dt.date | None = None
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
        return self.always_available or bool(self.windows)


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
    crisis lines; professionals and crisis lines).
    """
    plan = document.plan
    professional_groups = {Group.PROFESSIONAL, Group.CRISIS_LINE}
    steps = [
        bool(plan.items(Section.WARNING_SIGNS)),
        bool(plan.items(Section.COPING_STRATEGIES)),
        bool(plan.items(Section.DISTRACTIONS)),
        any(c.group not in professional_groups for c in document.contacts),
        any(c.group in professional_groups for c in document.contacts),
        bool(plan.items(Section.MAKING_SAFE)),
    ]
    return sum(steps), CORE_STEPS


@dataclass(frozen=True, slots=True)
class Emergency:
    """The region's emergency number, shown on every crisis screen."""

    region: str
    number: str
