"""Regional emergency numbers and crisis lines, from resources/crisis_lines.json.

A vault created with a region starts with that region's lines as ordinary, editable
`crisis_line` contacts; the emergency number is looked up here every time, so the crisis
view can show it even for an empty or locked plan.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from dataclasses import dataclass
from typing import Any

from crisisplan.core.model import Contact, ContactMethod, Emergency, Group, MethodKind
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
class Region:
    code: str
    name: str
    emergency: str
    time_zone: str
    paper: str
    lines: tuple[CrisisLine, ...]


@functools.cache
def _regions() -> dict[str, Region]:
    raw: dict[str, Any] = json.loads(resource_path("crisis_lines.json").read_text("utf-8"))
    regions = {}
    for code, entry in raw["regions"].items():
        lines = tuple(
            CrisisLine(
                name=line["name"],
                role=line.get("role", ""),
                helps_with=line.get("helps_with", ""),
                methods=tuple(
                    ContactMethod(MethodKind(m["kind"]), m["value"]) for m in line["methods"]
                ),
                message=line.get("message", ""),
                source=line["source"],
                checked_on=dt.date.fromisoformat(line["checked_on"]),
                note=line.get("note", ""),
            )
            for line in entry["lines"]
        )
        regions[code] = Region(
            code=code,
            name=entry["name"],
            emergency=entry["emergency"],
            time_zone=entry["time_zone"],
            paper=entry["paper"],
            lines=lines,
        )
    return regions


def known_regions() -> list[Region]:
    """Regions with their own lines, by name, without the fallback."""
    return sorted((r for c, r in _regions().items() if c != FALLBACK), key=lambda r: r.name)


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


def region_from_locale() -> str | None:
    """The region in the locale's name ("en_GB.UTF-8" → GB), or None."""
    import phonenumbers

    for name in ("LC_ALL", "LC_TELEPHONE", "LC_MESSAGES", "LC_CTYPE", "LANG"):
        value = os.environ.get(name, "")
        if "_" in value:
            code = value.split("_", 1)[1][:2].upper()
            if code in phonenumbers.SUPPORTED_REGIONS:
                return code
    return None
