"""Preferences kept outside the vault, because they are needed before it is unlocked.

Only what is not personal lives here: the region (so the crisis view can show the right
emergency number and crisis lines while the vault is still locked), which vaults have their
key remembered in the OS keyring (as `vault_id`s, never a key), and when to lock.
Nothing from the plan.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, fields, replace
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
    # Vault ids (storage.keys.vault_id) whose key is remembered in the OS keyring; the
    # keyring is only asked about these, so nobody who never opted in meets a keyring prompt.
    remembered_vaults: tuple[str, ...] = ()
    keyring_backend: str = ""  # the keyring backend's class that holds those keys
    auto_lock_minutes: int = 10  # 0: never lock for idleness
    lock_on_sleep: bool = True  # lock when the computer sleeps or the screen locks


def load_settings(path: Path | None = None) -> Settings:
    """The saved preferences; defaults when the file is missing or unreadable."""
    path = path or settings_path()
    raw: Any = {}
    with contextlib.suppress(OSError, ValueError):
        raw = json.loads(path.read_text("utf-8"))
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for field in fields(Settings):
        value, default = raw.get(field.name), getattr(defaults, field.name)
        if isinstance(default, tuple) and isinstance(value, list):
            value = tuple(v for v in value if isinstance(v, str))
        # bool is an int: a flag never becomes a number of minutes, nor the reverse.
        if type(value) is type(default):
            values[field.name] = value
    if values.get("auto_lock_minutes", 0) < 0:
        del values["auto_lock_minutes"]
    return Settings(**values)


def update_settings(path: Path | None = None, **changes: Any) -> Settings:
    """Change some preferences, keeping the others as they are on disk now (the app and
    the command line may both have written since this process last read them)."""
    settings = replace(load_settings(path), **changes)
    save_settings(settings, path)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    write_atomically(path, data.encode("utf-8"))
