"""Where tipref keeps its own files, outside any case book (pipx-style, overridable).

``TIPREF_CONFIG_DIR`` and ``TIPREF_CACHE_DIR`` override the platform folders, which is
how tests keep away from the user's real ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir

APP_NAME = "tipref"


def config_dir() -> Path:
    override = os.environ.get("TIPREF_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    override = os.environ.get("TIPREF_CACHE_DIR")
    return Path(override) if override else Path(user_cache_dir(APP_NAME, appauthor=False))


def book_key(root: Path) -> str:
    """A book's name in the cache folders: a hash of its path (no name, no place)."""
    import hashlib

    return hashlib.sha256(str(Path(root).resolve()).encode("utf-8")).hexdigest()[:20]
