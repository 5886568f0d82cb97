"""Preferences kept outside the vault, because they are needed before it is unlocked.

Only what is not personal lives here: the region (so the crisis view can show the right
emergency number and crisis lines while the vault is still locked). Nothing from the plan.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from crisisplan.storage.atomic import write_atomically


def settings_path() -> Path:
    import platformdirs

    config = Path(platformdirs.user_config_dir("crisisplan", appauthor=False, roaming=False))
    return config / "settings.json"


@dataclass(frozen=True, slots=True)
class Settings:
    region: str = ""


def load_settings(path: Path | None = None) -> Settings:
    """The saved preferences; defaults when the file is missing or unreadable."""
    path = path or settings_path()
    raw: Any = {}
    with contextlib.suppress(OSError, ValueError):
        raw = json.loads(path.read_text("utf-8"))
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known and isinstance(v, str)}
    return Settings(**values)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    write_atomically(path, data.encode("utf-8"))
