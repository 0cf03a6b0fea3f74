"""Validation problems in words a person understands, in the book's language.

pydantic reports "String should have at least 1 character" or "Value error, ..."; here
each kind of problem becomes a :class:`~tipref.i18n.Msg` that says what is allowed. The
field is named by the caller (the CLI maps it to the option the user typed, the importer
to the column).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from tipref.i18n import N_, Msg

_SIMPLE = {
    "missing": N_("is required"),
    "string_type": N_("must be text"),
    "string_too_short": N_("must not be blank"),
    "list_type": N_("must be a list"),
}
_WITH_VALUE = {
    "int_parsing": N_("'{value}' is not a whole number"),
    "int_type": N_("'{value}' is not a whole number"),
    "int_from_float": N_("'{value}' is not a whole number"),
    "float_parsing": N_("'{value}' is not a number"),
    "float_type": N_("'{value}' is not a number"),
    "date_parsing": N_("'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-01-25"),
    "date_type": N_("'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-01-25"),
    "date_from_datetime_parsing": N_("'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-01-25"),
    "datetime_parsing": N_("'{value}' is not a date and time; write YYYY-MM-DDTHH:MM"),
    "datetime_from_date_parsing": N_("'{value}' is not a date and time; write YYYY-MM-DDTHH:MM"),
    "datetime_type": N_("'{value}' is not a date and time; write YYYY-MM-DDTHH:MM"),
    "bool_parsing": N_("'{value}' is not yes/no"),
    "bool_type": N_("'{value}' is not yes/no"),
}
_LIMITS = {
    "greater_than_equal": (N_("must be at least {limit}"), "ge"),
    "greater_than": (N_("must be at least {limit}"), "gt"),
    "less_than_equal": (N_("must be at most {limit}"), "le"),
    "less_than": (N_("must be at most {limit}"), "lt"),
    "string_too_long": (N_("must be at most {limit} characters"), "max_length"),
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
        return Msg(
            "'{value}' is not known; choose from: {expected}",
            value=value,
            expected=str(ctx.get("expected", "")).replace(" or ", ", "),  # pydantic's English
        )
    detail = str(error.get("msg", ""))
    if kind == "value_error":  # our validators' own sentences are in the catalogue (N_)
        detail = detail.removeprefix("Value error, ")
        if "{" not in detail:
            return Msg(detail)
    return Msg("{detail}", detail=detail)


def problems(error: ValidationError) -> list[tuple[str, Msg]]:
    """Every problem of a validation error as (field path, message)."""
    return [(field_path(tuple(e.get("loc", ()))), describe(dict(e))) for e in error.errors()]


def first_problem(error: ValidationError) -> tuple[str, Msg]:
    return problems(error)[0]
