"""Every country's emergency numbers, checked against phonenumbers (issue 10, item 6),
and the region read from the system locale (issue 9, item 1)."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo

import phonenumbers
import pytest
from phonenumbers import shortnumberinfo

from crisisplan.core.regions import (
    known_regions,
    region_from_locale,
    region_info,
    regions_with_lines,
    starter_contacts,
)
from crisisplan.resources import resource_path

TABLE = json.loads(resource_path("emergency_numbers.json").read_text("utf-8"))
ENTRIES = sorted(TABLE["regions"].items())


@pytest.mark.parametrize(("code", "entry"), ENTRIES, ids=[code for code, _ in ENTRIES])
def test_every_number_is_an_emergency_number_there(code: str, entry: dict[str, object]) -> None:
    numbers = entry["numbers"]
    assert isinstance(numbers, list) and numbers
    for number in numbers:
        assert shortnumberinfo.is_emergency_number(number["number"], code), (code, number)
    assert entry["name"]
    assert entry["source"]
    assert dt.date.fromisoformat(str(entry["checked_on"])) <= dt.date.today()
    zoneinfo.ZoneInfo(str(entry["time_zone"]))
    assert entry["paper"] in {"a4", "letter"}
    if not entry["curated"]:
        assert "Not curated" in str(entry["note"])  # says honestly that a person must check


def test_112_only_where_it_works() -> None:
    for region in known_regions():
        if any(n.number == "112" for n in region.emergency_numbers):
            assert shortnumberinfo.is_emergency_number("112", region.code)
    assert not shortnumberinfo.is_emergency_number("112", "JP")
    assert all(n.number != "112" for n in region_info("JP").emergency_numbers)


def test_every_country_with_emergency_data_is_offered() -> None:
    offered = {r.code for r in known_regions()}
    with_data = {
        code
        for code in phonenumbers.SUPPORTED_SHORT_REGIONS
        if any(
            shortnumberinfo.is_emergency_number(n, code)
            for n in ("112", "911", "999", "000", "110", "119", "111", "100", "10111", "17", "18")
        )
    }
    assert with_data <= offered
    assert len(offered) >= 230


@pytest.mark.parametrize(
    ("code", "first", "sentence"),
    [
        (
            "JP",
            "119",
            "In an emergency in Japan, call 119 (ambulance and fire). Also 110 (police).",
        ),
        ("MX", "911", "In an emergency in Mexico, call 911."),
        ("PH", "911", "In an emergency in the Philippines, call 911."),
        ("GB", "999", "In an emergency in the United Kingdom, call 999."),
        ("US", "911", "In an emergency in the United States, call 911."),
        (
            "NO",
            "113",
            "In an emergency in Norway, call 113 (ambulance). Also 112 (police), 110 (fire).",
        ),
        # Corrected from sources on 2026-11-30: France advises 15/17/18 over 112 at home;
        # Indonesia's 112 ran in 141 cities and regencies only; Ukraine's 112 was still
        # being rolled out region by region.
        (
            "FR",
            "15",
            "In an emergency in France, call 15 (ambulance, SAMU). Also 17 (police), 18 (fire).",
        ),
        (
            "ID",
            "119",
            "In an emergency in Indonesia, call 119 (ambulance). Also 112 (all emergencies, "
            "in some cities), 110 (police), 113 (fire).",
        ),
        (
            "UA",
            "103",
            "In an emergency in Ukraine, call 103 (ambulance). Also 102 (police), 101 (fire).",
        ),
    ],
)
def test_curated_numbers(code: str, first: str, sentence: str) -> None:
    region = region_info(code)
    assert region.curated
    assert region.emergency == first
    assert region.emergency_sentence() == sentence


CURATED = {code: entry for code, entry in ENTRIES if entry["curated"]}


def test_curated_entries_say_where_they_were_checked() -> None:
    """Issue 10 item 6: each curated entry records its sources and the day they were read;
    what they do not confirm stays marked for re-checking."""
    confirmed = {code for code, entry in CURATED.items() if entry["confirmed"]}
    assert len(confirmed) >= 40
    assert {"GB", "IE", "US", "CA", "AU", "NZ", "JP", "IN", "CN", "BR", "MX", "DE"} <= confirmed
    for code, entry in CURATED.items():
        sources = entry["sources"]
        assert sources, code
        assert entry["source"] == sources[0]
        assert all(str(url).startswith(("https://", "http://")) for url in sources), code
        assert entry["checked_on"] == "2026-11-30", code
        note = str(entry["note"])
        assert note.startswith("Checked on" if entry["confirmed"] else "Partly checked on"), code
        if entry["confirmed"]:
            assert "re-check" not in note, code
        else:
            assert "re-check" in note, code  # says honestly what is left to check
    for code, entry in ENTRIES:
        if not entry["curated"]:
            assert not entry["confirmed"] and not entry["sources"], code


def test_regions_without_lines_get_the_helpline_directory() -> None:
    assert set(regions_with_lines()) == {"GB", "IE", "US", "CA", "AU", "NZ"}
    assert [c.name for c in starter_contacts("JP")] == ["Find A Helpline"]


@pytest.mark.parametrize(
    ("environ", "region"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "ja_JP.UTF-8"}, "JP"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "en.UTF-8"}, None),
        ({}, None),
        ({"LC_ALL": "C.UTF-8", "LANG": "en_NZ.UTF-8"}, "NZ"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "CA"),
        ({"LC_TELEPHONE": "en_IE.UTF-8", "LANG": "en_GB.UTF-8"}, "IE"),
        ({"LANG": "sr_RS@latin"}, "RS"),
        ({"LANG": "en_ZZ.UTF-8"}, None),
    ],
)
def test_region_from_locale(environ: dict[str, str], region: str | None) -> None:
    assert region_from_locale(environ) == region


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ("JP", "Police: 110"),
        ("FR", "Police: 17 · Fire: 18"),
        ("IN", "Ambulance: 108 · Police: 100 · Fire: 101"),
        ("GB", ""),  # 112 reaches the same service as 999
        ("AU", ""),  # 112 from a mobile reaches 000's operators
        ("BE", "Also 100, 101"),  # not curated: whom they reach is not known
        ("ZZ", ""),
    ],
)
def test_other_numbers_line_for_the_crisis_banner(code: str, line: str) -> None:
    assert region_info(code).other_numbers_line() == line
