"""Encryption at rest for a case book (issue 5 builds this out).

``codec_for(root, settings)`` returns the codec the store uses to encrypt sensitive
fields, or None for a plain book.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def codec_for(root: Path, settings: Any) -> Any | None:
    return None
