"""Every country's emergency numbers, and the regions' crisis lines.

Emergency numbers come from resources/emergency_numbers.json (every country phonenumbers
knows an emergency number for; built by resources/make_emergency_numbers.py, with a
source and date per entry), crisis lines from resources/crisis_lines.json (GB, IE, US,
CA, AU, NZ, and "default" for everywhere else). A vault created with a region starts with
that region's lines as ordinary, editable `crisis_line` contacts; the emergency number is
looked up here every time, so the crisis view can show it even for an empty or locked
plan. The region itself comes from the system locale through `region_from_locale()`,
the one function the first run, the crisis view and `crisisplan init` all use.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crisisplan.core.model import (
    Contact,
    ContactMethod,
    Emergency,
    Group,
    MethodKind,
    PlanDocument,
)
from crisisplan.resources import resource_path

FALLBACK = "default"


@dataclass(frozen=True, slots=True)
class CrisisLine:
    """A national 24/7 line, with where its details come from and when they were checked."""

    name: str
    role: str
    helps_with: str
    methods: tuple[ContactMethod, ...]
    message: str
    source: str
    checked_on: dt.date
    note: str = ""


@dataclass(frozen=True, slots=True)
class EmergencyNumber:
    """One emergency number and whom it reaches ("ambulance and fire"; "" if not known)."""

    number: str
    reaches: str = ""


@dataclass(frozen=True, slots=True)
class Region:
    """A country: its emergency numbers (the first is the one the Call button dials)."""

    code: str
    name: str
    emergency: str
    time_zone: str
    paper: str
    lines: tuple[CrisisLine, ...]
    emergency_numbers: tuple[EmergencyNumber, ...] = ()
    source: str = ""
    checked_on: dt.date | None = None
    curated: bool = False
    note: str = ""

    def emergency_sentence(self) -> str:
        """ "In an emergency in the United Kingdom, call 999." — said before Create.

        Japan: "…, call 119 (ambulance and fire). Also 110 (police)." Numbers that reach
        the same services as the first (112 beside 999) are not repeated.
        """
        numbers = self.emergency_numbers or (EmergencyNumber(self.emergency),)
        text = f"In an emergency in {place_name(self.name)}, call {_with_reach(numbers[0])}."
        also = self.other_emergency_numbers()
        if also:
            text += " Also " + ", ".join(_with_reach(n) for n in also) + "."
        return text

    def other_emergency_numbers(self) -> tuple[EmergencyNumber, ...]:
        """The numbers after the first that reach other services (Japan: 110 police).

        Numbers that reach the same services as the first (112 beside 999, 112 "from a
        mobile" beside 000) are left out: saying them would only add a choice to make.
        """
        return tuple(n for n in self.emergency_numbers[1:] if n.reaches not in _SAME_AS_MAIN)

    def other_numbers_line(self) -> str:
        """ "Police: 17 · Fire: 18" — the crisis view's short line under the main number
        ("Also 100, 101" where whom they reach is not known); "" where there is no other."""
        others = self.other_emergency_numbers()
        parts = [f"{n.reaches[:1].upper()}{n.reaches[1:]}: {n.number}" for n in others if n.reaches]
        unlabelled = [n.number for n in others if not n.reaches]  # not curated: reach unknown
        if unlabelled:
            parts.append("Also " + ", ".join(unlabelled))
        return " · ".join(parts)

    def emergency_label(self) -> str:
        """ "Japan (emergency 119)": one entry of the list of countries."""
        return f"{self.name} (emergency {self.emergency})"


_SAME_AS_MAIN = {"all emergencies", "from a mobile"}


def _with_reach(number: EmergencyNumber) -> str:
    if number.reaches and number.reaches != "all emergencies":
        return f"{number.number} ({number.reaches})"
    return number.number


_THE = {"Philippines", "Netherlands", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"}


def place_name(name: str) -> str:
    """A country's name inside a sentence: "the United Kingdom", "the Philippines", "Japan"."""
    first = name.split(" ", 1)[0]
    if (
        name in _THE
        or first in {"United", "Central", "Dominican", "Czech"}
        or (name.endswith(("Islands", "Republic", "Emirates", "States")))
    ):
        return f"the {name}"
    return name


def _crisis_line(line: dict[str, Any]) -> CrisisLine:
    return CrisisLine(
        name=line["name"],
        role=line.get("role", ""),
        helps_with=line.get("helps_with", ""),
        methods=tuple(ContactMethod(MethodKind(m["kind"]), m["value"]) for m in line["methods"]),
        message=line.get("message", ""),
        source=line["source"],
        checked_on=dt.date.fromisoformat(line["checked_on"]),
        note=line.get("note", ""),
    )


@functools.cache
def _regions() -> dict[str, Region]:
    lines_raw: dict[str, Any] = json.loads(resource_path("crisis_lines.json").read_text("utf-8"))[
        "regions"
    ]
    numbers_raw: dict[str, Any] = json.loads(
        resource_path("emergency_numbers.json").read_text("utf-8")
    )["regions"]
    lines = {code: tuple(_crisis_line(x) for x in e["lines"]) for code, e in lines_raw.items()}
    fallback = lines_raw[FALLBACK]
    regions = {
        FALLBACK: Region(
            code=FALLBACK,
            name=fallback["name"],
            emergency=fallback["emergency"],
            time_zone=fallback["time_zone"],
            paper=fallback["paper"],
            lines=lines[FALLBACK],
        )
    }
    for code, entry in numbers_raw.items():
        numbers = tuple(EmergencyNumber(n["number"], n.get("for", "")) for n in entry["numbers"])
        regions[code] = Region(
            code=code,
            name=entry["name"],
            emergency=numbers[0].number,
            time_zone=entry["time_zone"],
            paper=entry["paper"],
            lines=lines.get(code, lines[FALLBACK]),  # a directory where we have no lines
            emergency_numbers=numbers,
            source=entry["source"],
            checked_on=dt.date.fromisoformat(entry["checked_on"]),
            curated=entry["curated"],
            note=entry.get("note", ""),
        )
    return regions


def known_regions() -> list[Region]:
    """Every country with a known emergency number, by name, without the fallback."""
    return sorted((r for c, r in _regions().items() if c != FALLBACK), key=lambda r: r.name)


def regions_with_lines() -> list[str]:
    """The regions with their own curated crisis lines (GB, IE, US, CA, AU, NZ)."""
    raw = json.loads(resource_path("crisis_lines.json").read_text("utf-8"))["regions"]
    return [code for code in raw if code != FALLBACK]


def region_info(code: str) -> Region:
    """The region's numbers, or the generic fallback (112) for a region we have no data for."""
    regions = _regions()
    return regions.get(code, regions[FALLBACK])


def emergency_for(code: str) -> Emergency:
    return Emergency(region=code, number=region_info(code).emergency)


def starter_contacts(code: str) -> tuple[Contact, ...]:
    """The region's crisis lines as contacts a new vault starts with."""
    region = region_info(code)
    return tuple(
        Contact(
            name=line.name,
            role=line.role,
            group=Group.CRISIS_LINE,
            methods=line.methods,
            time_zone=region.time_zone,
            always_available=True,
            helps_with=line.helps_with,
            message=line.message,
            agreed=True,
            checked_on=line.checked_on,
            on_card=True,
            notes=f"Details from {line.source}",
        )
        for line in region.lines
    )


def is_seeded(contact: Contact, region: str) -> bool:
    """True for a crisis line the app itself put into a new vault, still as it was added.

    Recognised by comparison with the region's curated lines (name, group and the
    "Details from <source>" note the app writes), so the file format needs no marker. A
    line the person has renamed, re-noted or moved to another group counts as their own;
    one whose numbers a later data update changed is still the app's.
    """
    if contact.group is not Group.CRISIS_LINE:
        return False
    return any(
        contact.name == line.name and contact.notes == f"Details from {line.source}"
        for line in region_info(region).lines
    )


def own_contacts(document: PlanDocument) -> tuple[Contact, ...]:
    """The people and services the person added or changed, without the seeded lines."""
    return tuple(c for c in document.contacts if not is_seeded(c, document.region))


def region_from_locale(environ: Mapping[str, str] | None = None) -> str | None:
    """The region the system locale names ("en_GB.UTF-8" → GB), or None.

    The one place the app, the crisis view before a vault exists and `crisisplan init`
    learn where the person lives. Follows POSIX precedence: LC_ALL, then the categories
    that say where one is (telephone, then messages, then ctype), then LANG; a variable
    that names no region ("C.UTF-8", which scripts often set in LC_ALL) is passed over.
    Only a region with a known emergency number is returned.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_TELEPHONE", "LC_MESSAGES", "LC_CTYPE", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        code = _locale_region(value)
        if code is not None:
            return code
    return None


def _locale_region(value: str) -> str | None:
    """ "en_GB.UTF-8@euro" → GB; "sr_RS@latin" → RS; "C.UTF-8" → None."""
    base = value.split(".", 1)[0].split("@", 1)[0]
    if "_" not in base:
        return None
    code = base.split("_", 1)[1].upper()
    regions = _regions()
    return code if code in regions and code != FALLBACK else None
