"""The shipped fonts (files, licences, TrueType outlines, lazy loading) and printed phrases."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import uharfbuzz as hb  # type: ignore[import-untyped]

from crisisplan.core.model import Contact, ContactMethod, Group, MethodKind, Weekday, Window
from crisisplan.core.wording import date_text, days_text
from crisisplan.pdf import fonts
from crisisplan.pdf.phrases import card_number, hours_text, methods_text
from crisisplan.resources import resource_path

FONT_DIR = resource_path("fonts")


@pytest.mark.parametrize("font", fonts.FONT_FILES, ids=lambda f: f.filename)
def test_every_font_is_shipped_as_truetype_with_its_licence(font: fonts.FontFile) -> None:
    path = FONT_DIR / font.filename
    assert path.is_file()
    assert (FONT_DIR / font.licence_file).is_file()
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    assert "glyf" in face.table_tags, "ReportLab can only embed TrueType (glyf) outlines"
    assert "CFF " not in face.table_tags


def test_the_fonts_stay_small() -> None:
    total = sum((FONT_DIR / f.filename).stat().st_size for f in fonts.FONT_FILES)
    assert total < 8 * 1024 * 1024


def test_only_the_fonts_a_document_needs_are_loaded() -> None:
    script = (
        "from crisisplan.core import interchange\n"
        "from crisisplan.resources import resource_path\n"
        "from crisisplan.pdf import render_plan, render_card\n"
        "from crisisplan.pdf.fonts import font_book\n"
        "doc = interchange.loads(resource_path('example_plan.json').read_bytes())\n"
        "render_plan(doc); render_card(doc)\n"
        "print(sorted(font_book().loaded()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == str(sorted([fonts.LATIN, fonts.LATIN_BOLD]))


def test_dates_read_the_same_in_any_locale() -> None:
    assert date_text(dt.date(2026, 11, 3)) == "3 Nov 2026"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ("mon tue wed thu fri", "Mon–Fri"),
        ("sat sun", "Sat, Sun"),
        ("mon wed fri", "Mon, Wed, Fri"),
        ("fri sat sun mon", "Fri–Mon"),
        ("mon tue wed thu fri sat sun", "Every day"),
        ("thu", "Thu"),
    ],
)
def test_days_are_written_as_ranges(days: str, text: str) -> None:
    assert days_text(tuple(Weekday(d) for d in days.split())) == text


def test_hours_say_when_and_in_which_time_zone() -> None:
    contact = Contact(
        name="Sam",
        time_zone="Europe/London",
        windows=(
            Window(
                (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI),
                dt.time(18),
                dt.time(22, 30),
            ),  # fmt: skip
            Window((Weekday.FRI, Weekday.SAT), dt.time(22), dt.time(2)),
        ),
    )
    assert hours_text(contact) == (
        "Mon–Fri 18:00–22:30; Fri, Sat 22:00–02:00 overnight (Europe/London)"
    )
    assert hours_text(Contact(name="Line", always_available=True)) == "Any time"
    assert hours_text(Contact(name="Unknown")) == "Hours not set"


def test_methods_merge_a_number_to_call_or_text() -> None:
    methods = (
        ContactMethod(MethodKind.PHONE, "+44 7700 900123"),
        ContactMethod(MethodKind.SMS, "+44 7700 900123"),
        ContactMethod(MethodKind.EMAIL, "sam@example.org"),
    )
    assert methods_text(methods) == ["Call or text +44 7700 900123", "Email sam@example.org"]
    assert card_number(Contact(name="S", methods=methods)) == "+44 7700 900123"
    text_only = Contact(
        name="Shout", group=Group.CRISIS_LINE, methods=(ContactMethod(MethodKind.SMS, "85258"),)
    )
    assert card_number(text_only) == "text 85258"
