"""Enumerations whose every value has a label a person reads, in the run's language.

The value is the stable machine id used in files and on the command line (HTCDS value
names where HTCDS has the field); ``label(lang)`` is what a person reads: an English
label marked with ``N_()`` in the code, translated through the catalogue (a missing
translation fails the tests).
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from typing import Any, TypeVar

from tipref.i18n import LANGUAGES, language, translation

E = TypeVar("E", bound="LabelledEnum")


class LabelledEnum(str, Enum):
    english: str

    def __new__(cls, value: str, english: str = "") -> LabelledEnum:
        # Members are declared as (value, N_("English label")); the Indonesian label is in
        # the catalogue. The default only tells type checkers that Status("active") looks
        # a member up by its value.
        member = str.__new__(cls, value)
        member._value_ = value
        member.english = english
        return member

    def __str__(self) -> str:
        return self.value

    def label(self, lang: str | None = None) -> str:
        """What a person reads: the English label translated into ``lang`` (by default
        the run's language)."""
        return translation(lang or language()).gettext(self.english)

    @property
    def labels(self) -> dict[str, str]:
        """The label in every language tipref speaks."""
        return {lang: self.label(lang) for lang in LANGUAGES}

    @classmethod
    def parse(cls: type[E], text: str, field: str | None = None) -> E:
        """Accept the id in any case, with ``-`` or ``_``, or the label in any language."""
        found = _spellings(cls).get(_fold(text))
        if found is not None:
            return found  # type: ignore[return-value]
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


@cache
def _spellings(enum: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    """Every accepted spelling of an enum's members, folded: each id, then each label in
    every language, then the aliases; the first member to claim a spelling keeps it.
    Made once per enum (an import of 10,000 rows parsed 20,000 values label by label)."""
    found: dict[str, LabelledEnum] = {}
    for member in enum:
        for spelling in (member.value, *member.labels.values()):
            found.setdefault(_fold(spelling), member)
    for alias, value in enum.aliases().items():
        found.setdefault(alias, enum(value))
    return found
