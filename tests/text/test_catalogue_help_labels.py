"""Issue 16: the help, click's words, enum labels and the SOP have Indonesian in the
catalogue; a missing translation is a failure, never a fallback to English."""

from __future__ import annotations

import inspect
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po

import tipref
from tipref.cli import cli
from tipref.clicktext import CLICK_MESSAGES, OLDER_CLICK_MESSAGES
from tipref.commands._help import EXAMPLES, SUMMARIES
from tipref.commands._translate import _FILLED
from tipref.guidance.sop import CATALOGUE
from tipref.guidance.tour_steps import STEPS
from tipref.i18n import translation
from tipref.schemas import case, consent, enums, identification
from tipref.schemas.labels import LabelledEnum

PO = Path(tipref.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "tipref.po"


@pytest.fixture(scope="module")
def indonesian() -> dict[str, str]:
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    texts = {}
    for message in catalogue:
        if message.id:
            key = message.id if isinstance(message.id, str) else message.id[0]
            string = message.string if isinstance(message.string, str) else message.string[0]
            texts[key] = string
    return texts


def _untranslated(msgids, indonesian: dict[str, str]) -> list[str]:
    return sorted({m for m in msgids if m and not indonesian.get(m)})


def _help_msgids() -> set[str]:
    ctx = click.Context(cli)
    found: set[str] = set()

    def msgid(text: str | None) -> str | None:
        if not text:
            return None
        cleaned = inspect.cleandoc(text)
        return _FILLED[cleaned][0] if cleaned in _FILLED else cleaned

    def walk(command: click.Command) -> None:
        found.update(filter(None, (msgid(command.help), msgid(command.short_help))))
        found.update(
            filter(
                None,
                (
                    msgid(getattr(p, "help", None))
                    for p in command.params
                    if not getattr(p, "hidden", False)
                ),
            )
        )
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub)

    walk(cli)
    found.update(SUMMARIES.values())
    found.update(e[1] for examples in EXAMPLES.values() for e in examples if not isinstance(e, str))
    return found


def test_every_help_text_has_indonesian(indonesian):
    msgids = _help_msgids()
    assert len(msgids) > 350
    assert _untranslated(msgids, indonesian) == []


def test_clicks_own_messages_have_indonesian(indonesian):
    assert _untranslated([*CLICK_MESSAGES, *OLDER_CLICK_MESSAGES], indonesian) == []
    for plural in ("{value!r} is not {choice}.", "Did you mean {possibility}?"):
        assert indonesian[plural]


def _labelled_enums() -> list[type[LabelledEnum]]:
    found = []
    for module in (enums, case, consent, identification):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, LabelledEnum)
                and value is not LabelledEnum
            ):
                found.append(value)
    return sorted(set(found), key=lambda cls: cls.__name__)


def test_every_enum_label_has_indonesian(indonesian):
    enum_classes = _labelled_enums()
    assert len(enum_classes) > 15
    labels = [member.english for cls in enum_classes for member in cls]
    assert all(labels)
    assert _untranslated(labels, indonesian) == []


def test_labels_follow_the_language_and_parse_accepts_either():
    assert enums.Service.legal.label("id") == "Bantuan Hukum"
    assert enums.Service.legal.label("en") == "Legal aid"
    assert enums.Service.legal.labels == {"id": "Bantuan Hukum", "en": "Legal aid"}
    assert enums.Service.parse("bantuan hukum") is enums.Service.legal
    assert enums.Service.parse("Legal aid") is enums.Service.legal
    assert enums.Service.parse("legal") is enums.Service.legal


def test_every_sop_and_tour_text_has_indonesian(indonesian):
    texts: list[str] = []
    for entry in CATALOGUE:
        texts += [entry.purpose, *entry.steps, *entry.documents, *entry.notes]
        texts += [limit.text for limit in entry.time_limits]
    for step in STEPS:
        texts += [step.title, step.explain]
    assert len(texts) > 80
    assert _untranslated(texts, indonesian) == []
    # one rule for every language: the Indonesian comes from the catalogue
    assert translation("id").gettext(CATALOGUE[0].purpose) == indonesian[CATALOGUE[0].purpose]


def test_the_sop_says_default_not_law_once_and_names_no_notes_of_ours(tipref):
    for lang in ("id", "en"):
        out = tipref("sop", "--lang", lang).stdout
        assert "DOMAIN" not in out and "§" not in out and ".md" not in out
        for line in out.split("•"):
            assert line.count("bukan hukum") <= 1 and line.count("not law") <= 1, line
