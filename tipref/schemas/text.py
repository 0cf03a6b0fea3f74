"""The text policy: what a person or a spreadsheet may put in a field, and how text leaves.

Three kinds of text field, as annotated types the models use:

- ``SingleLine``: a name, a place, a title. NFC-normalised, surrounding spaces removed;
  refused when blank, when it holds a control character (a newline included), or when
  it is longer than its limit (``single_line(max_length)`` for another limit).
- ``OptionalLine``: the same, but empty text is allowed (an unknown street).
- ``FreeText``: a chronology entry, a reason, a situation. NFC-normalised; newlines and
  tabs are kept (``\\r\\n`` becomes ``\\n``), every other control character is dropped.
- ``RequiredText``: free text that must say something (a chronology entry).
- ``Code``: a short machine code (a provider code, a region code): letters, digits and
  ``. _ -``, starting with a letter or digit.

The checks are clock-free and run whenever a model is built, so a record read from the
book is held to the same policy as one typed in. Text already stored before this policy
existed, or written by another tool, is made safe on the way out: :func:`for_xml` for
.docx and .xlsx writers; :func:`tipref.terminal.for_terminal` for anything printed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

from tipref.errors import InvalidInput
from tipref.i18n import Msg
from tipref.terminal import CONTROL_CHARACTERS

SINGLE_LINE_MAX = 200
FREE_TEXT_MAX = 20_000
CODE_MAX = 40

# C0 and C1 controls and DEL; the free-text variant keeps tab (\x09) and newline (\x0a).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_FREE = CONTROL_CHARACTERS

# Not allowed in XML 1.0 at all (so neither in .docx nor in .xlsx): controls other than
# tab/newline/carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


# Validation context for a record read from the book (``model_validate(data, context=STORED)``):
# text stored before this policy, or by another tool, is cleaned instead of refused, so an
# old record never turns "corrupt"; the policy is enforced whenever text is entered.
STORED = {"stored": True}


def is_stored(info: ValidationInfo | None) -> bool:
    """Whether a validator runs on a record read from the book (``context=STORED``)."""
    return bool(info is not None and isinstance(info.context, dict) and info.context.get("stored"))


def _field(info: ValidationInfo | None) -> str:
    return (info.field_name if info is not None else None) or "text"


def _as_text(value: Any, info: ValidationInfo | None) -> Any:
    """Numbers typed in a spreadsheet cell are text to a text field; other types are refused."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise InvalidInput(
            field=_field(info), problem=Msg("must be text, not {kind}", kind=type(value).__name__)
        )
    return value


_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "backspace",
    0x09: "tab",
    0x0A: "newline",
    0x0D: "carriage return",
    0x1B: "ESC",
    0x7F: "DEL",
}


def describe_char(char: str) -> str:
    """A control character as a person can read it: U+001B ESC."""
    name = _CONTROL_NAMES.get(ord(char)) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def check_single_line(value: str, field: str = "text", max_length: int = SINGLE_LINE_MAX) -> str:
    """NFC, trimmed, non-blank, one line without control characters, at most ``max_length``."""
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise InvalidInput(field=field, problem=Msg("must not be blank"))
    bad = _CONTROL.search(text)
    if bad:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "holds a control character ({char}); write one line of text without control characters",
                char=describe_char(bad.group()),
            ),
        )
    if len(text) > max_length:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "is too long ({length} characters); at most {limit}",
                length=len(text),
                limit=max_length,
            ),
        )
    return text


def clean_free_text(value: str, field: str = "text", max_length: int = FREE_TEXT_MAX) -> str:
    """NFC; newlines and tabs kept, other control characters dropped; at most ``max_length``."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_FREE.sub("", text)
    if len(text) > max_length:
        raise InvalidInput(
            field=field,
            problem=Msg(
                "is too long ({length} characters); at most {limit}",
                length=len(text),
                limit=max_length,
            ),
        )
    return text


def check_code(value: str, field: str = "code", max_length: int = CODE_MAX) -> str:
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise InvalidInput(field=field, problem=Msg("must not be blank"))
    if len(text) > max_length or not _CODE.fullmatch(text):
        raise InvalidInput(
            field=field,
            problem=Msg(
                "'{value}' is not a valid code: use letters, digits, '.', '_' or '-', starting with a letter or digit (at most {limit})",
                value=text,
                limit=max_length,
            ),
        )
    return text


def single_line(max_length: int = SINGLE_LINE_MAX, blank: bool = False) -> Any:
    """A SingleLine type with another maximum length; ``blank=True`` also takes ""."""

    def check(value: str, info: ValidationInfo) -> str:
        if is_stored(info):
            return _CONTROL.sub(" ", unicodedata.normalize("NFC", value)).strip()
        if blank and not value.strip():
            return ""
        return check_single_line(value, _field(info), max_length)

    return Annotated[str, BeforeValidator(_as_text), AfterValidator(check)]


def free_text(max_length: int = FREE_TEXT_MAX, blank: bool = True) -> Any:
    """A FreeText type with another maximum length; ``blank=False`` refuses empty text."""

    def check(value: str, info: ValidationInfo) -> str:
        if is_stored(info):
            return without_controls(value)
        text = clean_free_text(value, _field(info), max_length)
        if not blank and not text.strip():
            raise InvalidInput(field=_field(info), problem=Msg("must not be blank"))
        return text

    return Annotated[str, BeforeValidator(_as_text), AfterValidator(check)]


def _code(value: str, info: ValidationInfo) -> str:
    if is_stored(info):
        return value
    return check_code(value, _field(info))


SingleLine = single_line()
OptionalLine = single_line(blank=True)
FreeText = free_text()
RequiredText = free_text(blank=False)
Code = Annotated[str, BeforeValidator(_as_text), AfterValidator(_code)]


# -- on the way out ------------------------------------------------------------------


def without_controls(value: str) -> str:
    """Free text as stored text should be: NFC, no control characters but newline and tab."""
    return _CONTROL_FREE.sub("", unicodedata.normalize("NFC", value.replace("\r\n", "\n")))


def for_xml(value: Any) -> Any:
    """Text a .docx or .xlsx can hold: characters XML 1.0 forbids are dropped; others pass."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    return value
