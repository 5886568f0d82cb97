"""crisisplan: a private, offline crisis safety plan with an "I'm struggling" view."""

import zoneinfo
from importlib import metadata

# Use the pinned `tzdata` package, not whatever zone files the OS has (Windows has none,
# and Linux's may be older): every machine then agrees on every contact's hours.
zoneinfo.reset_tzpath([])

try:
    __version__ = metadata.version("crisisplan")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

APP_NAME = "crisisplan"
