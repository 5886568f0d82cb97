"""Small model helpers: completeness and the shared wording."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Group,
    MethodKind,
    Plan,
    PlanDocument,
    Section,
    completeness,
)
from crisisplan.core.wording import describe_contact, describe_method, when_next


def test_completeness_counts_the_six_steps(example_document: PlanDocument) -> None:
    assert completeness(PlanDocument(region="GB")) == (0, 6)
    assert completeness(example_document) == (6, 6)
    partial = PlanDocument(
        region="GB",
        plan=Plan(sections={Section.WARNING_SIGNS: ("a",), Section.REASONS_FOR_LIVING: ("b",)}),
        contacts=(Contact(name="Line", group=Group.CRISIS_LINE),),
    )
    assert completeness(partial) == (2, 6)  # warning signs + professionals/lines


def test_when_next_reads_naturally() -> None:
    london = ZoneInfo("Europe/London")
    at = dt.datetime(2026, 11, 27, 23, 30, tzinfo=london)  # a Friday
    assert when_next(dt.datetime(2026, 11, 27, 23, 45, tzinfo=london), at) == "today 23:45"
    assert when_next(dt.datetime(2026, 11, 28, 8, 0, tzinfo=london), at) == "tomorrow 08:00"
    assert when_next(dt.datetime(2026, 11, 30, 9, 0, tzinfo=london), at) == "Mon 09:00"
    assert when_next(dt.datetime(2026, 12, 8, 9, 0, tzinfo=london), at) == "Tue 8 Dec 09:00"
    # Instants in another zone are shown in the zone of `at`.
    tokyo = dt.datetime(2026, 11, 28, 17, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert when_next(tokyo, at) == "tomorrow 08:00"


def test_descriptions() -> None:
    sam = Contact(name="Sam", role="Sister", group=Group.FAMILY)
    assert describe_contact(sam) == "Sam (Sister, family)"
    assert describe_contact(Contact(name="Jo")) == "Jo (friend)"
    assert describe_method(ContactMethod(MethodKind.SMS, "85258")) == "text 85258"
    assert describe_method(ContactMethod(MethodKind.OTHER, "Flat 3")) == "Flat 3"
