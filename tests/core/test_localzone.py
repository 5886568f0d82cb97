"""The computer's own zone: its IANA name when it has one, else its offset, said so."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Iterator

import pytest
import tzlocal

from crisisplan.core.localzone import local_now, local_zone


@pytest.fixture
def set_tz(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def set_to(value: str) -> None:
        monkeypatch.setenv("TZ", value)
        monkeypatch.setattr(tzlocal.unix, "_cache_tz", None)  # tzlocal caches the zone
        time.tzset()

    yield set_to
    monkeypatch.undo()
    time.tzset()


def test_the_iana_zone_is_found_and_keeps_its_rules(set_tz: object) -> None:
    set_tz("Europe/London")  # type: ignore[operator]
    zone = local_zone()
    assert zone.name == "Europe/London"
    assert isinstance(zone.tzinfo, zoneinfo.ZoneInfo)
    # A fixed offset would keep GMT into summer; the zone knows BST.
    summer = dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC).astimezone(zone.tzinfo)
    assert summer.utcoffset() == dt.timedelta(hours=1)
    assert local_now().tzinfo is not None


def test_a_zone_without_an_iana_name_falls_back_to_its_offset(set_tz: object) -> None:
    set_tz("XYZ-3")  # type: ignore[operator]
    zone = local_zone()
    assert zone.name is None
    assert not zone.exact
    assert dt.datetime.now(zone.tzinfo).utcoffset() == dt.timedelta(hours=3)
