"""Build resources/emergency_numbers.json: every country's emergency number(s).

Run from the repository root: `python resources/make_emergency_numbers.py`.

Where the numbers come from, honestly:
- Which numbers reach the emergency services in a region is read from the short-number
  metadata that `phonenumbers` ships (a Python port of Google's libphonenumber
  ShortNumberMetadata.xml). Every 2- to 5-digit number the region's emergency pattern
  matches, and that `shortnumberinfo.is_emergency_number` confirms, is a candidate; 112 is
  listed only where that metadata says it works.
- Which of them to show first, and what each is for, is curated below (`CURATED`) for the
  countries where it matters (separate ambulance, police and fire numbers), each with a
  note saying where the labels come from. Every curated number must also be in the
  metadata: the build stops otherwise, and tests/core/test_emergency_numbers.py checks
  the whole table again.
- Elsewhere the first number is chosen by a rule (911, else 112, else 999, else the only
  or the first number), and the entry says so in its `note`: those need a person to
  check them against an official page.

The region's name comes from phonenumbers' English geocoding data, its time zone from
the system's tzdata `zone.tab` (the first zone listed for the country), its paper size
from the list of countries that use US Letter.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import phonenumbers
from phonenumbers import shortnumberinfo
from phonenumbers.geocoder import _region_display_name
from phonenumbers.phonemetadata import PhoneMetadata

OUT = Path(__file__).with_name("emergency_numbers.json")
CRISIS_LINES = Path(__file__).with_name("crisis_lines.json")
ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")
TODAY = dt.date.today().isoformat()
METADATA = f"phonenumbers {phonenumbers.__version__} short-number metadata (libphonenumber)"

GENERAL = "all emergencies"
AMBULANCE = "ambulance"
POLICE = "police"
FIRE = "fire"
AMBULANCE_FIRE = "ambulance and fire"
KNOWLEDGE = (
    "Numbers confirmed by the metadata; which service each one reaches is from general "
    "knowledge and must be re-checked against an official page."
)

PK_NOTE = "1122 (Rescue 1122) does not yet cover every province. "
US_112 = "112 is redirected by some mobile networks only, so it is not offered."

# region: (numbers in the order to show, first = the one the Call button dials;
#          source; note). The ambulance number comes first where services are separate:
# a mental-health emergency needs an ambulance more often than the police.
CURATED: dict[str, tuple[list[tuple[str, str]], str, str]] = {
    "GB": (
        [("999", GENERAL), ("112", GENERAL)],
        METADATA,
        "999 is the number people know; 112 works too.",
    ),
    "IE": ([("112", GENERAL), ("999", GENERAL)], METADATA, "Both numbers reach the same service."),
    "US": ([("911", GENERAL)], METADATA, US_112),
    "CA": ([("911", GENERAL)], METADATA, US_112),
    "AU": (
        [("000", GENERAL), ("112", "from a mobile")],
        METADATA,
        "000 from any phone; 112 from mobiles.",
    ),
    "NZ": ([("111", GENERAL)], METADATA, ""),
    "JP": (
        [("119", AMBULANCE_FIRE), ("110", POLICE)],
        "https://www.city.odate.lg.jp/city/foreign-language/english/emergency-call",
        "Checked against the city of Odate's page: 110 police, 119 fire and ambulance.",
    ),
    "MX": ([("911", GENERAL)], METADATA, "911 is the national number since 2017. " + KNOWLEDGE),
    "PH": ([("911", GENERAL)], METADATA, "911 is the national number. " + KNOWLEDGE),
    "CN": ([("120", AMBULANCE), ("110", POLICE), ("119", FIRE)], METADATA, KNOWLEDGE),
    "KR": (
        [("119", AMBULANCE_FIRE), ("112", POLICE)],
        METADATA,
        "In Korea 112 is the police. " + KNOWLEDGE,
    ),
    "TW": ([("119", AMBULANCE_FIRE), ("110", POLICE)], METADATA, KNOWLEDGE),
    "HK": ([("999", GENERAL)], METADATA, KNOWLEDGE),
    "SG": ([("995", AMBULANCE_FIRE), ("999", POLICE)], METADATA, KNOWLEDGE),
    "MY": ([("999", GENERAL), ("112", "from a mobile")], METADATA, KNOWLEDGE),
    "IN": (
        [("112", GENERAL), ("108", AMBULANCE), ("100", POLICE), ("101", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "PK": ([("1122", "rescue and ambulance"), ("15", POLICE)], METADATA, PK_NOTE + KNOWLEDGE),
    "TH": ([("1669", AMBULANCE), ("191", POLICE), ("199", FIRE)], METADATA, KNOWLEDGE),
    "VN": ([("115", AMBULANCE), ("113", POLICE), ("114", FIRE)], METADATA, KNOWLEDGE),
    "ID": ([("112", GENERAL), ("119", AMBULANCE), ("110", POLICE)], METADATA, KNOWLEDGE),
    "BR": ([("192", "ambulance, SAMU"), ("190", POLICE), ("193", FIRE)], METADATA, KNOWLEDGE),
    "AR": (
        [("107", AMBULANCE), ("911", POLICE), ("100", FIRE)],
        METADATA,
        "911 reaches the police in most provinces. " + KNOWLEDGE,
    ),
    "CL": ([("131", AMBULANCE), ("133", POLICE), ("132", FIRE)], METADATA, KNOWLEDGE),
    "CO": ([("123", GENERAL)], METADATA, KNOWLEDGE),
    "ZA": (
        [("10177", AMBULANCE), ("10111", POLICE), ("112", "from a mobile")],
        METADATA,
        KNOWLEDGE,
    ),
    "EG": ([("123", AMBULANCE), ("122", POLICE), ("180", FIRE)], METADATA, KNOWLEDGE),
    "IL": ([("101", AMBULANCE), ("100", POLICE), ("102", FIRE)], METADATA, KNOWLEDGE),
    "IR": ([("115", AMBULANCE), ("110", POLICE), ("125", FIRE)], METADATA, KNOWLEDGE),
    "AE": ([("998", AMBULANCE), ("999", POLICE), ("997", FIRE)], METADATA, KNOWLEDGE),
    "SA": ([("911", GENERAL), ("997", AMBULANCE), ("999", POLICE)], METADATA, KNOWLEDGE),
    "TR": ([("112", GENERAL)], METADATA, KNOWLEDGE),
    "RU": (
        [("112", GENERAL), ("103", AMBULANCE), ("102", POLICE), ("101", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "UA": (
        [("112", GENERAL), ("103", AMBULANCE), ("102", POLICE), ("101", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "NL": ([("112", GENERAL)], METADATA, "911 is redirected by some networks only. " + KNOWLEDGE),
    "NO": (
        [("113", AMBULANCE), ("112", POLICE), ("110", FIRE)],
        METADATA,
        "In Norway 112 is the police. " + KNOWLEDGE,
    ),
    "FR": (
        [("112", GENERAL), ("15", "ambulance, SAMU"), ("17", POLICE), ("18", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "DE": ([("112", AMBULANCE_FIRE), ("110", POLICE)], METADATA, KNOWLEDGE),
    "AT": (
        [("112", GENERAL), ("144", AMBULANCE), ("133", POLICE), ("122", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "CH": (
        [("144", AMBULANCE), ("117", POLICE), ("118", FIRE), ("112", GENERAL)],
        METADATA,
        KNOWLEDGE,
    ),
    "IT": ([("112", GENERAL), ("118", AMBULANCE)], METADATA, KNOWLEDGE),
    "ES": ([("112", GENERAL)], METADATA, KNOWLEDGE),
    "PL": (
        [("112", GENERAL), ("999", AMBULANCE), ("997", POLICE), ("998", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "CZ": (
        [("112", GENERAL), ("155", AMBULANCE), ("158", POLICE), ("150", FIRE)],
        METADATA,
        KNOWLEDGE,
    ),
    "KE": ([("999", GENERAL), ("112", GENERAL)], METADATA, KNOWLEDGE),
    "BD": ([("999", GENERAL)], METADATA, KNOWLEDGE),
}

NAMES = {"AC": "Ascension Island", "TA": "Tristan da Cunha", "XK": "Kosovo"}
ZONES = {"AC": "Atlantic/St_Helena", "TA": "Atlantic/St_Helena", "XK": "Europe/Belgrade"}
LETTER = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "DO", "CR", "PA", "PR", "SV"}
RULE = (
    "Not curated: the first number was chosen by rule (911, else 112, else 999, else the "
    "only or first number in the metadata); check it against an official page."
)
MAX_LISTED = 4


def metadata_numbers(region: str) -> list[str]:
    """Every 2- to 5-digit number phonenumbers says reaches the region's emergency services."""
    metadata = PhoneMetadata.short_metadata_for_region(region)
    if metadata is None or metadata.emergency is None:
        return []
    pattern = metadata.emergency.national_number_pattern
    if not pattern:
        return []
    compiled = re.compile(pattern)
    found = []
    for length in range(2, 6):
        for value in range(10**length):
            candidate = str(value).zfill(length)
            if compiled.fullmatch(candidate) and shortnumberinfo.is_emergency_number(
                candidate, region
            ):
                found.append(candidate)
    return found


def first_zones() -> dict[str, str]:
    zones: dict[str, str] = {}
    for line in ZONE_TAB.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        country, _, zone, *_ = line.split("\t")
        zones.setdefault(country, zone)
    return zones


def by_rule(numbers: list[str]) -> list[str]:
    for preferred in ("911", "112", "999"):
        if preferred in numbers:
            return [preferred] + [n for n in numbers if n != preferred]
    return numbers


def main() -> int:
    existing = json.loads(CRISIS_LINES.read_text("utf-8"))["regions"]
    zones = first_zones()
    regions: dict[str, object] = {}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        numbers = metadata_numbers(region)
        if not numbers:
            continue  # no emergency data: not offered (docs/crisis-lines.md names them)
        name = _region_display_name(region, "en") or NAMES.get(region, "")
        if region in existing:
            name = existing[region]["name"]
        if region in CURATED:
            listed, source, note = CURATED[region]
            for number, _ in listed:
                if number not in numbers:
                    sys.stderr.write(f"{region}: {number} is not an emergency number\n")
                    return 1
            entry_numbers = [{"number": n, "for": what} for n, what in listed]
            curated = True
        else:
            short = [n for n in numbers if len(n) <= 3] or numbers
            ordered = by_rule(short)[:MAX_LISTED]
            entry_numbers = [{"number": n, "for": ""} for n in ordered]
            source, note, curated = METADATA, RULE, False
        regions[region] = {
            "name": name,
            "numbers": entry_numbers,
            "curated": curated,
            "source": source,
            "checked_on": TODAY,
            "note": note,
            "time_zone": existing.get(region, {}).get("time_zone")
            or zones.get(region)
            or ZONES.get(region, "UTC"),
            "paper": "letter" if region in LETTER else "a4",
        }
    document = {
        "format": "crisisplan-emergency-numbers",
        "version": 1,
        "built_with": METADATA,
        "built_on": TODAY,
        "regions": regions,
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    curated_count = sum(1 for r in regions.values() if r["curated"])  # type: ignore[index]
    sys.stderr.write(f"{len(regions)} regions, {curated_count} curated\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
