"""ISO 3166-1 alpha-2 country codes and their names, from Babel's CLDR data (written out
in :mod:`tipref.schemas.country_names`, so that Babel is not loaded at run time)."""

from __future__ import annotations

import functools

from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.schemas.country_names import NAMES_EN, NAMES_ID


def _names(lang: str) -> dict[str, str]:
    return NAMES_ID if lang == "id" else NAMES_EN


def normalise_country(value: str, field: str = "country") -> str:
    """Accept a code (``my``) or a name in either language (``Malaysia``); return ``MY``."""
    text = value.strip()
    if text.upper() in _names("en"):
        return text.upper()
    code = _by_folded_name().get(text.casefold())
    if code is not None:
        return code
    raise InvalidInput(
        field=field,
        problem=Msg("'{value}' is not an ISO 3166 country code (e.g. ID, MY, SG)", value=value),
    )


@functools.cache
def _by_folded_name() -> dict[str, str]:
    """Country names in either language (English first), folded, -> code."""
    found: dict[str, str] = {}
    for lang in ("en", "id"):
        for code, name in _names(lang).items():
            found.setdefault(name.casefold(), code)
    return found


def country_name(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return _names(lang).get(code, code)
