"""Field checks shared by the editors and imports."""

from __future__ import annotations

import datetime as dt

import pytest

from crisisplan.core.model import Contact, ContactMethod, MethodKind, Weekday, Window
from crisisplan.core.validation import (
    method_problem,
    parse_date,
    parse_time,
    phone_problem,
    validate_contact,
    web_problem,
)


@pytest.mark.parametrize(
    ("value", "region"),
    [
        ("116 123", "GB"),
        ("988", "US"),
        ("+44 7700 900123", "GB"),
        ("07700 900123", "GB"),
        ("13 11 14", "AU"),
        ("+1 416 555 0142", "GB"),
        ("85258", "GB"),
        ("+81 3-1234-5678", "GB"),
    ],
)
def test_phone_numbers_accepted(value: str, region: str) -> None:
    assert phone_problem(value, region) is None


@pytest.mark.parametrize(
    ("value", "region", "message"),
    [
        ("call me", "GB", "is not a phone number"),
        ("12", "GB", "not a phone number"),
        ("+44 12", "GB", "not a phone number"),
        ("07700 900123", "ZZ", "needs its country code"),
    ],
)
def test_phone_numbers_refused(value: str, region: str, message: str) -> None:
    problem = phone_problem(value, region)
    assert problem is not None and message in problem


@pytest.mark.parametrize(
    "link", ["https://example.org", "http://example.org/path?q=1", "HTTPS://EXAMPLE.ORG"]
)
def test_web_links_accepted(link: str) -> None:
    assert web_problem(link) is None


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
        "ftp://example.org",
        "example.org",
        "https://",
        "tel:999",
    ],
)
def test_web_links_refused(link: str) -> None:
    assert web_problem(link) is not None


def test_times_and_dates() -> None:
    assert parse_time("00:00") == dt.time(0, 0)
    assert parse_time("23:59") == dt.time(23, 59)
    for bad in ("24:00", "25:00", "9:00", "12:60", "12:00:00", "noon", ""):
        assert parse_time(bad) is None
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    for bad in ("2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", ""):
        assert parse_date(bad) is None


def test_contact_problems_have_field_paths() -> None:
    contact = Contact(
        name="",
        time_zone="Nowhere/Special",
        methods=(ContactMethod(MethodKind.SMS, "abc"), ContactMethod(MethodKind.OTHER, "ok")),
        windows=(
            Window((), dt.time(9), dt.time(17)),
            Window((Weekday.MON,), dt.time(9), dt.time(9)),
        ),
    )
    paths = [p.path for p in validate_contact(contact, "GB")]
    assert paths == ["name", "methods[0].value", "time_zone", "windows[0].days"]


def test_other_methods_are_free_text_but_not_empty() -> None:
    assert method_problem(MethodKind.OTHER, "Knock on flat 3", "GB") is None
    assert method_problem(MethodKind.OTHER, "  ", "GB") == "is empty"
