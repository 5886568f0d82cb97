"""The computer's own time zone, by its IANA name, for "now" and the times shown after it.

`datetime.now().astimezone()` carries only today's UTC offset: every time computed from
it is an hour out across the next clock change (a week before it, "available again
Sunday 08:00" would be read on a clock that says 09:00). tzlocal finds the IANA zone on
Linux (TZ, /etc/localtime, /etc/timezone), macOS and Windows. When the computer's zone has
no IANA name (TZ=UTC+3, a damaged /etc/localtime), the fixed offset is used and said so.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zoneinfo
from dataclasses import dataclass

__all__ = ["LocalZone", "local_now", "local_zone"]


@dataclass(frozen=True, slots=True)
class LocalZone:
    """The zone times are read in.

    `name` is the IANA key, or None; `exact` is False for a bare offset, which is right
    only until the next change of the clocks.
    """

    tzinfo: dt.tzinfo
    name: str | None
    exact: bool = True


def local_zone() -> LocalZone:
    """The computer's IANA zone, or its current fixed offset if it has no IANA name."""
    try:
        import tzlocal

        with warnings.catch_warnings():
            # tzlocal warns when TZ and /etc/localtime disagree; the answer is still usable.
            warnings.simplefilter("ignore")
            zone = tzlocal.get_localzone()
        if isinstance(zone, zoneinfo.ZoneInfo):
            try:
                return LocalZone(zoneinfo.ZoneInfo(zone.key), zone.key)  # the pinned tzdata
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                # /etc/localtime read as a file with no name: its rules are still right.
                return LocalZone(zone, None)
    except (ImportError, zoneinfo.ZoneInfoNotFoundError, ValueError, OSError, LookupError):
        pass
    offset = dt.datetime.now().astimezone().tzinfo
    assert offset is not None  # astimezone() always attaches one
    return LocalZone(offset, None, exact=False)


def local_now() -> dt.datetime:
    """Now, in the computer's own zone (an IANA zone whenever there is one)."""
    return dt.datetime.now(local_zone().tzinfo)
