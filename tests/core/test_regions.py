"""The bundled crisis-line data: complete, valid, and used for new vaults."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from crisisplan.core.model import Group, MethodKind
from crisisplan.core.regions import (
    FALLBACK,
    _regions,
    emergency_for,
    known_regions,
    region_info,
    starter_contacts,
)
from crisisplan.core.validation import method_problem, validate_contact

REQUIRED = ["GB", "IE", "US", "CA", "AU", "NZ"]


def test_required_regions_and_fallback_present() -> None:
    codes = {r.code for r in known_regions()}
    assert set(REQUIRED) <= codes
    assert emergency_for("GB").number == "999"
    assert emergency_for("US").number == "911"
    assert emergency_for("AU").number == "000"
    assert emergency_for("NZ").number == "111"
    # 15 (SAMU) first: inside France 15/17/18 are advised over 112 (checked 2026-11-30).
    assert emergency_for("FR").number == "15"
    assert emergency_for("JP").number == "119"
    assert region_info("ZZ").code == FALLBACK  # no data: the generic fallback


@pytest.mark.parametrize("code", [*REQUIRED, FALLBACK])
def test_every_line_is_valid_sourced_and_dated(code: str) -> None:
    region = _regions()[code]
    zoneinfo.ZoneInfo(region.time_zone)
    assert region.paper in {"a4", "letter"}
    assert region.emergency.isdigit()
    assert region.lines
    for line in region.lines:
        assert line.source.startswith("https://")
        assert line.checked_on <= dt.date.today()
        assert line.methods
        for method in line.methods:
            assert method_problem(method.kind, method.value, code) is None, (line.name, method)
        if code != FALLBACK:
            assert any(m.kind in (MethodKind.PHONE, MethodKind.SMS) for m in line.methods)


@pytest.mark.parametrize("code", REQUIRED)
def test_starter_contacts_are_valid_crisis_lines(code: str) -> None:
    contacts = starter_contacts(code)
    assert contacts
    for contact in contacts:
        assert contact.group is Group.CRISIS_LINE
        assert contact.always_available
        assert validate_contact(contact, code) == []
