"""crisisplan: a private, offline crisis safety plan with an "I'm struggling" view."""

import zoneinfo

# Use the pinned `tzdata` package, not whatever zone files the OS has (Windows has none,
# and Linux's may be older): every machine then agrees on every contact's hours.
zoneinfo.reset_tzpath([])


def __getattr__(name: str) -> str:
    """`crisisplan.__version__`, read lazily: importlib.metadata costs ~25 ms at start-up."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib import metadata

    try:
        return metadata.version("crisisplan")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0"


APP_NAME = "crisisplan"
