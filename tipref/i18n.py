"""Every sentence a person reads goes through gettext, with English source strings.

The Indonesian catalogue is ``tipref/locale/id/LC_MESSAGES/tipref.po`` (compiled to
``tipref.mo`` by Babel; see "Translating tipref" in CONTRIBUTING.md). The run's language
is chosen once, early (:func:`detect_language`, then :func:`set_language`):

- ``_("English text")``: translated into the run's language.
- ``ngettext(singular, plural, n)``: a count sentence, by the language's plural rule.
- ``N_("English text")``: only marks a string for extraction (data, module constants);
  translate it where it is used, with ``_()`` or ``Msg``. Nothing translates at import time.
- ``Msg("English {param}", param=...)``: a message not yet rendered; the core raises
  errors holding these and the shell renders them in the run's (or a given) language.
- ``translation(lang)``: text that must be in a given language whatever the run's
  (labels inside a letter written in the letter's language); ``Localized`` holds a
  document's table of labels, ``TABLE[lang]`` translated.
- ``LabelOf(enum_member)``, ``kind_label("case")``: parameters that render in the
  message's language.

A message missing a parameter never shows a raw ``{placeholder}``: the tests set
``TIPREF_I18N_STRICT=1`` and it raises; elsewhere the gap shows as "…".
"""

from __future__ import annotations

import gettext as _gettext
import json
import os
import string
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeGuard

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "tipref"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
STRICT_ENV = "TIPREF_I18N_STRICT"  # set by the tests: a missing parameter raises
MISSING = "…"  # shown for a missing parameter outside tests: never a raw {placeholder}

_language = DEFAULT_LANGUAGE
_catalogues: dict[str, _gettext.NullTranslations] = {}


# -- the run's language -----------------------------------------------------------------
def set_language(lang: str) -> None:
    """Make ``lang`` the run's language: ours, and click's own messages (stdlib gettext)."""
    global _language
    _language = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    # click calls gettext.gettext(): the process's domain, in the language of $LANGUAGE
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _language


def language() -> str:
    """The run's language: "id" or "en"."""
    return _language


def translation(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` (English, the source language, translates to itself)."""
    catalogue = _catalogues.get(lang)
    if catalogue is None:
        catalogue = _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[lang], fallback=True)
        _catalogues[lang] = catalogue
    return catalogue


def _(message: str) -> str:
    """``message`` (English) in the run's language."""
    return translation(_language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a count sentence for ``n`` in the run's language."""
    return translation(_language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (translate it at use)."""
    return message


# -- messages not yet rendered --------------------------------------------------------------
class MissingParameter(KeyError):
    """A message names a {parameter} nobody gave (raised in tests; shown as … otherwise)."""


class _Formatter(string.Formatter):
    def __init__(self, message: str, strict: bool) -> None:
        self.message = message
        self.strict = strict

    def get_value(
        self, key: int | str, args: Sequence[object], kwargs: Mapping[str, object]
    ) -> object:
        if isinstance(key, str) and key in kwargs:
            return kwargs[key]
        if isinstance(key, int) and key < len(args):
            return args[key]
        if self.strict:
            raise MissingParameter(f"{key!r} missing for the message {self.message!r}")
        return MISSING

    def get_field(
        self, field_name: str, args: Sequence[object], kwargs: Mapping[str, object]
    ) -> tuple[object, str]:
        try:
            return super().get_field(field_name, args, kwargs)
        except (AttributeError, IndexError, KeyError):
            if self.strict:
                raise
            return MISSING, field_name


def format_message(text: str, params: Mapping[str, object], source: str = "") -> str:
    """``text.format(**params)``, but a missing parameter never prints as ``{name}``."""
    strict = os.environ.get(STRICT_ENV) == "1"
    try:
        return _Formatter(source or text, strict).vformat(text, (), params)
    except (ValueError, TypeError):  # a stray brace in a translation: show it as written
        if strict:
            raise
        return text


class Msg:
    """A message not yet rendered: an English msgid with ``{placeholders}`` and values.

    ``render(lang)`` translates, then formats; a parameter that is itself a ``Msg`` is
    rendered in the same language. ``Msg.plural(singular, plural, n, **params)`` picks
    the form for ``n``, which is also the parameter ``{n}``.
    """

    __slots__ = ("message", "plural_message", "n", "params")

    def __init__(self, message: str, /, **params: object) -> None:
        self.message = message
        self.plural_message: str | None = None
        self.n = 0
        self.params = params

    @classmethod
    def plural(cls, singular: str, plural: str, n: int, /, **params: object) -> Msg:
        msg = cls(singular, **{"n": n, **params})
        msg.plural_message = plural
        msg.n = n
        return msg

    @property
    def key(self) -> str:  # the old name of the message id
        return self.message

    def render(self, lang: str | None = None) -> str:
        lang = lang or _language
        catalogue = translation(lang)
        if self.plural_message is None:
            text = catalogue.gettext(self.message)
        else:
            text = catalogue.ngettext(self.message, self.plural_message, self.n)
        params = {
            name: value.render(lang) if _renders(value) else value
            for name, value in self.params.items()
        }
        return format_message(text, params, self.message)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.message!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Msg):
            return NotImplemented
        return (self.message, self.plural_message, self.n, self.params) == (
            other.message,
            other.plural_message,
            other.n,
            other.params,
        )

    __hash__ = None  # type: ignore[assignment]


class _Renderable(Protocol):
    def render(self, lang: str | None = None) -> str: ...


def _renders(value: object) -> TypeGuard[_Renderable]:
    """A parameter shown in the message's language: a Msg, a label, one of our errors."""
    return isinstance(value, (Msg, LabelOf)) or (
        isinstance(value, Exception) and callable(getattr(value, "render", None))
    )


class Labelled(Protocol):
    def label(self, lang: str) -> str: ...


class LabelOf:
    """A parameter shown as ``item.label(lang)`` in the message's language (an enum's label)."""

    __slots__ = ("item",)

    def __init__(self, item: Labelled) -> None:
        self.item = item

    def render(self, lang: str | None = None) -> str:
        return self.item.label(lang or _language)

    def __str__(self) -> str:
        return self.render()


# -- choosing the language early and cheaply --------------------------------------------------
def detect_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """--lang, else TIPREF_LANG, else the book's language, else the user's, else Indonesian.

    Runs before click parses anything (so ``--help`` reads in the book's language) and
    costs a file read or two: no pydantic, no book opened.
    """
    flag = _option_value(argv, "--lang")
    for candidate in (flag, environ.get("TIPREF_LANG")):
        if candidate in LANGUAGES:
            return candidate
    found = _book_language(_option_value(argv, "--book") or environ.get("TIPREF_BOOK"))
    if found not in LANGUAGES:
        found = _user_language(environ)  # only now: finding the config folder costs an import
    return found if found in LANGUAGES else DEFAULT_LANGUAGE


def _option_value(argv: Sequence[str], name: str) -> str | None:
    """The last value given to ``name`` (``--name VALUE`` or ``--name=VALUE``) before ``--``."""
    value = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == name and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith(name + "="):
            value = arg[len(name) + 1 :]
    return value


def _book_language(explicit: str | None) -> str | None:
    if explicit:
        candidates = [Path(explicit).expanduser()]
    else:
        try:
            here = Path.cwd().resolve()
        except OSError:
            return None
        candidates = [here, *here.parents]
    for folder in candidates:
        settings = folder / "tipref.json"
        if settings.is_file():
            return _json_field(settings, "language")
    return None


def _user_language(environ: Mapping[str, str]) -> str | None:
    folder = environ.get("TIPREF_CONFIG_DIR")
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir("tipref", appauthor=False)
    return _json_field(Path(folder) / "config.json", "language")


def _json_field(path: Path, name: str) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # damaged: the command that needs the file says so
    value = data.get(name) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


class Localized(Mapping[str, Any]):
    """A document's table of labels, by language: ``TABLE[lang]["key"]``.

    Holds the English (strings marked with ``N_``, in dicts, lists and tuples); indexing
    by a language gives the same shape with every string translated into it, whatever
    the run's language (a letter in the letter's language).
    """

    def __init__(self, english: Any) -> None:
        self.english = english

    def __getitem__(self, lang: str) -> Any:
        return _translated(self.english, translation(lang))

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def _translated(value: Any, catalogue: _gettext.NullTranslations) -> Any:
    if isinstance(value, str):
        return catalogue.gettext(value) if value else value
    if isinstance(value, dict):
        return {key: _translated(item, catalogue) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_translated(item, catalogue) for item in value)
    return value


# -- the names of record kinds, for messages that name one ("Case 'X' not found") ----------
KIND_LABELS: dict[str, str] = {
    "case": N_("Case"),
    "referral": N_("Referral"),
    "provider": N_("Provider"),
    "person": N_("Person"),
    "commitment": N_("Commitment document"),
    "handover": N_("Handover"),
    "conference": N_("Case conference"),
    "log_entry": N_("log entry"),
    "record": N_("Record"),  # a number looked up in every kind
}


def kind_label(kind: str) -> Msg:
    """The name of a record kind, to render in the message's language (unknown: as given)."""
    return Msg(KIND_LABELS.get(kind, kind))
