"""Validation problems in words a person understands, in the book's language.

pydantic reports "String should have at least 1 character" or "Value error, ..."; here
each kind of problem becomes a :class:`~tipref.i18n.Msg` that says what is allowed. The
field is named by the caller (the CLI maps it to the option the user typed, the importer
to the column).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from tipref.i18n import Msg, register_messages

register_messages(
    {
        "problem.required": {"id": "wajib diisi", "en": "is required"},
        "problem.text": {"id": "harus berupa teks", "en": "must be text"},
        "problem.blank": {"id": "tidak boleh kosong", "en": "must not be blank"},
        "problem.too_long": {
            "id": "paling banyak {limit} karakter",
            "en": "must be at most {limit} characters",
        },
        "problem.integer": {
            "id": "'{value}' bukan bilangan bulat",
            "en": "'{value}' is not a whole number",
        },
        "problem.number": {"id": "'{value}' bukan angka", "en": "'{value}' is not a number"},
        "problem.at_least": {"id": "paling kecil {limit}", "en": "must be at least {limit}"},
        "problem.at_most": {"id": "paling besar {limit}", "en": "must be at most {limit}"},
        "problem.date": {
            "id": "'{value}' bukan tanggal; tulis YYYY-MM-DD, mis. 2026-01-25",
            "en": "'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-01-25",
        },
        "problem.datetime": {
            "id": "'{value}' bukan waktu; tulis YYYY-MM-DDTHH:MM",
            "en": "'{value}' is not a date and time; write YYYY-MM-DDTHH:MM",
        },
        "problem.choice": {
            "id": "'{value}' tidak dikenal; pilih: {expected}",
            "en": "'{value}' is not known; choose from: {expected}",
        },
        "problem.bool": {
            "id": "'{value}' bukan ya/tidak",
            "en": "'{value}' is not yes/no",
        },
        "problem.list": {"id": "harus berupa daftar", "en": "must be a list"},
        "problem.unknown": {"id": "{detail}", "en": "{detail}"},
    }
)

_SIMPLE = {
    "missing": "problem.required",
    "string_type": "problem.text",
    "string_too_short": "problem.blank",
    "list_type": "problem.list",
}
_WITH_VALUE = {
    "int_parsing": "problem.integer",
    "int_type": "problem.integer",
    "int_from_float": "problem.integer",
    "float_parsing": "problem.number",
    "float_type": "problem.number",
    "date_parsing": "problem.date",
    "date_type": "problem.date",
    "date_from_datetime_parsing": "problem.date",
    "datetime_parsing": "problem.datetime",
    "datetime_from_date_parsing": "problem.datetime",
    "datetime_type": "problem.datetime",
    "bool_parsing": "problem.bool",
    "bool_type": "problem.bool",
}
_LIMITS = {
    "greater_than_equal": ("problem.at_least", "ge"),
    "greater_than": ("problem.at_least", "gt"),
    "less_than_equal": ("problem.at_most", "le"),
    "less_than": ("problem.at_most", "lt"),
    "string_too_long": ("problem.too_long", "max_length"),
}


def field_path(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "value"


def describe(error: dict[str, Any]) -> Msg:
    """One pydantic error (an item of ``ValidationError.errors()``) as a message."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind in _SIMPLE:
        return Msg(_SIMPLE[kind])
    if kind in _WITH_VALUE:
        return Msg(_WITH_VALUE[kind], value=value)
    if kind in _LIMITS:
        key, bound = _LIMITS[kind]
        return Msg(key, limit=ctx.get(bound))
    if kind in ("enum", "literal_error"):
        return Msg("problem.choice", value=value, expected=ctx.get("expected", ""))
    detail = str(error.get("msg", ""))
    if kind == "value_error":
        detail = detail.removeprefix("Value error, ")
    return Msg("problem.unknown", detail=detail)


def problems(error: ValidationError) -> list[tuple[str, Msg]]:
    """Every problem of a validation error as (field path, message)."""
    return [(field_path(tuple(e.get("loc", ()))), describe(dict(e))) for e in error.errors()]


def first_problem(error: ValidationError) -> tuple[str, Msg]:
    return problems(error)[0]
