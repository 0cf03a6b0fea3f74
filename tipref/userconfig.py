"""The user's own settings on this machine: their name, language and device id.

The device id names this machine's history log in every book; it is minted once.
"""

from __future__ import annotations

import json
import os
from typing import Any

from tipref.ids import new_id
from tipref.paths import config_dir
from tipref.storage.atomic import atomic_write_text

CONFIG_FILE = "config.json"
KNOWN_KEYS = ("user", "language", "book")


def load() -> dict[str, Any]:
    path = config_dir() / CONFIG_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        from tipref.errors import UserFileDamaged

        raise UserFileDamaged(path=str(path), detail=str(error)) from None
    if not isinstance(data, dict):
        from tipref.errors import UserFileDamaged

        raise UserFileDamaged(path=str(path), detail="not a JSON object")
    return data


def save(data: dict[str, Any]) -> None:
    atomic_write_text(
        config_dir() / CONFIG_FILE, json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    )


def set_value(key: str, value: str) -> dict[str, Any]:
    data = load()
    data[key] = value
    save(data)
    return data


def device_id() -> str:
    data = load()
    if "device_id" not in data:
        data["device_id"] = new_id()
        save(data)
    return data["device_id"]


def acting_user(explicit: str | None) -> str:
    """--as NAME, else TIPREF_USER, else the user's config, else the login name."""
    if explicit:
        return explicit
    if os.environ.get("TIPREF_USER"):
        return os.environ["TIPREF_USER"]
    configured = load().get("user")
    if configured:
        return configured
    import getpass  # here: it imports termios and pwd, and most runs name the user before

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
