"""How a record is stored: plain JSON, or (an encrypted book) with its sensitive values sealed."""

from __future__ import annotations

from typing import Any, Protocol


class Codec(Protocol):
    """Turns a record as the program sees it into what is stored, and back."""

    def encode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]: ...

    def decode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]: ...

    def encode_history(self, entry: dict[str, Any]) -> dict[str, Any]: ...


class PlainCodec:
    def encode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def decode(self, kind: str, record_id: str, data: dict[str, Any]) -> dict[str, Any]:
        return data

    def encode_history(self, entry: dict[str, Any]) -> dict[str, Any]:
        return entry
