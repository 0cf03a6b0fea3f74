"""Enumerations whose every value has an Indonesian and an English label.

The value is the stable machine id used in files and on the command line (HTCDS value
names where HTCDS has the field); ``label(lang)`` is what a person reads.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

E = TypeVar("E", bound="LabelledEnum")


class LabelledEnum(str, Enum):
    labels: dict[str, str]

    def __new__(cls, value: str, id_label: str = "", en_label: str = "") -> LabelledEnum:
        # Members are declared as (value, Indonesian label, English label); the defaults
        # only tell type checkers that Status("active") looks a member up by its value.
        member = str.__new__(cls, value)
        member._value_ = value
        member.labels = {"id": id_label, "en": en_label}
        return member

    def __str__(self) -> str:
        return self.value

    def label(self, lang: str = "id") -> str:
        return self.labels.get(lang, self.labels["id"])

    @classmethod
    def parse(cls: type[E], text: str, field: str | None = None) -> E:
        """Accept the id in any case, with ``-`` or ``_``, or either label."""
        wanted = _fold(text)
        for member in cls:
            if wanted in (
                _fold(member.value),
                _fold(member.labels["id"]),
                _fold(member.labels["en"]),
            ):
                return member
        aliased = cls.aliases().get(wanted)
        if aliased is not None:
            return cls(aliased)
        from tipref.errors import InvalidInput
        from tipref.i18n import Msg

        raise InvalidInput(
            field=field or cls.__name__,
            problem=Msg(
                "'{value}' is not known; choose from: {choices}",
                value=text,
                choices=", ".join(cls.ids()),
            ),
        )

    @classmethod
    def aliases(cls) -> dict[str, str]:
        """Other spellings people use (folded) -> machine id; none by default."""
        return {}

    @classmethod
    def ids(cls) -> list[str]:
        return [member.value for member in cls]

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        schema = handler.resolve_ref_schema(schema)
        schema["x-labels"] = {member.value: member.labels for member in cls}
        return schema


def _fold(text: str) -> str:
    return text.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
